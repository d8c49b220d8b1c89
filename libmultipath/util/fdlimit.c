/* Raising the daemon's open files limit (max_fds). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "config/values.h"
#include "util/fdlimit.h"
#include "util/log.h"

#define NR_OPEN_FILE "/proc/sys/fs/nr_open"
#define NR_OPEN_FALLBACK 1048576ULL

int fdlimit_plan(long long want, const struct rlimit *cur,
		 unsigned long long nr_open, struct rlimit *out)
{
	rlim_t n;

	*out = *cur;
	if (want == MAX_FDS_MAX)
		n = (rlim_t)nr_open;
	else if (want > 0)
		n = (rlim_t)want;
	else
		return 0;
	out->rlim_cur = n;
	if (out->rlim_max != RLIM_INFINITY && n > out->rlim_max)
		out->rlim_max = n;
	return out->rlim_cur != cur->rlim_cur || out->rlim_max != cur->rlim_max;
}

static unsigned long long nr_open(void)
{
	unsigned long long v = 0;
	FILE *f = fopen(NR_OPEN_FILE, "re");

	if (f) {
		if (fscanf(f, "%llu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v ? v : NR_OPEN_FALLBACK;
}

int fdlimit_apply(long long want)
{
	struct rlimit cur, next;

	if (getrlimit(RLIMIT_NOFILE, &cur) < 0)
		return log_errno(0, -errno, "cannot read the open files limit");
	if (!fdlimit_plan(want, &cur, nr_open(), &next))
		return 0;
	if (setrlimit(RLIMIT_NOFILE, &next) < 0) {
		int r = -errno;

		/* without CAP_SYS_RESOURCE the hard limit cannot rise */
		if (next.rlim_max != cur.rlim_max && cur.rlim_max != RLIM_INFINITY) {
			next.rlim_max = cur.rlim_max;
			next.rlim_cur = cur.rlim_max;
			if (setrlimit(RLIMIT_NOFILE, &next) == 0) {
				condlog(2, "max_fds: limited to %llu open files",
					(unsigned long long)next.rlim_cur);
				return 0;
			}
		}
		return log_errno(0, r, "cannot set max_fds to %llu",
				 (unsigned long long)next.rlim_cur);
	}
	condlog(3, "max_fds: %llu open files", (unsigned long long)next.rlim_cur);
	return 0;
}
