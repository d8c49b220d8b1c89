/* The daemon's maps: adopting the kernel's at start-up, assembly of the
 * WWIDs that events touched (batched, through the library's core), the
 * kernel's view after dm events, failing and reinstating paths in the
 * kernel, no_path_retry, failback and removal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "daemon.h"
#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "dm/mpath_table.h"
#include "map/assemble.h"
#include "map/find_multipaths.h"
#include "map/flush.h"
#include "map/from_dm.h"
#include "map/select.h"
#include "map/wwids.h"
#include "discovery/sysfs.h"
#include "util/log.h"

/* How long assembly waits for more events about the same WWIDs. */
#define ASSEMBLE_BATCH_MS 20
/* ... and again while a path of the WWID is still being set up. */
#define ASSEMBLE_RETRY_MS 100
/* A new map waits until no path of its WWID came for this long: the
 * paths of a LUN seen through several hosts come in a burst, and the
 * burst makes one create rather than a create and reloads. */
#define NEW_MAP_QUIET_MS 500
/* How long one assembly run may keep the loop busy. */
#define ASSEMBLE_SLICE_MS 50
#define SLOW_ASSEMBLY_MS 250

static long long polling_interval(const struct daemon *dd)
{
	long long v = config_get_int(dd->conf, KW_POLLING_INTERVAL);

	return v > 0 ? v : 5;
}

/* ---- the daemon's part of a map ----------------------------------------------- */

static void retry_expired(struct loop *l, struct loop_timer *t);
static void failback_due(struct loop *l, struct loop_timer *t);
static void ghost_over(struct loop *l, struct loop_timer *t);

static struct dmap *dmap_new(struct daemon *dd, struct multipath *mpp)
{
	struct dmap *dm = calloc(1, sizeof(*dm));

	if (!dm)
		return NULL;
	dm->dd = dd;
	dm->mpp = mpp;
	dm->retry_timer.fn = retry_expired;
	dm->retry_timer.name = "retry_expired";
	dm->retry_timer.arg = dm;
	dm->failback_timer.fn = failback_due;
	dm->failback_timer.name = "failback_due";
	dm->failback_timer.arg = dm;
	dm->ghost_timer.fn = ghost_over;
	dm->ghost_timer.name = "ghost_over";
	dm->ghost_timer.arg = dm;
	mpp->priv = dm;
	return dm;
}

void dmap_free(struct multipath *mpp)
{
	struct dmap *dm = mpp->priv;

	if (dm) {
		loop_timer_cancel(&dm->dd->loop, &dm->retry_timer);
		loop_timer_cancel(&dm->dd->loop, &dm->failback_timer);
		loop_timer_cancel(&dm->dd->loop, &dm->ghost_timer);
		checker_release(&dm->pr_probe);
		dm_map_clear(&dm->live);
		free(dm);
		mpp->priv = NULL;
	}
	multipath_free(mpp);
}

/* marginal_path_*: on when all four are set; a sample shorter than two
 * read timeouts is made that long, as the reference does. */
static void marginal_select(struct prop_scope *s, const struct multipath *mpp,
			    struct marginal_params *m)
{
	m->sample_s = prop_int(s, KW_MARGINAL_PATH_ERR_SAMPLE_TIME, 0, NULL);
	m->rate_threshold = prop_int(s, KW_MARGINAL_PATH_ERR_RATE_THRESHOLD, 0,
				     NULL);
	m->recheck_gap_s = prop_int(s, KW_MARGINAL_PATH_ERR_RECHECK_GAP_TIME,
				    0, NULL);
	m->double_failed_s = prop_int(s, KW_MARGINAL_PATH_DOUBLE_FAILED_TIME,
				      0, NULL);
	if (!marginal_on(m))
		return;
	if (m->sample_s < MARGINAL_MIN_SAMPLE_S) {
		condlog(2, "%s: marginal_path_err_sample_time %lld is too short, using %d",
			mpp->alias, m->sample_s, MARGINAL_MIN_SAMPLE_S);
		m->sample_s = MARGINAL_MIN_SAMPLE_S;
	}
	if (m->rate_threshold > 1000)
		m->rate_threshold = 1000;
}

void map_settings_select(struct daemon *dd, const struct multipath *mpp,
			 struct map_settings *set)
{
	struct prop_scope s = map_scope(dd->conf, mpp, NULL);
	long long watch = prop_int(&s, KW_DELAY_WATCH_CHECKS, 0, NULL);
	long long wait = prop_int(&s, KW_DELAY_WAIT_CHECKS, 0, NULL);

	struct san_params *san = &set->san;

