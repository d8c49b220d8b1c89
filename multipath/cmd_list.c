/* multipath -l / -ll: the topology of the multipath maps, from
 * device-mapper and sysfs; -ll also runs each path's checker and
 * prioritizer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkers/checker.h"
#include "config/config.h"
#include "device_arg.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "foreign/nvme.h"
#include "ipc/uxsock.h"
#include "map/from_dm.h"
#include "model/map.h"
#include "actions.h"
#include "print/topology.h"
#include "prio/prio.h"
#include "util/log.h"

static void free_map(void *p)
{
	multipath_free(p);
}

/* The maps in scope: the one the argument designates, or all. */
static int collect_dm_maps(struct mp_context *ctx, struct vec *dm_maps)
{
	struct dm_map *m;
	int r;

	if (!ctx->opts->device)
		return dm_list_maps(true, dm_maps);
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	r = resolve_map_arg(ctx->disc, ctx->opts->device, true, m);
	if (r < 0) {
		free(m);
		if (r == -EINVAL)
			condlog(3, "%s: failed to get wwid", ctx->opts->device);
		return r == -ENOENT ? 0 : r;
	}
	condlog(3, "scope limited to %s", dm_uuid_to_wwid(m->uuid));
	return vec_push(dm_maps, m);
}

/* -ll: all paths' checks at once, then all their priorities at once, then
 * the groups' priorities */
static void check_and_prioritize(const struct discovery *d,
				 const struct vec *maps)
{
	struct vec paths = VEC_INIT;
	struct multipath *mpp;
	struct pathgroup *pg;
	struct path *pp;
	size_t i, j;

	vec_foreach(maps, mpp, i)
		vec_foreach(&mpp->paths, pp, j)
			if (pp->dev[0] && vec_push(&paths, pp) < 0)
				goto out;
	paths_check(d, (struct path *const *)paths.items, paths.len);
	paths_prioritize(d, (struct path *const *)paths.items, paths.len);
	vec_foreach(maps, mpp, i)
		vec_foreach(&mpp->pgs, pg, j)
			pathgroup_update_priority(pg);
out:
	vec_free(&paths, NULL);
}

/* -l: no checker runs, but a device that sysfs calls offline is down
 * (the reference shows it "faulty" too) */
static void sysfs_states(const struct vec *maps)
{
	const struct multipath *mpp;
	struct path *pp;
	size_t i, j;

	vec_foreach(maps, mpp, i)
		vec_foreach(&mpp->paths, pp, j) {
			enum path_state st = sysfs_state_verdict(pp->bus, pp->sysfs_state);

			if (pp->dev[0] && st != PATH_UP)
				pp->state = st;
		}
}

/* The native NVMe maps, after the dm maps, when the foreign library
 * "nvme" is enabled (enable_foreign, or -e for all). With a map argument,
 * only the NVMe map it names (the reference lists them all whatever the
 * argument). */
static int list_foreign(struct mp_context *ctx, struct strbuf *sb)
{
	struct vec maps = VEC_INIT;
	const struct nvme_map *m;
	size_t i;
	int r;

	if (!ctx->opts->enable_foreign &&
	    !nvme_foreign_enabled(config_get_str(ctx->conf, KW_ENABLE_FOREIGN)))
		return 0;
	r = nvme_foreign_scan(ctx->disc->sysfs_root, &maps);
	vec_foreach(&maps, m, i)
		if (r == 0 && (!ctx->opts->device ||
			       nvme_map_matches(m, ctx->opts->device)))
			r = print_nvme_topology(sb, m, log_verbosity, false);
	vec_free(&maps, nvme_map_free);
	return r;
}

int cmd_list(struct mp_context *ctx)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct vec dm_maps = VEC_INIT, maps = VEC_INIT;
	bool ll = ctx->opts->cmd == CMD_LIST_LONG;
	struct multipath *mpp;
	struct dm_map *m;
	size_t i;
	int r, status = MP_EXIT_OK;

	r = collect_dm_maps(ctx, &dm_maps);
	if (r == -EINVAL) {
		status = MP_EXIT_FAIL;
		goto out;
	}
	if (r < 0) {
		log_errno(0, r, "cannot list device-mapper maps");
		status = MP_EXIT_FAIL;
		goto out;
	}
	vec_foreach(&dm_maps, m, i) {
		r = multipath_from_dm(ctx->disc, m, DI_SYSFS, &mpp);
		if (r < 0) {
			status = MP_EXIT_FAIL;
			continue;
		}
		if (vec_push(&maps, mpp) < 0) {
			multipath_free(mpp);
			status = MP_EXIT_FAIL;
			break;
		}
	}
	if (ll)
		check_and_prioritize(ctx->disc, &maps);
	else
		sysfs_states(&maps);
	if (maps.len && !multipathd_running())
		condlog(2, "Warning: multipath devices exist, but multipathd service is not running");
	vec_foreach(&maps, mpp, i)
		if (print_topology(&sb, mpp, NULL, log_verbosity, NULL) < 0)
			status = MP_EXIT_FAIL;
	if (list_foreign(ctx, &sb) < 0)
		status = MP_EXIT_FAIL;
	fputs(strbuf_str(&sb), stdout);
out:
	vec_free(&maps, free_map);
	vec_free(&dm_maps, dm_map_free);
	return status;
}
