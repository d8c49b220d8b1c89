/* multipath: the one-shot command line tool. Parses options, loads the
 * configuration and runs one action. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libudev.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "map/alias.h"
#include "actions.h"
#include "delegate.h"
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
	/* -i: ignore the wwids file when deciding (as the reference maps it) */
	if (r == 0 && opts->ignore_wwids) {
		long long fm = config_get_int(conf, KW_FIND_MULTIPATHS);

		if (fm == FIND_MULTIPATHS_ON || fm == FIND_MULTIPATHS_STRICT)
			r = kvset_put_int(&conf->defaults, KW_FIND_MULTIPATHS,
					  FIND_MULTIPATHS_SMART);
		else if (fm == FIND_MULTIPATHS_OFF)
			r = kvset_put_int(&conf->defaults, KW_FIND_MULTIPATHS,
					  FIND_MULTIPATHS_GREEDY);
	}
	if (r == 0 && opts->remove_retries >= 0)
		r = kvset_put_int(&conf->defaults, KW_REMOVE_RETRIES,
				  opts->remove_retries);
	return r;
}

/* multipath.conf's WWID for a multipaths alias */
static const char *conf_alias_wwid(const char *alias, void *ud)
{
	const struct mpentry *mpe = config_find_mpe_by_alias(ud, alias);

	return mpe ? kvset_str(&mpe->kv, KW_WWID) : NULL;
}

static int run(struct mp_context *ctx)
{
	/* like the reference: a bindings file giving one name to two WWIDs
	 * is repaired before maps are named (or fatal when read-only) */
	if (ctx->opts->cmd == CMD_CREATE &&
	    alias_check_file(config_get_str(ctx->conf, KW_BINDINGS_FILE),
			     ctx->opts->bindings_read_only, conf_alias_wwid,
			     ctx->conf) < 0) {
		condlog(0, "fatal configuration error, aborting");
		return MP_EXIT_FAIL;
	}
	switch (delegate_to_daemon(ctx)) {
	case DELEGATE_OK:
		return MP_EXIT_OK;
	case DELEGATE_FAILED:
		return MP_EXIT_FAIL;
	default:
		break;
	}
	switch (ctx->opts->cmd) {
	case CMD_DUMP_CONFIG:
	case CMD_DUMP_LOCAL:
		return cmd_dump_config(ctx);
	case CMD_LIST_SHORT:
	case CMD_LIST_LONG:
		return cmd_list(ctx);
	case CMD_VALID_PATH:
	case CMD_UDEV_VALID:
		return cmd_valid_path(ctx);
	case CMD_CREATE:
		return cmd_create(ctx);
	case CMD_FLUSH_ONE:
	case CMD_FLUSH_ALL:
		return cmd_flush(ctx);
	case CMD_USABLE_PATHS:
	case CMD_UDEV_USABLE:
		return cmd_usable_paths(ctx);
	case CMD_ADD_WWID:
	case CMD_REMOVE_WWID:
	case CMD_RESET_WWIDS:
		return cmd_wwids(ctx);
	case CMD_USAGE:
		break;
	}
	return MP_EXIT_FAIL;
}

int main(int argc, char **argv)
{
	struct mp_options opts;
	struct discovery disc = { 0 };
	struct mp_context ctx = { .opts = &opts, .disc = &disc };
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
	/* run by udev: stderr goes nowhere useful */
	if (opts.cmd == CMD_UDEV_VALID || opts.cmd == CMD_UDEV_USABLE)
		log_open("multipath", LOG_TARGET_SYSLOG);

	r = config_load(DEFAULT_CONFIG_FILE, DEFAULT_CONFIG_DIR, &ctx.conf);
	if (r < 0)
		return MP_EXIT_FAIL;
	if (!verbosity_given)
		log_set_verbosity((int)config_get_int(ctx.conf, KW_VERBOSITY));
	if (apply_program_settings(ctx.conf, &opts) < 0) {
		config_free(ctx.conf);
		return MP_EXIT_FAIL;
	}
	disc.conf = ctx.conf;
	disc.udev = udev_new();
	r = run(&ctx);
	if (disc.udev)
		udev_unref(disc.udev);
	config_free(ctx.conf);
	return r;
}