	memset(set, 0, sizeof(*set));
	san->threshold = prop_int(&s, KW_SAN_PATH_ERR_THRESHOLD, 0, NULL);
	san->forget_rate = prop_int(&s, KW_SAN_PATH_ERR_FORGET_RATE, 0, NULL);
	san->recovery_s = prop_int(&s, KW_SAN_PATH_ERR_RECOVERY_TIME, 0, NULL);
	/* the older delay_*_checks stand in when no san_path_err_* is set */
	if (san->threshold <= 0 && san->forget_rate <= 0 &&
	    san->recovery_s <= 0 && watch > 0) {
		san->threshold = 1;
		san->forget_rate = watch;
		san->recovery_s = (wait > 0 ? wait : watch) *
				  polling_interval(dd);
	}
	marginal_select(&s, mpp, &set->marg);
	set->max_sectors_kb = prop_int(&s, KW_MAX_SECTORS_KB, 0, NULL);
	set->recheck_wwid = prop_int(&s, KW_RECHECK_WWID, 0, NULL) > 0;
}

void map_set_max_sectors(struct daemon *dd, const struct multipath *mpp,
			 long long kb, bool map_itself)
{
	const struct path *pp;
	char val[32];
	size_t i;
	int r;

	if (kb <= 0)
		return;
	snprintf(val, sizeof(val), "%lld", kb);
	if (map_itself) {
		if (mpp->dm_dev[0] &&
		    (r = sysfs_write(dd->disc.sysfs_root, val,
				     "class/block/%s/queue/max_sectors_kb",
				     mpp->dm_dev)) < 0)
			log_errno(2, r, "%s: cannot set max_sectors_kb to %s",
				  mpp->alias, val);
		return;
	}
	vec_foreach(&mpp->paths, pp, i)
		if ((r = sysfs_write(dd->disc.sysfs_root, val,
				     "class/block/%s/queue/max_sectors_kb",
				     pp->dev)) < 0)
			log_errno(2, r, "%s: cannot set max_sectors_kb to %s",
				  pp->dev, val);
}

/* Move the daemon's state of old to new (same WWID). */
static void dmap_move(struct multipath *old, struct multipath *new)
{
	struct dmap *dm = old->priv;

	old->priv = NULL;
	new->priv = dm;
	dm->mpp = new;
	new->stat_path_failures = old->stat_path_failures;
	new->stat_switchgroup = old->stat_switchgroup;
	new->stat_map_loads = old->stat_map_loads;
	new->stat_total_queueing_time = old->stat_total_queueing_time;
	new->stat_queueing_timeouts = old->stat_queueing_timeouts;
	new->prflag = old->prflag;
	new->prhold = old->prhold;
}

/* ---- the kernel's view ------------------------------------------------------------ */

static enum pg_state pg_state_of(char c)
{
	return c == 'A' ? PGS_ACTIVE : c == 'E' ? PGS_ENABLED :
	       c == 'D' ? PGS_DISABLED : PGS_UNDEF;
}

static unsigned int count_active(const struct multipath *mpp)
{
	const struct path *pp;
	unsigned int n = 0;
	size_t i;

	vec_foreach(&mpp->paths, pp, i)
		n += state_usable(pp->state) && pp->dmstate != DMP_FAILED;
	return n;
}

/* Paths of the map that the kernel failed while their checker says up are
 * checked again at once. */
static void apply_status(struct daemon *dd, struct multipath *mpp,
			 const struct dmmp_table *t)
{
	unsigned int g, p;

	mpp->nextpg = (int)t->next_group;
	for (g = 0; g < t->nr_groups; g++) {
		const struct dmmp_group *dg = &t->groups[g];
		struct pathgroup *pg = vec_get(&mpp->pgs, g);

		if (pg)
			pg->state = pg_state_of(dg->state);
		for (p = 0; p < dg->nr_paths; p++) {
			const struct dmmp_path *dp = &dg->paths[p];
			struct path *pp = registry_path_by_devt(&dd->reg, dp->devt);
			enum dm_path_state st;

			if (!pp || pp->mpp != mpp)
				continue;
			st = dp->state == 'A' ? DMP_ACTIVE :
			     dp->state == 'F' ? DMP_FAILED : DMP_UNDEF;
			pp->failcount = dp->fail_count;
			if (st == DMP_FAILED && pp->dmstate != DMP_FAILED &&
			    state_usable(pp->state)) {
				condlog(3, "%s: failed by the kernel, checking",
					pp->dev);
				pp->dmstate = st;
				daemon_check_now(dd, pp);
			}
			pp->dmstate = st;
		}
	}
}

