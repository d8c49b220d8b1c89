/* The multipathd control socket: names and the client connection. The
 * wire protocol is the reference's: a native size_t length, then that many
 * bytes of NUL-terminated text, in each direction. */
#ifndef MP_IPC_UXSOCK_H
#define MP_IPC_UXSOCK_H

#include <stdbool.h>

/* abstract socket name (leading NUL not included) */
#define MULTIPATHD_ABSTRACT_SOCKET "/org/kernel/linux/storage/multipathd"
#define MULTIPATHD_PATH_SOCKET MP_RUNDIR "/multipathd.socket"

/* Connect to a running multipathd; the fd or -errno. */
int mpath_connect(void);
/* Whether a multipathd answers on its socket. */
bool multipathd_running(void);
/* Whether multipathd.service is enabled (wanted by some systemd target). */
bool multipathd_enabled(void);

#endif
