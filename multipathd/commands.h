/* The daemon's handler of each command of the command language, indexed
 * by command id (enum cli_cmd); NULL for the ones it does not have. */
#ifndef MULTIPATHD_COMMANDS_H
#define MULTIPATHD_COMMANDS_H

#include "cli_reply.h"

extern const cli_handler daemon_handlers[CLI_CMD_COUNT];

#endif
