/* The dm-multipath table of a map, built from its groups and settings. */
#ifndef MP_MAP_TABLE_H
#define MP_MAP_TABLE_H

#include <stdbool.h>

#include "dm/mpath_table.h"
#include "util/strbuf.h"

struct multipath;

/* Build the table of mpp (groups already made) into t. 0, -EINVAL (bad
 * features / selector / handler settings, logged naming the map), -ENOMEM. */
int build_map_table(const struct multipath *mpp, struct dmmp_table *t);
/* The same, as the parameter string for the kernel (no trailing blank). */
int map_table_params(const struct multipath *mpp, struct strbuf *sb);

/* Does the kernel's table (params of `dmsetup table`) already say what t
 * says? Compares features (as the kernel normalizes them), hardware
 * handler name (or an attached one the kernel kept), groups, selectors and
 * their paths in order; per-path args are not compared, as selectors echo
 * them back differently between kernel versions. */
bool map_table_matches(const struct dmmp_table *t, const char *kernel_params);

#endif