void map_refresh(struct daemon *dd, struct multipath *mpp)
{
	struct dmap *dm = mpp->priv;
	struct dmmp_table t = DMMP_TABLE_INIT;
	struct dm_map m;

	if (!mpp->alias || dm_map_get(mpp->alias, true, &m) < 0)
		return;
	if (dm->live.minor != m.minor || !mpp->dm_dev[0])
		registry_set_dmdev(&dd->reg, mpp, m.minor);
	dm_map_clear(&dm->live);
	dm->live = m;
	dm->event_nr = m.event_nr;
	mpp->read_only = m.read_only;
	mpp->wp_known = true;
	mpp->suspended = m.suspended;
	mpp->open_count = m.open_count;
	if (m.table && dmmp_parse_table(m.table, &t) == 0) {
		mpp->queue_if_no_path =
			dmmp_table_feature(&t, "queue_if_no_path", NULL);
		if (m.status && dmmp_parse_status(m.status, &t) == 0)
			apply_status(dd, mpp, &t);
		dmmp_table_free(&t);
	}
	dm->nr_active = count_active(mpp);
}

void daemon_dm_event(struct daemon *dd, const char *name)
{
	struct multipath *mpp = registry_map(&dd->reg, name);

	dd->dm_events++;
	if (mpp)
		map_refresh(dd, mpp);
}

/* ---- queueing: no_path_retry -------------------------------------------------------- */

static void enter_recovery(struct dmap *dm)
{
	struct multipath *mpp = dm->mpp;

	if (dm->in_recovery || mpp->no_path_retry <= 0)
		return;
	dm->in_recovery = true;
	dm->queueing_since_ns = loop_now_ns();
	mpp->stat_queueing_timeouts++;
	condlog(1, "%s: Entering recovery mode: max_retries=%d", mpp->alias,
		mpp->no_path_retry);
	loop_timer_in(&dm->dd->loop, &dm->retry_timer,
		      no_path_retry_ms(mpp->no_path_retry,
				       polling_interval(dm->dd)));
}

static void count_queueing_time(struct dmap *dm)
{
	if (dm->queueing_since_ns) {
		dm->mpp->stat_total_queueing_time += (unsigned int)
			((loop_now_ns() - dm->queueing_since_ns) / 1000000000ULL);
		dm->queueing_since_ns = 0;
	}
}

static void retry_expired(struct loop *l, struct loop_timer *t)
{
	struct dmap *dm = t->arg;
	struct multipath *mpp = dm->mpp;

	count_queueing_time(dm);
	if (dm_message(mpp->alias, "fail_if_no_path") == 0) {
		dm->queueing_disabled = true;
		mpp->queue_if_no_path = 0;
		condlog(2, "%s: Disable queueing", mpp->alias);
	}
}

static void leave_recovery(struct dmap *dm)
{
	struct multipath *mpp = dm->mpp;

	if (!dm->in_recovery)
		return;
	dm->in_recovery = false;
	loop_timer_cancel(&dm->dd->loop, &dm->retry_timer);
	count_queueing_time(dm);
	if (mpp->no_path_retry > 0 || mpp->no_path_retry == NO_PATH_RETRY_QUEUE) {
		if (dm_message(mpp->alias, "queue_if_no_path") == 0) {
			dm->queueing_disabled = false;
			mpp->queue_if_no_path = 1;
			condlog(2, "%s: queue_if_no_path enabled", mpp->alias);
			condlog(1, "%s: Recovered to normal mode", mpp->alias);
		}
	}
}

int map_set_queueing(struct daemon *dd, struct multipath *mpp, bool on)
{
	struct dmap *dm = mpp->priv;
	int r;

	if (!on) {
		loop_timer_cancel(&dd->loop, &dm->retry_timer);
		r = dm_message(mpp->alias, "fail_if_no_path");
		if (r == 0) {
			dm->queueing_disabled = true;
			mpp->queue_if_no_path = 0;
		}
		return r;
	}
	dm->queueing_disabled = false;
	if (mpp->no_path_retry == NO_PATH_RETRY_FAIL ||
	    mpp->no_path_retry == 0)
		return 0;
	r = dm_message(mpp->alias, "queue_if_no_path");
	if (r == 0)
		mpp->queue_if_no_path = 1;
	dm->in_recovery = false;
	if (r == 0 && count_active(mpp) == 0)
		enter_recovery(dm);
	return r;
}

/* ---- failback ------------------------------------------------------------------------ */

/* The 1-based number of the best group with a usable path, 0 if none:
 * groups are kept sorted best first. */
static int best_group(const struct multipath *mpp)
{
	const struct pathgroup *pg;
	const struct path *pp;
	int best = 0, best_prio = -1;
	size_t i, j;

	vec_foreach(&mpp->pgs, pg, i) {
		bool ok = false;

		vec_foreach(&pg->paths, pp, j)
			ok |= state_usable(pp->state);
		if (ok && pg->priority > best_prio) {
			best_prio = pg->priority;
			best = (int)i + 1;
		}
	}
	return best;
}

