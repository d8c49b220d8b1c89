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
#include "iosample.h"
#include "prio/prio.h"
#include "prkey.h"
#include "util/log.h"

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

/* After the first check, each path's checks start at its own point of
 * the interval: the paths of a start-up or a burst are then not all
 * checked at the same moment ever after (which would make the worker
 * pool grow for every round and shrink in between). */
static void schedule_spread(struct dpath *dp, unsigned int seconds)
{
	unsigned int h = 2166136261u, span = seconds * 1000;
	const char *c;

	for (c = dp->pp->dev; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	loop_timer_in(&dp->dd->loop, &dp->check_timer,
		      seconds * 1000ULL + (span ? h % span : 0));
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

	int r;

	if (dp->prioritizing)
		return;
	r = prio_job_start(&dd->disc, dd->engine, dp->pp, &dp->prio,
			   prio_done, dp);
	if (r == 0)
		dp->prioritizing = true;
	else if (r == 1)
		prio_done(&dp->prio, dp);
	else if (dp->wants_map)
		daemon_mark_dirty(dd, dp->pp->wwid);
}

/* ---- verdicts ----------------------------------------------------------------- */

/* san_path_err, with its messages: the state to act on. */
static enum path_state unreliable(struct dpath *dp, enum path_state st,
				  enum path_state old)
{
	const struct dmap *dm = dp->pp->mpp ? dp->pp->mpp->priv : NULL;
	enum san_event ev;

	if (!dm)
		return st;
	st = san_filter(&dp->san, &dm->set.san, st, old, loop_now_ns(), &ev);
	if (ev == SAN_HELD)
		condlog(2, "%s: %u failures, kept out of use for %lld s",
			dp->pp->dev, dp->san.err_count, dm->set.san.recovery_s);
	else if (ev == SAN_RELEASED)
		condlog(2, "%s: unreliable path back in use", dp->pp->dev);
	return st;
}

/* marginal_path_*: a path that fails twice in a short time has its I/O
 * sampled before it is trusted again. Without marginal_pathgroups it is
 * kept failed meanwhile; with them it stays in use, in a group of its
 * own after the others (pp->marginal). */
static bool marginal_groups(const struct daemon *dd)
{
	return config_get_int(dd->conf, KW_MARGINAL_PATHGROUPS) !=
	       MARGINAL_PATHGROUPS_OFF;
}

static void set_marginal(struct dpath *dp, bool on)
{
	struct path *pp = dp->pp;

	on = on || dp->forced_marginal;
	if (!marginal_groups(dp->dd))
		on = false;
	if (pp->marginal == on)
		return;
	pp->marginal = on;
	condlog(2, "%s: %s", pp->dev, on ? "marginal, in a group of its own" :
					   "no longer marginal");
	if (pp->mpp)
		daemon_mark_dirty(dp->dd, pp->wwid);
}

void daemon_force_marginal(struct daemon *dd, struct path *pp, bool on)
{
	struct dpath *dp = pp->priv;

	(void)dd;
	dp->forced_marginal = on;
	/* "unset": the operator vouches for the path; a sample under way
	 * still has its say */
	if (!on && !dp->sample)
		dp->marg = (struct marginal_state){ 0 };
	set_marginal(dp, dp->marg.phase != MARGINAL_NO);
}

static void sample_done(struct iosample *s, unsigned int errors,
			unsigned int total, void *arg)
{
	struct dpath *dp = arg;
	struct path *pp = dp->pp;
	const struct dmap *dm = pp->mpp ? pp->mpp->priv : NULL;
	const struct marginal_params *p = dm ? &dm->set.marg : NULL;

	(void)s;
	dp->sample = NULL;
	if (!p || !marginal_on(p)) {
		memset(&dp->marg, 0, sizeof(dp->marg));
		set_marginal(dp, false);
		return;
	}
	if (marginal_sample_done(&dp->marg, p, errors, total, loop_now_ns())) {
		condlog(2, "%s: %u of %u reads failed (%u per thousand, threshold %lld): the path is good",
			pp->dev, errors, total, dp->marg.last_rate,
			p->rate_threshold);
		set_marginal(dp, false);
	} else {
		condlog(2, "%s: %u of %u reads failed (%u per thousand, threshold %lld): %s, sampled again in %lld s",
			pp->dev, errors, total, dp->marg.last_rate,
			p->rate_threshold,
			marginal_groups(dp->dd) ? "still marginal" :
						  "kept out of use",
			p->recheck_gap_s);
	}
	/* act on it now: reinstate a good path */
	daemon_check_now(dp->dd, pp);
}

static void start_sample(struct dpath *dp, const struct marginal_params *p)
{
	char node[DEV_NAME_SIZE + 8];

	snprintf(node, sizeof(node), "/dev/%s", dp->pp->dev);
	dp->sample = iosample_start(dp->dd->sampler, node,
				    (unsigned int)p->sample_s, sample_done, dp);
	if (!dp->sample)
		return;		/* logged; tried again at the next check */
	dp->marg.phase = MARGINAL_SAMPLING;
	condlog(2, "%s: sampling its I/O for %lld s", dp->pp->dev, p->sample_s);
}

static bool others_usable(const struct path *pp)
{
	const struct path *o;
	size_t i;

	vec_foreach(&pp->mpp->paths, o, i)
		if (o != pp && state_usable(o->state))
			return true;
	return false;
}

/* The state to act on for the verdict st. A path is only suspected, and
 * only kept out of use, while its map has another usable path. */
static enum path_state marginal(struct dpath *dp, enum path_state st,
				enum path_state old)
{
	struct path *pp = dp->pp;
	const struct dmap *dm = pp->mpp ? pp->mpp->priv : NULL;
	const struct marginal_params *p = dm ? &dm->set.marg : NULL;
	uint64_t now = loop_now_ns();

	if (!p || !marginal_on(p)) {
		/* off (maybe by a reconfigure): forget what was found */
		iosample_cancel(dp->sample);
		dp->sample = NULL;
		memset(&dp->marg, 0, sizeof(dp->marg));
		set_marginal(dp, false);
		return st;
	}
	if (state_usable(old) && !state_usable(st) && others_usable(pp) &&
	    marginal_path_failed(&dp->marg, p, now))
		condlog(2, "%s: failed twice within %lld s: its I/O is sampled once it is up",
			pp->dev, p->double_failed_s);
	if (!dp->sample && marginal_wants_sample(&dp->marg, st, now))
		start_sample(dp, p);
	set_marginal(dp, dp->marg.phase != MARGINAL_NO);
	if (dp->marg.phase != MARGINAL_NO && !marginal_groups(dp->dd) &&
	    state_usable(st) && others_usable(pp))
		return PATH_DELAYED;
	return st;
}

struct recheck {
	struct daemon *dd;
	char dev[DEV_NAME_SIZE];
};

static void recheck_wwid(void *arg);

void dpath_verdict(struct dpath *dp, enum path_state st, const char *msg)
{
	struct daemon *dd = dp->dd;
	struct path *pp = dp->pp;
	enum path_state old = pp->state;
	bool first = !dp->checked;
	unsigned int next;

	dd->checks++;
	if (st < PATH__MAX)
		dd->check_results[st]++;
	dp->last_check_ns = loop_now_ns();
	if (st == PATH_PENDING) {
		/* no verdict yet: ask again soon, keep what we knew */
		schedule(dp, 1);
		return;
	}
	dp->checked = true;
	dp->chkrstate = st;
	st = unreliable(dp, st, old);
	st = marginal(dp, st, old);
	if (state_usable(st) && !state_usable(old) && !first && pp->mpp &&
	    ((struct dmap *)pp->mpp->priv)->set.recheck_wwid) {
		struct recheck *rc = calloc(1, sizeof(*rc));

		/* after this callback: the path may be replaced */
		if (rc) {
			rc->dd = dd;
			snprintf(rc->dev, sizeof(rc->dev), "%s", pp->dev);
			if (loop_defer(&dd->loop, recheck_wwid, rc) < 0)
				free(rc);
		}
	}
	pp->state = st;
	snprintf(pp->checker_msg, sizeof(pp->checker_msg), "%s",
		 msg ? msg : "");
	if (st != old || first)
		condlog(state_usable(st) == state_usable(old) || first ? 3 : 2,
			"%s: %s", pp->dev, msg && *msg ? msg :
			path_state_name(st));
	if (!state_usable(st) && state_usable(old))
		dp->failures++;
	if (st != old)
		dp->operator_failed = false;
	/* also when the checker finds a path up that the kernel failed (an
	 * I/O error while its state did not change): reinstated, unless the
	 * operator failed it. Not a ghost (standby) path: I/O to it fails,
	 * reinstating it would only start over. */
	if (pp->mpp && (st != old || first ||
			(st == PATH_UP && pp->dmstate == DMP_FAILED &&
			 !dp->operator_failed)))
		map_path_state_changed(dd, pp, old);
	if (state_usable(st) && pp->mpp)
		prkey_probe(pp);
	/* healthy and unchanged: back off; else the base interval */
	next = next_check_interval(dp->interval, polling_interval(dd),
				   max_polling_interval(dd), st, old, first);
	dp->interval = next;
	if (st == PATH_DELAYED || dp->marg.phase != MARGINAL_NO)
		schedule(dp, polling_interval(dd));
	else if (first)
		schedule_spread(dp, next);
	else
		schedule(dp, next);
	if (state_usable(st) || (first && st == PATH_DOWN))
		start_prio(dp);
	else if (dp->wants_map)
		daemon_mark_dirty(dd, pp->wwid);
}

/* The check's time, per checker (the first DAEMON_CHECKER_STATS names). */
static void count_check(struct daemon *dd, const struct checker *c)
{
	struct checker_stat *cs;
	size_t i;

	if (!c->ops || !c->ops->name)
		return;
	for (i = 0; i < DAEMON_CHECKER_STATS; i++) {
		cs = &dd->checker_stats[i];
		if (!cs->name[0])
			snprintf(cs->name, sizeof(cs->name), "%s", c->ops->name);
		if (strcmp(cs->name, c->ops->name) == 0) {
			cs->count++;
			cs->elapsed_ms += c->elapsed_ms;
			return;
		}
	}
}

static void check_done(struct checker *c, void *arg)
{
	struct dpath *dp = arg;

	count_check(dp->dd, c);
	/* a path coming up in a map with registered keys: its key first */
	if (prkey_register_wanted(dp, c->state) &&
	    prkey_register_start(dp, c->state, c->message) == 0)
		return;
	dp->checking = false;
	dpath_verdict(dp, c->state, c->message);
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

static void setup_checker(struct daemon *dd, struct dpath *dp);

/* after a reconfigure: another checker, or another timeout, replaces the
 * path's checker; the same one keeps its open device */
static void reselect_checker(struct daemon *dd, struct dpath *dp)
{
	const char *name = checker_select(&dd->disc, dp->pp);

	dp->checker_stale = false;
	if (dp->chk.ops && name && !strcmp(name, dp->chk.ops->name) &&
	    dp->chk.timeout_ms == checker_timeout_ms(&dd->disc, dp->pp))
		return;
	condlog(3, "%s: checker %s after the reconfigure", dp->pp->dev,
		name ? name : "none");
	checker_release(&dp->chk);
	setup_checker(dd, dp);
}

static void start_check(struct dpath *dp)
{
	struct daemon *dd = dp->dd;
	enum path_state st;

	if (dp->checking)
		return;
	/* a new configuration may name another checker (or the same one
	 * with another timeout): taken between two checks */
	if (dp->checker_stale)
		reselect_checker(dd, dp);
	st = sysfs_verdict(dp);
	if (st != PATH_UP) {
		dpath_verdict(dp, st, "path inaccessible");
		return;
	}
	if (!dp->chk.ops) {
		dpath_verdict(dp, PATH_UNCHECKED, "no checker");
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

/* recheck_wwid: a path back from a failure may be another LUN now; it
 * then leaves its map and comes back as a new path. */
static void recheck_wwid(void *arg)
{
	struct recheck *rc = arg;
	struct daemon *dd = rc->dd;
	struct path *pp = registry_path(&dd->reg, rc->dev);
	struct path *fresh = path_new();

	if (pp && fresh && path_init(&dd->disc, fresh, rc->dev) == 0 &&
	    pathinfo(&dd->disc, fresh, DI_SYSFS | DI_SERIAL | DI_WWID |
						DI_BLACKLIST) == 0 &&
	    fresh->wwid[0] && strcmp(fresh->wwid, pp->wwid)) {
		condlog(1, "%s: the WWID changed from %s to %s: a new path",
			rc->dev, pp->wwid, fresh->wwid);
		daemon_remove_path(dd, pp);
		daemon_add_path(dd, fresh);
		fresh = NULL;
	}
	path_free(fresh);
	free(rc);
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
	dp->check_timer.name = "check_due";
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
		iosample_cancel(dp->sample);
		checker_release(&dp->chk);
		checker_release(&dp->prio);
		checker_release(&dp->prreg);
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
