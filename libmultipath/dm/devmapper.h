/* libdevmapper wrapper: the device-mapper queries and commands the tools
 * need, returning 0 / -errno and naming the map in every error. */
#ifndef MP_DM_DEVMAPPER_H
#define MP_DM_DEVMAPPER_H

#include <stdbool.h>
#include <stdint.h>

#include "util/vector.h"

#define MPATH_UUID_PREFIX "mpath-"
#define DM_TARGET_MULTIPATH "multipath"

struct dm_map {
	char *name;
	char *uuid;		/* "" when the map has none */
	unsigned major, minor;
	bool exists;
	bool suspended;
	bool read_only;
	int open_count;
	uint32_t event_nr;
	uint64_t size;		/* sectors, from the table */
	char *target_type;	/* of the first target */
	char *table;		/* params of the first target */
	char *status;		/* params of the first target's status */
	unsigned target_count;
};

/* Once per process: quiet libdevmapper's own logging (unless verbose),
 * no name mangling, udev synchronisation on. */
void dm_setup(void);
/* "4.47.0" style versions; 0 or -errno. */
int dm_driver_version(char *buf, size_t len);
int dm_target_version(const char *target, unsigned version[3]);

/* Fill *m for map name (table and status too when want_tables). A missing
 * map is -ENXIO. */
int dm_map_get(const char *name, bool want_tables, struct dm_map *m);
int dm_map_get_by_uuid(const char *uuid, bool want_tables, struct dm_map *m);
int dm_map_get_by_devt(unsigned major, unsigned minor, bool want_tables,
		       struct dm_map *m);
void dm_map_clear(struct dm_map *m);

/* The names of all dm devices (struct dm_map * with name, major, minor
 * filled), or only multipath maps (target "multipath") when
 * multipath_only, with tables and status. */
int dm_list_maps(bool multipath_only, struct vec *out);
void dm_map_free(void *m);

/* Is this dm device (by name) a multipath map? */
bool dm_is_multipath(const char *name);
/* m's table is one multipath target. */
bool dm_map_is_multipath(const struct dm_map *m);

#endif
