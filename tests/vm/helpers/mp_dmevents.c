/* Test helper for the guest: watch dm events of multipath maps with the
 * library's dmevents (arm, poll, collect) and print what it reports.
 *
 *   mp_dmevents [IDLE_MS] < CONTROL
 *
 * Prints the maps there are ("added NAME EVENT_NR"), then "ready"; then,
 * for each time the control fd turns readable, "wakeup" and one line per
 * map reported: "added|changed|removed NAME EVENT_NR". Once its standard
 * input ends (the test closes a FIFO after its action), it goes on until
 * IDLE_MS (default 2000) pass without a wakeup and prints "idle WAKEUPS".
 * Exit status 0; 1 on an error, 3 when the kernel has no DM_DEV_ARM_POLL,
 * 2 on bad arguments. */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dm/dmevents.h"

static void print_event(const struct dmevent *ev, void *arg)
{
	static const char *const kind[] = {
		[DMEV_ADDED] = "added",
		[DMEV_CHANGED] = "changed",
		[DMEV_REMOVED] = "removed",
	};

	(void)arg;
	printf("%s %s %u\n", kind[ev->kind], ev->name, ev->event_nr);
}

static int fail(const char *what, int r)
{
	printf("error: %s: %s\n", what, strerror(-r));
	return r == -ENOTSUP ? 3 : 1;
}

/* Whether standard input is still open (it had data or nothing yet). */
static bool input_open(void)
{
	char buf[256];

	return read(STDIN_FILENO, buf, sizeof(buf)) > 0;
}

int main(int argc, char **argv)
{
	struct dmevents *d;
	struct pollfd p[2];
	unsigned wakeups = 0;
	long idle_ms = 2000;
	char *end;
	int r;

	if (argc == 2)
		idle_ms = strtol(argv[1], &end, 10);
	if (argc > 2 || (argc == 2 && (idle_ms <= 0 || *end))) {
		fprintf(stderr, "usage: %s [IDLE_MS]\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	r = dmevents_open(&d);
	if (r < 0)
		return fail("dmevents_open", r);
	r = dmevents_collect(d, print_event, NULL);
	if (r < 0)
		return fail("dmevents_collect", r);
	printf("ready\n");
	p[0].fd = dmevents_fd(d);
	p[0].events = POLLIN;
	p[1].fd = STDIN_FILENO;
	p[1].events = POLLIN;
	for (;;) {
		r = poll(p, 2, p[1].fd < 0 ? (int)idle_ms : -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return fail("poll", -errno);
		if (r == 0)
			break;
		if (p[1].revents && !input_open())
			p[1].fd = -1;
		if (!p[0].revents)
			continue;
		wakeups++;
		printf("wakeup\n");
		r = dmevents_collect(d, print_event, NULL);
		if (r < 0)
			return fail("dmevents_collect", r);
	}
	printf("idle %u\n", wakeups);
	dmevents_close(d);
	return 0;
}
