/* An elastic pool of worker threads for the checks that block (SG_IO):
 * a few threads start at once, more when queued jobs stall behind stuck
 * ones, idle threads leave after a while. Internal to the engine. */
#ifndef MP_CHECKERS_WORKERS_H
#define MP_CHECKERS_WORKERS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct pool_job {
	struct pool_job *next;
	uint64_t enq_ns;
	bool queued;				/* under the pool's lock */
	void (*run)(struct pool_job *j);	/* on a worker */
	void (*done)(struct pool_job *j);	/* on the worker, after run;
						 * j may be freed from then */
};

struct worker_pool {
	pthread_mutex_t lock;
	pthread_cond_t work;		/* a job was queued, or stop */
	pthread_cond_t gone;		/* a worker left */
	struct pool_job *head, *tail;
	unsigned int nqueued, nthreads, nidle, max;
	uint64_t grown_ns;		/* when the pool last grew on a stall */
	bool stop;
};

int pool_init(struct worker_pool *p, unsigned int max);
/* Stop the pool: queued jobs are dropped (unqueue them first if they
 * matter), running ones finish; waits for every worker to leave. */
void pool_destroy(struct worker_pool *p);

/* Queue j at time now (ns). 0, or -errno when no worker can run it. */
int pool_submit(struct worker_pool *p, struct pool_job *j, uint64_t now);
/* Take j off the queue; true if it was still queued (it will not run). */
bool pool_unqueue(struct worker_pool *p, struct pool_job *j);
/* Grow the pool when the oldest queued job has waited stall_ns (as many
 * new workers as there are, up to the queue length and max). Returns when
 * to look again (ns), 0 if nothing is queued. */
uint64_t pool_check_stall(struct worker_pool *p, uint64_t now,
			  uint64_t stall_ns);
unsigned int pool_threads(struct worker_pool *p);

#endif
