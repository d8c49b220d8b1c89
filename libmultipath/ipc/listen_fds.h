/* systemd socket activation without libsystemd: the listening sockets
 * passed from fd 3 on, as LISTEN_PID and LISTEN_FDS describe them. */
#ifndef MP_IPC_LISTEN_FDS_H
#define MP_IPC_LISTEN_FDS_H

#include <stddef.h>
#include <sys/types.h>

/* the first fd systemd passes */
#define LISTEN_FDS_START 3

/* How many fds the variables' values pass to process pid: 0 when they are
 * unset or for another process, -EINVAL when a value is not a plain
 * decimal number in range. */
int listen_fds_parse(const char *listen_pid, const char *listen_fds,
		     pid_t pid);

/* The sockets passed to this process: their count, at most max fds in
 * fds[] (LISTEN_FDS_START on), each made non-blocking and close-on-exec;
 * the variables are removed from the environment so that children do not
 * see them. 0 when none were passed; -EINVAL for malformed variables,
 * -E2BIG for more than max, -ENOTSOCK when one is not a listening stream
 * socket. */
int listen_fds_take(int *fds, size_t max);

#endif
