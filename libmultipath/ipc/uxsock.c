/* The multipathd control socket: client connection. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc/uxsock.h"

static int connect_addr(const struct sockaddr_un *addr, socklen_t len)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	if (connect(fd, (const struct sockaddr *)addr, len) < 0) {
		int r = -errno;

		close(fd);
		return r;
	}
	return fd;
}

int mpath_connect(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t n = strlen(MULTIPATHD_ABSTRACT_SOCKET);
	int fd;

	/* abstract: sun_path[0] is NUL, the name follows */
	memcpy(addr.sun_path + 1, MULTIPATHD_ABSTRACT_SOCKET, n);
	fd = connect_addr(&addr, (socklen_t)(offsetof(struct sockaddr_un,
						      sun_path) + 1 + n));
	if (fd >= 0)
		return fd;
	memset(addr.sun_path, 0, sizeof(addr.sun_path));
	strncpy(addr.sun_path, MULTIPATHD_PATH_SOCKET,
		sizeof(addr.sun_path) - 1);
	return connect_addr(&addr, sizeof(addr));
}

bool multipathd_running(void)
{
	int fd = mpath_connect();

	if (fd < 0)
		return false;
	close(fd);
	return true;
}