static int active_group(const struct multipath *mpp)
{
	const struct pathgroup *pg;
	size_t i;

	vec_foreach(&mpp->pgs, pg, i)
		if (pg->state == PGS_ACTIVE)
			return (int)i + 1;
	return mpp->nextpg;
}

int map_switch_group(struct daemon *dd, struct multipath *mpp, int group)
{
	char msg[32];
	int r;

	snprintf(msg, sizeof(msg), "switch_group %d", group);
	r = dm_message(mpp->alias, msg);
	if (r == 0) {
		mpp->stat_switchgroup++;
		map_refresh(dd, mpp);
	}
	return r;
}

static void failback(struct dmap *dm)
{
	struct multipath *mpp = dm->mpp;
	int best = best_group(mpp);

	if (best && best != active_group(mpp)) {
		condlog(2, "%s: switch to path group #%d", mpp->alias, best);
		map_switch_group(dm->dd, mpp, best);
	}
}

static void failback_due(struct loop *l, struct loop_timer *t)
{
	failback(t->arg);
}

static void consider_failback(struct dmap *dm, const struct path *pp,
			      bool group_was_down)
{
	struct multipath *mpp = dm->mpp;

	switch (failback_decide(mpp->failback, best_group(mpp),
				active_group(mpp), group_was_down)) {
	case FAILBACK_SWITCH:
		failback(dm);
		break;
	case FAILBACK_LATER:
		if (!dm->failback_timer.armed)
			loop_timer_in(&dm->dd->loop, &dm->failback_timer,
				      (uint64_t)mpp->failback * 1000ULL);
		break;
	default:
		break;
	}
}

/* ---- ghost_delay ----------------------------------------------------------------------- */

/* The map held back for its ghost paths is announced: the same table
 * again, with udev flags that say it has usable paths. */
static void announce(struct dmap *dm, const char *why)
{
	struct multipath *mpp = dm->mpp;
	struct dm_cookie cookie = { 0 };
	struct dm_target_spec spec;

	if (!mpp->ghost_wait)
		return;
	mpp->ghost_wait = false;
	loop_timer_cancel(&dm->dd->loop, &dm->ghost_timer);
	if (!dm->live.table)
		return;
	condlog(2, "%s: %s, announcing the map", mpp->alias, why);
	spec = (struct dm_target_spec){ 0, dm->live.size, DM_TARGET_MULTIPATH,
					dm->live.table };
	if (dm_reload(mpp->alias, &spec, 1, mpp->read_only,
		      map_udev_flags(mpp), &cookie) == 0 && cookie.used)
		settler_queue(dm->dd, cookie.value, NULL);
}

static void ghost_over(struct loop *l, struct loop_timer *t)
{
	announce(t->arg, "ghost_delay is over");
}

/* ---- a path's new state in its map ------------------------------------------------- */

static bool group_down_without(const struct path *pp)
{
	const struct path *other;
	size_t i;

	if (!pp->pg)
		return true;
	vec_foreach(&pp->pg->paths, other, i)
		if (other != pp && state_usable(other->state) &&
		    other->dmstate != DMP_FAILED)
			return false;
	return true;
}

void map_path_state_changed(struct daemon *dd, struct path *pp,
			    enum path_state old)
{
	struct multipath *mpp = pp->mpp;
	struct dmap *dm = mpp->priv;
	char msg[64];

	if (!dm)
		return;
	if (!state_usable(pp->state) && pp->dmstate != DMP_FAILED) {
		snprintf(msg, sizeof(msg), "fail_path %s", pp->dev_t);
		if (dm_message(mpp->alias, msg) == 0) {
			condlog(2, "checker failed path %s in map %s",
				pp->dev_t, mpp->alias);
			pp->dmstate = DMP_FAILED;
			mpp->stat_path_failures++;
			dd->dm_fails++;
		}
	} else if (state_usable(pp->state) && pp->dmstate != DMP_ACTIVE) {
		bool group_was_down = group_down_without(pp);

		snprintf(msg, sizeof(msg), "reinstate_path %s", pp->dev_t);
		if (dm_message(mpp->alias, msg) == 0) {
			condlog(2, "%s: reinstated", pp->dev);
			pp->dmstate = DMP_ACTIVE;
			dd->dm_reinstates++;
			consider_failback(dm, pp, group_was_down);
		}
	} else if (state_usable(pp->state) && !state_usable(old)) {
		consider_failback(dm, pp, group_down_without(pp));
	}
	if (pp->state == PATH_UP)
		announce(dm, "an active path");
	dm->nr_active = count_active(mpp);
	if (state_usable(pp->state) != state_usable(old))
		condlog(2, "%s: remaining active paths: %u", mpp->alias,
			dm->nr_active);
	if (dm->nr_active == 0)
		enter_recovery(dm);
	else
		leave_recovery(dm);
}

