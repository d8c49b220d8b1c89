/* Map assembly: the paths of one WWID -> a map -> the kernel's map made
 * to match it. Shared by multipath and multipathd. */
#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/scsi_tmo.h"
#include "discovery/sysfs.h"
#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "map/alias.h"
#include "map/assemble.h"
#include "map/from_dm.h"
#include "map/naming.h"
#include "map/pgpolicy.h"
#include "map/select.h"
#include "map/table.h"
#include "map/wwids.h"
#include "model/map.h"
#include "util/log.h"

void assembly_init(struct assembly *a, const struct discovery *d)
{
	memset(a, 0, sizeof(*a));
	a->d = d;
}

void assembly_release(struct assembly *a)
{
	bindings_cache_free(&a->bindings);
	vec_free(&a->names, free);
	vec_free(&a->triggers, free);
}

void map_plan_release(struct map_plan *plan)
{
	struct path *pp;
	size_t i;

	/* the caller's paths no longer belong to this map */
	if (plan->mpp)
		vec_foreach(&plan->mpp->paths, pp, i)
			if (pp->mpp == plan->mpp) {
				pp->mpp = NULL;
				pp->pg = NULL;
			}
	multipath_free(plan->mpp);
	strbuf_free(&plan->params);
	memset(plan, 0, sizeof(*plan));
}

static const struct dm_map *live_by_wwid(const struct assembly *a,
					 const char *wwid)
{
	return a->live_by_wwid ? a->live_by_wwid(a->arg, wwid) : NULL;
}

static const struct dm_map *live_by_name(const struct assembly *a,
					 const char *name)
{
	return a->live_by_name ? a->live_by_name(a->arg, name) : NULL;
}

/*
 * The map's size: that of the live map when a path still has it (a LUN
 * being resized online keeps its map until every path agrees), else the
 * first non-zero path size.
 */
static unsigned long long map_size(const struct dm_map *cur,
				   struct path *const *paths, size_t n)
{
	unsigned long long first = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!paths[i]->size)
			continue;
		if (cur && paths[i]->size == cur->size)
			return cur->size;
		if (!first)
			first = paths[i]->size;
	}
	return first;
}

/* mpp->paths: the paths of the map's size; feeding device-mapper one of
 * another size would shrink or refuse the map. */
