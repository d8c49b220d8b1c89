/* multipath's checks: all paths of a command started at once on the
 * shared engine, their results applied like the reference's pathinfo(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "checkers/checker.h"
#include "discovery/pathinfo.h"
#include "util/cleanup.h"
#include "util/log.h"

static void count_done(struct checker *c, void *arg)
{
	(*(size_t *)arg)--;
}

/* Start pp's check on e; false when its state is known without one. */
static bool start_path(const struct discovery *d, struct check_engine *e,
		       struct path *pp, struct checker *c, size_t *pending)
{
	const struct checker_ops *ops;
	enum path_state st = sysfs_state_verdict(pp->bus, pp->sysfs_state);
	const char *name;

	if (st != PATH_UP) {
		condlog(3, "%s: path inaccessible", pp->dev);
		pp->state = st;
		return false;
	}
	name = checker_select(d, pp);
	ops = name ? checker_lookup(name) : NULL;
	if (!ops) {
		condlog(3, "%s: No checker selected", pp->dev);
		pp->state = PATH_UNCHECKED;
		return false;
	}
	snprintf(pp->checker_name, sizeof(pp->checker_name), "%s", ops->name);
	checker_init(c, ops, pp->dev, checker_timeout_ms(d, pp));
	if (!e || checker_start(e, c, count_done, pending) < 0) {
		pp->state = PATH_UNCHECKED;
		return false;
	}
	(*pending)++;
	return true;
}

static void apply_result(struct path *pp, const struct checker *c)
{
	enum path_state st = c->state;

	condlog(3, "%s: %s state = %s", pp->dev, c->ops->name,
		checker_state_name(st));
	if (st != PATH_UP && st != PATH_GHOST && c->message[0])
		condlog(3, "%s: %s", pp->dev, c->message);
	condlog(4, "%s: %s checked in %lu ms", pp->dev, c->ops->name,
		c->elapsed_ms);
	snprintf(pp->checker_msg, sizeof(pp->checker_msg), "%s", c->message);
	/* as the reference's pathinfo(): a timeout is a failure */
	pp->state = st == PATH_TIMEOUT ? PATH_DOWN : st;
	if (pp->state == PATH_UP && !pp->size) {
		condlog(3, "%s: device size is 0, path unusable", pp->dev);
		pp->state = PATH_GHOST;
	}
}

static unsigned long cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000UL +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

static unsigned long wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000UL + ts.tv_nsec / 1000000;
}

void paths_check(const struct discovery *d, struct path *const *paths,
		 size_t n)
{
	_cleanup_free_ struct checker *cs = NULL;
	_cleanup_free_ bool *started = NULL;
	unsigned long wall0 = wall_ms(), cpu0 = cpu_ms(), wall, cpu;
	struct check_engine *e = check_engine_shared();
	size_t i, pending = 0;

	cs = calloc(n ? n : 1, sizeof(*cs));
	started = calloc(n ? n : 1, sizeof(*started));
	if (!cs || !started) {
		for (i = 0; i < n; i++)
			paths[i]->state = PATH_UNCHECKED;
		return;
	}
	for (i = 0; i < n; i++)
		started[i] = start_path(d, e, paths[i], &cs[i], &pending);
	/* the engine's deadlines bound this wait */
	while (pending > 0 && check_engine_wait(e, -1) >= 0)
		;
	wall = wall_ms() - wall0;
	cpu = cpu_ms() - cpu0;
	for (i = 0; i < n; i++) {
		if (!started[i])
			continue;
		if (cs[i].req)		/* the wait failed */
			cs[i].state = PATH_UNCHECKED;
		apply_result(paths[i], &cs[i]);
		checker_release(&cs[i]);
	}
	condlog(n > 1 ? 3 : 4, "checked %zu paths in %lu ms, cpu %lu ms", n,
		wall, cpu);
}

void path_check_sync(const struct discovery *d, struct path *pp)
{
	paths_check(d, &pp, 1);
}
