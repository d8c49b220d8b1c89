/* The optional device argument of multipath: a map name, a WWID, a path or
 * map device node, or major:minor. Resolved without scanning devices. */
#ifndef MULTIPATH_DEVICE_ARG_H
#define MULTIPATH_DEVICE_ARG_H

#include <stdbool.h>
#include <stddef.h>

struct discovery;
struct dm_map;

/* Find the multipath map the argument designates; *m filled (with tables
 * when want_tables). -ENOENT when there is none, -EINVAL when the argument
 * is a device number of no path (neither logged). */
int resolve_map_arg(const struct discovery *d, const char *arg,
		    bool want_tables, struct dm_map *m);

/* The block device name ("sda") the argument designates when it is a
 * device node ("/dev/sda"), or with bare_name also a kernel name ("sda",
 * what udev passes to -u). -ENOENT otherwise (a device number too, like
 * the reference). */
int resolve_dev_arg(const struct discovery *d, const char *arg,
		    bool bare_name, char *name, size_t len);

struct config;

/* The WWID the argument designates, the reference's way: a device node
 * or major:minor of a path (its WWID), a map (its uuid), a user friendly
 * name in the bindings file, a multipaths alias, else the argument itself
 * taken as a WWID. Blacklisted WWIDs give -EPERM; -ENOENT when a device
 * has no WWID. */
int resolve_wwid_arg(const struct discovery *d, const char *arg, char *wwid,
		     size_t len);

#endif
