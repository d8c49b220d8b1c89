/* Map assembly: discovered paths -> multipath maps in the kernel. */
#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkers/checker.h"
#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/scsi_tmo.h"
#include "discovery/sysfs.h"
#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "ipc/uxsock.h"
#include "map/assemble.h"
#include "map/from_dm.h"
#include "map/naming.h"
#include "map/pgpolicy.h"
#include "map/select.h"
#include "map/table.h"
#include "map/wwids.h"
#include "model/map.h"
#include "print/topology.h"
#include "prio/prio.h"
#include "util/log.h"

struct run {
	const struct discovery *d;
	const struct assemble_opts *o;
	struct assemble_result *res;
	struct vec *paths;
	struct vec existing;	/* struct dm_map *, multipath maps now */
	struct dm_cookie cookie;
	struct strbuf out;
	struct vec names;	/* char *: aliases given in this run */
	struct vec triggers;	/* char *: paths to send "change" uevents */
	bool daemon_running;
};

static const struct dm_map *existing_by_wwid(const struct run *run,
					     const char *wwid)
{
	const struct dm_map *m;
	size_t i;

	vec_foreach(&run->existing, m, i)
		if (strcmp(dm_uuid_to_wwid(m->uuid), wwid) == 0)
			return m;
	return NULL;
}