/* ---- adoption at start-up -------------------------------------------------------------- */

/* Put the registry's path for each of mpp's own (from the table) in its
 * place; paths the registry lacks join it. */
static void adopt_paths(struct daemon *dd, struct multipath *mpp)
{
	struct pathgroup *pg;
	struct path *pp, *known;
	size_t i, j;
	long k;

	vec_foreach(&mpp->paths, pp, i) {
		known = registry_path_by_devt(&dd->reg, pp->dev_t);
		if (!known) {
			/* not found by discovery (blacklisted now ...): keep
			 * the one the table names */
			struct path *copy = path_new();

			if (!copy)
				continue;
			*copy = *pp;
			pp->udev = NULL;
			copy->priv = NULL;
			if (daemon_add_path(dd, copy) < 0)
				continue;
			known = copy;
		}
		known->dmstate = pp->dmstate;
		known->failcount = pp->failcount;
		known->mpp = mpp;
		vec_foreach(&mpp->pgs, pg, j) {
			k = vec_find(&pg->paths, pp);
			if (k >= 0) {
				pg->paths.items[k] = known;
				known->pg = pg;
			}
		}
		mpp->paths.items[i] = known;
		path_free(pp);
	}
	mpp->owns_paths = false;
}

/* What a daemon killed in the middle of making or reloading a map leaves:
 * a map under a multipath UUID without a live table (made, its table not
 * loaded or not resumed: the reference keeps it, and its name and WWID
 * cannot be used again until someone removes it), removed unless open;
 * a map left suspended (a reload cut between suspend and resume: all I/O
 * to it waits), resumed. Only at start-up: later, a map without a table
 * may be one that multipath is making right now. */
void daemon_repair_maps(void)
{
	struct vec all = VEC_INIT;
	struct dm_map *m;
	size_t i;

	if (dm_list_maps(false, &all) < 0) {
		vec_free(&all, dm_map_free);
		return;
	}
	vec_foreach(&all, m, i) {
		struct dm_map full = { 0 };
		int r;

		if (dm_map_get(m->name, true, &full) < 0 || !full.uuid ||
		    strncmp(full.uuid, MPATH_UUID_PREFIX,
			    strlen(MPATH_UUID_PREFIX))) {
			dm_map_clear(&full);
			continue;
		}
		if (full.target_count == 0 && full.open_count == 0) {
			r = dm_remove(m->name, false, NULL);
			condlog(r ? 0 : 2, "%s: a multipath map without a table (left by an interrupted set-up): %s",
				m->name, r ? strerror(-r) : "removed");
		} else if (full.suspended) {
			r = dm_resume(m->name, 0, NULL);
			condlog(r ? 0 : 2, "%s: a suspended multipath map (left by an interrupted reload): %s",
				m->name, r ? strerror(-r) : "resumed");
		}
		dm_map_clear(&full);
	}
	vec_free(&all, dm_map_free);
}

/* Take the kernel's map m (its contents move to the daemon) unless the
 * daemon has it already; true if taken. */
static bool adopt_one(struct daemon *dd, struct dm_map *m)
{
	struct multipath *mpp;
	struct dmap *dm;

	if (registry_map(&dd->reg, m->name))
		return false;
	if (multipath_from_dm(&dd->disc, m, DI_SYSFS, &mpp) < 0)
		return false;
	if (registry_map_by_wwid(&dd->reg, mpp->wwid)) {
		multipath_free(mpp);
		return false;
	}
	mpp->mpe = config_find_mpe(dd->conf, mpp->wwid);
	dm = dmap_new(dd, mpp);
	if (!dm || registry_add_map(&dd->reg, mpp) < 0) {
		condlog(0, "%s: cannot adopt the map", m->name);
		dmap_free(mpp);
		return false;
	}
	/* only now do the registry's paths point to it */
	adopt_paths(dd, mpp);
	select_map_settings(dd->conf, mpp, NULL);
	condlog(3, "%s: adopted the map of %s", mpp->alias, mpp->wwid);
	dm->live = *m;
	memset(m, 0, sizeof(*m));
	dm->event_nr = dm->live.event_nr;
	daemon_mark_dirty(dd, mpp->wwid);
	return true;
}

