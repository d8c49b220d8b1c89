/* multipath -t / -T: print the configuration. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "config/config.h"
#include "config/print.h"
#include "multipath.h"
#include "util/log.h"

/* -T prints the user's device entries rather than the whole table. */
static size_t user_hwes(const struct config *conf, const struct hwentry **out)
{
	const struct hwentry *hwe;
	size_t i, n = 0;

	vec_foreach(&conf->hwtable, hwe, i)
		if (!hwe->builtin)
			out[n++] = hwe;
	return n;
}

int cmd_dump_config(struct mp_context *ctx)
{
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
		popts.n_hwes = user_hwes(ctx->conf, hwes);
	}
	if (config_print(ctx->conf, &sb, &popts) < 0) {
		condlog(0, "out of memory printing the configuration");
		return MP_EXIT_FAIL;
	}
	fputs(strbuf_str(&sb), stdout);
	return fflush(stdout) == 0 ? MP_EXIT_OK : MP_EXIT_FAIL;
}
