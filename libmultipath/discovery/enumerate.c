/* Path discovery over the whole system. */
#include <errno.h>
#include <libudev.h>
#include <stdbool.h>
#include <string.h>

#include "discovery/enumerate.h"
#include "discovery/pathinfo.h"
#include "config/blacklist.h"
#include "discovery/sysfs.h"
#include "model/path.h"
#include "util/log.h"

bool nvme_native_multipath(const struct discovery *d)
{
	char buf[8];

	return sysfs_read(d->sysfs_root, buf, sizeof(buf),
			  "module/nvme_core/parameters/multipath") > 0 &&
	       buf[0] == 'Y';
}

static int add_path(const struct discovery *d, unsigned mask,
		    const char *name, struct vec *paths)
{
	struct path *pp = path_new();
	int r;

	if (!pp)
		return -ENOMEM;
	r = path_init(d, pp, name);
	if (r == 0)
		r = pathinfo(d, pp, mask);
	if (r != 0) {
		if (r < 0)
			condlog(3, "%s: skipped: %s", name, strerror(-r));
		path_free(pp);
		return r == -ENOMEM ? r : 0;
	}
	if (vec_push(paths, pp) < 0) {
		path_free(pp);
		return -ENOMEM;
	}
	return 0;
}

int udev_foreach_disk(struct udev *udev, const char *prop, const char *value,
		      udev_disk_fn fn, void *arg)
{
	struct udev_enumerate *e;
	struct udev_list_entry *l;
	int r = 0;

	if (!udev)
		return -EINVAL;
	e = udev_enumerate_new(udev);
	if (!e)
		return -ENOMEM;
	/* property matches are OR'ed with each other: one is enough */
	if (udev_enumerate_add_match_subsystem(e, "block") < 0 ||
	    udev_enumerate_add_match_is_initialized(e) < 0 ||
	    (prop && udev_enumerate_add_match_property(e, prop, value) < 0) ||
	    udev_enumerate_scan_devices(e) < 0) {
		udev_enumerate_unref(e);
		return -EIO;
	}
	udev_list_entry_foreach(l, udev_enumerate_get_list_entry(e)) {
		const char *syspath = udev_list_entry_get_name(l);
		const char *name = strrchr(syspath, '/');
		struct udev_device *u;
		const char *type;
		bool disk;

		if (!name)
			continue;
		u = udev_device_new_from_syspath(udev, syspath);
		type = u ? udev_device_get_devtype(u) : NULL;
		disk = type && strcmp(type, "disk") == 0;
		if (u)
			udev_device_unref(u);
		if (disk && (r = fn(name + 1, arg)) != 0)
			break;
	}
	udev_enumerate_unref(e);
	return r < 0 ? r : 0;
}

struct discover_run {
	const struct discovery *d;
	unsigned mask;
	struct vec *paths;
	bool native_nvme;
};

static int discover_one(const char *name, void *arg)
{
	struct discover_run *run = arg;

	/* before reading anything about it */
	if ((run->mask & DI_BLACKLIST) &&
	    filter_devnode(run->d->conf, name) > 0) {
		condlog(3, "%s: device node name blacklisted", name);
		return 0;
	}
	if (run->native_nvme && strncmp(name, "nvme", 4) == 0) {
		condlog(3, "%s: skipped: native NVMe multipathing is on", name);
		return 0;
	}
	return add_path(run->d, run->mask, name, run->paths);
}

int path_discovery(const struct discovery *d, unsigned mask, struct vec *paths)
{
	struct discover_run run = { d, mask, paths, nvme_native_multipath(d) };

	return udev_foreach_disk(d->udev, NULL, NULL, discover_one, &run);
}
