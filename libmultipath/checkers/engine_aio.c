/* directio's reads on the engine: submitted to the process's one AIO
 * context, queued while it is full, reaped when its eventfd fires. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "checkers/engine.h"
#include "util/log.h"

/* asked of io_setup() once per process; less when fs.aio-max-nr is low */
#define AIO_EVENTS_WANTED 1024
#define REAP_BATCH 64

static void backlog_add(struct check_engine *e, struct check_req *r)
{
	r->bl_next = NULL;
	if (e->bl_tail)
		e->bl_tail->bl_next = r;
	else
		e->bl_head = r;
	e->bl_tail = r;
	r->in_backlog = true;
}

void backlog_del(struct check_engine *e, struct check_req *r)
{
	struct check_req **pp, *prev = NULL;

	for (pp = &e->bl_head; *pp; prev = *pp, pp = &(*pp)->bl_next) {
		if (*pp != r)
			continue;
		*pp = r->bl_next;
		if (e->bl_tail == r)
			e->bl_tail = prev;
		break;
	}
	r->in_backlog = false;
}

bool aio_available(struct check_engine *e)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int r;

	if (e->aio_tried)
		return e->aio.nr > 0;
	e->aio_tried = true;
	r = aio_ring_open(&e->aio, AIO_EVENTS_WANTED);
	if (r == 0 && epoll_ctl(e->epfd, EPOLL_CTL_ADD, e->aio.efd, &ev) < 0) {
		r = -errno;
		aio_ring_close(&e->aio);
	}
	if (r < 0)
		condlog(3, "directio: no aio context (%s), reading on worker threads",
			strerror(-r));
	return r == 0;
}

static bool aio_failed(struct check_engine *e, struct check_req *r, int err)
{
	condlog(3, "%s: directio: io_submit error %d", r->dev, -err);
	r->state = PATH_UNCHECKED;
	r->cc.msg = " is not available";
	return finish(e, r);
}

int start_on_aio(struct check_engine *e, struct check_req *r)
{
	int rc;

	r->len = r->cc.ops->read_len(r->cc.fd);
	if (posix_memalign(&r->buf, sysconf(_SC_PAGESIZE), r->len) != 0) {
		r->buf = NULL;
		return -ENOMEM;
	}
	r->kind = REQ_AIO;
	io_prep_pread(&r->iocb, r->cc.fd, r->buf, r->len, 0);
	r->iocb.data = r;
	if (e->bl_head) {
		backlog_add(e, r);
		return 0;
	}
	rc = aio_ring_submit(&e->aio, &r->iocb);
	if (rc == -EAGAIN)
		backlog_add(e, r);
	else if (rc < 0) {
		free(r->buf);
		r->buf = NULL;
		return rc;
	}
	return 0;
}

/* Submit what waits for AIO slots, oldest first. */
static int aio_flush_backlog(struct check_engine *e)
{
	struct check_req *r;
	int rc, n = 0;

	while ((r = e->bl_head)) {
		rc = aio_ring_submit(&e->aio, &r->iocb);
		if (rc == -EAGAIN)
			break;
		backlog_del(e, r);
		if (rc < 0)
			n += aio_failed(e, r, rc);
	}
	return n;
}

int aio_reap_all(struct check_engine *e)
{
	struct io_event ev[REAP_BATCH];
	struct check_req *r;
	int i, got, n = 0;

	do {
		got = aio_ring_reap(&e->aio, ev, REAP_BATCH);
		for (i = 0; i < got; i++) {
			r = ev[i].data;
			r->state = r->cc.ops->read_done(&r->cc, (long)ev[i].res,
							r->len);
			n += finish(e, r);
		}
	} while (got == REAP_BATCH);
	return n + aio_flush_backlog(e);
}
