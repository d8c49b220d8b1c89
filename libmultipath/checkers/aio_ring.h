/* The process's one libaio context for directio checks: completions
 * signalled through an eventfd. Internal to the engine. */
#ifndef MP_CHECKERS_AIO_RING_H
#define MP_CHECKERS_AIO_RING_H

#include <libaio.h>

struct aio_ring {
	io_context_t ctx;
	int efd;		/* readable when events are ready */
	unsigned int nr;	/* events the context holds */
	unsigned int inflight;	/* submitted, not yet reaped */
};

/* io_setup() for want events, halving the request while the kernel says
 * fs.aio-max-nr is exhausted (EAGAIN); 0 or -errno (ring untouched). */
int aio_ring_open(struct aio_ring *a, unsigned int want);
/* Waits for the requests in flight (the kernel does), then frees. */
void aio_ring_close(struct aio_ring *a);
/* Submit one prepared iocb (its eventfd set here). 0, -EAGAIN when the
 * context is full, -errno. */
int aio_ring_submit(struct aio_ring *a, struct iocb *cb);
/* Completed events without waiting: how many were stored in ev (at most
 * max), or -errno. */
int aio_ring_reap(struct aio_ring *a, struct io_event *ev, int max);

#endif
