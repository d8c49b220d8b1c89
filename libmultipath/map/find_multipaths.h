/* find_multipaths: whether the paths of a WWID get a map, and for "smart"
 * how long udev waits for a second path of a new disk (multipath -u),
 * kept as a timestamp file per device. */
#ifndef MP_MAP_FIND_MULTIPATHS_H
#define MP_MAP_FIND_MULTIPATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct config;
struct discovery;
struct path;
struct wwids_cache;

/* The reference's should_multipath(): with find_multipaths off or greedy
 * always; else (not strict) when a map of the WWID exists or siblings
 * (the paths of this WWID, pp included) > 1; else when the wwids file
 * lists the WWID (through wc when given). Logged at -v3 like the
 * reference. */
bool should_multipath(const struct config *conf, const struct path *pp,
		      bool map_exists, size_t siblings, struct wwids_cache *wc);

enum fm_wait {
	FM_WAIT_NEVER,		/* no timeout running for this path */
	FM_WAITING,		/* *until: the time left */
	FM_WAIT_DONE,		/* the timeout expired */
};

#define FIND_MULTIPATHS_DIR MP_RUNDIR "/multipath/find_multipaths"

/* find_multipaths smart: the timeout of this path, started on the first
 * call (a timestamp file named after its dev_t under dir); expire 0 only
 * reads an existing one. */
enum fm_wait find_multipaths_wait(const char *dir, const struct path *pp,
				  long expire, struct timespec *until);
/* find_multipaths_timeout for pp: negative values apply to known
 * hardware, unknown devices wait 1 s. */
long find_multipaths_timeout(const struct discovery *d, const struct path *pp);

#endif
