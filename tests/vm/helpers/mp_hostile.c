/* Test helper for the guest: clients of multipathd's socket that misbehave
 * the ways an attacker or a broken tool would.
 *
 *   mp_hostile hold N SECONDS     N connections held idle for SECONDS;
 *                                 prints "held K", then "closed M" (how
 *                                 many the daemon closed meanwhile)
 *   mp_hostile partial SECONDS    a length of 100 and 10 bytes of body,
 *                                 then nothing; prints "dropped MS" when
 *                                 the daemon closes, "kept" after SECONDS
 *   mp_hostile huge               a length of SIZE_MAX; "dropped MS"/"kept"
 *   mp_hostile bytes TEXT         a request whose body is TEXT with \xNN
 *                                 escapes (NUL, invalid UTF-8); prints
 *                                 the reply
 *   mp_hostile user UID COMMAND   COMMAND sent as user UID; prints the reply
 *   mp_hostile noread SECONDS COMMAND
 *                                 COMMAND sent, its reply not read for
 *                                 SECONDS; prints "dropped" when the
 *                                 daemon gave up on it, "kept BYTES" when
 *                                 the whole reply is still there
 *
 * Exit status 0, 1 when the exchange failed, 2 on bad arguments. */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ipc/framing.h"
#include "ipc/uxsock.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Wait up to ms for the daemon to close fd (reading and dropping what it
 * sends): the milliseconds it took, or -1. */
static long long wait_closed(int fd, long long ms)
{
	long long t0 = now_ms(), left;
	char buf[4096];

	while ((left = t0 + ms - now_ms()) > 0) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, (int)left) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
			return now_ms() - t0;
	}
	return -1;
}

static void report_drop(long long ms)
{
	if (ms >= 0)
		printf("dropped %lld\n", ms);
	else
		printf("kept\n");
}

static int hold(long n, long secs)
{
	struct rlimit rl = { (rlim_t)n + 64, (rlim_t)n + 64 };
	int *fds = calloc((size_t)n, sizeof(*fds));
	long i, held = 0, closed = 0;

	if (!fds)
		return 1;
	setrlimit(RLIMIT_NOFILE, &rl);
	for (i = 0; i < n; i++) {
		fds[i] = mpath_connect();
		if (fds[i] >= 0)
			held++;
	}
	printf("held %ld\n", held);
	fflush(stdout);
	sleep((unsigned int)secs);
	for (i = 0; i < n; i++) {
		struct pollfd p = { fds[i], POLLIN, 0 };
		char c;

		if (fds[i] < 0)
			continue;
		if (poll(&p, 1, 0) == 1 && recv(fds[i], &c, 1, MSG_DONTWAIT) <= 0)
			closed++;
		close(fds[i]);
	}
	printf("closed %ld\n", closed);
	free(fds);
	return 0;
}

/* \xNN escapes of text into buf; the length */
static size_t unescape(const char *text, char *buf, size_t size)
{
	size_t n = 0;

	while (*text && n < size) {
		unsigned int v;

		if (text[0] == '\\' && text[1] == 'x' &&
		    sscanf(text + 2, "%2x", &v) == 1) {
			buf[n++] = (char)v;
			text += 4;
		} else {
			buf[n++] = *text++;
		}
	}
	return n;
}

static int print_reply(int fd)
{
	char *reply = NULL;

	if (mpath_recv_msg(fd, IPC_MAX_REPLY, 10000, &reply) < 0) {
		printf("no reply\n");
		return 1;
	}
	printf("%s", reply);
	free(reply);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int fd;

	if (!strcmp(mode, "hold") && argc == 4)
		return hold(atol(argv[2]), atol(argv[3]));
	if (!strcmp(mode, "user") && argc == 4) {
		uid_t uid = (uid_t)atol(argv[2]);

		if (setgid((gid_t)uid) < 0 || setuid(uid) < 0) {
			perror("setuid");
			return 1;
		}
	}
	fd = mpath_connect();
	if (fd < 0) {
		fprintf(stderr, "%s: cannot connect\n", argv[0]);
		return 1;
	}
	if (!strcmp(mode, "partial") && argc == 3) {
		size_t len = 100;

		if (send_all(fd, &len, sizeof(len)) < 0 ||
		    send_all(fd, "show paths", 10) < 0)
			return 1;
		report_drop(wait_closed(fd, atol(argv[2]) * 1000));
		return 0;
	}
	if (!strcmp(mode, "huge") && argc == 2) {
		size_t len = SIZE_MAX;

		if (send_all(fd, &len, sizeof(len)) < 0 ||
		    send_all(fd, "show daemon", 11) < 0)
			return 1;
		report_drop(wait_closed(fd, 5000));
		return 0;
	}
	if (!strcmp(mode, "bytes") && argc == 3) {
		char body[1024];
		size_t len = unescape(argv[2], body, sizeof(body));

		if (send_all(fd, &len, sizeof(len)) < 0 ||
		    send_all(fd, body, len) < 0)
			return 1;
		return print_reply(fd);
	}
	if (!strcmp(mode, "user") && argc == 4) {
		if (mpath_send_msg(fd, argv[3], 10000) < 0)
			return 1;
		return print_reply(fd);
	}
	if (!strcmp(mode, "noread") && argc == 4) {
		char *reply = NULL;

		if (mpath_send_msg(fd, argv[3], 10000) < 0)
			return 1;
		sleep((unsigned int)atol(argv[2]));
		if (mpath_recv_msg(fd, IPC_MAX_REPLY, 2000, &reply) < 0) {
			printf("dropped\n");
			return 0;
		}
		printf("kept %zu\n", strlen(reply));
		free(reply);
		return 0;
	}
	fprintf(stderr, "usage: see the head of %s.c\n", argv[0]);
	return 2;
}
