/* The wwids file (/etc/multipath/wwids): the WWIDs that have been
 * multipathed on this host. Same format as the reference ("/WWID/" lines
 * after a comment header); LVM and udev rules read it. Updates are locked
 * and atomic. */
#ifndef MP_MAP_WWIDS_H
#define MP_MAP_WWIDS_H

#include <stddef.h>

#include "util/file_cache.h"
#include "util/hashmap.h"

/* 1 if wwid is listed, 0 if not (also when the file is missing), -errno. */
int wwids_check(const char *file, const char *wwid);

/* The same through a cache that reads and indexes the file once per
 * change of it (one hash lookup per call otherwise). */
struct wwids_cache {
	struct file_cache f;
	unsigned long built;	/* the generation the index is of */
	char *keys;		/* a copy of the text, cut into WWIDs */
	struct hashmap set;
};

#define WWIDS_CACHE_INIT { FILE_CACHE_INIT, 0, NULL, HASHMAP_INIT }

int wwids_cache_check(struct wwids_cache *c, const char *file,
		      const char *wwid);
void wwids_cache_free(struct wwids_cache *c);
/* Add wwid: 1 added, 0 already there, -errno. */
int wwids_add(const char *file, const char *wwid);
/* Remove wwid: 1 removed, 0 was not there, -errno. */
int wwids_remove(const char *file, const char *wwid);
/* Rewrite the file to hold exactly these WWIDs. 0 or -errno. */
int wwids_replace(const char *file, const char *const *wwids, size_t n);

/* Is this a WWID the file format can hold (non-empty, no '/', no
 * whitespace or control characters)? */
int wwid_valid(const char *wwid);

#endif
