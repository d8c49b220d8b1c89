/* Reassigning holders (multipathd "reset map", reassign_maps): a dm
 * device that was stacked on a path of a multipath map (an LV set up
 * before the map existed) is moved onto the map, so that its I/O fails
 * over like the rest. */
#ifndef MP_DM_REASSIGN_H
#define MP_DM_REASSIGN_H

struct dm_cookie;

/*
 * In a table's params, every word that is exactly old_devt ("8:16")
 * replaced by new_devt; *out is a new string (free()), NULL when no word
 * matched. Returns the count of replaced words or -ENOMEM.
 */
int dm_params_replace_devt(const char *params, const char *old_devt,
			   const char *new_devt, char **out);

/*
 * For each dm holder of the path device path_dev (device number
 * path_devt) other than the map itself (map_dev, "dm-3", device number
 * map_devt): load its table again with map_devt in place of path_devt.
 * Returns the count of holders reassigned, or -errno of the first that
 * could not be (the others are still tried).
 */
int dm_reassign_holders(const char *sysfs_root, const char *path_dev,
			const char *path_devt, const char *map_dev,
			const char *map_devt, struct dm_cookie *cookie);

#endif
