/* multipath -f MAP / -F: remove one or all multipath maps not in use. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "map/flush.h"
#include "actions.h"
#include "util/log.h"

/* -f takes a map: a name, /dev/mapper/NAME or a dm device node */
static int map_name(const struct mp_context *ctx, const char *arg, char *name,
		    size_t len)
{
	char dev[64];
	struct stat st;

	if (stat(arg, &st) == 0 && S_ISBLK(st.st_mode)) {
		if (sysfs_devt_to_name(ctx->disc->sysfs_root, major(st.st_rdev),
				       minor(st.st_rdev), dev, sizeof(dev)) < 0 ||
		    strncmp(dev, "dm-", 3) ||
		    sysfs_read(ctx->disc->sysfs_root, name, len,
			       "class/block/%s/dm/name", dev) < 0)
			return -EINVAL;
		return 0;
	}
	if (strchr(arg, '/') || parse_devt(arg, &(unsigned){ 0 },
					   &(unsigned){ 0 }) == 0)
		return -EINVAL;
	snprintf(name, len, "%s", arg);
	return 0;
}

int cmd_flush(struct mp_context *ctx)
{
	int retries = (int)config_get_int(ctx->conf, KW_REMOVE_RETRIES);
	bool deferred = config_get_int(ctx->conf, KW_DEFERRED_REMOVE);
	struct dm_cookie cookie = { 0 };
	char name[256];
	int r, failed = 0;

	if (ctx->opts->cmd == CMD_FLUSH_ONE) {
		if (!ctx->opts->device ||
		    map_name(ctx, ctx->opts->device, name, sizeof(name)) < 0) {
			condlog(0, "the -f option requires a map name to remove");
			return MP_EXIT_FAIL;
		}
		r = flush_map(ctx->disc->sysfs_root, name, retries, deferred,
			      &cookie);
		if (r == -EINVAL)
			condlog(0, "%s is not a multipath device", name);
		else if (r < 0 && r != -EBUSY)
			log_errno(0, r, "%s: cannot remove the map", name);
		dm_cookie_wait(&cookie);
		return r < 0 ? MP_EXIT_FAIL : MP_EXIT_OK;
	} else {
		struct vec maps = VEC_INIT;
		struct dm_map *m;
		size_t i;

		r = dm_list_maps(true, &maps);
		if (r < 0) {
			log_errno(0, r, "cannot list device-mapper maps");
			vec_free(&maps, dm_map_free);
			return MP_EXIT_FAIL;
		}
		/* one udev wait for all removals */
		vec_foreach(&maps, m, i)
			if (flush_map(ctx->disc->sysfs_root, m->name, retries,
				      deferred, &cookie) < 0)
				failed++;
		dm_cookie_wait(&cookie);
		vec_free(&maps, dm_map_free);
	}
	return failed ? MP_EXIT_FAIL : MP_EXIT_OK;
}
