/* A file read once and kept while it does not change (same inode, size
 * and modification time), for files that are looked up once per map or
 * path (the wwids and bindings files): one read per change, not per
 * lookup. */
#ifndef MP_UTIL_FILE_CACHE_H
#define MP_UTIL_FILE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct file_cache {
	char *path;
	bool present;		/* the file existed when last read */
	struct stat st;
	char *text;		/* NUL-terminated; "" when missing */
	size_t len;
	unsigned long generation;	/* bumped at each (re)read */
};

#define FILE_CACHE_INIT { NULL, false, { 0 }, NULL, 0, 0 }

/* Make c hold the current content of path (read again only when it
 * changed, or when another path is asked for). 1 when it was read now,
 * 0 when it was current, -errno (a missing file is empty, not an
 * error). */
int file_cache_refresh(struct file_cache *c, const char *path, size_t max);
void file_cache_free(struct file_cache *c);

#endif
