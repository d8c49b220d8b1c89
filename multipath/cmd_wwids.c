/* multipath -a / -w DEV and -W: the wwids file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "device_arg.h"
#include "dm/devmapper.h"
#include "map/from_dm.h"
#include "map/wwids.h"
#include "model/path.h"
#include "actions.h"
#include "util/log.h"

int cmd_wwids(struct mp_context *ctx)
{
	const char *file = config_get_str(ctx->conf, KW_WWIDS_FILE);
	char wwid[WWID_SIZE];
	int r;

	if (ctx->opts->cmd == CMD_RESET_WWIDS) {
		struct vec maps = VEC_INIT;
		const char **list = NULL;
		struct dm_map *m;
		size_t i, n = 0;

		r = dm_list_maps(true, &maps);
		if (r == 0 && !(list = calloc(maps.len + 1, sizeof(*list))))
			r = -ENOMEM;
		vec_foreach(&maps, m, i)
			if (r == 0 && *dm_uuid_to_wwid(m->uuid))
				list[n++] = dm_uuid_to_wwid(m->uuid);
		if (r == 0)
			r = wwids_replace(file, list, n);
		free(list);
		vec_free(&maps, dm_map_free);
		if (r < 0) {
			log_errno(0, r, "%s: cannot reset the wwids file", file);
			return MP_EXIT_FAIL;
		}
		printf("successfully reset wwids\n");
		return MP_EXIT_OK;
	}
	if (!ctx->opts->device) {
		condlog(0, "the -%c option requires a device",
			ctx->opts->cmd == CMD_ADD_WWID ? 'a' : 'w');
		return MP_EXIT_FAIL;
	}
	r = resolve_wwid_arg(ctx->disc, ctx->opts->device, wwid, sizeof(wwid));
	if (r < 0) {
		condlog(3, "%s: failed to get wwid", ctx->opts->device);
		return MP_EXIT_FAIL;
	}
	if (ctx->opts->cmd == CMD_ADD_WWID) {
		r = wwids_add(file, wwid);
		if (r < 0) {
			printf("failed adding '%s' to wwids file\n", wwid);
			return MP_EXIT_FAIL;
		}
		printf("wwid '%s' added\n", wwid);
		return MP_EXIT_OK;
	}
	r = wwids_remove(file, wwid);
	if (r < 0) {
		log_errno(0, r, "%s: cannot remove '%s'", file, wwid);
		return MP_EXIT_FAIL;
	}
	if (r == 0)
		printf("wwid '%s' not in wwids file\n", wwid);
	else
		printf("wwid '%s' removed\n", wwid);
	return MP_EXIT_OK;
}
