/* systemd socket activation without libsystemd: parse LISTEN_PID and
 * LISTEN_FDS, check and take the sockets passed from fd 3 on. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/listen_fds.h"

/* A plain decimal number (digits only) no larger than max; -EINVAL. */
static int parse_decimal(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (v > (max - (unsigned long)(*s - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	*out = v;
	return 0;
}

int listen_fds_parse(const char *listen_pid, const char *listen_fds,
		     pid_t pid)
{
	unsigned long p, n;

	if (!listen_pid || !listen_fds)
		return 0;
	if (parse_decimal(listen_pid, INT_MAX, &p) < 0 || p == 0 ||
	    parse_decimal(listen_fds, INT_MAX - LISTEN_FDS_START, &n) < 0)
		return -EINVAL;
	return (pid_t)p == pid ? (int)n : 0;
}

/* A listening stream socket, now non-blocking and close-on-exec. */
static int adopt_fd(int fd)
{
	int type, listening, fl;
	socklen_t len = sizeof(type);

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 ||
	    type != SOCK_STREAM)
		return -ENOTSOCK;
	len = sizeof(listening);
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) < 0 ||
	    !listening)
		return -ENOTSOCK;
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -errno;
	return 0;
}

int listen_fds_take(int *fds, size_t max)
{
	int n = listen_fds_parse(getenv("LISTEN_PID"), getenv("LISTEN_FDS"),
				 getpid());
	int i, r;

	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	if (n <= 0)
		return n;
	if ((size_t)n > max)
		return -E2BIG;
	for (i = 0; i < n; i++) {
		r = adopt_fd(LISTEN_FDS_START + i);
		if (r < 0)
			return r;
		fds[i] = LISTEN_FDS_START + i;
	}
	return n;
}
