/* max_fds: the daemon's limit of open files (one per path checked, and
 * more), raised at start and on reconfigure like the reference's. */
#ifndef MP_UTIL_FDLIMIT_H
#define MP_UTIL_FDLIMIT_H

#include <sys/resource.h>

/*
 * The limit for max_fds want (MAX_FDS_MAX -1: the system's most, nr_open;
 * a number; 0 or less otherwise: unset) from the current one: the soft
 * limit becomes want, the hard one rises when want is above it. Returns
 * 1 when *out differs from cur, 0 when nothing is to change.
 */
int fdlimit_plan(long long want, const struct rlimit *cur,
		 unsigned long long nr_open, struct rlimit *out);

/* Apply max_fds want to this process; 0, or -errno (the limit stays). */
int fdlimit_apply(long long want);

#endif
