/* The multipathd control socket: client connection; whether the daemon
 * runs or is enabled. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc/uxsock.h"
#include "util/cleanup.h"

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