int daemon_adopt_maps(struct daemon *dd)
{
	struct vec maps = VEC_INIT;
	struct dm_map *m;
	size_t i;
	int r;

	r = dm_list_maps(true, &maps);
	if (r < 0) {
		vec_free(&maps, dm_map_free);
		return log_errno(0, r, "cannot list device-mapper maps");
	}
	vec_foreach(&maps, m, i)
		adopt_one(dd, m);
	vec_free(&maps, dm_map_free);
	return 0;
}

int daemon_adopt_map(struct daemon *dd, const char *name)
{
	struct dm_map m = { 0 };
	int r;

	r = dm_map_get(name, true, &m);
	if (r < 0)
		return r;
	r = dm_map_is_multipath(&m) && adopt_one(dd, &m);
	dm_map_clear(&m);
	return r;
}

/* ---- assembly --------------------------------------------------------------------------- */

static const struct dm_map *live_by_wwid(void *arg, const char *wwid)
{
	struct multipath *mpp = registry_map_by_wwid(arg, wwid);

	return mpp && mpp->priv ? &((struct dmap *)mpp->priv)->live : NULL;
}

static const struct dm_map *live_by_name(void *arg, const char *name)
{
	struct multipath *mpp = registry_map(arg, name);

	return mpp && mpp->priv ? &((struct dmap *)mpp->priv)->live : NULL;
}

static void assemble_due(struct loop *l, struct loop_timer *t);

void daemon_mark_dirty(struct daemon *dd, const char *wwid)
{
	char *w;

	if (!wwid[0])
		return;
	if (!hashmap_get(&dd->dirty, wwid)) {
		w = strdup(wwid);
		if (!w || vec_push(&dd->dirty_order, w) < 0 ||
		    hashmap_put(&dd->dirty, w, w) < 0) {
			condlog(0, "%s: out of memory", wwid);
			return;
		}
	}
	dd->assemble_timer.fn = assemble_due;
	dd->assemble_timer.name = "assemble_due";
	dd->assemble_timer.arg = dd;
	if (!dd->assemble_timer.armed)
		loop_timer_in(&dd->loop, &dd->assemble_timer,
			      ASSEMBLE_BATCH_MS);
}

/* The paths of the WWID that may make a map now; false while one of them
 * is still being set up (its first check or priority). */
static bool ready_paths(struct daemon *dd, const char *wwid, bool new_map,
			bool wait, struct vec *out)
{
	const struct vec *all = registry_wwid_paths(&dd->reg, wwid);
	uint64_t quiet = loop_now_ns() - NEW_MAP_QUIET_MS * 1000000ULL;
	struct path *pp;
	size_t i;

	vec_foreach(all, pp, i) {
		struct dpath *dp = pp->priv;

		if (!dp)
			continue;
		if (wait && (!dp->checked || dp->checking ||
			     (dp->prioritizing && dp->wants_map) ||
			     (new_map && dp->added_ns > quiet)))
			return false;
		if (vec_push(out, pp) < 0)
			return false;
	}
	return true;
}

/* The map of a WWID without paths: remove it unless it is held. */
static void map_lost_paths(struct daemon *dd, struct multipath *mpp)
{
	struct dmap *dm = mpp->priv;
	int r;

	if (mpp->flush_on_last_del && !dm->queueing_disabled) {
		condlog(2, "%s: Last path deleted, disabling queueing",
			mpp->alias);
		map_set_queueing(dd, mpp, false);
	}
	r = daemon_remove_map(dd, mpp, false);
	if (r == -EBUSY)
		condlog(2, "%s: last path deleted, map in use: kept",
			mpp->alias);
}

/* Put the plan's map in the model in place of old (or as a new one). */
static void install(struct daemon *dd, struct multipath *old,
		    struct map_plan *plan)
{
	struct multipath *mpp = plan->mpp;

	plan->mpp = NULL;
	if (old) {
		dmap_move(old, mpp);
		registry_replace_map(&dd->reg, old, mpp);
		dmap_free(old);
	} else if (!dmap_new(dd, mpp) || registry_add_map(&dd->reg, mpp) < 0) {
		condlog(0, "%s: cannot keep the map", mpp->alias);
		dmap_free(mpp);
		return;
	}
	if (plan->action != ACT_NOTHING)
		mpp->stat_map_loads++;
	map_refresh(dd, mpp);
	map_settings_select(dd, mpp, &((struct dmap *)mpp->priv)->set);
	if (plan->action == ACT_CREATE)
		map_set_max_sectors(dd, mpp,
				    ((struct dmap *)mpp->priv)->set.max_sectors_kb,
				    true);
	if (mpp->ghost_wait)
		loop_timer_in(&dd->loop, &((struct dmap *)mpp->priv)->ghost_timer,
			      (uint64_t)mpp->ghost_delay * 1000ULL);
	/* queueing as no_path_retry wants it with the paths it has now */
	if (((struct dmap *)mpp->priv)->nr_active == 0)
		enter_recovery(mpp->priv);
}

