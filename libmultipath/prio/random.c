/* The random prioritizer: a priority from 1 to 10, drawn anew each time. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "prio/prio.h"

static int random_getprio(const struct prio_ctx *ctx)
{
	static __thread unsigned int seed;
	struct timespec ts;

	(void)ctx;
	if (!seed) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		seed = (unsigned int)ts.tv_nsec ^ (unsigned int)getpid() ^ 1;
	}
	return 1 + (int)(10.0 * rand_r(&seed) / (RAND_MAX + 1.0));
}

const struct prio_ops prio_random = {
	.name = "random",
	.getprio = random_getprio,
	.no_io = true,
};
