/* Removing multipath maps. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "dm/mpath_table.h"
#include "dm/partmaps.h"
#include "map/flush.h"
#include "map/holders.h"
#include "util/log.h"

static bool queueing(const struct dm_map *m)
{
	struct dmmp_table t = DMMP_TABLE_INIT;
	bool q = false;

	if (m->table && dmmp_parse_table(m->table, &t) == 0) {
		q = dmmp_table_feature(&t, "queue_if_no_path", NULL);
		dmmp_table_free(&t);
	}
	return q;
}

/* Name what holds the map: busy is the map or the partition map in use. */
static void report_busy(const char *sysfs_root, const char *name,
			const char *busy)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct dm_map m;
	char dev[32];

	condlog(1, "%s: map in use", name);
	if (!busy[0] || dm_map_get(busy, false, &m) < 0)
		return;
	snprintf(dev, sizeof(dev), "dm-%u", m.minor);
	if (describe_holders(sysfs_root, dev, m.major, m.minor, &sb) > 0)
		condlog(1, "%s: held by %s", busy, strbuf_str(&sb));
	else if (m.open_count > 0)
		condlog(1, "%s: open count %d", busy, m.open_count);
	dm_map_clear(&m);
}

/*
 * All or nothing: while the map or any of its partition maps is in use,
 * nothing is removed (unless deferred, where the kernel removes what is
 * open on its last close).
 */
static int try_remove(const char *sysfs_root, const char *name, bool deferred,
		      struct dm_cookie *cookie, char *busy, size_t len)
{
	struct dm_map m;
	bool queued;
	int r;

	if (!deferred) {
		r = dm_map_tree_busy(sysfs_root, name, busy, len);
		if (r == -ENXIO)
			return 0;	/* gone already */
		if (r < 0)
			return r;
		if (r > 0)
			return -EBUSY;
	}
	r = dm_remove_partmaps(sysfs_root, name, deferred, cookie);
	if (r < 0)
		return r;
	r = dm_map_get(name, true, &m);
	if (r < 0)
		return r == -ENXIO ? 0 : r;	/* gone already */
	if (m.open_count > 0 && !deferred) {
		/* opened since the check */
		snprintf(busy, len, "%s", name);
		dm_map_clear(&m);
		return -EBUSY;
	}
	/* with queue_if_no_path and no paths, I/O in flight would make the
	 * removal wait forever */
	queued = queueing(&m);
	dm_map_clear(&m);
	if (queued)
		dm_message(name, "fail_if_no_path");
	r = dm_remove(name, deferred, cookie);
	if (r < 0 && queued)
		dm_message(name, "queue_if_no_path");
	if (r == -EBUSY)
		snprintf(busy, len, "%s", name);
	return r;
}

int flush_map(const char *sysfs_root, const char *name, int retries,
	      bool deferred, struct dm_cookie *cookie)
{
	char busy[256] = "";
	struct dm_map m;
	int r;

	r = dm_map_get(name, true, &m);
	if (r < 0)
		return r == -ENXIO ? -EINVAL : r;
	if (!dm_map_is_multipath(&m)) {
		dm_map_clear(&m);
		return -EINVAL;
	}
	dm_map_clear(&m);
	for (;;) {
		r = try_remove(sysfs_root, name, deferred, cookie, busy,
			       sizeof(busy));
		if (r != -EBUSY || retries-- <= 0)
			break;
		condlog(2, "%s: map in use, retrying", name);
		sleep(1);
	}
	if (r == -EBUSY)
		report_busy(sysfs_root, name, busy);
	else if (r == 0)
		condlog(3, "%s: map removed", name);
	return r;
}
