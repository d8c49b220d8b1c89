/* Reading whole files, and locked + atomic (temp, fsync, rename) updates. */
#ifndef MP_UTIL_FILE_H
#define MP_UTIL_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "util/strbuf.h"

/* Read up to len bytes (fewer only at the end of the file); the count or
 * -errno. */
ssize_t fd_read_full(int fd, void *buf, size_t len);

/* Read at most max bytes of path into a NUL-terminated heap buffer.
 * Returns 0 or -errno (-EFBIG when the file is larger than max). */
int file_read_all(const char *path, size_t max, char **buf, size_t *len);

/* Replace path's content with data: write a temporary file in the same
 * directory, fsync it, rename it over path, fsync the directory. */
int file_write_atomic(const char *path, const char *data, size_t len,
		      mode_t mode);

/*
 * Read-modify-write path under an exclusive flock. edit() gets the current
 * content (NULL, 0 when the file does not exist) and fills out; it returns
 * < 0 to abort, 0 for "no change", > 0 to write out atomically. Concurrent
 * updaters serialize; one that waited for a lock on a file since replaced
 * retries on the new file. Missing parent directories are created (0755).
 * Returns edit()'s result or -errno.
 */
typedef int (*file_edit_fn)(const char *old, size_t len, struct strbuf *out,
			    void *userdata);
int file_update_locked(const char *path, mode_t mode, file_edit_fn edit,
		       void *userdata);

/* mkdir -p for the directory part of path. */
int mkdir_parents(const char *path, mode_t mode);

#endif
