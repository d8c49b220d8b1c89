/* The multipathd command language as data: the words (with their
 * alternatives and the parameter some take) and one row per command, in
 * the order of the reference's help. The parser, the help text and the
 * permission check all read these tables. */
#ifndef MPD_CLI_TABLE_H
#define MPD_CLI_TABLE_H

#include <stddef.h>

/* the most words a command has, parameters not counted */
#define CLI_MAX_WORDS 4

/* The value a word carries; CLI_P_NONE for most. */
enum cli_param {
	CLI_P_NONE,
	CLI_P_PATH,
	CLI_P_MAP,
	CLI_P_GROUP,
	CLI_P_FORMAT,
	CLI_P_KEY,
	CLI_P_COUNT,
};

/* 0 ends a command's word list, so words start at 1. */
enum cli_word {
	CLI_W_END,
	CLI_W_LIST,
	CLI_W_ADD,
	CLI_W_DEL,
	CLI_W_SWITCH,
	CLI_W_SUSPEND,
	CLI_W_RESUME,
	CLI_W_REINSTATE,
	CLI_W_FAIL,
	CLI_W_RESIZE,
	CLI_W_RESET,
	CLI_W_RELOAD,
	CLI_W_FORCEQ,
	CLI_W_DISABLEQ,
	CLI_W_RESTOREQ,
	CLI_W_PATHS,
	CLI_W_MAPS,
	CLI_W_PATH,
	CLI_W_MAP,
	CLI_W_GROUP,
	CLI_W_RECONFIGURE,
	CLI_W_DAEMON,
	CLI_W_STATUS,
	CLI_W_STATS,
	CLI_W_TOPOLOGY,
	CLI_W_CONFIG,
	CLI_W_BLACKLIST,
	CLI_W_DEVICES,
	CLI_W_RAW,
	CLI_W_WILDCARDS,
	CLI_W_QUIT,
	CLI_W_SHUTDOWN,
	CLI_W_GETPRSTATUS,
	CLI_W_SETPRSTATUS,
	CLI_W_UNSETPRSTATUS,
	CLI_W_FORMAT,
	CLI_W_JSON,
	CLI_W_GETPRKEY,
	CLI_W_SETPRKEY,
	CLI_W_UNSETPRKEY,
	CLI_W_KEY,
	CLI_W_LOCAL,
	CLI_W_SETMARGINAL,
	CLI_W_UNSETMARGINAL,
	CLI_W_ALL,
	CLI_W_METRICS,		/* ours: the words from here on are not */
	CLI_W_GETPRHOLD,	/* the reference's (0.9.4); the prhold ones are */
	CLI_W_SETPRHOLD,	/* its later versions' */
	CLI_W_UNSETPRHOLD,
	CLI_W_COUNT,
};

struct cli_word_def {
	/* the spellings, the one the help shows first; NULL-terminated */
	const char *names[3];
	/* the parameter that follows the word, named $names[0] in help */
	enum cli_param param;
};

/* The commands, one id per row of cli_commands[]: the daemon wires each
 * id to its handler. The order is the order of the reference's help. */
enum cli_cmd {
	CLI_LIST_PATHS,
	CLI_LIST_PATHS_FMT,
	CLI_LIST_PATHS_RAW_FMT,
	CLI_LIST_PATH,
	CLI_LIST_MAPS,
	CLI_LIST_STATUS,
	CLI_LIST_DAEMON,
	CLI_LIST_MAPS_STATUS,
	CLI_LIST_MAPS_STATS,
	CLI_LIST_MAPS_FMT,
	CLI_LIST_MAPS_RAW_FMT,
	CLI_LIST_MAPS_TOPOLOGY,
	CLI_LIST_TOPOLOGY,
	CLI_LIST_MAPS_JSON,
	CLI_LIST_MAP_TOPOLOGY,
	CLI_LIST_MAP_FMT,
	CLI_LIST_MAP_RAW_FMT,
	CLI_LIST_MAP_JSON,
	CLI_LIST_CONFIG_LOCAL,
	CLI_LIST_CONFIG,
	CLI_LIST_BLACKLIST,
	CLI_LIST_DEVICES,
	CLI_LIST_WILDCARDS,
	CLI_RESET_MAPS_STATS,
	CLI_RESET_MAP_STATS,
	CLI_ADD_PATH,
	CLI_DEL_PATH,
	CLI_ADD_MAP,
	CLI_DEL_MAP,
	CLI_DEL_MAPS,
	CLI_SWITCH_GROUP,
	CLI_RECONFIGURE,
	CLI_RECONFIGURE_ALL,
	CLI_SUSPEND_MAP,
	CLI_RESUME_MAP,
	CLI_RESIZE_MAP,
	CLI_RELOAD_MAP,
	CLI_RESET_MAP,
	CLI_REINSTATE_PATH,
	CLI_FAIL_PATH,
	CLI_DISABLEQ_MAP,
	CLI_RESTOREQ_MAP,
	CLI_DISABLEQ_MAPS,
	CLI_RESTOREQ_MAPS,
	CLI_QUIT,
	CLI_SHUTDOWN,
	CLI_GETPRSTATUS_MAP,
	CLI_SETPRSTATUS_MAP,
	CLI_UNSETPRSTATUS_MAP,
	CLI_FORCEQ_DAEMON,
	CLI_RESTOREQ_DAEMON,
	CLI_GETPRKEY_MAP,
	CLI_SETPRKEY_MAP_KEY,
	CLI_UNSETPRKEY_MAP,
	CLI_SETMARGINAL_PATH,
	CLI_UNSETMARGINAL_PATH,
	CLI_UNSETMARGINAL_MAP,
	/* ours, beyond the reference's (listed after its commands) */
	CLI_LIST_METRICS,
	CLI_LIST_PATHS_JSON,
	CLI_LIST_PATH_JSON,
	CLI_LIST_STATUS_JSON,
	CLI_LIST_DAEMON_JSON,
	CLI_GETPRHOLD_MAP,
	CLI_SETPRHOLD_MAP,
	CLI_UNSETPRHOLD_MAP,
	CLI_CMD_COUNT,
};

/* A show command only reads the daemon's state: any user may send it.
 * Every other command needs root, as in the reference (whose rule is: the
 * first word is list or show). */
#define CLI_SHOW 0x1
/* Commands the reference does not have. */
#define CLI_FIRST_EXTENSION CLI_LIST_METRICS

struct cli_command {
	unsigned char words[CLI_MAX_WORDS];	/* enum cli_word, 0-ended */
	unsigned int flags;
};

static inline int cli_needs_root(const struct cli_command *c)
{
	return !(c->flags & CLI_SHOW);
}

extern const struct cli_word_def cli_words[CLI_W_COUNT];
extern const struct cli_command cli_commands[CLI_CMD_COUNT];

#endif
