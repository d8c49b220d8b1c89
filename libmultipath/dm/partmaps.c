/* Partition maps over a parent device: find them by uuid and table,
 * remove them (deepest first). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/devmapper.h"
#include "discovery/sysfs.h"
#include "dm/partmaps.h"
#include "util/cleanup.h"
#include "util/log.h"

/* Partition maps of partition maps are followed this deep at most. */
#define PARTMAP_MAX_DEPTH 4

unsigned partmap_uuid_part(const char *uuid, const char *parent_uuid)
{
	const char *p;
	unsigned long n;
	char *end;

	if (!uuid || strncmp(uuid, PARTMAP_UUID_PREFIX,
			     strlen(PARTMAP_UUID_PREFIX)))
		return 0;
	p = uuid + strlen(PARTMAP_UUID_PREFIX);
	if (!isdigit((unsigned char)*p))
		return 0;
	n = strtoul(p, &end, 10);
	if (*end != '-' || n == 0 || n > 0xffff)
		return 0;
	if (parent_uuid && strcmp(end + 1, parent_uuid))
		return 0;
	return (unsigned)n;
}

char *partmap_uuid(unsigned part, const char *parent_uuid)
{
	char *s;

	if (asprintf(&s, PARTMAP_UUID_PREFIX "%u-%s", part, parent_uuid) < 0)
		return NULL;
	return s;
}

bool linear_table_on(const char *table, unsigned major, unsigned minor,
		     uint64_t *start)
{
	unsigned ma, mi;
	uint64_t st;
	int len = 0;

	if (!table || sscanf(table, "%u:%u %" SCNu64 "%n", &ma, &mi, &st,
			     &len) != 3)
		return false;
	if (table[len] != '\0' || ma != major || mi != minor)
		return false;
	if (start)
		*start = st;
	return true;
}

void partmap_free(void *p)
{
	struct partmap *pm = p;

	if (!pm)
		return;
	free(pm->name);
	free(pm->uuid);
	free(pm);
}

static int partmap_from(struct dm_map *m, unsigned major, unsigned minor,
			const char *parent_uuid, struct vec *out)
{
	struct partmap *pm;
	uint64_t start;
	unsigned part;

	if (m->target_count != 1 || !m->target_type ||
	    strcmp(m->target_type, "linear") ||
	    !linear_table_on(m->table, major, minor, &start))
		return 0;
	part = partmap_uuid_part(m->uuid, parent_uuid);
	if (parent_uuid && !part) {
		condlog(3, "%s: on %u:%u but not one of its partition maps "
			"(uuid \"%s\")", m->name, major, minor, m->uuid);
		return 0;
	}
	pm = calloc(1, sizeof(*pm));
	if (!pm)
		return -ENOMEM;
	pm->name = m->name;
	pm->uuid = m->uuid;
	m->name = m->uuid = NULL;
	pm->part = part;
	pm->major = m->major;
	pm->minor = m->minor;
	pm->start = start;
	pm->size = m->size;
	pm->open_count = m->open_count;
	if (vec_push(out, pm) < 0) {
		partmap_free(pm);
		return -ENOMEM;
	}
	return 0;
}

struct partmap_scan {
	const char *root;
	unsigned major, minor;
	const char *parent_uuid;
	struct vec *out;
};

static int partmap_holder(const char *holder, void *arg)
{
	struct partmap_scan *ps = arg;
	unsigned ma, mi;
	struct dm_map m;
	char devt[32];
	int r;

	if (strncmp(holder, "dm-", 3) ||
	    sysfs_read(ps->root, devt, sizeof(devt), "class/block/%s/dev",
		       holder) < 0 ||
	    parse_devt(devt, &ma, &mi) < 0)
		return 0;
	if (dm_map_get_by_devt(ma, mi, true, &m) < 0)
		return 0;	/* gone meanwhile */
	r = partmap_from(&m, ps->major, ps->minor, ps->parent_uuid, ps->out);
	dm_map_clear(&m);
	return r;
}

/* Partition maps stack on their parent: only the parent's holders (in
 * sysfs) can be its partition maps, so there is no need to look at every
 * dm device (which made flushing N maps cost N^2 ioctls). */
