/* Should this block device be a multipath path? The logic behind
 * multipath -c / -u (udev asks it for every new disk). */
#ifndef MP_MAP_VALID_H
#define MP_MAP_VALID_H

#include <stdbool.h>

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

#endif
