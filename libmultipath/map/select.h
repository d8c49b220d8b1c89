/* Choosing a map's settings from the configuration: the reference's
 * select_*() steps, each logged at -v3 with where the value came from. */
#ifndef MP_MAP_SELECT_H
#define MP_MAP_SELECT_H

#include "config/propsel.h"

struct config;
struct kvset;
struct multipath;

/* The scope of a map: its multipaths entry and the device entries of
 * its first path. cmdline holds values forced by options (-p). */
struct prop_scope map_scope(const struct config *conf,
			    const struct multipath *mpp,
			    const struct kvset *cmdline);

/* Select everything the table and the tools need (pgpolicy, selector,
 * features, hardware handler, no_path_retry, rr_weight, minio, failback,
 * flush_on_last_del, skip_kpartx, deferred_remove, mode/uid/gid).
 * The alias is chosen separately (map/naming.c). 0 or -ENOMEM. */
int select_map_settings(const struct config *conf, struct multipath *mpp,
			const struct kvset *cmdline);

/* reservation_key of the map (multipaths entry, overrides, defaults);
 * "file" reads the key from prkeys_file. Logged at -v3 when set. */
void select_reservation_key(const struct config *conf,
			    struct multipath *mpp);

#endif
