/* mpathpersist: persistent reservations on a multipath map, carried out
 * on its paths (PR IN through one usable path, registrations on every
 * one, the other PR OUT service actions through one). */
#ifndef MPATHPERSIST_PERSIST_H
#define MPATHPERSIST_PERSIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "persist/pr_codec.h"

struct config;
struct discovery;

struct pr_context {
	struct config *conf;
	const struct discovery *disc;
};

/* What one mpathpersist command line asks for. */
struct pr_request {
	const char *device;
	bool in, out;
	int prin_sa, prout_sa;	/* -1: none */
	int n_prin_sa, n_prout_sa;
	bool hex;
	bool noisy;		/* -H or -v3: the bytes sent and received logged */
	unsigned alloc_len;	/* -l; 0: the default */
	uint64_t rk, sark;
	unsigned type;
	bool all_tg_pt, aptpl;
	struct pr_tid tids[PR_MAX_TIDS];
	size_t n_tids;
};

/*
 * Run rq on the map the open block device fd is (device is its name for
 * messages): a PR IN prints its reply on stdout as the reference does,
 * a PR OUT changes the registrations and tells a running multipathd.
 * Returns a PR_STATUS_* code (the exit status).
 */
int pr_run(const struct pr_context *ctx, const struct pr_request *rq, int fd);

#endif
