/* Should this block device be a multipath path? The logic behind
 * multipath -c / -u (udev asks it for every new disk). */
#ifndef MP_MAP_VALID_H
#define MP_MAP_VALID_H

#include <stdbool.h>
#include <time.h>

struct discovery;
struct path;

enum path_validity {
	PATH_IS_ERROR = -1,
	PATH_IS_NOT_VALID = 0,
	PATH_IS_VALID,
	PATH_IS_VALID_NO_CHECK,	/* valid, part of a map or in wwids file */
	PATH_IS_MAYBE_VALID,	/* find_multipaths smart: wait for more */
};

/* Decide for block device name ("sda"); pp receives what was learned
 * (wwid, devt ...). check_multipathd: a path is only valid when
 * multipathd runs or is enabled (udev's question). */
enum path_validity path_validity(const struct discovery *d, const char *name,
				 struct path *pp, bool check_multipathd);

/* Does a multipath map hold dev? Copies the map's WWID into wwid when
 * given. */
bool path_is_multipathed(const struct discovery *d, const char *dev,
			 char *wwid, size_t len);
/* Is dev or one of its partitions held (LVM ...), mounted or a swap? */
bool device_in_use(const struct discovery *d, const char *dev);

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
