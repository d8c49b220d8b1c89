/* The optional device argument of multipath, resolved without scanning. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "device_arg.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "config/config.h"
#include "dm/devmapper.h"
#include "map/alias.h"
#include "map/from_dm.h"
#include "model/path.h"
#include "util/cleanup.h"

static const char *strip_dev(const char *arg)
{
	return strncmp(arg, "/dev/", 5) == 0 ? arg + 5 : arg;
}

int resolve_dev_arg(const struct discovery *d, const char *arg,
		    bool bare_name, char *name, size_t len)
{
	struct stat st;
	char buf[32];

	if (stat(arg, &st) == 0 && S_ISBLK(st.st_mode))
		return sysfs_devt_to_name(d->sysfs_root, major(st.st_rdev),
					  minor(st.st_rdev), name, len) == 0 ?
			0 : -ENOENT;
	if (!bare_name)
		return -ENOENT;
	arg = strip_dev(arg);
	if (strchr(arg, '/') || strlen(arg) >= len ||
	    sysfs_read(d->sysfs_root, buf, sizeof(buf), "class/block/%s/dev",
		       arg) < 0)
		return -ENOENT;
	strcpy(name, arg);
	return 0;
}

/* The dm device ma:mi if it is a multipath map (tables always read: they
 * tell whether it is one) */
static int map_by_devt(unsigned ma, unsigned mi, bool want_tables,
		       struct dm_map *m)
{
	(void)want_tables;
	if (dm_map_get_by_devt(ma, mi, true, m) < 0)
		return -ENOENT;
	if (!dm_map_is_multipath(m)) {
		dm_map_clear(m);
		return -ENOENT;
	}
	return 0;
}

struct holding {
	const struct discovery *d;
	bool want_tables;
	struct dm_map *m;
};

static int holding_map(const char *holder, void *arg)
{
	struct holding *h = arg;
	unsigned ma, mi;
	char buf[32];

	return strncmp(holder, "dm-", 3) == 0 &&
	       sysfs_read(h->d->sysfs_root, buf, sizeof(buf),
			  "class/block/%s/dev", holder) > 0 &&
	       parse_devt(buf, &ma, &mi) == 0 &&
	       map_by_devt(ma, mi, h->want_tables, h->m) == 0;
}

/* A path device: the multipath map holding it, via sysfs holders/. */
static int map_holding(const struct discovery *d, const char *dev,
		       bool want_tables, struct dm_map *m)
{
	struct holding h = { d, want_tables, m };

	return sysfs_foreach_holder(d->sysfs_root, dev, holding_map, &h) > 0 ?
		0 : -ENOENT;
}

/*
 * Like the reference: an argument naming a block device node is a path (or
 * a map, for a dm node); "M:m" is a path's device number; anything else
 * is a map name or a WWID. -ENOENT: no map (an empty listing);
 * -EINVAL: the argument designates no path at all (a failure).
 */
int resolve_map_arg(const struct discovery *d, const char *arg,
		    bool want_tables, struct dm_map *m)
{
	char dev[64], uuid[256];
	unsigned ma, mi;
	struct stat st;

	if (stat(arg, &st) == 0 && S_ISBLK(st.st_mode)) {
		if (sysfs_devt_to_name(d->sysfs_root, major(st.st_rdev),
				       minor(st.st_rdev), dev, sizeof(dev)) < 0)
			return -EINVAL;
		if (strncmp(dev, "dm-", 3) == 0)
			return map_by_devt(major(st.st_rdev),
					   minor(st.st_rdev), want_tables, m);
		return map_holding(d, dev, want_tables, m);
	}
	if (parse_devt(arg, &ma, &mi) == 0) {
		if (sysfs_devt_to_name(d->sysfs_root, ma, mi, dev,
				       sizeof(dev)) < 0 ||
		    strncmp(dev, "dm-", 3) == 0)
			return -EINVAL;
		return map_holding(d, dev, want_tables, m);
	}
	if (strncmp(arg, "/dev/mapper/", 12) == 0)
		arg += 12;
	if (dm_map_get(arg, want_tables, m) == 0) {
		if (dm_map_is_multipath(m))
			return 0;
		dm_map_clear(m);
		return -ENOENT;
	}
	snprintf(uuid, sizeof(uuid), "%s%s", MPATH_UUID_PREFIX, arg);
	if (dm_map_get_by_uuid(uuid, want_tables, m) == 0)
		return 0;
	return -ENOENT;
}

/* the WWID of path device dev */
static int path_wwid(const struct discovery *d, const char *dev, char *wwid,
		     size_t len)
{
	struct path *pp = path_new();
	int r;

	if (!pp)
		return -ENOMEM;
	r = path_init(d, pp, dev);
	if (r == 0)
		r = pathinfo(d, pp, DI_SYSFS | DI_WWID);
	if (r == 0 && pp->wwid[0])
		snprintf(wwid, len, "%s", pp->wwid);
	else if (r >= 0)
		r = -ENOENT;
	path_free(pp);
	return r;
}

int resolve_wwid_arg(const struct discovery *d, const char *arg, char *wwid,
		     size_t len)
{
	const struct mpentry *mpe;
	char dev[64], name[256], *w = NULL;
	struct dm_map m;
	unsigned ma, mi;
	struct stat st;
	int r;

	if ((stat(arg, &st) == 0 && S_ISBLK(st.st_mode)) ||
	    parse_devt(arg, &ma, &mi) == 0) {
		if (resolve_dev_arg(d, arg, false, dev, sizeof(dev)) < 0 &&
		    (parse_devt(arg, &ma, &mi) < 0 ||
		     sysfs_devt_to_name(d->sysfs_root, ma, mi, dev,
					sizeof(dev)) < 0))
			return -ENOENT;
		if (strncmp(dev, "dm-", 3) == 0) {
			if (sysfs_read(d->sysfs_root, name, sizeof(name),
				       "class/block/%s/dm/name", dev) < 0)
				return -ENOENT;
			arg = name;
		} else {
			r = path_wwid(d, dev, wwid, len);
			goto check;
		}
	}
	if (strncmp(arg, "/dev/mapper/", 12) == 0)
		arg += 12;
	if (dm_map_get(arg, false, &m) == 0) {
		const char *mw = dm_uuid_to_wwid(m.uuid);

		r = *mw ? 0 : -ENOENT;
		snprintf(wwid, len, "%s", mw);
		dm_map_clear(&m);
		if (r == 0)
			goto check;
	}
	if (alias_lookup_wwid(config_get_str(d->conf, KW_BINDINGS_FILE), arg,
			      &w) == 0) {
		snprintf(wwid, len, "%s", w);
		free(w);
	} else if ((mpe = config_find_mpe_by_alias(d->conf, arg))) {
		snprintf(wwid, len, "%s", kvset_str(&mpe->kv, KW_WWID));
	} else {
		snprintf(wwid, len, "%s", arg);
	}
	r = 0;
check:
	if (r == 0 && filter_wwid(d->conf, wwid) > 0)
		return -EPERM;
	return r;
}
