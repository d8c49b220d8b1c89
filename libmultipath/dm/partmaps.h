/* Partition maps (kpartx's): the dm linear maps over a parent device
 * whose uuid is "part<N>-<parent uuid>". Listing and removing them, e.g.
 * before a multipath map is flushed. */
#ifndef MP_DM_PARTMAPS_H
#define MP_DM_PARTMAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "dm/dmcmd.h"
#include "util/vector.h"

#define PARTMAP_UUID_PREFIX "part"

struct partmap {
	char *name;
	char *uuid;
	unsigned part;		/* N of "partN-", 0 when the uuid has none */
	unsigned major, minor;
	uint64_t start, size;	/* of the linear target, sectors */
	int open_count;
};

/* N when uuid is "part<N>-<parent_uuid>" (any parent when parent_uuid is
 * NULL), else 0. */
unsigned partmap_uuid_part(const char *uuid, const char *parent_uuid);

/* "part<N>-<parent_uuid>" in a new string, NULL without memory. */
char *partmap_uuid(unsigned part, const char *parent_uuid);

/* Does the table of a single linear target ("maj:min start") lie on the
 * device major:minor? Fills *start when it does and start is not NULL. */
bool linear_table_on(const char *table, unsigned major, unsigned minor,
		     uint64_t *start);

/*
 * The partition maps of the device major:minor: single linear targets on
 * it whose uuid is "part<N>-<parent_uuid>" (any uuid when parent_uuid is
 * NULL). Appends struct partmap * to out (free with partmap_free).
 * sysfs_root: a test tree, or NULL for /sys (as in every function here).
 */
int dm_list_partmaps(const char *sysfs_root, unsigned major, unsigned minor,
		     const char *parent_uuid, struct vec *out);
void partmap_free(void *p);

/*
 * Remove the partition maps of major:minor (their own partition maps
 * first). A map still open stops the removal with -EBUSY unless deferred,
 * which asks the kernel to remove it on last close. Removed names are
 * logged at verbosity 3. Returns 0 or -errno.
 */
int dm_remove_partmaps_of(const char *sysfs_root, unsigned major,
			  unsigned minor, const char *parent_uuid, bool deferred,
			  struct dm_cookie *cookie);

/* The same for the dm map parent_name, matched by its own uuid. */
int dm_remove_partmaps(const char *sysfs_root, const char *parent_name,
		       bool deferred, struct dm_cookie *cookie);

/*
 * Is the dm map name, or one of its partition maps (at any depth), held by
 * something other than its own partition maps: mounted, open, a holder
 * such as an LVM volume? 1 with the name of the first busy device in busy,
 * 0, or -errno. A flush checks this before it removes anything.
 */
int dm_map_tree_busy(const char *sysfs_root, const char *name, char *busy,
		     size_t len);

#endif
