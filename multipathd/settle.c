/* Waiting for udev off the event loop: map changes carry a udev cookie
 * (so that the rules see the daemon's flags), and libdevmapper's wait for
 * it blocks until udev has run its rules, which can take seconds. One
 * thread waits for the cookies in order, then sends the "change" uevents
 * of the paths the new maps claimed. It touches nothing of the model. */
#include <errno.h>
#include <libdevmapper.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon.h"
#include "discovery/sysfs.h"
#include "util/log.h"

struct settle_job {
	uint32_t cookie;
	struct vec triggers;	/* char * */
	struct settle_job *next;
};

struct settler {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct settle_job *head, *tail;
	bool stop;
	char *sysfs_root;
};

static void job_free(struct settle_job *j)
{
	vec_free(&j->triggers, free);
	free(j);
}

static void run_job(struct settler *s, struct settle_job *j)
{
	const char *dev;
	size_t i;

	if (j->cookie && !dm_udev_wait(j->cookie))
		condlog(1, "waiting for udev failed");
	vec_foreach(&j->triggers, dev, i)
		sysfs_write(s->sysfs_root, "change", "class/block/%s/uevent",
			    dev);
}

static void *settler_main(void *arg)
{
	struct settler *s = arg;

	pthread_mutex_lock(&s->lock);
	for (;;) {
		struct settle_job *j;

		while (!s->head && !s->stop)
			pthread_cond_wait(&s->cond, &s->lock);
		j = s->head;
		if (!j)
			break;
		s->head = j->next;
		if (!s->head)
			s->tail = NULL;
		pthread_mutex_unlock(&s->lock);
		run_job(s, j);
		job_free(j);
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int settler_start(struct daemon *dd)
{
	struct settler *s = calloc(1, sizeof(*s));
	int r;

	if (!s)
		return -ENOMEM;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	if (dd->disc.sysfs_root)
		s->sysfs_root = strdup(dd->disc.sysfs_root);
	r = pthread_create(&s->thread, NULL, settler_main, s);
	if (r) {
		free(s->sysfs_root);
		free(s);
		return -r;
	}
	dd->settler = s;
	return 0;
}

/* The queue is drained (every cookie waited for) before the thread ends;
 * but udev may be stuck on a device whose I/O hangs (its rules read it),
 * and the daemon must still stop: after SETTLE_STOP_S the thread is left
 * to the process's exit, with what it uses (nothing of the model). */
#define SETTLE_STOP_S 10

void settler_stop(struct daemon *dd)
{
	struct settler *s = dd->settler;
	struct timespec until;

	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += SETTLE_STOP_S;
	if (pthread_timedjoin_np(s->thread, NULL, &until) != 0) {
		condlog(1, "udev has not finished with the maps' changes after %d s; not waiting for it",
			SETTLE_STOP_S);
		pthread_detach(s->thread);
		dd->settler = NULL;
		return;
	}
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->cond);
	free(s->sysfs_root);
	free(s);
	dd->settler = NULL;
}

void settler_queue(struct daemon *dd, uint32_t cookie, struct vec *triggers)
{
	struct settler *s = dd->settler;
	struct settle_job *j = calloc(1, sizeof(*j));

	if (!j || !s) {
		/* no thread: wait here rather than leak the cookie */
		if (cookie)
			dm_udev_wait(cookie);
		free(j);
		return;
	}
	j->cookie = cookie;
	if (triggers) {
		j->triggers = *triggers;
		memset(triggers, 0, sizeof(*triggers));
	}
	pthread_mutex_lock(&s->lock);
	if (s->tail)
		s->tail->next = j;
	else
		s->head = j;
	s->tail = j;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}
