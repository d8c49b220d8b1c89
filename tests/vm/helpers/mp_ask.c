/* Bench helper for the guest: send one command to the running multipathd
 * N times over its socket and print how long the replies took, measured
 * from the request sent to the whole reply read (no process start-up, no
 * printing), so that two daemons can be compared with the same client.
 *
 *   mp_ask N COMMAND
 *   mp_ask -r RATE N COMMAND
 *
 * Prints "replies N bytes B min_us X avg_us Y max_us Z". With -r, the N
 * requests are started RATE a second whether the earlier ones were
 * answered or not (each client its own process, as many at once as the
 * daemon is slow), and B is the longest reply. Exit status 0, 1 when a
 * request failed, 2 on bad arguments. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ipc/framing.h"
#include "ipc/uxsock.h"

static unsigned long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000ULL +
	       (unsigned long long)ts.tv_nsec / 1000ULL;
}

/* one request on a connection of its own: its time in us, the reply's
 * length in *bytes; -1 when it failed */
static long long ask(const char *prog, const char *cmd, size_t *bytes)
{
	unsigned long long t;
	char *reply = NULL;
	int fd = mpath_connect();

	if (fd < 0) {
		fprintf(stderr, "%s: cannot connect\n", prog);
		return -1;
	}
	t = now_us();
	if (mpath_send_msg(fd, cmd, 60000) < 0 ||
	    mpath_recv_msg(fd, IPC_MAX_REPLY, 60000, &reply) < 0) {
		fprintf(stderr, "%s: request failed\n", prog);
		close(fd);
		return -1;
	}
	t = now_us() - t;
	close(fd);
	*bytes = strlen(reply);
	free(reply);
	return (long long)t;
}

struct result {
	long long us;
	size_t bytes;
};

/* -r: a child per request, started at the rate; each writes its result
 * to the pipe (a struct result is far below PIPE_BUF: one write) */
static int paced(const char *prog, long rate, long n, const char *cmd,
		 struct result *out)
{
	unsigned long long start = now_us();
	int p[2], failed = 0;
	long i;

	if (pipe(p) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned long long due = start + (unsigned long long)i * 1000000ULL /
						 (unsigned long long)rate;
		unsigned long long now = now_us();
		pid_t pid;

		if (due > now)
			usleep((useconds_t)(due - now));
		pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			struct result r = { 0, 0 };

			close(p[0]);
			r.us = ask(prog, cmd, &r.bytes);
			_exit(write(p[1], &r, sizeof(r)) == sizeof(r) ? 0 : 1);
		}
	}
	close(p[1]);
	for (i = 0; i < n; i++)
		if (read(p[0], &out[i], sizeof(out[i])) != sizeof(out[i]))
			out[i].us = -1;
	close(p[0]);
	while (wait(NULL) > 0)
		;
	for (i = 0; i < n; i++)
		failed += out[i].us < 0;
	return failed;
}

int main(int argc, char **argv)
{
	unsigned long long min = ~0ULL, max = 0, sum = 0;
	struct result *res;
	long n, i, rate = 0, ok = 0;
	size_t bytes = 0;
	char *end;

	if (argc == 5 && !strcmp(argv[1], "-r")) {
		rate = strtol(argv[2], &end, 10);
		if (rate < 1 || *end)
			goto usage;
		argc -= 2;
		argv += 2;
	}
	if (argc != 3 || (n = strtol(argv[1], &end, 10)) < 1 || *end ||
	    n > 1000000)
		goto usage;
	res = calloc((size_t)n, sizeof(*res));
	if (!res)
		return 1;
	for (i = 0; i < n; i++)
		res[i].us = -1;
	if (rate)
		paced(argv[0], rate, n, argv[2], res);
	else
		for (i = 0; i < n; i++)
			if ((res[i].us = ask(argv[0], argv[2], &res[i].bytes)) < 0)
				break;
	for (i = 0; i < n; i++) {
		unsigned long long t = (unsigned long long)res[i].us;

		if (res[i].us < 0)
			continue;
		ok++;
		sum += t;
		if (t < min)
			min = t;
		if (t > max)
			max = t;
		if (res[i].bytes > bytes)
			bytes = res[i].bytes;
	}
	free(res);
	if (ok < n) {
		fprintf(stderr, "%s: %ld of %ld requests failed\n", argv[0], n - ok, n);
		return 1;
	}
	printf("replies %ld bytes %zu min_us %llu avg_us %llu max_us %llu\n", n,
	       bytes, min, sum / (unsigned long long)n, max);
	return 0;
usage:
	fprintf(stderr, "usage: %s [-r RATE] N COMMAND\n", argv[0]);
	return 2;
}
