/* The optional device argument of multipath, resolved without scanning. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "device_arg.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "dm/devmapper.h"
#include "util/cleanup.h"

static const char *strip_dev(const char *arg)
{
	return strncmp(arg, "/dev/", 5) == 0 ? arg + 5 : arg;
}

int resolve_dev_arg(const struct discovery *d, const char *arg, char *name,
		    size_t len)
{
	unsigned ma, mi;
	char buf[32];

	if (parse_devt(arg, &ma, &mi) == 0)
		return sysfs_devt_to_name(d->sysfs_root, ma, mi, name, len) == 0 ?
			0 : -ENOENT;
	arg = strip_dev(arg);
	if (strchr(arg, '/') || strlen(arg) >= len ||
	    sysfs_read(d->sysfs_root, buf, sizeof(buf), "class/block/%s/dev",
		       arg) < 0)
		return -ENOENT;
	strcpy(name, arg);
	return 0;
}

static bool is_multipath(const struct dm_map *m)
{
	return m->target_count == 1 && m->target_type &&
	       strcmp(m->target_type, DM_TARGET_MULTIPATH) == 0;
}

static int map_by_devt(unsigned ma, unsigned mi, bool want_tables,
		       struct dm_map *m)
{
	if (dm_map_get_by_devt(ma, mi, true, m) < 0)
		return -ENOENT;
	if (!is_multipath(m)) {
		dm_map_clear(m);
		return -ENOENT;
	}
	(void)want_tables;
	return 0;
}

/* A path device: the multipath map holding it, via sysfs holders/. */
static int map_holding(const struct discovery *d, const char *dev,
		       bool want_tables, struct dm_map *m)
{
	_cleanup_closedir_ DIR *dir = NULL;
	char path[512], buf[32];
	struct dirent *e;
	unsigned ma, mi;

	snprintf(path, sizeof(path), "%s/class/block/%s/holders",
		 d->sysfs_root ? d->sysfs_root : SYSFS_ROOT_DEFAULT, dev);
	dir = opendir(path);
	if (!dir)
		return -ENOENT;
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, "dm-", 3) != 0)
			continue;
		if (sysfs_read(d->sysfs_root, buf, sizeof(buf),
			       "class/block/%s/dev", e->d_name) < 0 ||
		    parse_devt(buf, &ma, &mi) < 0)
			continue;
		if (map_by_devt(ma, mi, want_tables, m) == 0)
			return 0;
	}
	return -ENOENT;
}

int resolve_map_arg(const struct discovery *d, const char *arg,
		    bool want_tables, struct dm_map *m)
{
	char dev[64], uuid[256], buf[32];
	unsigned ma, mi;
	const char *name = strip_dev(arg);

	if (strncmp(arg, "/dev/mapper/", 12) == 0)
		name = arg + 12;
	/* a map name */
	if (dm_map_get(name, want_tables, m) == 0) {
		if (is_multipath(m) || !want_tables)
			return 0;
		dm_map_clear(m);
	}
	/* a WWID */
	snprintf(uuid, sizeof(uuid), "%s%s", MPATH_UUID_PREFIX, arg);
	if (dm_map_get_by_uuid(uuid, want_tables, m) == 0)
		return 0;
	/* a device: the map itself or the map holding it */
	if (resolve_dev_arg(d, arg, dev, sizeof(dev)) < 0)
		return -ENOENT;
	if (sysfs_read(d->sysfs_root, buf, sizeof(buf), "class/block/%s/dev",
		       dev) >= 0 && parse_devt(buf, &ma, &mi) == 0 &&
	    strncmp(dev, "dm-", 3) == 0)
		return map_by_devt(ma, mi, want_tables, m);
	return map_holding(d, dev, want_tables, m);
}
