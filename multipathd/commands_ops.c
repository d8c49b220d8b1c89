/* Handlers of the commands that act on one map or path beyond adding,
 * removing and failing them: suspend, resume, reload, resize, the
 * statistics, marginal paths and the daemon's queueing at shutdown. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "daemon.h"
#include "discovery/sysfs.h"
#include "dm/dmcmd.h"
#include "dm/reassign.h"
#include "util/log.h"

#define DD(d) ((struct daemon *)(d))

CMD_HANDLER(cmd_suspend_map)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	(void)r;
	if (!mpp)
		return -ENOENT;
	if (dm_suspend(mpp->alias, true) < 0)
		return -EIO;
	condlog(2, "%s: suspended (operator)", mpp->alias);
	map_refresh(DD(d), mpp);
	return 0;
}

CMD_HANDLER(cmd_resume_map)
{
	struct daemon *dd = DD(d);
	struct multipath *mpp = cmd_find_map(dd, cli_arg(a, CLI_P_MAP));
	struct dm_cookie cookie = { 0 };

	(void)r;
	if (!mpp)
		return -ENOENT;
	if (dm_resume(mpp->alias, mpp->skip_kpartx ? MPATH_UDEV_NO_KPARTX_FLAG : 0,
		      &cookie) < 0)
		return -EIO;
	condlog(2, "%s: resumed (operator)", mpp->alias);
	if (cookie.used)
		settler_queue(dd, cookie.value, NULL);
	map_refresh(dd, mpp);
	return 0;
}

CMD_HANDLER(cmd_reload_map)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	(void)r;
	if (!mpp)
		return -ENOENT;
	condlog(2, "%s: reload (operator)", mpp->alias);
	return daemon_reload_map(DD(d), mpp, true) < 0 ? -EIO : 0;
}

CMD_HANDLER(cmd_resize_map)
{
	struct daemon *dd = DD(d);
	struct multipath *mpp = cmd_find_map(dd, cli_arg(a, CLI_P_MAP));
	unsigned long long size = 0, s;
	struct path *pp;
	size_t i;

	(void)r;
	if (!mpp)
		return -ENOENT;
	/* every path must agree on the new size first */
	vec_foreach(&mpp->paths, pp, i) {
		if (path_read_size(&dd->disc, pp->dev, &s) < 0 || !s)
			continue;
		if (size && s != size) {
			condlog(0, "%s: path size not consistent (%s: %llu, expected %llu)",
				mpp->alias, pp->dev, s, size);
			return -EIO;
		}
		size = s;
	}
	if (!size) {
		condlog(0, "%s: no path to read the size from", mpp->alias);
		return -EIO;
	}
	if (size == mpp->size) {
		condlog(2, "%s: map already has %llu sectors", mpp->alias, size);
		return 0;
	}
	condlog(2, "%s: resize from %llu to %llu sectors (operator)",
		mpp->alias, mpp->size, size);
	vec_foreach(&mpp->paths, pp, i)
		pp->size = size;
	return daemon_reload_map(dd, mpp, true) < 0 ? -EIO : 0;
}

static void reset_stats(struct multipath *mpp)
{
	mpp->stat_path_failures = 0;
	mpp->stat_switchgroup = 0;
	mpp->stat_map_loads = 0;
	mpp->stat_total_queueing_time = 0;
	mpp->stat_queueing_timeouts = 0;
}

CMD_HANDLER(cmd_reset_maps_stats)
{
	struct multipath *mpp;
	size_t i;

	(void)a;
	(void)r;
	registry_foreach_map(&DD(d)->reg, mpp, i)
		reset_stats(mpp);
	return 0;
}

CMD_HANDLER(cmd_reset_map_stats)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	(void)r;
	if (!mpp)
		return -ENOENT;
	reset_stats(mpp);
	return 0;
}

/* The path's map reloaded with its new marginal state at once, so that
 * the reply comes after the kernel has it. */
static int marginal(struct daemon *dd, struct path *pp, bool on)
{
	condlog(2, "%s: %s marginal (operator)", pp->dev, on ? "set" : "unset");
	daemon_force_marginal(dd, pp, on);
	if (pp->mpp && daemon_reload_map(dd, pp->mpp, false) < 0)
		return -EIO;
	return 0;
}

CMD_HANDLER(cmd_set_marginal)
{
	struct path *pp = cmd_find_path(DD(d), cli_arg(a, CLI_P_PATH));

	(void)r;
	return pp ? marginal(DD(d), pp, true) : -ENOENT;
}

CMD_HANDLER(cmd_unset_marginal)
{
	struct path *pp = cmd_find_path(DD(d), cli_arg(a, CLI_P_PATH));

	(void)r;
	return pp ? marginal(DD(d), pp, false) : -ENOENT;
}

CMD_HANDLER(cmd_unset_marginal_map)
{
	struct daemon *dd = DD(d);
	struct multipath *mpp = cmd_find_map(dd, cli_arg(a, CLI_P_MAP));
	struct path *pp;
	size_t i;

	(void)r;
	if (!mpp)
		return -ENOENT;
	condlog(2, "%s: unset marginal on every path (operator)", mpp->alias);
	vec_foreach(&mpp->paths, pp, i)
		daemon_force_marginal(dd, pp, false);
	return daemon_reload_map(dd, mpp, false) < 0 ? -EIO : 0;
}

CMD_HANDLER(cmd_force_queueing)
{
	(void)a;
	(void)r;
	DD(d)->force_queueing = true;
	condlog(2, "queueing stays on at shutdown (operator)");
	return 0;
}

CMD_HANDLER(cmd_restore_queueing_daemon)
{
	(void)a;
	(void)r;
	DD(d)->force_queueing = false;
	condlog(2, "queueing at shutdown as queue_without_daemon says (operator)");
	return 0;
}

/* "reset map": dm devices stacked on the map's paths (set up before the
 * map) are moved onto the map. */
CMD_HANDLER(cmd_reset_map)
{
	struct daemon *dd = DD(d);
	struct multipath *mpp = cmd_find_map(dd, cli_arg(a, CLI_P_MAP));
	struct dm_cookie cookie = { 0 };
	char map_dev[32], map_devt[32];
	struct dmap *dm;
	struct path *pp;
	size_t i;

	(void)r;
	if (!mpp || !(dm = mpp->priv))
		return -ENOENT;
	snprintf(map_dev, sizeof(map_dev), "dm-%u", dm->live.minor);
	snprintf(map_devt, sizeof(map_devt), "%u:%u", dm->live.major,
		 dm->live.minor);
	condlog(3, "%s: reset devices", mpp->alias);
	vec_foreach(&mpp->paths, pp, i)
		dm_reassign_holders(dd->disc.sysfs_root, pp->dev, pp->dev_t,
				    map_dev, map_devt, &cookie);
	if (cookie.used)
		settler_queue(dd, cookie.value, NULL);
	return 0;
}
