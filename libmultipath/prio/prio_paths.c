/* The priorities of a command's paths: one job per path on the shared
 * check engine's workers (a checker_ops without a device whose check runs
 * the prioritizer), each bounded like the path's commands, the results
 * and messages applied in path order on the caller's thread. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkers/checker.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"
#include "util/strbuf.h"

/*
 * One path's priority: what the worker may use, all owned by the job, so
 * that a job still stuck in the kernel after its deadline needs nothing
 * of the caller's (it is freed when it ends, see checker_release()).
 */
struct prio_job {
	struct prio_ctx ctx;
	struct prio_plan plan;
	char *strings[6];	/* the copies ctx and plan point to */
	struct strbuf log;
	/* the result, read once the job is back */
	int prio;
	bool resolved;
	char name[sizeof(((struct path *)0)->prio_name)];
	char args[sizeof(((struct path *)0)->prio_args)];
};

static void job_free(void *p)
{
	struct prio_job *j = p;
	size_t i;

	if (!j)
		return;
	for (i = 0; i < ARRAY_SIZE(j->strings); i++)
		free(j->strings[i]);
	strbuf_free(&j->log);
	free(j);
}

static void job_freep(struct prio_job **j)
{
	job_free(*j);
}

/* Point *s at a copy owned by j (NULL stays NULL); false if out of
 * memory. */
static bool own(struct prio_job *j, size_t slot, const char **s)
{
	if (!*s)
		return true;
	j->strings[slot] = strdup(*s);
	*s = j->strings[slot];
	return *s != NULL;
}

static struct prio_job *job_new(const struct discovery *d,
				const struct path *pp, unsigned int bound_ms)
{
	_cleanup_(job_freep) struct prio_job *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	prio_ctx_init(&j->ctx, d, pp);
	j->ctx.timeout_ms = bound_ms;
	j->ctx.log = &j->log;
	prio_plan(d, pp, &j->plan);
	if (!own(j, 0, &j->ctx.sysfs_root) || !own(j, 1, &j->plan.name) ||
	    !own(j, 2, &j->plan.args) || !own(j, 3, &j->plan.default_name) ||
	    !own(j, 4, &j->plan.default_args) ||
	    !own(j, 5, &j->plan.hwe_checker))
		return NULL;
	j->prio = -1;
	return TAKE_PTR(j);
}

/* Choose and run the prioritizer: the worker's part (or the caller's when
 * no worker can). */
static void job_run(struct prio_job *j)
{
	struct prio_ctx *ctx = &j->ctx;
	const struct prio_ops *ops;
	enum prop_origin o;
	const char *name;

	ops = prio_resolve(ctx, &j->plan, &name, &ctx->args, &o);
	if (!ops) {
		prio_log(ctx, 1, "%s: unknown prioritizer, using const",
			 ctx->dev);
		ops = &prio_const;
	}
	snprintf(j->name, sizeof(j->name), "%s", ops->name);
	snprintf(j->args, sizeof(j->args), "%s", ctx->args);
	j->resolved = true;
	ctx->ops = ops;
	j->prio = ops->getprio(ctx);
	if (j->prio < 0) {
		prio_log(ctx, 3, "%s: %s prio error: %s", ctx->dev, ops->name,
			 strerror(-j->prio));
		j->prio = -1;
		return;
	}
	prio_log(ctx, 3, "%s: %s prio = %d", ctx->dev, ops->name, j->prio);
}

static enum path_state job_check(struct check_call *cc)
{
	job_run(cc->ctx);
	return PATH_UP;
}

static const struct checker_ops prio_job_ops = {
	.name = "prioritizer",
	.open_flags = CHECKER_NO_DEVICE,
	.run = CHECK_ON_WORKER,
	.check = job_check,
	.free = job_free,
};

/* ---- which paths, how long --------------------------------------------------- */

bool path_wants_priority(const struct path *pp)
{
	if (pp->state == PATH_UP || pp->state == PATH_GHOST)
		return true;
	return pp->state == PATH_DOWN && pp->wwid[0] &&
	       sysfs_state_verdict(pp->bus, pp->sysfs_state) == PATH_UP;
}

/* The bound of pp's job whatever its state: a path called down gets no
 * time to spare. */
static unsigned int bound_of(const struct discovery *d, const struct path *pp)
{
	unsigned int t = prio_timeout_ms(d, pp);

	return pp->state == PATH_DOWN && t > PRIO_DOWN_BOUND_MS ?
		       PRIO_DOWN_BOUND_MS : t;
}

/* Does the device still run now (read again: the check may have taken a
 * while, and a device that is gone has no state)? */
