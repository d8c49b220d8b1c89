/* Path discovery over the whole system: every block device udev knows,
 * filtered by the blacklist. */
#ifndef MP_DISCOVERY_ENUMERATE_H
#define MP_DISCOVERY_ENUMERATE_H

#include <stdbool.h>

#include "util/vector.h"

struct discovery;
struct udev;

/* Call fn with the name ("sda") of each initialized whole-disk block
 * device udev knows, only those whose udev property prop is value when
 * prop is given, until fn returns non-zero. 0 or -errno (fn's if < 0). */
typedef int (*udev_disk_fn)(const char *name, void *arg);
int udev_foreach_disk(struct udev *udev, const char *prop, const char *value,
		      udev_disk_fn fn, void *arg);

/* Append a struct path for every whole-disk block device (NVMe namespaces
 * only when native NVMe multipathing is off) to paths, gathered with
 * pathinfo(mask). Blacklisted devices are left out (and logged at
 * -v3 with the reason). 0 or -errno. */
int path_discovery(const struct discovery *d, unsigned mask, struct vec *paths);

/* Is the kernel's native NVMe multipathing on? */
bool nvme_native_multipath(const struct discovery *d);

#endif
