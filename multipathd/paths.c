/* The daemon's paths: their life in the model, their checks (one timer
 * each, the interval backing off while a path stays healthy, a check at
 * once when the kernel or udev says something changed), their priorities,
 * and what a new verdict means. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkers/checker.h"
#include "config/config.h"
#include "daemon.h"
#include "discovery/sysfs.h"
#include "prio/prio.h"
#include "util/log.h"

static bool usable(enum path_state s)
{
	return s == PATH_UP || s == PATH_GHOST;
}

static unsigned int polling_interval(const struct daemon *dd)
{
	long long v = config_get_int(dd->conf, KW_POLLING_INTERVAL);

	return v > 0 ? (unsigned int)v : 5;
}

static unsigned int max_polling_interval(const struct daemon *dd)
{
	long long v = config_get_int(dd->conf, KW_MAX_POLLING_INTERVAL);
	unsigned int p = polling_interval(dd);

	return v > 0 && (unsigned int)v > p ? (unsigned int)v : 4 * p;
}

static void schedule(struct dpath *dp, unsigned int seconds)
{
	loop_timer_in(&dp->dd->loop, &dp->check_timer, seconds * 1000ULL);
}

/* ---- priorities ---------------------------------------------------------------- */

static void prio_done(struct checker *c, void *arg)
{
	struct dpath *dp = arg;
	struct path *pp = dp->pp;

	dp->prioritizing = false;
	if (prio_job_apply(pp, c) && pp->mpp) {
		condlog(3, "%s: priority changed to %d", pp->dev, pp->priority);
		daemon_mark_dirty(dp->dd, pp->wwid);
	}
	/* a new path joins its map once it has a priority */
	if (dp->wants_map)
		daemon_mark_dirty(dp->dd, pp->wwid);
}

static void start_prio(struct dpath *dp)
{
	struct daemon *dd = dp->dd;

	if (dp->prioritizing)
		return;
	if (prio_job_start(&dd->disc, dd->engine, dp->pp, &dp->prio,
			   prio_done, dp) == 0)
		dp->prioritizing = true;
	else if (dp->wants_map)
		daemon_mark_dirty(dd, dp->pp->wwid);
}

/* ---- verdicts ----------------------------------------------------------------- */

static void verdict(struct dpath *dp, enum path_state st, const char *msg)
{
	struct daemon *dd = dp->dd;
	struct path *pp = dp->pp;
	enum path_state old = pp->state;
	bool first = !dp->checked;
	unsigned int next;

	dd->checks++;
	dp->last_check_ns = loop_now_ns();
	if (st == PATH_PENDING) {
		/* no verdict yet: ask again soon, keep what we knew */
		schedule(dp, 1);
		return;
	}
	dp->checked = true;
	dp->chkrstate = st;
	pp->state = st;
	snprintf(pp->checker_msg, sizeof(pp->checker_msg), "%s",
		 msg ? msg : "");
	if (st != old || first)
		condlog(usable(st) == usable(old) || first ? 3 : 2,
			"%s: %s", pp->dev, msg && *msg ? msg :
			path_state_name(st));
	if (!usable(st) && usable(old))
		dp->failures++;
	if (pp->mpp && (st != old || first))
		map_path_state_changed(dd, pp, old);
	/* healthy and unchanged: back off; else the base interval */
	next = polling_interval(dd);
	if (usable(st) && st == old && !first) {
		next = dp->interval * 2;
		if (next > max_polling_interval(dd))
			next = max_polling_interval(dd);
	}
	dp->interval = next;
	schedule(dp, next);
	if (usable(st) || (first && st == PATH_DOWN))
		start_prio(dp);
	else if (dp->wants_map)
		daemon_mark_dirty(dd, pp->wwid);
}

static void check_done(struct checker *c, void *arg)
{
	struct dpath *dp = arg;

	dp->checking = false;
	verdict(dp, c->state, c->message);
}

/* The device's state in sysfs first: an offline device needs no I/O. */
static enum path_state sysfs_verdict(struct dpath *dp)
{
	struct path *pp = dp->pp;
	char buf[32];

	if (sysfs_read(dp->dd->disc.sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/state", pp->dev) >= 0)
		snprintf(pp->sysfs_state, sizeof(pp->sysfs_state), "%s", buf);
	return sysfs_state_verdict(pp->bus, pp->sysfs_state);
}

static void start_check(struct dpath *dp)
{
	struct daemon *dd = dp->dd;
	enum path_state st;

	if (dp->checking)
		return;
	st = sysfs_verdict(dp);
	if (st != PATH_UP) {
		verdict(dp, st, "path inaccessible");
		return;
	}
	if (!dp->chk.ops) {
		verdict(dp, PATH_UNCHECKED, "no checker");
		return;
	}
	if (checker_start(dd->engine, &dp->chk, check_done, dp) == 0)
		dp->checking = true;
	else
		schedule(dp, polling_interval(dd));
}

static void check_due(struct loop *l, struct loop_timer *t)
{
	start_check(t->arg);
}

void daemon_check_now(struct daemon *dd, struct path *pp)
{
	struct dpath *dp = pp->priv;

	if (!dp || dp->checking)
		return;
	dp->interval = polling_interval(dd);
	loop_timer_in(&dd->loop, &dp->check_timer, 0);
}

/* ---- life ---------------------------------------------------------------------- */

static void setup_checker(struct daemon *dd, struct dpath *dp)
{
	struct path *pp = dp->pp;
	const char *name = checker_select(&dd->disc, pp);
	const struct checker_ops *ops = name ? checker_lookup(name) : NULL;

	if (name)
		snprintf(pp->checker_name, sizeof(pp->checker_name), "%s", name);
	if (ops)
		checker_init(&dp->chk, ops, pp->dev,
			     checker_timeout_ms(&dd->disc, pp));
}

int daemon_add_path(struct daemon *dd, struct path *pp)
{
	struct dpath *dp = calloc(1, sizeof(*dp));
	int r;

	if (!dp) {
		path_free(pp);
		return -ENOMEM;
	}
	dp->pp = pp;
	dp->dd = dd;
	pp->priv = dp;
	r = registry_add_path(&dd->reg, pp);
	if (r < 0) {
		pp->priv = NULL;
		free(dp);
		path_free(pp);
		return r;
	}
	dp->check_timer.fn = check_due;
	dp->check_timer.arg = dp;
	dp->interval = polling_interval(dd);
	dp->wants_map = true;
	setup_checker(dd, dp);
	loop_timer_in(&dd->loop, &dp->check_timer, 0);
	return 0;
}

void dpath_free(struct path *pp)
{
	struct dpath *dp = pp->priv;

	if (dp) {
		loop_timer_cancel(&dp->dd->loop, &dp->check_timer);
		checker_release(&dp->chk);
		checker_release(&dp->prio);
		free(dp);
		pp->priv = NULL;
	}
	path_free(pp);
}

void daemon_remove_path(struct daemon *dd, struct path *pp)
{
	char wwid[WWID_SIZE];
	bool mapped = pp->mpp != NULL;

	snprintf(wwid, sizeof(wwid), "%s", pp->wwid);
	condlog(2, "%s: remove path (uevent)", pp->dev);
	registry_remove_path(&dd->reg, pp);
	dpath_free(pp);
	/* its map is reloaded without it */
	if (mapped && wwid[0])
		daemon_mark_dirty(dd, wwid);
}
