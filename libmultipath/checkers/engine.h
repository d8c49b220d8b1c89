/* The engine's requests and their lists, shared by engine.c (life of a
 * request, deadlines, processing), engine_aio.c (directio's reads) and
 * checker_run.c (a path's checker). Internal to checkers/. */
#ifndef MP_CHECKERS_ENGINE_H
#define MP_CHECKERS_ENGINE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "checkers/aio_ring.h"
#include "checkers/checker.h"
#include "checkers/workers.h"

#define NSEC_PER_MSEC 1000000ULL

enum req_kind {
	REQ_INLINE,		/* result known at start */
	REQ_WORKER,
	REQ_AIO,
};

struct check_req {
	struct pool_job job;
	struct check_engine *e;
	struct checker *c;		/* NULL once orphaned */
	struct check_call cc;
	char dev[DEV_NAME_SIZE];
	char node[DEV_NAME_SIZE + 8];	/* a worker opens it, if set */
	enum req_kind kind;
	bool has_ctx;			/* cc.ctx is lent by the checker */
	bool need_init;
	bool inited;			/* ops->init succeeded on a worker */
	enum path_state state;
	uint64_t start_ns, deadline_ns;
	bool on_deadlines;
	/* the engine's lists, caller's thread only */
	struct check_req *prev, *next;		/* every live request */
	struct check_req *dl_prev, *dl_next;	/* pending, by deadline */
	struct check_req *done_next;		/* completed, under e->lock */
	/* CHECK_ON_AIO */
	struct iocb iocb;
	void *buf;
	size_t len;
	bool in_backlog;
	struct check_req *bl_next;
};

struct check_engine {
	int epfd, kickfd, timerfd;
	struct worker_pool pool;
	pthread_mutex_t lock;		/* guards done */
	struct check_req *done;		/* pushed by workers, newest first */
	/* taken from done, not yet delivered (a budget ran out): oldest
	 * first; caller's thread */
	struct check_req *ready, *ready_tail;
	struct check_req *live;
	size_t nlive;
	struct check_req *dl_head, *dl_tail;
	struct aio_ring aio;
	bool aio_tried;
	struct check_req *bl_head, *bl_tail;	/* waiting for AIO slots */
	uint64_t armed_ns;
};

uint64_t now_ns(void);

/* the engine's lists (caller's thread) */
void live_add(struct check_engine *e, struct check_req *r);
void dl_add(struct check_engine *e, struct check_req *r);
void dl_del(struct check_engine *e, struct check_req *r);
void backlog_del(struct check_engine *e, struct check_req *r);

/* A result known at start, delivered by the next processing. */
void finish_early(struct check_req *r, enum path_state st, const char *msg);
/* Caller's thread: r's work has ended; deliver and free it. True if a
 * done callback ran. */
bool finish(struct check_engine *e, struct check_req *r);
/* Give the checker back the context r borrowed. */
void return_ctx(struct check_req *r);
void req_free(struct check_engine *e, struct check_req *r);

/* 0 once r is queued for a worker, -errno. */
int start_on_worker(struct check_engine *e, struct check_req *r);
/* The process's AIO context, set up at the first call; false if none. */
bool aio_available(struct check_engine *e);
/* 0 once r's read is submitted or waits for a slot, -errno. */
int start_on_aio(struct check_engine *e, struct check_req *r);
/* Deliver the completed reads, submit waiting ones; callbacks run. */
int aio_reap_all(struct check_engine *e);
/* Set the timer to the next deadline or pool stall check. */
void rearm(struct check_engine *e);

#endif
