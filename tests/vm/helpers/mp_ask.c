/* Bench helper for the guest: send one command to the running multipathd
 * N times over its socket and print how long the replies took, measured
 * from the request sent to the whole reply read (no process start-up, no
 * printing), so that two daemons can be compared with the same client.
 *
 *   mp_ask N COMMAND
 *
 * Prints "replies N bytes B min_us X avg_us Y max_us Z". Exit status 0,
 * 1 when a request failed, 2 on bad arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(int argc, char **argv)
{
	unsigned long long t, min = ~0ULL, max = 0, sum = 0;
	size_t bytes = 0;
	long n, i;
	char *end;

	if (argc != 3 || (n = strtol(argv[1], &end, 10)) < 1 || *end) {
		fprintf(stderr, "usage: %s N COMMAND\n", argv[0]);
		return 2;
	}
	for (i = 0; i < n; i++) {
		char *reply = NULL;
		int fd = mpath_connect();

		if (fd < 0) {
			fprintf(stderr, "%s: cannot connect\n", argv[0]);
			return 1;
		}
		t = now_us();
		if (mpath_send_msg(fd, argv[2], 60000) < 0 ||
		    mpath_recv_msg(fd, IPC_MAX_REPLY, 60000, &reply) < 0) {
			fprintf(stderr, "%s: request failed\n", argv[0]);
			close(fd);
			return 1;
		}
		t = now_us() - t;
		close(fd);
		bytes = strlen(reply);
		free(reply);
		sum += t;
		if (t < min)
			min = t;
		if (t > max)
			max = t;
	}
	printf("replies %ld bytes %zu min_us %llu avg_us %llu max_us %llu\n", n,
	       bytes, min, sum / (unsigned long long)n, max);
	return 0;
}