static bool device_runs(const struct discovery *d, const struct path *pp)
{
	char buf[32];

	if (sysfs_read(d->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/state", pp->dev) < 0)
		return false;
	return sysfs_state_verdict(pp->bus, buf) == PATH_UP;
}

unsigned int prio_bound_ms(const struct discovery *d, const struct path *pp)
{
	if (!path_wants_priority(pp))
		return 0;
	if (pp->state == PATH_DOWN && !device_runs(d, pp)) {
		condlog(3, "%s: device not running, no prio", pp->dev);
		return 0;
	}
	return bound_of(d, pp);
}

/* ---- running the jobs ---------------------------------------------------------- */

static void count_done(struct checker *c, void *arg)
{
	(*(size_t *)arg)--;
}

static unsigned long wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000UL + ts.tv_nsec / 1000000;
}

/* Start pp's job on e with c; false when it has not started. */
static bool start(const struct discovery *d, struct check_engine *e,
		  struct path *pp, unsigned int bound_ms, struct checker *c,
		  size_t *pending)
{
	struct prio_job *j = job_new(d, pp, bound_ms);

	/* what -ll shows if no result comes */
	snprintf(pp->prio_name, sizeof(pp->prio_name), "%s",
		 j ? j->plan.name : "");
	pp->priority = -1;
	if (!j)
		return false;
	checker_init(c, &prio_job_ops, pp->dev, bound_ms);
	c->ctx = j;
	if (e && checker_start(e, c, count_done, pending) == 0)
		(*pending)++;
	return true;
}

static void apply(struct path *pp, struct checker *c)
{
	struct prio_job *j = c->ctx;

	/* past its deadline (the engine has logged it), or still lent to a
	 * stuck worker: no result, its messages are lost with it */
	if (c->state == PATH_TIMEOUT || !j)
		return;
	/* the job never reached a worker: run it here */
	if (c->state != PATH_UP)
		job_run(j);
	prio_log_replay(&j->log);
	snprintf(pp->prio_name, sizeof(pp->prio_name), "%s", j->name);
	if (j->resolved) {
		snprintf(pp->prio_args, sizeof(pp->prio_args), "%s", j->args);
		pp->prio_resolved = true;
	}
	pp->priority = j->prio;
}

/* Jobs for the paths with a bound (ms) above 0, all at once. */
static void prioritize(const struct discovery *d, struct path *const *paths,
		       const unsigned int *bounds, size_t n)
{
	_cleanup_free_ struct checker *cs = calloc(n ? n : 1, sizeof(*cs));
	struct check_engine *e = check_engine_shared();
	unsigned long wall0 = wall_ms();
	size_t i, pending = 0, jobs = 0;

	if (!cs)
		return;
	for (i = 0; i < n; i++)
		if (bounds[i] &&
		    start(d, e, paths[i], bounds[i], &cs[i], &pending))
			jobs++;
	/* the engine's deadlines bound this wait */
	while (pending > 0 && check_engine_wait(e, -1) >= 0)
		;
	for (i = 0; i < n; i++) {
		if (!cs[i].ops)
			continue;
		if (cs[i].req)		/* the wait failed */
			checker_cancel(&cs[i]);
		apply(paths[i], &cs[i]);
		checker_release(&cs[i]);
	}
	condlog(jobs > 1 ? 3 : 4, "prioritized %zu paths in %lu ms", jobs,
		wall_ms() - wall0);
}

void paths_prioritize(const struct discovery *d, struct path *const *paths,
		      size_t n)
{
	_cleanup_free_ unsigned int *bounds = calloc(n ? n : 1,
						     sizeof(*bounds));
	size_t i;

	if (!bounds)
		return;
	for (i = 0; i < n; i++)
		bounds[i] = prio_bound_ms(d, paths[i]);
	prioritize(d, paths, bounds, n);
}

void path_get_priority(const struct discovery *d, struct path *pp)
{
	unsigned int bound = bound_of(d, pp);

	prioritize(d, &pp, &bound, 1);
}

/* ---- one path at a time, for multipathd ---------------------------------------- */

int prio_job_start(const struct discovery *d, struct check_engine *e,
		   struct path *pp, struct checker *c, checker_done_fn done,
		   void *arg)
{
	unsigned int bound = prio_bound_ms(d, pp);
	struct prio_job *j;
	int r;

	if (!bound)
		return -EAGAIN;
	j = job_new(d, pp, bound);
	if (!j)
		return -ENOMEM;
	/* a refresh: the prioritizer chosen before, without detection */
	if (pp->prio_resolved) {
		j->plan.detect = false;
		j->plan.name = pp->prio_name;
		j->plan.args = pp->prio_args;
		free(j->strings[1]);
		free(j->strings[2]);
		if (!own(j, 1, &j->plan.name) || !own(j, 2, &j->plan.args)) {
			job_free(j);
			return -ENOMEM;
		}
	}
	checker_init(c, &prio_job_ops, pp->dev, bound);
	c->ctx = j;
	if (pp->prio_resolved) {
		const struct prio_ops *ops = prio_lookup(pp->prio_name);

		/* no worker for what cannot block */
		if (ops && ops->no_io) {
			job_run(j);
			c->state = PATH_UP;
			return 1;
		}
	}
	r = checker_start(e, c, done, arg);
	if (r < 0)
		checker_release(c);
	return r;
}

int prio_job_apply(struct path *pp, struct checker *c)
{
	int old = pp->priority;

	apply(pp, c);
	checker_release(c);
	return pp->priority != old;
}
