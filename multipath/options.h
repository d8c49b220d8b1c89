/* multipath's command line: the reference's option set, parsed into one
 * struct that the actions read. */
#ifndef MULTIPATH_OPTIONS_H
#define MULTIPATH_OPTIONS_H

#include <stdbool.h>

enum mp_cmd {
	CMD_CREATE,		/* no action option: create / reload maps */
	CMD_LIST_SHORT,		/* -l */
	CMD_LIST_LONG,		/* -ll */
	CMD_FLUSH_ONE,		/* -f */
	CMD_FLUSH_ALL,		/* -F */
	CMD_ADD_WWID,		/* -a */
	CMD_REMOVE_WWID,	/* -w */
	CMD_RESET_WWIDS,	/* -W */
	CMD_VALID_PATH,		/* -c */
	CMD_USABLE_PATHS,	/* -C */
	CMD_UDEV_VALID,		/* -u */
	CMD_UDEV_USABLE,	/* -U */
	CMD_DUMP_CONFIG,	/* -t */
	CMD_DUMP_LOCAL,		/* -T */
	CMD_USAGE,		/* -h */
};

struct mp_options {
	enum mp_cmd cmd;
	int verbosity;
	bool dry_run;		/* -d */
	bool force_reload;	/* -r */
	bool ignore_wwids;	/* -i */
	bool bindings_read_only; /* -B */
	bool queue_without_daemon; /* -q */
	bool enable_foreign;	/* -e */
	bool skip_delegate;	/* -D: do not hand commands to multipathd */
	const char *bindings_file; /* -b */
	int pgpolicy;		/* -p, 0 when not given */
	int remove_retries;	/* -R, -1 when not given */
	const char *device;	/* the optional positional argument */
};

/* 0 on success, -EINVAL after printing what is wrong. */
int parse_options(int argc, char **argv, struct mp_options *opts);
void print_usage(const char *progname);

#endif
