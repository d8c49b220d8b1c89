/* Building a struct multipath from a device-mapper map: its table, its
 * status, and the paths the table names (read from sysfs). */
#ifndef MP_MAP_FROM_DM_H
#define MP_MAP_FROM_DM_H

struct discovery;
struct dm_map;
struct multipath;

/* mask: the DI_* flags pathinfo() gets for each path (DI_SYSFS for -l,
 * plus DI_CHECKER | DI_PRIO for -ll). -EINVAL when the table or status
 * cannot be parsed (the error names the map). */
int multipath_from_dm(const struct discovery *d, const struct dm_map *m,
		      unsigned mask, struct multipath **out);

/* The WWID of a map: its uuid without "mpath-", else "". */
const char *dm_uuid_to_wwid(const char *uuid);

#endif
