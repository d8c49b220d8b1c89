/* The daemon's model: every path and map it knows, indexed so that each
 * event finds its objects in O(1) (paths by device name, dev_t and WWID;
 * maps by name, WWID and dm minor). A path without a map is an orphan;
 * assembly adopts it. The registry owns its paths and maps. */
#ifndef MP_MODEL_REGISTRY_H
#define MP_MODEL_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/map.h"
#include "model/path.h"
#include "util/hashmap.h"
#include "util/vector.h"

/* paths and maps keep their order of arrival (what "show" lists); a
 * removal leaves a NULL hole (so that removing during an iteration is
 * safe), registry_compact() squeezes the holes out */
struct registry {
	struct vec paths;		/* struct path *, or NULL */
	struct vec maps;		/* struct multipath *, or NULL */
	size_t path_holes, map_holes;
	struct hashmap path_by_dev;	/* "sda" */
	struct hashmap path_by_devt;	/* "8:0" */
	struct hashmap wwid_paths;	/* WWID -> struct vec * of paths */
	struct hashmap map_by_name;	/* alias */
	struct hashmap map_by_wwid;
	struct hashmap map_by_dmdev;	/* "dm-3" */
};

#define REGISTRY_INIT { .paths = VEC_INIT }

#define registry_foreach_path(r, pp, i)                                        \
	for ((i) = 0; (i) < (r)->paths.len; (i)++)                             \
		if (((pp) = (r)->paths.items[i]) != NULL)
#define registry_foreach_map(r, mpp, i)                                        \
	for ((i) = 0; (i) < (r)->maps.len; (i)++)                              \
		if (((mpp) = (r)->maps.items[i]) != NULL)
size_t registry_npaths(const struct registry *r);
size_t registry_nmaps(const struct registry *r);

/* Free every path and map. */
void registry_free(struct registry *r);

/* Take pp (indexed by its dev, dev_t and WWID). 0, -EEXIST (a path with
 * that name is known), -ENOMEM. */
int registry_add_path(struct registry *r, struct path *pp);
/* Give pp back to the caller: out of the indexes and of its map's lists
 * (not of the kernel's table). */
void registry_remove_path(struct registry *r, struct path *pp);
/* pp's WWID changes: re-index it. 0 or -ENOMEM. */
int registry_set_wwid(struct registry *r, struct path *pp, const char *wwid);

struct path *registry_path(const struct registry *r, const char *dev);
struct path *registry_path_by_devt(const struct registry *r, const char *devt);
/* The paths of a WWID (never NULL: an empty list when none). */
const struct vec *registry_wwid_paths(const struct registry *r,
				      const char *wwid);

/* Take mpp (indexed by alias, WWID and dm_dev); -EEXIST when its WWID or
 * name is known. */
int registry_add_map(struct registry *r, struct multipath *mpp);
/* Give mpp back (its paths become orphans). */
void registry_remove_map(struct registry *r, struct multipath *mpp);
/* Put new in old's place (same WWID): old's paths that new does not hold
 * become orphans; old is returned to the caller to free. */
struct multipath *registry_replace_map(struct registry *r,
				       struct multipath *old,
				       struct multipath *new);
/* Change mpp's alias, or its dm minor (and dm_dev), and its indexes. 0 or
 * -ENOMEM. */
int registry_rename_map(struct registry *r, struct multipath *mpp,
			const char *alias);
int registry_set_dmdev(struct registry *r, struct multipath *mpp,
		       unsigned int minor);
/* Squeeze out the holes removals left (not while iterating). */
void registry_compact(struct registry *r);

struct multipath *registry_map(const struct registry *r, const char *alias);
struct multipath *registry_map_by_wwid(const struct registry *r,
				       const char *wwid);
struct multipath *registry_map_by_dmdev(const struct registry *r,
					const char *dmdev);

#endif