static int take_paths(struct map_plan *plan, struct path *const *paths,
		      size_t n)
{
	struct multipath *mpp = plan->mpp;
	size_t i;

	mpp->size = map_size(plan->cur, paths, n);
	for (i = 0; i < n; i++) {
		struct path *pp = paths[i];

		if (pp->size != mpp->size) {
			condlog(0, "%s: size %llu, expected %llu. Discarding",
				pp->dev, pp->size, mpp->size);
			plan->discarded++;
			continue;
		}
		if (vec_push(&mpp->paths, pp) < 0)
			return -ENOMEM;
		pp->mpp = mpp;
	}
	return 0;
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

bool map_only_ghosts(const struct multipath *mpp)
{
	const struct path *pp;
	bool ghost = false;
	size_t i;

	vec_foreach(&mpp->paths, pp, i) {
		if (pp->state == PATH_UP)
			return false;
		ghost |= pp->state == PATH_GHOST;
	}
	return ghost;
}

uint16_t map_udev_flags(const struct multipath *mpp)
{
	uint16_t f = 0;

	if (mpp->skip_kpartx)
		f |= MPATH_UDEV_NO_KPARTX_FLAG;
	if (!has_usable_path(mpp) || mpp->ghost_wait)
		f |= MPATH_UDEV_NO_PATHS_FLAG;
	return f;
}

/* A name that some device other than this WWID's map already has. */
static bool name_taken(const struct assembly *a, const char *name)
{
	struct dm_map any;

	if (live_by_name(a, name))
		return true;
	if (dm_map_get(name, false, &any) < 0)
		return false;
	dm_map_clear(&any);
	return true;
}

/* The one decision: create, rename, reload, resize or nothing. */
static enum map_action decide(struct assembly *a, struct map_plan *plan,
			      const struct dmmp_table *t)
{
	struct multipath *mpp = plan->mpp;
	const struct dm_map *m = plan->cur;

	plan->table_differs = true;
	if (!m) {
		if (name_taken(a, mpp->alias)) {
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
	plan->table_differs = m->size != mpp->size ||
			      !map_table_matches(t, m->table);
	if (strcmp(m->name, mpp->alias)) {
		if (live_by_name(a, mpp->alias)) {
			condlog(1, "%s: cannot rename %s to %s: the name is taken; keeping %s",
				mpp->wwid, m->name, mpp->alias, m->name);
			free(mpp->alias);
			mpp->alias = strdup(m->name);
		} else {
			return ACT_RENAME;
		}
	}
	if (a->force_reload)
		return ACT_RELOAD;
	if (m->size != mpp->size)
		return ACT_RESIZE;
	return plan->table_differs ? ACT_RELOAD : ACT_NOTHING;
}

static int remember_name(struct assembly *a, const char *alias)
{
	char *n = strdup(alias);

	if (!n || vec_push(&a->names, n) < 0) {
		free(n);
		return -ENOMEM;
	}
	return 0;
}

int map_plan_build(struct assembly *a, const char *wwid,
		   struct path *const *paths, size_t n, struct map_plan *plan)
{
	const struct config *conf = a->d->conf;
	struct dmmp_table t = DMMP_TABLE_INIT;
	struct multipath *mpp;
	int r;

	memset(plan, 0, sizeof(*plan));
	plan->mpp = mpp = multipath_new();
	if (!mpp)
		return -ENOMEM;
	mpp->owns_paths = false;
	snprintf(mpp->wwid, sizeof(mpp->wwid), "%s", wwid);
	mpp->mpe = config_find_mpe(conf, wwid);
	plan->cur = live_by_wwid(a, wwid);
	r = take_paths(plan, paths, n);
	if (r < 0)
		return r;
	if (!mpp->size) {
		condlog(0, "%s: no path has a size, no map", wwid);
		return -EINVAL;
	}
	r = select_alias(conf, mpp, a->cmdline,
			 plan->cur ? plan->cur->name : NULL,
			 a->bindings_read_only, a->dry_run, &a->names,
			 &a->bindings);
	if (r == 0 && mpp->alias)
		r = remember_name(a, mpp->alias);
	if (r == 0)
		r = select_map_settings(conf, mpp, a->cmdline);
	if (r == 0)
		r = group_paths(mpp, mpp->pgpolicy);
	if (r == 0)
		r = build_map_table(mpp, &t);
	if (r == 0) {
		r = dmmp_format_table(&t, &plan->params);
		while (plan->params.len &&
		       plan->params.buf[plan->params.len - 1] == ' ')
			strbuf_truncate(&plan->params, plan->params.len - 1);
	}
	if (r < 0) {
		condlog(0, "%s: cannot set up the map", wwid);
		dmmp_table_free(&t);
		return r == -ENOMEM ? r : -EINVAL;
	}
	plan->action = mpp->action = decide(a, plan, &t);
	dmmp_table_free(&t);
	/* a live map is not changed while its paths disagree on the size */
	if (plan->discarded && plan->cur && plan->action != ACT_NOTHING) {
		condlog(0, "%s: paths of %s differ in size, map left as it is",
			plan->cur->name, wwid);
		plan->action = mpp->action = ACT_REJECT;
	}
	return plan->action == ACT_REJECT ? -EEXIST : 0;
}

/* After a new map: remember its WWID. Its paths not yet claimed by udev
 * (DM_MULTIPATH_DEVICE_PATH) get a "change" uevent so the rules look at
 * them again; sent after the maps are settled, not to slow them down. */
static void remember(struct assembly *a, const struct multipath *mpp)
{
	const char *file = config_get_str(a->d->conf, KW_WWIDS_FILE);
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
		if (!dev || vec_push(&a->triggers, dev) < 0)
			free(dev);
	}
}

int map_plan_apply(struct assembly *a, struct map_plan *plan)
{
	struct multipath *mpp = plan->mpp;
	struct dm_target_spec spec = { 0, mpp->size, DM_TARGET_MULTIPATH,
				       strbuf_str(&plan->params) };
	char uuid[WWID_SIZE + sizeof(MPATH_UUID_PREFIX)];
	struct dm_create_opts co = { .uuid = uuid };
	int r = 0;

	if (a->dry_run || plan->action == ACT_NOTHING ||
	    plan->action == ACT_REJECT)
		return 0;
	map_set_scsi_timeouts(a->d, mpp);
	switch (plan->action) {
	case ACT_CREATE:
		if (a->hold_ghosts && mpp->ghost_delay > 0 && map_only_ghosts(mpp)) {
			condlog(2, "%s: only ghost paths, the map is announced in %d s or with an active path",
				mpp->alias, mpp->ghost_delay);
			mpp->ghost_wait = true;
		}
		snprintf(uuid, sizeof(uuid), MPATH_UUID_PREFIX "%s", mpp->wwid);
		co.udev_flags = map_udev_flags(mpp);
		co.set_mode = mpp->set_mode;
		co.mode = mpp->mode;
		co.uid = mpp->uid;
		co.gid = mpp->gid;
		condlog(2, "%s: addmap [0 %llu %s %s]", mpp->alias, mpp->size,
			DM_TARGET_MULTIPATH, spec.params);
		r = dm_create(mpp->alias, &spec, 1, &co, &a->cookie);
		if (r == 0)
			remember(a, mpp);
		break;
	case ACT_RENAME:
		r = dm_rename(plan->cur->name, mpp->alias, &a->cookie);
		if (r == 0 && (plan->table_differs || a->force_reload)) {
			condlog(2, "%s: reload [0 %llu %s %s]", mpp->alias,
				mpp->size, DM_TARGET_MULTIPATH, spec.params);
			r = dm_reload(mpp->alias, &spec, 1, false,
				      map_udev_flags(mpp), &a->cookie);
		}
		break;
	case ACT_RELOAD:
	case ACT_RESIZE:
		condlog(2, "%s: reload [0 %llu %s %s]", mpp->alias, mpp->size,
			DM_TARGET_MULTIPATH, spec.params);
		r = dm_reload(mpp->alias, &spec, 1, false, map_udev_flags(mpp),
			      &a->cookie);
		break;
	default:
		break;
	}
	return r;
}

int assembly_settle(struct assembly *a)
{
	const char *dev;
	size_t i;
	int r = 0;

	if (dm_cookie_wait(&a->cookie) < 0) {
		condlog(1, "waiting for udev failed");
		r = -EIO;
	}
	vec_foreach(&a->triggers, dev, i)
		sysfs_write(a->d->sysfs_root, "change", "class/block/%s/uevent",
			    dev);
	vec_clear(&a->triggers, free);
	return r;
}
