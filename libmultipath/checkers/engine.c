/* The check engine: runs checks on worker threads or the process's one
 * AIO context (engine_aio.c), enforces their deadlines with a timerfd,
 * and delivers results and timeouts when the caller processes its
 * completion fd. Only the caller's thread touches checkers and the
 * engine's lists; workers see their request's copy of what a check needs. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"
#include "checkers/engine.h"
#include "util/cleanup.h"
#include "util/log.h"

/* queued checks waiting this long make the worker pool grow */
#define STALL_NS (10 * NSEC_PER_MSEC)
#define SHARED_MAX_WORKERS 256

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ---- lists --------------------------------------------------------------------- */

void live_add(struct check_engine *e, struct check_req *r)
{
	r->prev = NULL;
	r->next = e->live;
	if (e->live)
		e->live->prev = r;
	e->live = r;
	e->nlive++;
}

static void live_del(struct check_engine *e, struct check_req *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		e->live = r->next;
	if (r->next)
		r->next->prev = r->prev;
	e->nlive--;
}

/* Deadlines mostly grow with start times: insert scanning from the tail. */
void dl_add(struct check_engine *e, struct check_req *r)
{
	struct check_req *p = e->dl_tail;

	while (p && p->deadline_ns > r->deadline_ns)
		p = p->dl_prev;
	r->dl_prev = p;
	r->dl_next = p ? p->dl_next : e->dl_head;
	if (r->dl_next)
		r->dl_next->dl_prev = r;
	else
		e->dl_tail = r;
	if (p)
		p->dl_next = r;
	else
		e->dl_head = r;
	r->on_deadlines = true;
}

void dl_del(struct check_engine *e, struct check_req *r)
{
	if (!r->on_deadlines)
		return;
	if (r->dl_prev)
		r->dl_prev->dl_next = r->dl_next;
	else
		e->dl_head = r->dl_next;
	if (r->dl_next)
		r->dl_next->dl_prev = r->dl_prev;
	else
		e->dl_tail = r->dl_prev;
	r->on_deadlines = false;
}

/* ---- requests -------------------------------------------------------------------- */

