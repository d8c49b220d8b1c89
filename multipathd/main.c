/* multipathd: the daemon (no arguments, or options only), a one-shot
 * client when command words follow (`multipathd show paths`), or the
 * interactive console (-k, console.c). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "client.h"
#include "config/config.h"
#include "console.h"
#include "daemon.h"
#include "util/daemonize.h"
#include "util/log.h"
#include "util/pidfile.h"

#define PIDFILE MP_RUNDIR "/multipathd.pid"

static void usage(FILE *f)
{
	fprintf(f,
		"multipathd multipath-tools v" MP_VERSION "\n\n"
		"Usage:\n"
		"  multipathd [-d|-k] [-s] [-v level] [-B] [-w] [-n]\n"
		"  multipathd COMMAND...\n\n"
		"Where:\n"
		"  -d   foreground mode: no daemon, messages on stderr\n"
		"  -s   no timestamps in messages\n"
		"  -v   verbosity level (0 errors only, 2 default, 3+ debug)\n"
		"  -B   treat the bindings file as read only\n"
		"  -w   accepted for compatibility (no effect)\n"
		"  -n   ignore new devices: only WWIDs in the wwids file get maps\n"
		"  -k   interactive console (commands from standard input; on a\n"
		"       terminal with completion and history)\n"
		"  COMMAND  one command for the running daemon; \"multipathd help\"\n"
		"           lists them\n");
}

static int run_daemon(struct daemon *dd, bool suppress_ts)
{
	pid_t holder = 0;
	int pidfd, r;

	log_open("multipathd", dd->foreground ?
		 (suppress_ts ? LOG_TARGET_PLAIN : LOG_TARGET_STDERR) :
		 LOG_TARGET_SYSLOG);
	if (getuid() != 0) {
		condlog(0, "need to be root");
		return 1;
	}
	r = config_load(DEFAULT_CONFIG_FILE, DEFAULT_CONFIG_DIR, &dd->conf);
	if (r < 0) {
		log_errno(0, r, "cannot load the configuration");
		return 1;
	}
	if (dd->verbosity_arg < 0)
		log_set_verbosity((int)config_get_int(dd->conf, KW_VERBOSITY));
	if (!dd->foreground && daemonize() < 0) {
		condlog(0, "cannot go to the background");
		config_free(dd->conf);
		return 1;
	}
	pidfd = pidfile_create(PIDFILE, &holder);
	if (pidfd < 0) {
		if (pidfd == -EAGAIN)
			condlog(0, "process is already running (pid %d)",
				(int)holder);
		condlog(1, "failed to create pidfile");
		daemonize_done(1);
		config_free(dd->conf);
		return 1;
	}
	r = daemon_run(dd);
	pidfile_remove(PIDFILE, pidfd);
	config_free(dd->conf);
	log_close();
	return r < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct daemon dd = { .verbosity_arg = -1 };
	bool suppress_ts = false, interactive = false;
	int c;

	while ((c = getopt(argc, argv, "+dsv:Bwnkh")) != -1) {
		switch (c) {
		case 'd':
			dd.foreground = true;
			break;
		case 's':
			suppress_ts = true;
			break;
		case 'v': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || v < 0) {
				usage(stderr);
				return 1;
			}
			dd.verbosity_arg = (int)v;
			log_set_verbosity((int)v);
			break;
		}
		case 'B':
			dd.bindings_read_only = true;
			break;
		case 'w':
			break;
		case 'n':
			dd.ignore_new_devices = true;
			break;
		case 'k':
			interactive = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (interactive)
		return console_run();
	if (optind < argc)
		return client_main(argc - optind, argv + optind);
	return run_daemon(&dd, suppress_ts);
}
