/* multipath -t / -T: print the configuration. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/dump.h"
#include "discovery/enumerate.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "map/from_dm.h"
#include "model/path.h"
#include "actions.h"
#include "util/log.h"

static void free_path(void *p)
{
	path_free(p);
}

/* -T: the host's paths and the existing multipath maps. */
static int dump_local(struct mp_context *ctx, struct strbuf *sb)
{
	struct vec paths = VEC_INIT, maps = VEC_INIT;
	struct local_map *lm = NULL;
	struct dm_map *m;
	size_t i, n = 0;
	int r;

	if (path_discovery(ctx->disc, DI_SYSFS | DI_BLACKLIST, &paths) < 0)
		condlog(2, "cannot list this host's devices; showing the configured device entries only");
	if (dm_list_maps(true, &maps) < 0)
		condlog(2, "cannot list the existing maps");
	lm = calloc(maps.len + 1, sizeof(*lm));
	vec_foreach(&maps, m, i)
		if (lm)
			lm[n++] = (struct local_map){
				.wwid = dm_uuid_to_wwid(m->uuid),
				.alias = m->name };
	r = lm ? config_print_local(ctx->conf, sb, &paths, lm, n) : -ENOMEM;
	free(lm);
	vec_free(&maps, dm_map_free);
	vec_free(&paths, free_path);
	return r;
}

int cmd_dump_config(struct mp_context *ctx)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	int r;

	if (ctx->opts->cmd == CMD_DUMP_LOCAL)
		r = dump_local(ctx, &sb);
	else
		r = config_print(ctx->conf, &sb, NULL);
	if (r < 0) {
		condlog(0, "out of memory printing the configuration");
		return MP_EXIT_FAIL;
	}
	fputs(strbuf_str(&sb), stdout);
	return fflush(stdout) == 0 ? MP_EXIT_OK : MP_EXIT_FAIL;
}
