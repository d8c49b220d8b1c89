/* Path discovery: fill a struct path from sysfs, udev and SCSI inquiries,
 * applying the blacklist as the reference does. */
#ifndef MP_DISCOVERY_PATHINFO_H
#define MP_DISCOVERY_PATHINFO_H

#include <stdbool.h>

#include "model/path.h"

struct config;
struct udev;

struct discovery {
	const struct config *conf;
	const char *sysfs_root;	/* NULL: /sys */
	struct udev *udev;	/* NULL: no udev properties */
	/* run from a udev rule: the event's properties are in the
	 * environment, not yet in the udev database */
	bool uid_from_env;
};

/* What pathinfo() should gather. */
#define DI_SYSFS	0x01	/* size, vendor, product, rev, hcil, state,
				 * protocol, target node name, hwtable */
#define DI_SERIAL	0x02
#define DI_WWID		0x04
#define DI_BLACKLIST	0x08	/* apply blacklist / exceptions */
#define DI_CHECKER	0x10	/* run the path checker (synchronously) */
#define DI_PRIO		0x20	/* run the prioritizer (needs an up path) */
#define DI_ALL		0x3f

/* pathinfo() result when a blacklist rule excludes the path */
#define PATHINFO_SKIPPED 1

/* Initialise pp for block device dev ("sda") or device number. */
int path_init(const struct discovery *d, struct path *pp, const char *dev);
int path_init_devt(const struct discovery *d, struct path *pp,
		   unsigned major, unsigned minor);

/* 0, PATHINFO_SKIPPED, or -errno (the device vanished ...). */
int pathinfo(const struct discovery *d, struct path *pp, unsigned mask);

/* The size of block device dev now, in 512-byte sectors: 0 or -errno
 * when it cannot be read. */
int path_read_size(const struct discovery *d, const char *dev,
		   unsigned long long *size);

/* A new configuration (d->conf): the path's hardware table entries and
 * blacklist verdict again, from what pathinfo() read (no device or sysfs
 * access). 0 or PATHINFO_SKIPPED. */
int path_reconfigure(const struct discovery *d, struct path *pp);

/* What a device's state in sysfs (pp->sysfs_state, read by DI_SYSFS)
 * says before any I/O, like the reference's path_offline(): PATH_DOWN
 * (offline ...), PATH_PENDING (blocked, quiesce; NVMe new, deleting), or
 * PATH_UP when it runs or was not read ("": the checker decides). */
enum path_state sysfs_state_verdict(enum path_bus bus, const char *state);

/* The udev property attribute that gives this path's WWID. */
const char *path_uid_attribute(const struct discovery *d,
			       const struct path *pp);

#endif