/*
 * find_multipaths smart and a lone path: udev waits for a second one
 * until the time multipath -u wrote down; once it has passed, a change
 * uevent makes udev look again, and the path is released to the system.
 */
static void smart_wait(struct daemon *dd, const struct vec *paths)
{
	struct path *pp = paths->items[0];
	struct dpath *dp = pp->priv;
	struct timespec until;
	uint64_t due;

	if (paths->len != 1 || dp->released ||
	    config_get_int(dd->conf, KW_FIND_MULTIPATHS) != FIND_MULTIPATHS_SMART)
		return;
	switch (find_multipaths_wait(FIND_MULTIPATHS_DIR, pp, 0, &until)) {
	case FM_WAITING:
		daemon_mark_dirty(dd, pp->wwid);
		due = loop_now_ns() + (uint64_t)until.tv_sec * 1000000000ULL +
		      (uint64_t)until.tv_nsec + 10000000ULL;
		if (!dd->assemble_timer.armed || dd->assemble_timer.due_ns > due)
			loop_timer_at(&dd->loop, &dd->assemble_timer, due);
		break;
	case FM_WAIT_DONE:
		condlog(2, "%s: no second path for find_multipaths smart, releasing it",
			pp->dev);
		dp->released = true;
		sysfs_write(dd->disc.sysfs_root, "change",
			    "class/block/%s/uevent", pp->dev);
		break;
	default:
		break;
	}
}

/* A failed plan gave old's paths up: they are old's again. */
static void relink(struct multipath *old)
{
	struct pathgroup *pg;
	struct path *pp;
	size_t i, j;

	if (!old)
		return;
	vec_foreach(&old->pgs, pg, i)
		vec_foreach(&pg->paths, pp, j) {
			pp->mpp = old;
			pp->pg = pg;
		}
	vec_foreach(&old->paths, pp, i)
		pp->mpp = old;
}

/* One WWID's map made, reloaded or removed; 0, -EAGAIN (its paths are not
 * ready: retried soon) or -errno. */
static int assemble_one(struct daemon *dd, struct assembly *a,
			const char *wwid, bool wait)
{
	struct multipath *old = registry_map_by_wwid(&dd->reg, wwid);
	struct map_plan plan = MAP_PLAN_INIT;
	struct vec paths = VEC_INIT;
	struct path *pp;
	size_t i;
	int r;

	if (!ready_paths(dd, wwid, !old, wait, &paths)) {
		vec_free(&paths, NULL);
		daemon_mark_dirty(dd, wwid);
		loop_timer_in(&dd->loop, &dd->assemble_timer, ASSEMBLE_RETRY_MS);
		return -EAGAIN;
	}
	if (!paths.len) {
		if (old)
			map_lost_paths(dd, old);
		vec_free(&paths, NULL);
		return -ENODEV;
	}
	if (!old && !should_multipath(dd->conf, paths.items[0], false,
				      paths.len, &dd->wwids)) {
		smart_wait(dd, &paths);
		vec_free(&paths, NULL);
		return -ENODEV;
	}
	if (!old && dd->ignore_new_devices &&
	    wwids_cache_check(&dd->wwids, config_get_str(dd->conf, KW_WWIDS_FILE),
			      wwid) != 1) {
		vec_free(&paths, NULL);
		return -ENODEV;
	}
	r = map_plan_build(a, wwid, (struct path *const *)paths.items,
			   paths.len, &plan);
	/* still held back for its ghost paths: a reload does not announce */
	if (r == 0 && old && old->ghost_wait)
		plan.mpp->ghost_wait = true;
	if (r == 0 && plan.action != ACT_NOTHING && !a->dry_run) {
		struct map_settings set;

		/* the map's limits come from its paths at the load */
		map_settings_select(dd, plan.mpp, &set);
		map_set_max_sectors(dd, plan.mpp, set.max_sectors_kb, false);
	}
	if (r == 0)
		r = map_plan_apply(a, &plan);
	if (r == 0) {
		vec_foreach(&paths, pp, i)
			((struct dpath *)pp->priv)->wants_map = false;
		install(dd, old, &plan);
		map_plan_release(&plan);
	} else {
		if (r != -EEXIST)
			condlog(1, "%s: map not set up: %s", wwid, strerror(-r));
		map_plan_release(&plan);
		relink(old);
	}
	vec_free(&paths, NULL);
	return r;
}

/* The slot of the WWID's first path in the model, for ordering. */
static size_t first_slot(struct daemon *dd, const char *wwid)
{
	const struct vec *paths = registry_wwid_paths(&dd->reg, wwid);
	const struct path *pp;
	size_t i, slot = (size_t)-1;

	vec_foreach(paths, pp, i)
		if (pp->reg_idx < slot)
			slot = pp->reg_idx;
	return slot;
}

