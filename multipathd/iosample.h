/* Sampling a path's I/O for marginal_path_*: direct reads of its first
 * block, ten a second, on one AIO context whose completions come to the
 * event loop through an eventfd. The context exists only while a path
 * is sampled. */
#ifndef MULTIPATHD_IOSAMPLE_H
#define MULTIPATHD_IOSAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "loop.h"

struct iosampler;
struct iosample;

typedef void (*iosample_done_fn)(struct iosample *s, unsigned int errors,
				 unsigned int total, void *arg);

/* Reads sent per second, and how long one may take before it counts as
 * failed. */
#define IOSAMPLE_PER_SEC 10
#define IOSAMPLE_TIMEOUT_S 60

struct iosampler *iosampler_new(struct loop *l);
/* Frees it; samples still running end without their callback. */
void iosampler_free(struct iosampler *sp);

/* Sample the block device node for seconds; done is called once on the
 * loop's thread when the reads are over (a read still out after the
 * sample waits up to IOSAMPLE_TIMEOUT_S more). The sample, or NULL
 * (logged) when the device cannot be opened or there is no AIO context. */
struct iosample *iosample_start(struct iosampler *sp, const char *node,
				unsigned int seconds, iosample_done_fn done,
				void *arg);
/* Stop it without its callback (the path went away); it is freed once
 * no read of it is out. */
void iosample_cancel(struct iosample *s);

/* Samples running (for tests and "show daemon"). */
unsigned int iosampler_running(const struct iosampler *sp);

#endif
