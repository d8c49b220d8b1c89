/* The multipathd control socket: addresses, the client side (connect,
 * send a request, receive its reply); whether the daemon runs or is
 * enabled. */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc/framing.h"
#include "ipc/uxsock.h"
#include "util/cleanup.h"

int uxsock_addr(struct sockaddr_un *addr, const char *name, bool abstract)
{
	size_t n = strlen(name), off = abstract ? 1 : 0;

	if (n + off + !abstract > sizeof(addr->sun_path))
		return -ENAMETOOLONG;
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	/* abstract: sun_path[0] stays NUL, the name follows */
	memcpy(addr->sun_path + off, name, n);
	return (int)(offsetof(struct sockaddr_un, sun_path) + off + n +
		     !abstract);
}

static int connect_name(const char *name, bool abstract)
{
	struct sockaddr_un addr;
	int len = uxsock_addr(&addr, name, abstract);
	_cleanup_close_ int fd = -1;

	if (len < 0)
		return len;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (const struct sockaddr *)&addr, (socklen_t)len) < 0)
		return -errno;
	return TAKE_FD(fd);
}

int mpath_connect_to(const char *abstract_name, const char *path)
{
	int fd = -ENOENT;

	if (abstract_name)
		fd = connect_name(abstract_name, true);
	if (fd < 0 && path)
		fd = connect_name(path, false);
	return fd;
}

int mpath_connect(void)
{
	return mpath_connect_to(MULTIPATHD_ABSTRACT_SOCKET,
				MULTIPATHD_PATH_SOCKET);
}

/* Wait until fd is ready for events: 0, -ETIMEDOUT or -errno. */
static int wait_fd(int fd, short events, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	int r;

	do
		r = poll(&pfd, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	return r ? 0 : -ETIMEDOUT;
}

int mpath_send_msg(int fd, const char *text, int timeout_ms)
{
	struct ipc_writer w;
	int r = ipc_writer_init_copy(&w, text);

	while (r >= 0 && (r = ipc_writer_flush(&w, fd)) == 0)
		r = wait_fd(fd, POLLOUT, timeout_ms);
	ipc_writer_free(&w);
	return r < 0 ? r : 0;
}

int mpath_recv_msg(int fd, size_t limit, int timeout_ms, char **text)
{
	struct ipc_reader rd;
	int r;

	*text = NULL;
	ipc_reader_init(&rd, limit);
	while ((r = ipc_reader_read(&rd, fd)) == 0)
		if ((r = wait_fd(fd, POLLIN, timeout_ms)) < 0)
			break;
	if (r > 0)
		*text = ipc_reader_take(&rd, NULL);
	ipc_reader_free(&rd);
	if (r == -EPIPE)
		return -EIO;
	return r < 0 ? r : 0;
}

bool multipathd_running(void)
{
	int fd = mpath_connect();

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Is multipathd.service enabled (wanted by some target)? */
bool multipathd_enabled(void)
{
	static const char *const dirs[] = {
		"/etc/systemd/system", "/usr/lib/systemd/system",
		"/lib/systemd/system",
	};
	char path[600];
	struct dirent *e;
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		_cleanup_closedir_ DIR *dir = opendir(dirs[i]);

		while (dir && (e = readdir(dir))) {
			size_t n = strlen(e->d_name);
			struct stat st;

			if (n < 6 || strcmp(e->d_name + n - 6, ".wants"))
				continue;
			snprintf(path, sizeof(path), "%s/%s/multipathd.service",
				 dirs[i], e->d_name);
			if (lstat(path, &st) == 0)
				return true;
		}
	}
	return false;
}
