/* multipath -C DEV / -U: does this multipath map have a usable path (dm
 * active, device running)? Exit 0 if so, 1 if not. -U takes the device
 * from the udev environment (MAJOR, MINOR). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "device_arg.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "map/from_dm.h"
#include "model/map.h"
#include "actions.h"
#include "util/log.h"

static int find_map(const struct mp_context *ctx, struct dm_map *m,
		    const char **what)
{
	if (ctx->opts->cmd == CMD_UDEV_USABLE) {
		const char *ma = getenv("MAJOR"), *mi = getenv("MINOR");

		*what = getenv("DEVNAME") ? getenv("DEVNAME") : "uevent";
		if (!ma || !mi)
			return -EINVAL;
		return dm_map_get_by_devt((unsigned)atoi(ma), (unsigned)atoi(mi),
					  true, m);
	}
	*what = ctx->opts->device;
	if (!*what)
		return -EINVAL;
	return resolve_map_arg(ctx->disc, *what, true, m);
}

int cmd_usable_paths(struct mp_context *ctx)
{
	struct multipath *mpp = NULL;
	const struct path *pp;
	const char *what = NULL;
	struct dm_map m;
	bool usable = false;
	size_t i;
	int r;

	r = find_map(ctx, &m, &what);
	if (r < 0) {
		condlog(1, "%s: not a multipath map", what ? what : "?");
		return MP_EXIT_FAIL;
	}
	r = multipath_from_dm(ctx->disc, &m, DI_SYSFS, &mpp);
	dm_map_clear(&m);
	if (r < 0)
		return MP_EXIT_FAIL;
	vec_foreach(&mpp->paths, pp, i) {
		if (pp->dmstate == DMP_ACTIVE &&
		    strcmp(pp->sysfs_state, "running") == 0) {
			condlog(3, "%s: path %s is usable", what, pp->dev);
			usable = true;
			break;
		}
	}
	condlog(usable ? 3 : 2, "%s:%s usable paths found", what,
		usable ? "" : " no");
	multipath_free(mpp);
	return usable ? MP_EXIT_OK : MP_EXIT_FAIL;
}