static void kick(struct check_engine *e)
{
	uint64_t one = 1;

	if (write(e->kickfd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		condlog(0, "checker engine: cannot signal a completion: %m");
}

/* Any thread: r has its result. */
static void post_done(struct check_req *r)
{
	struct check_engine *e = r->e;

	pthread_mutex_lock(&e->lock);
	r->done_next = e->done;
	e->done = r;
	pthread_mutex_unlock(&e->lock);
	kick(e);
}

/* Give the checker back the context r borrowed. */
void return_ctx(struct check_req *r)
{
	struct checker *c = r->c;

	if (!r->has_ctx)
		return;
	r->has_ctx = false;
	if (c) {
		c->ctx = r->cc.ctx;
		if (r->inited)
			c->ctx_ready = true;
	} else if (r->cc.ctx && r->cc.ops->free) {
		r->cc.ops->free(r->cc.ctx);
	}
}

void req_free(struct check_engine *e, struct check_req *r)
{
	return_ctx(r);
	if (r->c && r->c->req == r)
		r->c->req = NULL;
	if (r->c && r->c->stalled == r)
		r->c->stalled = NULL;
	dl_del(e, r);
	live_del(e, r);
	if (r->cc.fd >= 0)
		close(r->cc.fd);
	free(r->buf);
	free(r);
}

static void set_result(struct checker *c, enum path_state st,
		       const char *msg, uint64_t start_ns)
{
	c->state = st;
	if (msg && *msg)
		snprintf(c->message, sizeof(c->message), "%s checker%s",
			 c->ops->name, msg);
	else
		c->message[0] = '\0';
	c->elapsed_ms = (now_ns() - start_ns) / NSEC_PER_MSEC;
}

/* Caller's thread: r's work has ended; deliver it unless a timeout was
 * delivered instead or it was cancelled, then free it. True if a done
 * callback ran. */
bool finish(struct check_engine *e, struct check_req *r)
{
	struct checker *c = r->c;
	bool deliver = c && c->req == r;

	if (r->cc.note[0])
		condlog(r->cc.note_level, "%s", r->cc.note);
	if (deliver)
		set_result(c, r->state, r->cc.msg, r->start_ns);
	/* the checker keeps what a worker opened */
	if (c && r->node[0] && c->fd < 0)
		c->fd = TAKE_FD(r->cc.fd);
	req_free(e, r);
	if (deliver && c->done)
		c->done(c, c->done_arg);
	return deliver;
}

/* A result known at start, delivered by the next processing. */
void finish_early(struct check_req *r, enum path_state st,
			 const char *msg)
{
	r->kind = REQ_INLINE;
	r->state = st;
	r->cc.msg = msg;
	post_done(r);
}

/* ---- worker checks ----------------------------------------------------------------- */

static void job_run(struct pool_job *j)
{
	struct check_req *r = (struct check_req *)j;
	const struct checker_ops *ops = r->cc.ops;

	/* opening a disk waits while its SCSI host recovers: not on the
	 * caller's thread */
	if (r->node[0]) {
		r->cc.fd = open(r->node, ops->open_flags | O_CLOEXEC);
		if (r->cc.fd < 0) {
			r->cc.note_level = 3;
			snprintf(r->cc.note, sizeof(r->cc.note),
				 "%s: cannot open the device: %m", r->dev);
			r->state = PATH_DOWN;
			r->cc.msg = MSG_NO_FD;
			return;
		}
	}
	if (r->need_init) {
		if (ops->init(&r->cc) < 0) {
			r->state = PATH_UNCHECKED;
			r->cc.msg = MSG_INIT_FAILED;
			return;
		}
		r->inited = true;
	}
	r->state = ops->check(&r->cc);
}

static void job_done(struct pool_job *j)
{
	post_done((struct check_req *)j);
}

int start_on_worker(struct check_engine *e, struct check_req *r)
{
	r->kind = REQ_WORKER;
	r->job.run = job_run;
	r->job.done = job_done;
	return pool_submit(&e->pool, &r->job, r->start_ns);
}

/* ---- deadlines ------------------------------------------------------------------------ */

void rearm(struct check_engine *e)
{
	struct itimerspec its = { 0 };
	uint64_t next = e->dl_head ? e->dl_head->deadline_ns : 0;
	uint64_t stall = pool_check_stall(&e->pool, now_ns(), STALL_NS);

	if (stall && (!next || stall < next))
		next = stall;
	if (next == e->armed_ns)
		return;
	its.it_value.tv_sec = next / 1000000000ULL;
	its.it_value.tv_nsec = next % 1000000000ULL;
	if (timerfd_settime(e->timerfd, TFD_TIMER_ABSTIME, &its, NULL) == 0)
		e->armed_ns = next;
}

/* r's time is up: report a timeout. A check that never started is
 * dropped; one running in a worker or the kernel stays, stalled, until
 * it ends (its AIO buffer with it). */
static void expire(struct check_engine *e, struct check_req *r)
{
	struct checker *c = r->c;
	struct io_event ev;
	uint64_t start = r->start_ns;

	dl_del(e, r);
	c->req = NULL;
	if ((r->kind == REQ_WORKER && pool_unqueue(&e->pool, &r->job)) ||
	    (r->kind == REQ_AIO && r->in_backlog)) {
		if (r->in_backlog)
			backlog_del(e, r);
		req_free(e, r);
	} else {
		c->stalled = r;
		/* block devices cannot cancel; the completion still comes */
		if (r->kind == REQ_AIO)
			io_cancel(e->aio.ctx, &r->iocb, &ev);
	}
	condlog(3, "%s: %s%s timed out after %u ms", c->dev, c->ops->name,
		c->ops->open_flags == CHECKER_NO_DEVICE ? "" : " checker",
		c->timeout_ms);
	set_result(c, PATH_TIMEOUT, MSG_TIMEOUT, start);
	if (c->done)
		c->done(c, c->done_arg);
}

/* now_ns() at or past until (0: no limit) */
static bool spent(uint64_t until)
{
	return until && now_ns() >= until;
}

static int expire_due(struct check_engine *e, uint64_t until)
{
	uint64_t now = now_ns();
	int n = 0;

	while (e->dl_head && e->dl_head->deadline_ns <= now && !spent(until)) {
		expire(e, e->dl_head);
		n++;
	}
	return n;
}

/* ---- the engine --------------------------------------------------------------------------- */

/* The workers' results, oldest first, after those still to deliver. */
static void take_done(struct check_engine *e)
{
	struct check_req *r, *list = NULL, *last = NULL, *next;

	pthread_mutex_lock(&e->lock);
	r = e->done;
	e->done = NULL;
	pthread_mutex_unlock(&e->lock);
	for (; r; r = next) {		/* newest first: reverse */
		next = r->done_next;
		r->done_next = list;
		list = r;
		if (!last)
			last = r;
	}
	if (!list)
		return;
	if (e->ready_tail)
		e->ready_tail->done_next = list;
	else
		e->ready = list;
	e->ready_tail = last;
}

/* A callback's time, logged when long: what held the caller up. */
#define SLOW_DONE_NS (250 * NSEC_PER_MSEC)

static int deliver_ready(struct check_engine *e, uint64_t until)
{
	struct check_req *r;
	char dev[sizeof(r->dev)];
	uint64_t t0;
	int n = 0;

	while ((r = e->ready) && !spent(until)) {
		e->ready = r->done_next;
		if (!e->ready)
			e->ready_tail = NULL;
		snprintf(dev, sizeof(dev), "%s", r->dev);
		t0 = now_ns();
		n += finish(e, r);
		t0 = now_ns() - t0;
		if (t0 >= SLOW_DONE_NS)
			condlog(2, "%s: taking a check's result took %llu ms",
				dev, (unsigned long long)(t0 / NSEC_PER_MSEC));
	}
	return n;
}

int check_engine_process_for(struct check_engine *e, unsigned int budget_ms)
{
	uint64_t until = budget_ms ? now_ns() + budget_ms * NSEC_PER_MSEC : 0;
	uint64_t cnt;
	int n = 0;

	if (read(e->kickfd, &cnt, sizeof(cnt)) < 0 && errno != EAGAIN)
		return -errno;
	if (read(e->timerfd, &cnt, sizeof(cnt)) < 0 && errno != EAGAIN)
		return -errno;
	if (e->aio.nr)
		n += aio_reap_all(e);
	take_done(e);
	n += deliver_ready(e, until);
	n += expire_due(e, until);
	rearm(e);
	/* what the budget left stays due: the fd stays readable */
	if (e->ready || (e->dl_head && e->dl_head->deadline_ns <= now_ns()))
		kick(e);
	return n;
}

int check_engine_process(struct check_engine *e)
{
	return check_engine_process_for(e, 0);
}

int check_engine_wait(struct check_engine *e, int timeout_ms)
{
	struct pollfd p = { .fd = e->epfd, .events = POLLIN };

	if (poll(&p, 1, timeout_ms) < 0 && errno != EINTR)
		return -errno;
	return check_engine_process(e);
}

int check_engine_fd(const struct check_engine *e)
{
	return e->epfd;
}

size_t check_engine_live(const struct check_engine *e)
{
	return e->nlive;
}

unsigned int check_engine_workers(const struct check_engine *e)
{
	return pool_threads((struct worker_pool *)&e->pool);
}

unsigned int check_engine_aio_events(const struct check_engine *e)
{
	return e->aio.nr;
}

int check_engine_new(struct check_engine **ep, unsigned int max_workers)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct check_engine *e;
	int r;

	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->epfd = e->kickfd = e->timerfd = -1;
	r = pool_init(&e->pool, max_workers);
	if (r < 0) {
		free(e);
		return r;
	}
	pthread_mutex_init(&e->lock, NULL);
	e->epfd = epoll_create1(EPOLL_CLOEXEC);
	e->kickfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	e->timerfd = timerfd_create(CLOCK_MONOTONIC,
				    TFD_NONBLOCK | TFD_CLOEXEC);
	if (e->epfd < 0 || e->kickfd < 0 || e->timerfd < 0 ||
	    epoll_ctl(e->epfd, EPOLL_CTL_ADD, e->kickfd, &ev) < 0 ||
	    epoll_ctl(e->epfd, EPOLL_CTL_ADD, e->timerfd, &ev) < 0) {
		r = -errno;
		check_engine_free(e);
		return r;
	}
	*ep = e;
	return 0;
}

void check_engine_free(struct check_engine *e)
{
	struct check_req *r, *next;

	if (!e)
		return;
	/* checks that never started will not */
	for (r = e->live; r; r = r->next)
		if (r->kind == REQ_WORKER && pool_unqueue(&e->pool, &r->job))
			r->state = PATH_UNCHECKED;
	/* wait for the running ones: workers, then the kernel's AIO */
	pool_destroy(&e->pool);
	aio_ring_close(&e->aio);
	for (r = e->live; r; r = next) {
		next = r->next;
		req_free(e, r);
	}
	pthread_mutex_destroy(&e->lock);
	if (e->epfd >= 0)
		close(e->epfd);
	if (e->kickfd >= 0)
		close(e->kickfd);
	if (e->timerfd >= 0)
		close(e->timerfd);
	free(e);
}

static struct check_engine *shared_engine;

static void shared_engine_new(void)
{
	int r = check_engine_new(&shared_engine, SHARED_MAX_WORKERS);

	if (r < 0)
		log_errno(0, r, "cannot set up the path checkers");
}

struct check_engine *check_engine_shared(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, shared_engine_new);
	return shared_engine;
}
