/* multipath [-d] [-r] [-p POL] [DEV]: create or update the maps of all
 * eligible devices (or of the one DEV designates). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "device_arg.h"
#include "discovery/enumerate.h"
#include "discovery/pathinfo.h"
#include "map/assemble.h"
#include "actions.h"
#include "util/log.h"

int cmd_create(struct mp_context *ctx)
{
	const struct mp_options *opts = ctx->opts;
	struct kvset cmdline = KVSET_INIT;
	struct assemble_opts ao = {
		.cmdline = &cmdline,
		.dry_run = opts->dry_run,
		.force_reload = opts->force_reload,
		.allow_queueing = opts->queue_without_daemon,
		.bindings_read_only = opts->bindings_read_only,
		.verbosity = log_verbosity,
	};
	struct assemble_result res;
	struct vec paths = VEC_INIT;
	char wwid[WWID_SIZE];
	int r;

	if (opts->pgpolicy &&
	    kvset_put_int(&cmdline, KW_PATH_GROUPING_POLICY, opts->pgpolicy) < 0)
		return MP_EXIT_FAIL;
	if (opts->device) {
		r = resolve_wwid_arg(ctx->disc, opts->device, wwid, sizeof(wwid));
		if (r < 0) {
			condlog(3, "%s: failed to get wwid", opts->device);
			condlog(3, "scope is null");
			kvset_free(&cmdline);
			return MP_EXIT_FAIL;
		}
		condlog(3, "scope limited to %s", wwid);
		ao.refwwid = wwid;
	}
	r = path_discovery(ctx->disc, DI_SYSFS | DI_SERIAL | DI_WWID |
				      DI_BLACKLIST, &paths);
	if (r < 0) {
		log_errno(0, r, "path discovery failed");
		vec_free(&paths, NULL);
		kvset_free(&cmdline);
		return MP_EXIT_FAIL;
	}
	r = assemble_maps(ctx->disc, &paths, &ao, &res);
	vec_free(&paths, NULL);
	kvset_free(&cmdline);
	return r < 0 ? MP_EXIT_FAIL : MP_EXIT_OK;
}
