/* The daemon's event loop: file descriptors on one epoll, timers on one
 * timerfd armed at the earliest deadline (no periodic tick: with nothing
 * due, the loop sleeps), all callbacks on the loop's thread. */
#ifndef MULTIPATHD_LOOP_H
#define MULTIPATHD_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct loop_watch;
struct loop_timer;

typedef void (*loop_fd_fn)(struct loop *l, struct loop_watch *w,
			   uint32_t events);
typedef void (*loop_timer_fn)(struct loop *l, struct loop_timer *t);

/* A watched fd; the caller owns it and keeps it alive while added. */
struct loop_watch {
	int fd;
	loop_fd_fn fn;
	void *arg;
	const char *name;	/* for the log when it keeps the loop busy */
};

/* A timer; the caller owns it. */
struct loop_timer {
	uint64_t due_ns;		/* CLOCK_MONOTONIC */
	loop_timer_fn fn;
	void *arg;
	const char *name;		/* as a watch's */
	size_t heap_idx;		/* private */
	bool armed;
};

struct loop_deferred {
	void (*fn)(void *arg);
	void *arg;
};

struct loop {
	int epfd, timerfd;
	struct loop_deferred *defer;
	size_t ndefer, capdefer;
	struct loop_timer **heap;
	size_t nheap, capheap;
	uint64_t armed_ns;		/* what the timerfd is set to, 0 none */
	bool stop;
	unsigned long wakeups;		/* epoll_wait returns */
	/* a callback that runs longer than busy_ms (0: LOOP_BUSY_MS) delays
	 * every other one: logged, counted, the longest kept */
	unsigned busy_ms;
	unsigned long busy_calls;
	uint64_t busy_max_ns;
};

#define LOOP_BUSY_MS 1000

int loop_init(struct loop *l);
void loop_release(struct loop *l);

/* Watch w->fd for events (EPOLLIN ...); 0 or -errno. */
int loop_add(struct loop *l, struct loop_watch *w, uint32_t events);
int loop_modify(struct loop *l, struct loop_watch *w, uint32_t events);
void loop_remove(struct loop *l, struct loop_watch *w);

/* (Re)arm t to fire at due_ns (absolute), or after ms from now. */
void loop_timer_at(struct loop *l, struct loop_timer *t, uint64_t due_ns);
void loop_timer_in(struct loop *l, struct loop_timer *t, uint64_t ms);
void loop_timer_cancel(struct loop *l, struct loop_timer *t);

/* Call fn(arg) once the current batch of events is dispatched: for
 * freeing an object whose watch may still have an event in the batch. */
int loop_defer(struct loop *l, void (*fn)(void *arg), void *arg);

/* Run until loop_stop(); 0, or -errno when epoll itself fails. */
int loop_run(struct loop *l);
void loop_stop(struct loop *l);

/* CLOCK_MONOTONIC now, in ns. */
uint64_t loop_now_ns(void);

#endif