int dm_list_partmaps(const char *sysfs_root, unsigned major, unsigned minor,
		     const char *parent_uuid, struct vec *out)
{
	struct partmap_scan ps = { sysfs_root, major, minor, parent_uuid, out };
	char dev[64];
	int r;

	r = sysfs_devt_to_name(sysfs_root, major, minor, dev, sizeof(dev));
	if (r == 0)
		r = sysfs_foreach_holder(sysfs_root, dev, partmap_holder, &ps);
	return r == -ENOENT ? 0 : r;
}

static int remove_partmaps(const char *root, unsigned major, unsigned minor,
			   const char *parent_uuid, bool deferred,
			   struct dm_cookie *cookie, unsigned depth)
{
	struct vec pms = VEC_INIT;
	struct partmap *pm;
	size_t i;
	int r;

	r = dm_list_partmaps(root, major, minor, parent_uuid, &pms);
	vec_foreach(&pms, pm, i) {
		if (r < 0)
			break;
		if (depth < PARTMAP_MAX_DEPTH && pm->uuid && *pm->uuid) {
			struct dm_map cur;

			r = remove_partmaps(root, pm->major, pm->minor,
					    pm->uuid, deferred, cookie,
					    depth + 1);
			if (r < 0)
				break;
			/* its own partition maps held it open */
			if (pm->open_count &&
			    dm_map_get(pm->name, false, &cur) == 0) {
				pm->open_count = cur.open_count;
				dm_map_clear(&cur);
			}
		}
		if (pm->open_count && !deferred) {
			condlog(2, "%s: in use, not removed", pm->name);
			r = -EBUSY;
			break;
		}
		r = dm_remove(pm->name, deferred && pm->open_count > 0, cookie);
		if (r == -EBUSY)
			condlog(2, "%s: in use, not removed", pm->name);
		else if (r == 0)
			condlog(3, "%s: removed%s", pm->name,
				pm->open_count ? " (deferred)" : "");
	}
	vec_free(&pms, partmap_free);
	return r;
}

int dm_remove_partmaps_of(const char *sysfs_root, unsigned major,
			  unsigned minor, const char *parent_uuid, bool deferred,
			  struct dm_cookie *cookie)
{
	return remove_partmaps(sysfs_root, major, minor, parent_uuid, deferred,
			       cookie, 0);
}

int dm_remove_partmaps(const char *sysfs_root, const char *parent_name,
		       bool deferred, struct dm_cookie *cookie)
{
	struct dm_map m;
	int r;

	/* a parent without uuid: any linear map on it counts */
	r = dm_map_get(parent_name, false, &m);
	if (r < 0)
		return r;
	r = remove_partmaps(sysfs_root, m.major, m.minor,
			    *m.uuid ? m.uuid : NULL, deferred, cookie, 0);
	dm_map_clear(&m);
	return r;
}

/*
 * Is a device that is open open_count times held by anything but its own
 * partition maps, or is one of those held? The name of the first busy one
 * goes to busy. 1, 0 or -errno.
 */
static int tree_busy(const char *root, const char *name, unsigned major,
		     unsigned minor, const char *uuid, int open_count,
		     unsigned depth, char *busy, size_t len)
{
	struct vec pms = VEC_INIT;
	struct partmap *pm;
	size_t i;
	int r;

	if (open_count <= 0)
		return 0;
	r = dm_list_partmaps(root, major, minor, uuid, &pms);
	if (r == 0 && (size_t)open_count > pms.len) {
		snprintf(busy, len, "%s", name);
		r = 1;
	}
	vec_foreach(&pms, pm, i) {
		if (r)
			break;
		if (depth >= PARTMAP_MAX_DEPTH) {
			if (pm->open_count > 0) {
				snprintf(busy, len, "%s", pm->name);
				r = 1;
			}
			continue;
		}
		r = tree_busy(root, pm->name, pm->major, pm->minor,
			      pm->uuid && *pm->uuid ? pm->uuid : NULL,
			      pm->open_count, depth + 1, busy, len);
	}
	vec_free(&pms, partmap_free);
	return r;
}

int dm_map_tree_busy(const char *sysfs_root, const char *name, char *busy,
		     size_t len)
{
	struct dm_map m;
	int r;

	r = dm_map_get(name, false, &m);
	if (r < 0)
		return r;
	r = tree_busy(sysfs_root, m.name, m.major, m.minor,
		      *m.uuid ? m.uuid : NULL, m.open_count, 0, busy, len);
	dm_map_clear(&m);
	return r;
}
