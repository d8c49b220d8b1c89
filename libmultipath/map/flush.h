/* Removing multipath maps (multipath -f / -F, multipathd "del map"): their
 * partition maps first, queueing switched off so removal cannot hang,
 * maps in use refused with the holders named. */
#ifndef MP_MAP_FLUSH_H
#define MP_MAP_FLUSH_H

#include <stdbool.h>

struct dm_cookie;

/* Remove multipath map name. retries: further attempts, 1 s apart, while
 * it is busy. 0, -EBUSY (in use; logged "name: map in use" with who holds
 * it), -EINVAL (not a multipath map), -errno. */
int flush_map(const char *sysfs_root, const char *name, int retries,
	      bool deferred, struct dm_cookie *cookie);

#endif