static const struct dm_map *existing_by_name(const struct run *run,
					     const char *name)
{
	const struct dm_map *m;
	size_t i;

	vec_foreach(&run->existing, m, i)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

static unsigned count_wwid(const struct vec *paths, const char *wwid)
{
	const struct path *pp;
	unsigned n = 0;
	size_t i;

	vec_foreach(paths, pp, i)
		n += pp && strcmp(pp->wwid, wwid) == 0;
	return n;
}

/* find_multipaths, the reference's way */
static bool should_multipath(const struct run *run, const struct path *pp)
{
	const struct config *conf = run->d->conf;
	int fm = (int)config_get_int(conf, KW_FIND_MULTIPATHS);

	if (fm == FIND_MULTIPATHS_OFF || fm == FIND_MULTIPATHS_GREEDY)
		return true;
	if (fm != FIND_MULTIPATHS_STRICT) {
		if (existing_by_wwid(run, pp->wwid)) {
			condlog(3, "wwid %s is already multipathed, keeping it",
				pp->wwid);
			return true;
		}
		if (count_wwid(run->paths, pp->wwid) > 1) {
			condlog(3, "found multiple paths with wwid %s, multipathing %s",
				pp->wwid, pp->dev);
			return true;
		}
	}
	if (wwids_check(config_get_str(conf, KW_WWIDS_FILE), pp->wwid) != 1) {
		condlog(3, "wwid %s not in wwids file, skipping %s", pp->wwid,
			pp->dev);
		return false;
	}
	condlog(3, "found wwid %s in wwids file, multipathing %s", pp->wwid,
		pp->dev);
	return true;
}

/*
 * The size of the map for wwid: that of the live map when a path still
 * has it (a LUN being resized online keeps its map until every path
 * agrees), else the first non-zero path size.
 */
static unsigned long long map_size(const struct run *run, const char *wwid)
{
	const struct dm_map *m = existing_by_wwid(run, wwid);
	unsigned long long first = 0;
	const struct path *pp;
	size_t i;

	vec_foreach(run->paths, pp, i) {
		if (!pp || strcmp(pp->wwid, wwid) || !pp->size)
			continue;
		if (m && pp->size == m->size)
			return m->size;
		if (!first)
			first = pp->size;
	}
	return first;
}

/*
 * Move the paths of mpp's WWID from run->paths into mpp. A path of another
 * size is left out of the map and dropped from the run, so that the WWID
 * gives one map at most: feeding it to device-mapper would shrink or
 * reject the map. Returns the number of paths left out, or -ENOMEM.
 */
static int take_paths(struct run *run, struct multipath *mpp)
{
	struct path *pp;
	int discarded = 0;
	size_t i;

	mpp->size = map_size(run, mpp->wwid);
	for (i = 0; i < run->paths->len; i++) {
		pp = run->paths->items[i];
		if (!pp || strcmp(pp->wwid, mpp->wwid))
			continue;
		run->paths->items[i] = NULL;
		if (pp->size != mpp->size) {
			condlog(0, "%s: size %llu, expected %llu. Discarding",
				pp->dev, pp->size, mpp->size);
			path_free(pp);
			discarded++;
			continue;
		}
		if (vec_push(&mpp->paths, pp) < 0) {
			path_free(pp);
			return -ENOMEM;
		}
		pp->mpp = mpp;
	}
	return discarded;
}

static bool has_usable_path(const struct multipath *mpp)
{
	const struct path *pp;
	size_t i;

	vec_foreach(&mpp->paths, pp, i)
		if (pp->state == PATH_UP || pp->state == PATH_GHOST)
			return true;
	return false;
}

static enum map_action decide(struct run *run, struct multipath *mpp,
			      const struct dmmp_table *t,
			      const struct dm_map **cur, bool *table_differs)
{
	const struct dm_map *m = existing_by_wwid(run, mpp->wwid);
	const struct dm_map *other = existing_by_name(run, mpp->alias);
	struct dm_map any;

	*cur = m;
	*table_differs = true;
	if (!m) {
		if (other || dm_map_get(mpp->alias, false, &any) == 0) {
			if (!other)
				dm_map_clear(&any);
			condlog(0, "%s: cannot create the map for %s: the name is used by another device-mapper device",
				mpp->alias, mpp->wwid);
			return ACT_REJECT;
		}
		return ACT_CREATE;
	}
	snprintf(mpp->dm_dev, sizeof(mpp->dm_dev), "dm-%u", m->minor);
	mpp->minor = (int)m->minor;
	mpp->read_only = m->read_only;
	mpp->wp_known = true;
	*table_differs = m->size != mpp->size ||
			 !map_table_matches(t, m->table);
	if (strcmp(m->name, mpp->alias)) {
		if (other) {
			condlog(1, "%s: cannot rename %s to %s: the name is taken; keeping %s",
				mpp->wwid, m->name, mpp->alias, m->name);
			free(mpp->alias);
			mpp->alias = strdup(m->name);
		} else {
			return ACT_RENAME;
		}
	}
	if (run->o->force_reload)
		return ACT_RELOAD;
	if (m->size != mpp->size)
		return ACT_RESIZE;
	return *table_differs ? ACT_RELOAD : ACT_NOTHING;
}

static uint16_t udev_flags(const struct multipath *mpp)
{
	uint16_t f = 0;

	if (mpp->skip_kpartx)
		f |= MPATH_UDEV_NO_KPARTX_FLAG;
	if (!has_usable_path(mpp))
		f |= MPATH_UDEV_NO_PATHS_FLAG;
	return f;
}

/* After a new map: remember its WWID. Its paths not yet claimed by udev
 * (DM_MULTIPATH_DEVICE_PATH) get a "change" uevent so the rules look at
 * them again; sent after the maps are settled, not to slow them down. */
static void remember(struct run *run, const struct multipath *mpp)
{
	const char *file = config_get_str(run->d->conf, KW_WWIDS_FILE);
	const struct path *pp;
	size_t i;
	int r;

	r = wwids_add(file, mpp->wwid);
	if (r < 0) {
		condlog(1, "%s: cannot add %s to %s: %s", mpp->alias,
			mpp->wwid, file, strerror(-r));
		return;
	}
	if (r == 0)
		return;
	vec_foreach(&mpp->paths, pp, i) {
		const char *v = pp->udev ?
			udev_device_get_property_value(pp->udev,
						       "DM_MULTIPATH_DEVICE_PATH") :
			NULL;
		char *dev;

		if (v && strcmp(v, "1") == 0)
			continue;
		dev = strdup(pp->dev);
		if (!dev || vec_push(&run->triggers, dev) < 0)
			free(dev);
	}
}

static void send_triggers(const struct run *run)
{
	const char *dev;
	size_t i;

	vec_foreach(&run->triggers, dev, i)
		sysfs_write(run->d->sysfs_root, "change",
			    "class/block/%s/uevent", dev);
}

static int apply(struct run *run, struct multipath *mpp, const char *params,
		 const struct dm_map *cur, bool table_differs)
{
	struct dm_target_spec spec = { 0, mpp->size, DM_TARGET_MULTIPATH,
				       params };
	char uuid[WWID_SIZE + sizeof(MPATH_UUID_PREFIX)];
	struct dm_create_opts co = { .uuid = uuid };
	int r = 0;

	switch (mpp->action) {
	case ACT_CREATE:
		snprintf(uuid, sizeof(uuid), MPATH_UUID_PREFIX "%s", mpp->wwid);
		co.udev_flags = udev_flags(mpp);
		co.set_mode = mpp->set_mode;
		co.mode = mpp->mode;
		co.uid = mpp->uid;
		co.gid = mpp->gid;
		condlog(2, "%s: addmap [0 %llu %s %s]", mpp->alias, mpp->size,
			DM_TARGET_MULTIPATH, params);
		r = dm_create(mpp->alias, &spec, 1, &co, &run->cookie);
		if (r == 0)
			remember(run, mpp);
		break;
	case ACT_RENAME:
		r = dm_rename(cur->name, mpp->alias, &run->cookie);
		if (r == 0 && (table_differs || run->o->force_reload)) {
			condlog(2, "%s: reload [0 %llu %s %s]", mpp->alias,
				mpp->size, DM_TARGET_MULTIPATH, params);
			r = dm_reload(mpp->alias, &spec, 1, false,
				      udev_flags(mpp), &run->cookie);
		}
		break;
	case ACT_RELOAD:
	case ACT_RESIZE:
		condlog(2, "%s: reload [0 %llu %s %s]", mpp->alias, mpp->size,
			DM_TARGET_MULTIPATH, params);
		r = dm_reload(mpp->alias, &spec, 1, false, udev_flags(mpp),
			      &run->cookie);
		break;
	default:
		break;
	}
	return r;
}

/* Without multipathd nobody would stop queueing: switch it off unless
 * -q (the reference does the same). */
static void maybe_stop_queueing(struct run *run, struct multipath *mpp)
{
	if (run->o->allow_queueing || run->daemon_running)
		return;
	if (mpp->no_path_retry == 0 || mpp->no_path_retry == NO_PATH_RETRY_FAIL)
		return;
	condlog(3, "%s: multipathd not running, unset queue_if_no_path feature",
		mpp->alias);
	if (dm_message(mpp->alias, "fail_if_no_path") == 0) {
		struct dmmp_words w = { 0, NULL };
		struct strbuf sb = STRBUF_INIT;
		unsigned i;

		/* show what the kernel now does */
		if (dmmp_words_set_counted(&w, mpp->features) == 0) {
			struct dmmp_words keep = { 0, NULL };

			for (i = 0; i < w.n; i++)
				if (strcmp(w.w[i], "queue_if_no_path"))
					dmmp_words_add(&keep, w.w[i]);
			if (dmmp_format_words(&keep, &sb) == 0) {
				free(mpp->features);
				mpp->features = strbuf_steal(&sb);
			}
			dmmp_words_free(&keep);
		}
		dmmp_words_free(&w);
		strbuf_free(&sb);
	}
}

static void print_map(struct run *run, struct multipath *mpp)
{
	static const char *const prefixes[] = {
		[ACT_CREATE] = "create: ", [ACT_RELOAD] = "reload: ",
		[ACT_RESIZE] = "resize: ", [ACT_RENAME] = "rename: ",
	};
	const char *prefix = run->o->dry_run ? ": " : prefixes[mpp->action];

	if (run->o->verbosity == 1) {
		/* -v1: the names of the maps created */
		if (mpp->action == ACT_CREATE)
			strbuf_printf(&run->out, "%s\n", mpp->alias);
		return;
	}
	print_topology(&run->out, mpp, NULL, run->o->verbosity, prefix);
}

static int one_map(struct run *run, struct path *first)
{
	const struct config *conf = run->d->conf;
	struct multipath *mpp = multipath_new();
	struct strbuf params = STRBUF_INIT;
	struct dmmp_table t = DMMP_TABLE_INIT;
	const struct dm_map *cur = NULL;
	bool table_differs;
	int discarded;
	int r;

	if (!mpp)
		return -ENOMEM;
	snprintf(mpp->wwid, sizeof(mpp->wwid), "%s", first->wwid);
	mpp->mpe = config_find_mpe(conf, mpp->wwid);
	discarded = take_paths(run, mpp);
	if (discarded < 0) {
		r = discarded;
		goto out;
	}
	if (!mpp->size) {
		condlog(0, "%s: no path has a size, no map", mpp->wwid);
		r = -EINVAL;
		goto out;
	}
	cur = existing_by_wwid(run, mpp->wwid);
	r = select_alias(conf, mpp, run->o->cmdline, cur ? cur->name : NULL,
			 run->o->bindings_read_only, run->o->dry_run,
			 &run->names);
	if (r == 0 && mpp->alias) {
		char *n = strdup(mpp->alias);

		if (!n || vec_push(&run->names, n) < 0) {
			free(n);
			r = -ENOMEM;
		}
	}
	if (r == 0)
		r = select_map_settings(conf, mpp, run->o->cmdline);
	if (r == 0)
		r = group_paths(mpp, mpp->pgpolicy);
	if (r == 0)
		r = build_map_table(mpp, &t);
	if (r == 0) {
		r = dmmp_format_table(&t, &params);
		while (params.len && params.buf[params.len - 1] == ' ')
			strbuf_truncate(&params, params.len - 1);
	}
	if (r < 0) {
		condlog(0, "%s: cannot set up the map", mpp->wwid);
		goto out;
	}
	mpp->action = decide(run, mpp, &t, &cur, &table_differs);
	/* a live map is not changed while its paths disagree on the size */
	if (discarded && cur && mpp->action != ACT_NOTHING) {
		condlog(0, "%s: paths of %s differ in size, map left as it is",
			cur->name, mpp->wwid);
		mpp->action = ACT_REJECT;
	}
	if (mpp->action == ACT_REJECT) {
		r = -EEXIST;
		goto out;
	}
	if (mpp->action == ACT_NOTHING) {
		run->res->unchanged++;
		goto out;
	}
	if (!run->o->dry_run) {
		map_set_scsi_timeouts(run->d, mpp);
		r = apply(run, mpp, strbuf_str(&params), cur, table_differs);
		if (r < 0)
			goto out;
		maybe_stop_queueing(run, mpp);
	}
	if (mpp->action == ACT_CREATE)
		run->res->created++;
	else
		run->res->reloaded++;
	print_map(run, mpp);
out:
	if (r < 0)
		run->res->failed++;
	dmmp_table_free(&t);
	strbuf_free(&params);
	multipath_free(mpp);
	return r == -ENOMEM ? r : 0;
}

static void free_path(void *p)
{
	path_free(p);
}

int assemble_maps(const struct discovery *d, struct vec *paths,
		  const struct assemble_opts *o, struct assemble_result *res)
{
	struct run run = { .d = d, .o = o, .res = res, .paths = paths };
	struct path *pp;
	size_t i;
	int r;

	memset(res, 0, sizeof(*res));
	r = dm_list_maps(true, &run.existing);
	if (r < 0) {
		log_errno(0, r, "cannot list device-mapper maps");
		goto out;
	}
	res->existing = (unsigned)run.existing.len;
	run.daemon_running = multipathd_running();
	/* the paths without a WWID cannot be grouped */
	for (i = 0; i < paths->len; i++) {
		pp = paths->items[i];
		if (!pp->wwid[0] || (o->refwwid && strcmp(pp->wwid, o->refwwid))) {
			path_free(pp);
			paths->items[i] = NULL;
		}
	}
	/* all checks at once, then all priorities at once */
	{
		struct vec live = VEC_INIT;

		vec_foreach(paths, pp, i)
			if (pp && vec_push(&live, pp) < 0) {
				vec_free(&live, NULL);
				r = -ENOMEM;
				goto out;
			}
		paths_check(d, (struct path *const *)live.items, live.len);
		paths_prioritize(d, (struct path *const *)live.items, live.len);
		vec_free(&live, NULL);
	}
	for (i = 0; i < paths->len && r == 0; i++) {
		pp = paths->items[i];
		if (!pp)
			continue;
		if (!should_multipath(&run, pp)) {
			/* none of its siblings will be either */
			size_t j;

			for (j = i; j < paths->len; j++) {
				struct path *p2 = paths->items[j];

				if (p2 && strcmp(p2->wwid, pp->wwid) == 0 && p2 != pp) {
					path_free(p2);
					paths->items[j] = NULL;
				}
			}
			path_free(pp);
			paths->items[i] = NULL;
			continue;
		}
		r = one_map(&run, pp);
	}
	/* one wait for udev for all the maps */
	if (dm_cookie_wait(&run.cookie) < 0)
		condlog(1, "waiting for udev failed");
	send_triggers(&run);
	fputs(strbuf_str(&run.out), stdout);
	fflush(stdout);
	if ((res->existing || res->created) && !run.daemon_running)
		condlog(2, "Warning: multipath devices exist, but multipathd service is not running");
out:
	strbuf_free(&run.out);
	vec_free(&run.names, free);
	vec_free(&run.triggers, free);
	vec_free(&run.existing, dm_map_free);
	vec_clear(paths, free_path);
	if (r < 0)
		return r;
	return res->failed ? -EIO : 0;
}
