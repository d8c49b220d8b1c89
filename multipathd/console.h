/* The interactive console, `multipathd -k`: commands for the running
 * daemon, one a line, each reply printed as it comes. On a terminal it
 * is a readline prompt with completion and a history file; otherwise
 * (a pipe, a script) the lines are read as they are. */
#ifndef MPD_CONSOLE_H
#define MPD_CONSOLE_H

/* Until end of input, "quit" or "exit": the exit status of the last
 * command (client_request()'s), 0 when none was sent. */
int console_run(void);

#endif
