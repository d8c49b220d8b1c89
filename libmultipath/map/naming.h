/* The name of a map: a multipaths alias, a user friendly name from the
 * bindings file, an existing map's name, or the WWID. */
#ifndef MP_MAP_NAMING_H
#define MP_MAP_NAMING_H

#include <stdbool.h>

#include "util/vector.h"

struct bindings_cache;
struct config;
struct kvset;
struct multipath;

/* Set mpp->alias. existing_name: the current dm name of the map with this
 * WWID, or NULL. read_only: never add bindings (-B); dry_run: tell the
 * name a new binding would get without writing it (-d). taken: names
 * given to other maps in this run (char *), may be NULL. bc: a cache of
 * the bindings file for lookups, or NULL. 0 or -errno. */
int select_alias(const struct config *conf, struct multipath *mpp,
		 const struct kvset *cmdline, const char *existing_name,
		 bool read_only, bool dry_run, const struct vec *taken,
		 struct bindings_cache *bc);

#endif
