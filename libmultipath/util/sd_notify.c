/* systemd notifications over $NOTIFY_SOCKET, and the watchdog interval,
 * without libsystemd. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/cleanup.h"
#include "util/sd_notify.h"

/* The address $NOTIFY_SOCKET names: "/path" or "@abstract". An abstract
 * name is as long as it is (no NUL counted), a path includes its NUL. */
static int notify_address(const char *e, struct sockaddr_un *sa,
			  socklen_t *len)
{
	size_t n = strlen(e);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if ((e[0] != '/' && e[0] != '@') || n < 2 ||
	    n >= sizeof(sa->sun_path))
		return -EINVAL;
	memcpy(sa->sun_path, e, n);
	if (e[0] == '@') {
		sa->sun_path[0] = '\0';
		*len = offsetof(struct sockaddr_un, sun_path) + n;
	} else {
		*len = offsetof(struct sockaddr_un, sun_path) + n + 1;
	}
	return 0;
}

int sd_notify_msg(const char *fmt, ...)
{
	const char *e = getenv("NOTIFY_SOCKET");
	_cleanup_free_ char *msg = NULL;
	_cleanup_close_ int fd = -1;
	struct sockaddr_un sa;
	socklen_t salen;
	va_list ap;
	int len, r;

	if (!e || !*e)
		return 0;
	r = notify_address(e, &sa, &salen);
	if (r < 0)
		return r;
	va_start(ap, fmt);
	len = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (len < 0) {
		msg = NULL;
		return -ENOMEM;
	}
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (sendto(fd, msg, len, MSG_DONTWAIT | MSG_NOSIGNAL,
		   (struct sockaddr *)&sa, salen) < 0)
		return -errno;
	return 1;
}

/* A positive decimal number, all of s. */
static int parse_u64(const char *s, uint64_t *v)
{
	unsigned long long n;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n == 0)
		return -EINVAL;
	*v = n;
	return 0;
}

int sd_watchdog_interval_usec(uint64_t *usec)
{
	const char *s = getenv("WATCHDOG_USEC"), *p = getenv("WATCHDOG_PID");
	uint64_t v, pid;
	int r;

	*usec = 0;
	if (!s)
		return 0;
	if (p) {
		r = parse_u64(p, &pid);
		if (r < 0)
			return r;
		if (pid != (uint64_t)getpid())
			return 0;
	}
	r = parse_u64(s, &v);
	if (r < 0)
		return r;
	*usec = v;
	return 0;
}
