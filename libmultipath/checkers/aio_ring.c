/* The process's one libaio context for directio checks. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "checkers/aio_ring.h"
#include "util/log.h"

int aio_ring_open(struct aio_ring *a, unsigned int want)
{
	io_context_t ctx;
	unsigned int n;
	int efd, r = -EINVAL;

	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (efd < 0)
		return -errno;
	for (n = want; n > 0; n /= 2) {
		memset(&ctx, 0, sizeof(ctx));
		r = io_setup(n, &ctx);
		if (r != -EAGAIN)
			break;
	}
	if (r < 0) {
		close(efd);
		return r;
	}
	a->ctx = ctx;
	a->efd = efd;
	a->nr = n;
	a->inflight = 0;
	condlog(3, "directio: one aio context of %u events for all paths%s", n,
		n < want ? " (fs.aio-max-nr is low)" : "");
	return 0;
}

void aio_ring_close(struct aio_ring *a)
{
	if (!a->nr)
		return;
	io_destroy(a->ctx);
	close(a->efd);
	a->nr = 0;
}

int aio_ring_submit(struct aio_ring *a, struct iocb *cb)
{
	int r;

	if (a->inflight >= a->nr)
		return -EAGAIN;
	io_set_eventfd(cb, a->efd);
	r = io_submit(a->ctx, 1, &cb);
	if (r == 1) {
		a->inflight++;
		return 0;
	}
	return r < 0 ? r : -EAGAIN;
}

int aio_ring_reap(struct aio_ring *a, struct io_event *ev, int max)
{
	struct timespec zero = { 0, 0 };
	uint64_t cnt;
	int r;

	/* reset the eventfd first: later completions set it again */
	if (read(a->efd, &cnt, sizeof(cnt)) < 0 && errno != EAGAIN)
		return -errno;
	r = io_getevents(a->ctx, 0, max, ev, &zero);
	if (r > 0)
		a->inflight -= r;
	return r;
}
