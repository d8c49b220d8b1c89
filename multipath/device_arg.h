/* The optional device argument of multipath: a map name, a WWID, a path or
 * map device node, or major:minor. Resolved without scanning devices. */
#ifndef MULTIPATH_DEVICE_ARG_H
#define MULTIPATH_DEVICE_ARG_H

#include <stdbool.h>

struct discovery;
struct dm_map;

/* Find the multipath map the argument designates; *m filled (with tables
 * when want_tables). -ENOENT when there is none (not logged). */
int resolve_map_arg(const struct discovery *d, const char *arg,
		    bool want_tables, struct dm_map *m);

/* The block device name ("sda") the argument designates when it is a
 * device: "/dev/sda", "sda", "8:0". -ENOENT otherwise. */
int resolve_dev_arg(const struct discovery *d, const char *arg, char *name,
		    size_t len);

#endif
