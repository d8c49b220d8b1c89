/* Who holds a block device open: stacked devices (sysfs holders),
 * mounts and processes. For "map in use" messages. */
#ifndef MP_MAP_HOLDERS_H
#define MP_MAP_HOLDERS_H

#include "util/strbuf.h"

/* Append "dm-3 (mpatha1), mounted on /mnt, process 1234 (dd)" for the
 * block device dev ("dm-0") with number major:minor; nothing when no
 * holder is found. Returns the number of holders named. */
int describe_holders(const char *sysfs_root, const char *dev, unsigned major,
		     unsigned minor, struct strbuf *sb);

#endif