struct ordered {
	size_t slot;
	char *wwid;
};

static int by_slot(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* todo in the order of the WWIDs' first paths in the model. */
static void order_by_paths(struct daemon *dd, struct vec *todo)
{
	struct ordered *o = calloc(todo->len ? todo->len : 1, sizeof(*o));
	size_t i;

	if (!o)
		return;		/* arrival order then */
	for (i = 0; i < todo->len; i++) {
		o[i].wwid = todo->items[i];
		o[i].slot = first_slot(dd, o[i].wwid);
	}
	qsort(o, todo->len, sizeof(*o), by_slot);
	for (i = 0; i < todo->len; i++)
		todo->items[i] = o[i].wwid;
	free(o);
}

static void assembly_start(struct daemon *dd, struct assembly *a, bool force)
{
	assembly_init(a, &dd->disc);
	a->live_by_wwid = live_by_wwid;
	a->live_by_name = live_by_name;
	a->arg = &dd->reg;
	a->force_reload = force;
	a->bindings_read_only = dd->bindings_read_only;
	a->hold_ghosts = true;
}

/* The udev wait of what a run changed goes to the settler. */
static void assembly_finish(struct daemon *dd, struct assembly *a)
{
	if (a->cookie.used) {
		a->cookie.used = false;
		settler_queue(dd, a->cookie.value, &a->triggers);
	}
	assembly_release(a);
	registry_compact(&dd->reg);
}

/* Assemble the dirty WWIDs: a run of the library's core over them, in
 * the order of their paths (new maps get their names in the order the
 * paths were found, like the reference's). */
static void assemble_due(struct loop *l, struct loop_timer *t)
{
	struct daemon *dd = t->arg;
	struct vec todo = dd->dirty_order;
	uint64_t t0 = loop_now_ns(), t1;
	bool sliced = false;
	struct assembly a;
	char *wwid;
	size_t i;

	memset(&dd->dirty_order, 0, sizeof(dd->dirty_order));
	hashmap_free(&dd->dirty);
	order_by_paths(dd, &todo);
	assembly_start(dd, &a, dd->force_reload);
	vec_foreach(&todo, wwid, i) {
		/* a slice at a time: events and commands are served in
		 * between (a reconfigure of thousands of maps must not make
		 * the daemon deaf) */
		if (loop_now_ns() - t0 > ASSEMBLE_SLICE_MS * 1000000ULL) {
			for (; i < todo.len; i++)
				daemon_mark_dirty(dd, todo.items[i]);
			loop_timer_in(l, &dd->assemble_timer, 0);
			sliced = true;
			break;
		}
		t1 = loop_now_ns();
		assemble_one(dd, &a, wwid, true);
		t1 = loop_now_ns() - t1;
		/* what held the daemon up, for whoever reads the log */
		if (t1 >= SLOW_ASSEMBLY_MS * 1000000ULL)
			condlog(2, "%s: setting up its map took %llu ms", wwid,
				(unsigned long long)(t1 / 1000000ULL));
	}
	/* "reconfigure all" lasts until every map had its turn */
	if (!sliced && !dd->dirty_order.len)
		dd->force_reload = false;
	vec_free(&todo, free);
	if (dd->state == DAEMON_CONFIGURE && !dd->dirty_order.len)
		daemon_set_state(dd, DAEMON_IDLE);
	assembly_finish(dd, &a);
}

int daemon_reload_map(struct daemon *dd, struct multipath *mpp, bool force)
{
	char wwid[sizeof(mpp->wwid)];
	struct assembly a;
	int r;

	/* mpp is replaced by the reload: only its WWID is kept */
	memcpy(wwid, mpp->wwid, sizeof(wwid));
	assembly_start(dd, &a, force);
	/* the operator's: with the paths as they are, checks under way or not */
	r = assemble_one(dd, &a, wwid, false);
	assembly_finish(dd, &a);
	return r;
}

/* ---- removal ------------------------------------------------------------------------------ */

int daemon_remove_map(struct daemon *dd, struct multipath *mpp, bool force)
{
	struct dm_cookie cookie = { 0 };
	int r;

	r = flush_map(dd->disc.sysfs_root, mpp->alias, 0,
		      mpp->deferred_remove, &cookie);
	if (r < 0 && r != -EINVAL && !force)
		return r;
	condlog(2, "%s: map removed", mpp->alias);
	registry_remove_map(&dd->reg, mpp);
	dmap_free(mpp);
	if (cookie.used)
		settler_queue(dd, cookie.value, NULL);
	return 0;
}
