/* Who holds a block device open: stacked devices (sysfs holders),
 * mounts and processes, for "map in use" messages; whether a disk is in
 * use or in a multipath map, for multipath -c / -u. */
#ifndef MP_MAP_HOLDERS_H
#define MP_MAP_HOLDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* Append "dm-3 (mpatha1), mounted on /mnt, process 1234 (dd)" for the
 * block device dev ("dm-0") with number major:minor; nothing when no
 * holder is found. Returns the number of holders named. */
int describe_holders(const char *sysfs_root, const char *dev, unsigned major,
		     unsigned minor, struct strbuf *sb);

/* Is the disk dev ("sda") or one of its partitions held (LVM ...),
 * mounted or a swap? */
bool device_in_use(const char *sysfs_root, const char *dev);

/* Does a multipath map hold dev? Copies the map's WWID into wwid when
 * given. */
bool path_is_multipathed(const char *sysfs_root, const char *dev, char *wwid,
			 size_t len);

#endif
