/* Map assembly, the core that multipath (once, for every WWID) and
 * multipathd (for the WWIDs an event touched) both run: the paths of one
 * WWID -> the map they make (name, settings, groups, table) -> what to do
 * with the kernel's map (create, reload, rename, resize, nothing) -> doing
 * it. What only one caller does (printing, counting, asking whether a
 * daemon runs) stays with that caller. */
#ifndef MP_MAP_ASSEMBLE_H
#define MP_MAP_ASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>

#include "dm/dmcmd.h"
#include "map/alias.h"
#include "model/map.h"
#include "util/strbuf.h"
#include "util/vector.h"

struct discovery;
struct dm_map;
struct kvset;
struct path;

/*
 * One run of the core: settings from the caller, its view of the kernel's
 * multipath maps, and what the run collects (names given, devices to
 * send "change" uevents, one udev cookie for all changes).
 */
struct assembly {
	const struct discovery *d;
	const struct kvset *cmdline;	/* values forced by options (-p) */
	bool dry_run;			/* -d: decide, change nothing */
	bool force_reload;		/* -r */
	bool bindings_read_only;	/* -B */
	bool hold_ghosts;		/* ghost_delay (multipathd, which
					 * announces the map later) */
	/* the live multipath map of a WWID, or the dm map of a name
	 * (any target: a name may be taken by another device) */
	const struct dm_map *(*live_by_wwid)(void *arg, const char *wwid);
	const struct dm_map *(*live_by_name)(void *arg, const char *name);
	void *arg;
	struct vec names;		/* char *: aliases given in this run */
	struct vec triggers;		/* char *: paths to send "change" */
	struct bindings_cache bindings;	/* the bindings file, read once */
	struct dm_cookie cookie;
};

void assembly_init(struct assembly *a, const struct discovery *d);
/* Free what the run collected (without waiting for udev). */
void assembly_release(struct assembly *a);

/* What the paths of one WWID should make, and what to do about it. */
struct map_plan {
	struct multipath *mpp;		/* refers to the caller's paths */
	struct strbuf params;		/* the table for the kernel */
	const struct dm_map *cur;	/* the live map, or NULL */
	enum map_action action;
	bool table_differs;
	unsigned int discarded;		/* paths left out (their size) */
};

#define MAP_PLAN_INIT { NULL, STRBUF_INIT, NULL, ACT_UNDEF, false, 0 }

/*
 * Build the map of wwid from the n paths given (all of that WWID): the
 * map's size is the live map's when a path has it, else the first
 * non-zero one; paths of another size are left out with a message (and a
 * live map is then left alone: ACT_REJECT). Then name, settings, groups,
 * table, and the decision against the live map. 0, -EEXIST (the map
 * cannot be made or changed: plan->action is ACT_REJECT), -EINVAL (no
 * usable setup), -ENOMEM.
 */
int map_plan_build(struct assembly *a, const char *wwid,
		   struct path *const *paths, size_t n, struct map_plan *plan);

/* Carry the plan out (unless a dry run): the paths' SCSI timeouts, then
 * create / rename / reload; a new map's WWID goes to the wwids file and
 * its unclaimed paths on the trigger list. 0 or -errno. */
int map_plan_apply(struct assembly *a, struct map_plan *plan);

void map_plan_release(struct map_plan *plan);

/* After the last apply: wait for udev (the run's cookie), then send the
 * collected "change" uevents. 0 or -EIO when the wait failed. */
int assembly_settle(struct assembly *a);

/* The udev flags of a map's creation or reload (no kpartx, no usable
 * path), for the 11-dm-mpath rules. */
uint16_t map_udev_flags(const struct multipath *mpp);

/* No path of the map is active and at least one is a ghost (standby):
 * with ghost_delay, such a map is created but not announced to udev. */
bool map_only_ghosts(const struct multipath *mpp);

#endif
