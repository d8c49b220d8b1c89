/* The multipathd control socket: names, addresses, the client side
 * (connect, one request and its reply, with timeouts), and whether the
 * daemon runs or is enabled. The framing is in ipc/framing.h. */
#ifndef MP_IPC_UXSOCK_H
#define MP_IPC_UXSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

/* abstract socket name (leading NUL not included) */
#define MULTIPATHD_ABSTRACT_SOCKET "/org/kernel/linux/storage/multipathd"
#define MULTIPATHD_PATH_SOCKET MP_RUNDIR "/multipathd.socket"
/* the reference's default uxsock_timeout, milliseconds */
#define MULTIPATHD_REPLY_TIMEOUT 4000

/* Fill addr for the socket name: an abstract one (name without its
 * leading NUL; the address is exactly as long as the name, as the
 * reference binds it) or a path. The address length, or -ENAMETOOLONG. */
int uxsock_addr(struct sockaddr_un *addr, const char *name, bool abstract);

/* Connect to a running multipathd: the abstract socket, then the path
 * socket; the fd (blocking, close-on-exec) or -errno. */
int mpath_connect(void);
/* The same with other names (tests, or a daemon under another name);
 * either may be NULL. */
int mpath_connect_to(const char *abstract_name, const char *path);
/* Whether a multipathd answers on its socket. */
bool multipathd_running(void);
/* Whether multipathd.service is enabled (wanted by some systemd target). */
bool multipathd_enabled(void);

/* Send text as one message. timeout_ms bounds each wait for the socket
 * to take more (-1: no bound). 0, -ETIMEDOUT, -EPIPE or -errno. */
int mpath_send_msg(int fd, const char *text, int timeout_ms);
/* Receive one message of at most limit bytes into *text (heap; free()
 * it). timeout_ms bounds each wait for more bytes, as in the reference
 * (-1: no bound). 0, -ETIMEDOUT, -EIO when the peer closed first, the
 * reader's -EBADMSG/-EMSGSIZE (see framing.h), or -errno. */
int mpath_recv_msg(int fd, size_t limit, int timeout_ms, char **text);

#endif
