/* multipath's command line. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/keywords.h"
#include "config/kwtypes.h"
#include "options.h"
#include "util/log.h"

void print_usage(const char *progname)
{
	fprintf(stderr,
"multipath-tools (multipath %s)\n"
"Usage:\n"
"  %s [-v level] [-B|-d|-i|-q|-r] [-b file] [-p policy] [device]\n"
"  %s [-v level] [-R retries] -f device\n"
"  %s [-v level] [-R retries] -F\n"
"  %s [-v level] [-l|-ll] [device]\n"
"  %s [-v level] [-a|-w] device\n"
"  %s [-v level] -W\n"
"  %s [-v level] [-i] [-c|-C] device\n"
"  %s [-v level] [-i] [-u|-U]\n"
"  %s [-h|-t|-T]\n"
"\n"
"Actions (default: create or update the maps of all eligible devices):\n"
"  -l      list maps from device-mapper and sysfs\n"
"  -ll     list maps, also running path checkers and prioritizers\n"
"  -f      remove one map\n"
"  -F      remove every multipath map that is not in use\n"
"  -a      record a device's WWID in the wwids file\n"
"  -w      drop a device's WWID from the wwids file\n"
"  -W      rewrite the wwids file with the WWIDs of the current maps\n"
"  -c      tell whether a device should be a multipath path\n"
"  -C      tell whether a multipath map has usable paths\n"
"  -u      like -c, for the device udev names in the environment\n"
"  -U      like -C, for the device udev names in the environment\n"
"  -t      print the configuration in use, built-in settings included\n"
"  -T      print the configuration without the unused built-in devices\n"
"  -h      print this help\n"
"\n"
"Modifiers:\n"
"  -d      dry run: show what would be done, change nothing\n"
"  -r      reload maps even when they look unchanged\n"
"  -i      ignore the wwids file when deciding what to multipath\n"
"  -q      keep queue_if_no_path even though multipathd is not running\n"
"  -e      enable foreign (non dm-multipath) libraries for -l/-ll\n"
"  -B      do not write to the bindings file\n"
"  -b FILE use FILE as the bindings file\n"
"  -R N    retry removing a map that is in use N times\n"
"  -p POL  group every map's paths with policy POL: failover, multibus,\n"
"          group_by_serial, group_by_prio, group_by_node_name, group_by_tpg\n"
"  -v N    verbosity: 0 silent, 1 names of created maps, 2 default,\n"
"          3 debug, 4 more debug\n"
"\n"
"device: a map name (mpatha), a WWID, a path or map device (/dev/sda,\n"
"/dev/dm-0, sda) or a major:minor pair (8:0). The action is limited to\n"
"the map it designates.\n",
		MP_VERSION, progname, progname, progname, progname, progname,
		progname, progname, progname, progname);
}

static int parse_int_arg(const char *arg, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (!*arg || *end || errno || v < 0 || v > INT_MAX)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

static int set_cmd(struct mp_options *opts, enum mp_cmd cmd)
{
	if (opts->cmd != CMD_CREATE && opts->cmd != cmd) {
		condlog(0, "only one action option may be given");
		return -EINVAL;
	}
	opts->cmd = cmd;
	return 0;
}

int parse_options(int argc, char **argv, struct mp_options *opts)
{
	union kwval v;
	int c, r = 0;

	memset(opts, 0, sizeof(*opts));
	opts->verbosity = LOG_VERBOSITY_DEFAULT;
	opts->remove_retries = -1;
	optind = 1;
	opterr = 0;
	while (r == 0 &&
	       (c = getopt(argc, argv, ":acCdDeFfhilqrtTuUwWBb:M:p:R:v:")) != -1) {
		switch (c) {
		case 'a':
			r = set_cmd(opts, CMD_ADD_WWID);
			break;
		case 'c':
			r = set_cmd(opts, CMD_VALID_PATH);
			break;
		case 'C':
			r = set_cmd(opts, CMD_USABLE_PATHS);
			break;
		case 'd':
			opts->dry_run = true;
			break;
		case 'e':
			opts->enable_foreign = true;
			break;
		case 'D':
			opts->skip_delegate = true;
			break;
		case 'M':	/* accepted and ignored, like the reference */
			break;
		case 'f':
			r = set_cmd(opts, CMD_FLUSH_ONE);
			break;
		case 'F':
			r = set_cmd(opts, CMD_FLUSH_ALL);
			break;
		case 'h':
			r = set_cmd(opts, CMD_USAGE);
			break;
		case 'i':
			opts->ignore_wwids = true;
			break;
		case 'l':
			if (opts->cmd == CMD_LIST_SHORT)
				opts->cmd = CMD_LIST_LONG;
			else if (opts->cmd != CMD_LIST_LONG)
				r = set_cmd(opts, CMD_LIST_SHORT);
			break;
		case 'q':
			opts->queue_without_daemon = true;
			break;
		case 'r':
			opts->force_reload = true;
			break;
		case 't':
			r = set_cmd(opts, CMD_DUMP_CONFIG);
			break;
		case 'T':
			r = set_cmd(opts, CMD_DUMP_LOCAL);
			break;
		case 'u':
			r = set_cmd(opts, CMD_UDEV_VALID);
			break;
		case 'U':
			r = set_cmd(opts, CMD_UDEV_USABLE);
			break;
		case 'w':
			r = set_cmd(opts, CMD_REMOVE_WWID);
			break;
		case 'W':
			r = set_cmd(opts, CMD_RESET_WWIDS);
			break;
		case 'B':
			opts->bindings_read_only = true;
			break;
		case 'b':
			opts->bindings_file = optarg;
			break;
		case 'p':
			if (kw_parse_value(KW_PATH_GROUPING_POLICY, optarg, &v,
					   NULL) != 0) {
				condlog(0, "'%s' is not a valid policy", optarg);
				r = -EINVAL;
				break;
			}
			opts->pgpolicy = (int)v.num;
			break;
		case 'R':
			if (parse_int_arg(optarg, &opts->remove_retries) < 0) {
				condlog(0, "'%s' is not a valid argument for -R",
					optarg);
				r = -EINVAL;
			}
			break;
		case 'v':
			if (parse_int_arg(optarg, &opts->verbosity) < 0) {
				condlog(0, "'%s' is not a valid verbosity level",
					optarg);
				r = -EINVAL;
			}
			break;
		case ':':
			condlog(0, "option -%c needs an argument", optopt);
			r = -EINVAL;
			break;
		default:
			condlog(0, "unknown option -%c", optopt);
			r = -EINVAL;
			break;
		}
	}
	if (r < 0)
		return r;
	if (optind < argc)
		opts->device = argv[optind++];
	if (optind < argc) {
		condlog(0, "unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	return 0;
}
