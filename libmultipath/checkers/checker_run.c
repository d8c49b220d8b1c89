/* A path's checker on the engine: start a check (inline, on a worker or
 * as an AIO read), cancel it, release the checker, wait for a result. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"
#include "checkers/engine.h"

void checker_init(struct checker *c, const struct checker_ops *ops,
		  const char *dev, unsigned int timeout_ms)
{
	memset(c, 0, sizeof(*c));
	c->ops = ops;
	c->fd = -1;
	c->timeout_ms = timeout_ms;
	c->state = PATH_UNCHECKED;
	snprintf(c->dev, sizeof(c->dev), "%s", dev);
}

void checker_set_fd(struct checker *c, int fd)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = fd;
}

static void node_of(const struct checker *c, char *node, size_t len)
{
	snprintf(node, len, c->dev[0] == '/' ? "%s" : "/dev/%s", c->dev);
}

static int checker_open(struct checker *c)
{
	char node[DEV_NAME_SIZE + 8];

	if (c->fd >= 0)
		return 0;
	node_of(c, node, sizeof(node));
	c->fd = open(node, c->ops->open_flags | O_CLOEXEC);
	return c->fd < 0 ? -errno : 0;
}

static void start_inline(struct check_req *r, struct checker *c)
{
	r->cc.ctx = c->ctx;
	if (!c->ctx_ready && c->ops->init) {
		if (c->ops->init(&r->cc) < 0) {
			finish_early(r, PATH_UNCHECKED, MSG_INIT_FAILED);
			return;
		}
		c->ctx = r->cc.ctx;
		c->ctx_ready = true;
	}
	r->state = c->ops->check(&r->cc);
	finish_early(r, r->state, r->cc.msg);
}

/* Give r its device: none for work that opens what it needs; the node
 * for a worker to open at the first check; else a copy of the checker's
 * descriptor (an AIO read needs it open first). False when r has finished
 * early instead. */
static bool give_device(struct check_req *r, struct checker *c)
{
	int rc;

	if (c->ops->open_flags == CHECKER_NO_DEVICE)
		return true;
	if (c->fd < 0 && c->ops->run == CHECK_ON_WORKER) {
		node_of(c, r->node, sizeof(r->node));
		return true;
	}
	rc = checker_open(c);
	if (rc < 0) {
		r->cc.note_level = 3;
		snprintf(r->cc.note, sizeof(r->cc.note),
			 "%s: cannot open the device: %s", c->dev,
			 strerror(-rc));
		finish_early(r, PATH_DOWN, MSG_NO_FD);
		return false;
	}
	r->cc.fd = fcntl(c->fd, F_DUPFD_CLOEXEC, 0);
	if (r->cc.fd < 0) {
		finish_early(r, PATH_UNCHECKED, MSG_NO_FD);
		return false;
	}
	return true;
}

/* Start r on a worker or the AIO context; the checker lends its context. */
static void start_io(struct check_engine *e, struct check_req *r,
		     struct checker *c)
{
	int rc;

	if (!give_device(r, c))
		return;
	r->cc.ctx = c->ctx;
	c->ctx = NULL;
	r->has_ctx = true;
	r->need_init = !c->ctx_ready && c->ops->init;
	rc = -EAGAIN;
	if (c->ops->run == CHECK_ON_AIO && !r->need_init && aio_available(e))
		rc = start_on_aio(e, r);
	if (rc < 0)
		rc = start_on_worker(e, r);
	if (rc < 0) {
		return_ctx(r);
		r->cc.note_level = 1;
		snprintf(r->cc.note, sizeof(r->cc.note),
			 "%s: cannot run the %s checker: %s", c->dev,
			 c->ops->name, strerror(-rc));
		finish_early(r, PATH_UNCHECKED, NULL);
		return;
	}
	dl_add(e, r);
}

int checker_start(struct check_engine *e, struct checker *c,
		  checker_done_fn done, void *arg)
{
	struct check_req *r;

	if (c->req)
		return -EBUSY;
	if (!c->ops)
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->e = e;
	r->c = c;
	snprintf(r->dev, sizeof(r->dev), "%s", c->dev);
	r->cc.ops = c->ops;
	r->cc.dev = r->dev;
	r->cc.fd = -1;
	r->cc.timeout_ms = c->timeout_ms;
	r->cc.mpctx = c->mpctx;
	r->start_ns = now_ns();
	r->deadline_ns = r->start_ns + c->timeout_ms * NSEC_PER_MSEC;
	c->req = r;
	c->done = done;
	c->done_arg = arg;
	live_add(e, r);
	if (c->stalled)
		finish_early(r, PATH_TIMEOUT, MSG_TIMEOUT);
	else if (c->ops->run == CHECK_INLINE)
		start_inline(r, c);
	else
		start_io(e, r, c);
	rearm(e);
	return 0;
}

void checker_cancel(struct checker *c)
{
	struct check_req *r = c->req;
	struct check_engine *e;

	if (!r)
		return;
	e = r->e;
	c->req = NULL;
	dl_del(e, r);
	if ((r->kind == REQ_WORKER && pool_unqueue(&e->pool, &r->job)) ||
	    (r->kind == REQ_AIO && r->in_backlog)) {
		if (r->in_backlog)
			backlog_del(e, r);
		req_free(e, r);
	} else if (r->kind == REQ_INLINE) {
		/* on the done list: freed when processed */
		r->c = NULL;
	} else {
		c->stalled = r;
	}
}

void checker_release(struct checker *c)
{
	if (!c->ops)
		return;
	checker_cancel(c);
	if (c->stalled) {
		/* it keeps the context and frees it when it ends */
		c->stalled->c = NULL;
		c->stalled = NULL;
	} else if (c->ctx && c->ops->free) {
		c->ops->free(c->ctx);
	}
	c->ctx = NULL;
	c->ctx_ready = false;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static void sync_done(struct checker *c, void *arg)
{
	*(bool *)arg = true;
}

enum path_state checker_check_sync(struct check_engine *e, struct checker *c)
{
	bool done = false;

	if (checker_start(e, c, sync_done, &done) < 0) {
		c->state = PATH_UNCHECKED;
		return c->state;
	}
	while (!done) {
		if (check_engine_wait(e, -1) < 0) {
			checker_cancel(c);
			c->state = PATH_UNCHECKED;
			break;
		}
	}
	return c->state;
}
