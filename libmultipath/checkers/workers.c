/* An elastic pool of worker threads running the checks that block. */
#include <errno.h>
#include <signal.h>
#include <time.h>

#include "checkers/workers.h"

/* started without waiting for a stall, per burst of jobs */
#define POOL_EAGER 4
/* an idle worker leaves after this long */
#define POOL_LINGER_S 10
/* checks need little stack; plugins get some room */
#define POOL_STACK (256 * 1024)

static void *worker_main(void *arg)
{
	struct worker_pool *p = arg;
	struct pool_job *j;
	struct timespec until;
	int r;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += POOL_LINGER_S;
		r = 0;
		while (!p->head && !p->stop && r != ETIMEDOUT) {
			p->nidle++;
			r = pthread_cond_timedwait(&p->work, &p->lock, &until);
			p->nidle--;
		}
		if (!p->head || p->stop)
			break;
		j = p->head;
		p->head = j->next;
		if (!p->head)
			p->tail = NULL;
		j->queued = false;
		p->nqueued--;
		pthread_mutex_unlock(&p->lock);
		j->run(j);
		j->done(j);
		pthread_mutex_lock(&p->lock);
	}
	p->nthreads--;
	pthread_cond_broadcast(&p->gone);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Start one worker; the caller holds the lock. Workers block all
 * signals: they belong to the caller's main thread (signalfd ...). */
static int spawn_locked(struct worker_pool *p)
{
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t t;
	int r;

	if (p->nthreads >= p->max)
		return -EAGAIN;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, POOL_STACK);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&t, &attr, worker_main, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (r)
		return -r;
	p->nthreads++;
	return 0;
}

int pool_init(struct worker_pool *p, unsigned int max)
{
	pthread_condattr_t ca;
	int r;

	*p = (struct worker_pool){ .max = max ? max : 1 };
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	r = pthread_cond_init(&p->work, &ca);
	if (!r)
		r = pthread_cond_init(&p->gone, NULL);
	pthread_condattr_destroy(&ca);
	if (!r)
		r = pthread_mutex_init(&p->lock, NULL);
	return -r;
}

void pool_destroy(struct worker_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	p->head = p->tail = NULL;
	p->nqueued = 0;
	pthread_cond_broadcast(&p->work);
	while (p->nthreads)
		pthread_cond_wait(&p->gone, &p->lock);
	pthread_mutex_unlock(&p->lock);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->gone);
}

int pool_submit(struct worker_pool *p, struct pool_job *j, uint64_t now)
{
	int r = 0;

	pthread_mutex_lock(&p->lock);
	j->next = NULL;
	j->enq_ns = now;
	j->queued = true;
	if (p->tail)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	p->nqueued++;
	if (p->nqueued > p->nidle && p->nthreads < POOL_EAGER)
		spawn_locked(p);
	if (!p->nthreads && (r = spawn_locked(p)) < 0) {
		pthread_mutex_unlock(&p->lock);
		pool_unqueue(p, j);
		return r;
	}
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

bool pool_unqueue(struct worker_pool *p, struct pool_job *j)
{
	struct pool_job **pp, *prev = NULL;
	bool found = false;

	pthread_mutex_lock(&p->lock);
	if (j->queued) {
		for (pp = &p->head; *pp; prev = *pp, pp = &(*pp)->next) {
			if (*pp != j)
				continue;
			*pp = j->next;
			if (p->tail == j)
				p->tail = prev;
			break;
		}
		j->queued = false;
		p->nqueued--;
		found = true;
	}
	pthread_mutex_unlock(&p->lock);
	return found;
}

uint64_t pool_check_stall(struct worker_pool *p, uint64_t now,
			  uint64_t stall_ns)
{
	uint64_t since, next = 0;
	unsigned int n;

	pthread_mutex_lock(&p->lock);
	if (!p->head || p->nthreads >= p->max)
		goto out;
	since = p->head->enq_ns > p->grown_ns ? p->head->enq_ns : p->grown_ns;
	if (now - since >= stall_ns) {
		/* double the pool, bounded by the queue and max */
		n = p->nthreads ? p->nthreads : 1;
		if (n > p->nqueued)
			n = p->nqueued;
		while (n-- && spawn_locked(p) == 0)
			;
		pthread_cond_broadcast(&p->work);
		p->grown_ns = now;
		since = now;
	}
	next = since + stall_ns;
out:
	pthread_mutex_unlock(&p->lock);
	return next;
}

unsigned int pool_threads(struct worker_pool *p)
{
	unsigned int n;

	pthread_mutex_lock(&p->lock);
	n = p->nthreads;
	pthread_mutex_unlock(&p->lock);
	return n;
}
