/* The daemon's event loop: epoll for file descriptors, a binary heap of
 * timers behind one timerfd. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"
#include "util/log.h"

#define NSEC_PER_SEC 1000000000ULL
#define MAX_EVENTS 64

uint64_t loop_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* The timerfd is watched like any fd; its watch has no owner. */
static struct loop_watch timer_watch;

int loop_init(struct loop *l)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &timer_watch };

	memset(l, 0, sizeof(*l));
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0)
		return -errno;
	l->timerfd = timerfd_create(CLOCK_MONOTONIC,
				    TFD_NONBLOCK | TFD_CLOEXEC);
	if (l->timerfd < 0 ||
	    epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->timerfd, &ev) < 0) {
		int r = -errno;

		loop_release(l);
		return r;
	}
	return 0;
}

static void run_deferred(struct loop *l);

void loop_release(struct loop *l)
{
	run_deferred(l);
	if (l->timerfd >= 0)
		close(l->timerfd);
	if (l->epfd >= 0)
		close(l->epfd);
	free(l->heap);
	free(l->defer);
	memset(l, 0, sizeof(*l));
	l->epfd = l->timerfd = -1;
}

int loop_add(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	return epoll_ctl(l->epfd, EPOLL_CTL_ADD, w->fd, &ev) < 0 ? -errno : 0;
}

int loop_modify(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	return epoll_ctl(l->epfd, EPOLL_CTL_MOD, w->fd, &ev) < 0 ? -errno : 0;
}

void loop_remove(struct loop *l, struct loop_watch *w)
{
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, w->fd, NULL);
}

/* ---- timers: a min-heap on due_ns ------------------------------------------ */

static void heap_set(struct loop *l, size_t i, struct loop_timer *t)
{
	l->heap[i] = t;
	t->heap_idx = i;
}

static void sift_up(struct loop *l, size_t i)
{
	struct loop_timer *t = l->heap[i];

	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (l->heap[p]->due_ns <= t->due_ns)
			break;
		heap_set(l, i, l->heap[p]);
		i = p;
	}
	heap_set(l, i, t);
}

static void sift_down(struct loop *l, size_t i)
{
	struct loop_timer *t = l->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= l->nheap)
			break;
		if (c + 1 < l->nheap && l->heap[c + 1]->due_ns < l->heap[c]->due_ns)
			c++;
		if (l->heap[c]->due_ns >= t->due_ns)
			break;
		heap_set(l, i, l->heap[c]);
		i = c;
	}
	heap_set(l, i, t);
}

static void heap_del(struct loop *l, struct loop_timer *t)
{
	size_t i = t->heap_idx;
	struct loop_timer *last = l->heap[--l->nheap];

	t->armed = false;
	if (last == t)
		return;
	heap_set(l, i, last);
	sift_down(l, i);
	sift_up(l, last->heap_idx);
}

/* The timerfd at the earliest deadline (or off). */
static void rearm(struct loop *l)
{
	struct itimerspec its = { 0 };
	uint64_t due = l->nheap ? l->heap[0]->due_ns : 0;

	if (due == l->armed_ns)
		return;
	l->armed_ns = due;
	if (due) {
		its.it_value.tv_sec = (time_t)(due / NSEC_PER_SEC);
		its.it_value.tv_nsec = (long)(due % NSEC_PER_SEC);
	}
	if (timerfd_settime(l->timerfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		log_errno(0, -errno, "timerfd_settime");
}

void loop_timer_at(struct loop *l, struct loop_timer *t, uint64_t due_ns)
{
	if (!due_ns)
		due_ns = 1;
	if (t->armed) {
		t->due_ns = due_ns;
		sift_down(l, t->heap_idx);
		sift_up(l, t->heap_idx);
	} else {
		if (l->nheap == l->capheap) {
			size_t cap = l->capheap ? 2 * l->capheap : 64;
			struct loop_timer **h = realloc(l->heap, cap * sizeof(*h));

			if (!h) {
				condlog(0, "out of memory for timers");
				return;
			}
			l->heap = h;
			l->capheap = cap;
		}
		t->due_ns = due_ns;
		t->armed = true;
		heap_set(l, l->nheap++, t);
		sift_up(l, t->heap_idx);
	}
	rearm(l);
}

void loop_timer_in(struct loop *l, struct loop_timer *t, uint64_t ms)
{
	loop_timer_at(l, t, loop_now_ns() + ms * 1000000ULL);
}

void loop_timer_cancel(struct loop *l, struct loop_timer *t)
{
	if (!t->armed)
		return;
	heap_del(l, t);
	rearm(l);
}

/* After a callback: was it one that kept the others waiting? */
static void busy_check(struct loop *l, uint64_t t0, const char *kind,
		       const char *name)
{
	uint64_t ns = loop_now_ns() - t0;
	unsigned ms = l->busy_ms ? l->busy_ms : LOOP_BUSY_MS;

	if (ns > l->busy_max_ns)
		l->busy_max_ns = ns;
	if (ns < (uint64_t)ms * 1000000ULL)
		return;
	l->busy_calls++;
	condlog(2, "event loop: %s %s kept the loop busy for %llu ms", kind,
		name ? name : "(unnamed)", (unsigned long long)(ns / 1000000));
}

static void run_timers(struct loop *l)
{
	uint64_t buf, now = loop_now_ns();

	if (read(l->timerfd, &buf, sizeof(buf)) < 0 && errno != EAGAIN)
		log_errno(0, -errno, "timerfd read");
	l->armed_ns = 0;	/* it fired, or was read: set again below */
	while (l->nheap && l->heap[0]->due_ns <= now && !l->stop) {
		struct loop_timer *t = l->heap[0];

		const char *name = t->name;	/* t may be freed by fn */
		uint64_t t0 = loop_now_ns();

		heap_del(l, t);
		t->fn(l, t);
		busy_check(l, t0, "timer", name);
	}
	rearm(l);
}

int loop_defer(struct loop *l, void (*fn)(void *arg), void *arg)
{
	if (l->ndefer == l->capdefer) {
		size_t cap = l->capdefer ? 2 * l->capdefer : 16;
		struct loop_deferred *d = realloc(l->defer, cap * sizeof(*d));

		if (!d)
			return -ENOMEM;
		l->defer = d;
		l->capdefer = cap;
	}
	l->defer[l->ndefer].fn = fn;
	l->defer[l->ndefer].arg = arg;
	l->ndefer++;
	return 0;
}

static void run_deferred(struct loop *l)
{
	size_t i;

	/* what a deferred call defers runs in this round too */
	for (i = 0; i < l->ndefer; i++) {
		uint64_t t0 = loop_now_ns();

		l->defer[i].fn(l->defer[i].arg);
		busy_check(l, t0, "deferred call", NULL);
	}
	l->ndefer = 0;
}

int loop_run(struct loop *l)
{
	struct epoll_event ev[MAX_EVENTS];
	int i, n;

	while (!l->stop) {
		n = epoll_wait(l->epfd, ev, MAX_EVENTS, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		l->wakeups++;
		for (i = 0; i < n && !l->stop; i++) {
			struct loop_watch *w = ev[i].data.ptr;

			if (w == &timer_watch) {
				run_timers(l);
			} else {
				const char *name = w->name;
				uint64_t t0 = loop_now_ns();

				w->fn(l, w, ev[i].events);
				busy_check(l, t0, "watch", name);
			}
		}
		run_deferred(l);
	}
	run_deferred(l);
	return 0;
}

void loop_stop(struct loop *l)
{
	l->stop = true;
}
