/* The daemon's side of the control socket: listening sockets, accepting
 * clients, and the peer's credentials. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc/listen_fds.h"
#include "ipc/server.h"
#include "ipc/uxsock.h"
#include "util/cleanup.h"
#include "util/log.h"

int ipc_listen(const char *name, bool abstract)
{
	struct sockaddr_un addr;
	int len = uxsock_addr(&addr, name, abstract);
	_cleanup_close_ int fd = -1;

	if (len < 0)
		return len;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (const struct sockaddr *)&addr, (socklen_t)len) < 0 ||
	    listen(fd, SOMAXCONN) < 0)
		return -errno;
	return TAKE_FD(fd);
}

/* Remove what a previous daemon left at path, if it is a socket. */
static int remove_stale_socket(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	return unlink(path) < 0 ? -errno : 0;
}

static int open_path_socket(struct ipc_server *s, const char *path)
{
	int fd, r = remove_stale_socket(path);

	if (r < 0)
		return log_errno(0, r, "%s: cannot replace", path);
	s->path = strdup(path);
	if (!s->path)
		return -ENOMEM;
	fd = ipc_listen(path, false);
	if (fd < 0) {
		free(s->path);
		s->path = NULL;
		return log_errno(0, fd, "%s: cannot listen", path);
	}
	s->fd[s->n++] = fd;
	if (chmod(path, 0666) < 0)
		return log_errno(0, errno, "%s: cannot chmod", path);
	return 0;
}

int ipc_server_open(struct ipc_server *s, const char *abstract_name,
		    const char *path)
{
	int r;

	memset(s, 0, sizeof(*s));
	r = listen_fds_take(s->fd, IPC_MAX_LISTEN);
	if (r < 0)
		return log_errno(0, r, "sockets passed by systemd");
	if (r > 0) {
		s->n = (size_t)r;
		condlog(3, "listening on %d socket(s) passed by systemd", r);
		return 0;
	}
	if (abstract_name) {
		r = ipc_listen(abstract_name, true);
		if (r < 0)
			return log_errno(0, r, "@%s: cannot listen",
					 abstract_name);
		s->fd[s->n++] = r;
	}
	if (path && (r = open_path_socket(s, path)) < 0) {
		ipc_server_close(s);
		return r;
	}
	return 0;
}

void ipc_server_close(struct ipc_server *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		close(s->fd[i]);
	if (s->path)
		unlink(s->path);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

int ipc_accept(int listen_fd)
{
	int fd;

	do
		fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	return fd;
}

int peer_uid(int fd, uid_t *uid)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
		return -errno;
	if (len != sizeof(cred))
		return -EIO;
	*uid = cred.uid;
	return 0;
}

bool peer_is_root(int fd)
{
	uid_t uid;

	return peer_uid(fd, &uid) == 0 && uid == 0;
}
