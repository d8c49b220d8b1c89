/* multipath: the one-shot command line tool. Parses options, loads the
 * configuration and runs one action. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "multipath.h"
#include "util/log.h"

/* The settings multipath forces for itself, whatever the configuration
 * says (the reference does the same): it always waits for its dm tasks
 * and never retriggers uevents. */
static int apply_program_settings(struct config *conf,
				  const struct mp_options *opts)
{
	int r = kvset_put_int(&conf->defaults, KW_FORCE_SYNC, 1);

	if (r == 0)
		r = kvset_put_int(&conf->defaults, KW_RETRIGGER_TRIES, 0);
	if (r == 0 && opts->bindings_file)
		r = kvset_put_str(&conf->defaults, KW_BINDINGS_FILE,
				  opts->bindings_file);
	if (r == 0 && opts->remove_retries >= 0)
		r = kvset_put_int(&conf->defaults, KW_REMOVE_RETRIES,
				  opts->remove_retries);
	return r;
}

static int run(struct mp_context *ctx)
{
	switch (ctx->opts->cmd) {
	case CMD_DUMP_CONFIG:
	case CMD_DUMP_LOCAL:
		return cmd_dump_config(ctx);
	default:
		condlog(0, "this action is not supported by this build of multipath");
		return MP_EXIT_FAIL;
	}
}

int main(int argc, char **argv)
{
	struct mp_options opts;
	struct mp_context ctx = { .opts = &opts };
	bool verbosity_given;
	int r;

	log_open("multipath", LOG_TARGET_STDERR);
	if (parse_options(argc, argv, &opts) < 0) {
		print_usage(argv[0]);
		return MP_EXIT_FAIL;
	}
	if (opts.cmd == CMD_USAGE) {
		print_usage(argv[0]);
		return MP_EXIT_OK;
	}
	verbosity_given = opts.verbosity != LOG_VERBOSITY_DEFAULT;
	log_set_verbosity(opts.verbosity);

	r = config_load(DEFAULT_CONFIG_FILE, DEFAULT_CONFIG_DIR, &ctx.conf);
	if (r < 0)
		return MP_EXIT_FAIL;
	if (!verbosity_given)
		log_set_verbosity((int)config_get_int(ctx.conf, KW_VERBOSITY));
	if (apply_program_settings(ctx.conf, &opts) < 0) {
		config_free(ctx.conf);
		return MP_EXIT_FAIL;
	}
	r = run(&ctx);
	config_free(ctx.conf);
	return r;
}
