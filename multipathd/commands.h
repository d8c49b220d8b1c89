/* The daemon's handler of each command of the command language, indexed
 * by command id (enum cli_cmd); NULL for the ones it does not have. */
#ifndef MULTIPATHD_COMMANDS_H
#define MULTIPATHD_COMMANDS_H

#include "cli_reply.h"

struct daemon;
struct multipath;
struct path;

extern const cli_handler daemon_handlers[CLI_CMD_COUNT];

/* The signature of a handler (d: the daemon, a: the request's values,
 * r: the reply). */
#define CMD_HANDLER(name) \
	int name(void *d, const struct cli_args *a, struct strbuf *r)

/* A map given by name, WWID, dm device ("dm-3") or device node; NULL
 * for none. */
struct multipath *cmd_find_map(struct daemon *dd, const char *arg);
/* A path by its device name ("sdb", "/dev/sdb"). */
struct path *cmd_find_path(struct daemon *dd, const char *arg);

/* commands_ops.c */
CMD_HANDLER(cmd_suspend_map);
CMD_HANDLER(cmd_resume_map);
CMD_HANDLER(cmd_reload_map);
CMD_HANDLER(cmd_resize_map);
CMD_HANDLER(cmd_reset_maps_stats);
CMD_HANDLER(cmd_reset_map_stats);
CMD_HANDLER(cmd_set_marginal);
CMD_HANDLER(cmd_unset_marginal);
CMD_HANDLER(cmd_unset_marginal_map);
CMD_HANDLER(cmd_force_queueing);
CMD_HANDLER(cmd_restore_queueing_daemon);
CMD_HANDLER(cmd_reset_map);

/* commands_pr.c */
CMD_HANDLER(cmd_getprstatus);
CMD_HANDLER(cmd_setprstatus);
CMD_HANDLER(cmd_unsetprstatus);
CMD_HANDLER(cmd_getprkey);
CMD_HANDLER(cmd_setprkey);
CMD_HANDLER(cmd_unsetprkey);
CMD_HANDLER(cmd_getprhold);
CMD_HANDLER(cmd_setprhold);
CMD_HANDLER(cmd_unsetprhold);

#endif
