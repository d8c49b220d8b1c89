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

/* -T prints, of the device table, the user's entries and those that match
 * devices of this host, in table order. */
static size_t local_hwes(const struct mp_context *ctx,
			 const struct hwentry **out)
{
	const struct config *conf = ctx->conf;
	struct vec paths = VEC_INIT;
	const struct hwentry *hwe;
	const struct path *pp;
	size_t i, j, n = 0;
	unsigned k;

	if (path_discovery(ctx->disc, DI_SYSFS | DI_BLACKLIST, &paths) < 0)
		condlog(2, "cannot list this host's devices; showing the configured device entries only");
	vec_foreach(&conf->hwtable, hwe, i) {
		bool used = !hwe->builtin;

		vec_foreach(&paths, pp, j)
			for (k = 0; k < pp->n_hwe && !used; k++)
				used = pp->hwe[k] == hwe;
		if (used)
			out[n++] = hwe;
	}
	vec_free(&paths, free_path);
	return n;
}

/* -T: the existing maps without a multipaths entry, their aliases as
 * comments (like multipathd's "show config local") */
static int existing_maps(const struct config *conf, struct strbuf *sb)
{
	struct vec maps = VEC_INIT;
	struct dm_map *m;
	size_t i;
	int r;

	r = dm_list_maps(true, &maps);
	vec_foreach(&maps, m, i) {
		const char *wwid = dm_uuid_to_wwid(m->uuid);

		if (r < 0 || !*wwid || config_find_mpe(conf, wwid))
			continue;
		if (strbuf_append(sb, "\tmultipath {\n\t\twwid ") < 0 ||
		    strbuf_append_quoted(sb, wwid) < 0 ||
		    strbuf_append(sb, "\n") < 0 ||
		    (strcmp(m->name, wwid) &&
		     (strbuf_append(sb, "\t\t# alias ") < 0 ||
		      strbuf_append_quoted(sb, m->name) < 0 ||
		      strbuf_append(sb, "\n") < 0)) ||
		    strbuf_append(sb, "\t}\n") < 0)
			r = -ENOMEM;
	}
	vec_free(&maps, dm_map_free);
	return r;
}

int cmd_dump_config(struct mp_context *ctx)
{
	_cleanup_strbuf_ struct strbuf extra = STRBUF_INIT;
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	_cleanup_free_ const struct hwentry **hwes = NULL;
	struct config_print_opts popts = { 0 };

	if (ctx->opts->cmd == CMD_DUMP_LOCAL) {
		hwes = calloc(ctx->conf->hwtable.len + 1, sizeof(*hwes));
		if (!hwes) {
			log_errno(0, ENOMEM, "multipath -T");
			return MP_EXIT_FAIL;
		}
		popts.hwes = hwes;
		popts.n_hwes = local_hwes(ctx, hwes);
		if (existing_maps(ctx->conf, &extra) < 0)
			condlog(2, "cannot list the existing maps");
		popts.multipaths_extra = strbuf_str(&extra);
		popts.always_multipaths = extra.len > 0;
	}
	if (config_print(ctx->conf, &sb, &popts) < 0) {
		condlog(0, "out of memory printing the configuration");
		return MP_EXIT_FAIL;
	}
	fputs(strbuf_str(&sb), stdout);
	return fflush(stdout) == 0 ? MP_EXIT_OK : MP_EXIT_FAIL;
}
