/* Test helper for the guest: a client that sends one command to
 * multipathd and then does not read its reply for a while, as a stuck or
 * hostile client would; at the end it reads the whole reply.
 *
 *   mp_stall SECONDS COMMAND
 *
 * Prints "ready" once the request is sent, then "bytes N" with the reply's
 * size. Exit status 0, 1 when the exchange failed, 2 on bad arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipc/framing.h"
#include "ipc/uxsock.h"

int main(int argc, char **argv)
{
	char *reply = NULL, *end;
	long secs;
	int fd;

	if (argc != 3 || (secs = strtol(argv[1], &end, 10)) < 0 || *end) {
		fprintf(stderr, "usage: %s SECONDS COMMAND\n", argv[0]);
		return 2;
	}
	fd = mpath_connect();
	if (fd < 0 || mpath_send_msg(fd, argv[2], 10000) < 0) {
		fprintf(stderr, "%s: cannot send\n", argv[0]);
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	sleep((unsigned int)secs);
	if (mpath_recv_msg(fd, IPC_MAX_REPLY, 60000, &reply) < 0) {
		fprintf(stderr, "%s: no reply\n", argv[0]);
		return 1;
	}
	printf("bytes %zu\n", strlen(reply));
	free(reply);
	close(fd);
	return 0;
}
