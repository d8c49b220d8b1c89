/* The daemon's side of the control socket: the listening sockets (from
 * systemd, or the abstract and the path socket), non-blocking clients,
 * and who a client is (SO_PEERCRED). */
#ifndef MP_IPC_SERVER_H
#define MP_IPC_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define IPC_MAX_LISTEN 2

struct ipc_server {
	int fd[IPC_MAX_LISTEN];
	size_t n;
	char *path;	/* the path socket this server bound, removed at close */
};

/*
 * Listen on the sockets systemd passed, if it did; otherwise on the
 * abstract socket abstract_name (without its leading NUL) and on the path
 * socket path (replacing a stale socket there, mode 0666 so that any user
 * can send show commands); either name may be NULL. All fds are
 * non-blocking and close-on-exec. 0 or -errno (-EADDRINUSE: another daemon
 * holds the abstract name); on error nothing stays open.
 */
int ipc_server_open(struct ipc_server *s, const char *abstract_name,
		    const char *path);
void ipc_server_close(struct ipc_server *s);

/* One listening socket; the fd or -errno. */
int ipc_listen(const char *name, bool abstract);
/* Accept one client from a listening fd: the client's fd (non-blocking,
 * close-on-exec), -EAGAIN when none is waiting, or -errno. */
int ipc_accept(int listen_fd);
/* The user id of the process at the other end of a unix socket; -errno. */
int peer_uid(int fd, uid_t *uid);
/* Whether that is root; false when it cannot be told. */
bool peer_is_root(int fd);

#endif
