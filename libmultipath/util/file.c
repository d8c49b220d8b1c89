/* Reading whole files, and locked + atomic (temp, fsync, rename) updates. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"

ssize_t fd_read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static int read_fd(int fd, size_t max, char **buf, size_t *len)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	char chunk[8192];
	ssize_t n;

	do {
		n = fd_read_full(fd, chunk, sizeof(chunk));
		if (n < 0)
			return (int)n;
		if (sb.len + (size_t)n > max)
			return -EFBIG;
		if (strbuf_appendn(&sb, chunk, (size_t)n) < 0)
			return -ENOMEM;
	} while ((size_t)n == sizeof(chunk));
	*len = sb.len;
	*buf = strbuf_steal(&sb);
	return *buf ? 0 : -ENOMEM;
}

int file_read_all(const char *path, size_t max, char **buf, size_t *len)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return read_fd(fd, max, buf, len);
}

int mkdir_parents(const char *path, mode_t mode)
{
	_cleanup_free_ char *dir = strdup(path);
	char *p;

	if (!dir)
		return -ENOMEM;
	p = strrchr(dir, '/');
	if (!p || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, mode) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(dir, mode) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_parent(const char *path)
{
	_cleanup_free_ char *dir = strdup(path);
	_cleanup_close_ int fd = -1;
	char *p;

	if (!dir)
		return -ENOMEM;
	p = strrchr(dir, '/');
	if (!p)
		strcpy(dir, ".");
	else if (p == dir)
		p[1] = '\0';
	else
		*p = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	return fsync(fd) < 0 ? -errno : 0;
}

int file_write_atomic(const char *path, const char *data, size_t len,
		      mode_t mode)
{
	_cleanup_free_ char *tmp = NULL;
	_cleanup_close_ int fd = -1;
	int r;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0) {
		tmp = NULL;
		return -ENOMEM;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = write_all(fd, data, len);
	if (r == 0 && fchmod(fd, mode) < 0)
		r = -errno;
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		return r;
	}
	return fsync_parent(path);
}

/* Open path and take an exclusive flock on the inode path names now. */
static int open_locked(const char *path, mode_t mode)
{
	struct stat st_fd, st_path;
	int fd;

	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode);
		if (fd < 0)
			return -errno;
		while (flock(fd, LOCK_EX) < 0) {
			if (errno != EINTR) {
				int r = -errno;

				close(fd);
				return r;
			}
		}
		if (fstat(fd, &st_fd) == 0 && stat(path, &st_path) == 0 &&
		    st_fd.st_ino == st_path.st_ino &&
		    st_fd.st_dev == st_path.st_dev)
			return fd;
		/* replaced while we waited: lock the new file instead */
		close(fd);
	}
}

int file_update_locked(const char *path, mode_t mode, file_edit_fn edit,
		       void *userdata)
{
	_cleanup_strbuf_ struct strbuf out = STRBUF_INIT;
	_cleanup_free_ char *old = NULL;
	_cleanup_close_ int fd = -1;
	size_t len = 0;
	int r, changed;

	r = mkdir_parents(path, 0755);
	if (r < 0)
		return r;
	fd = open_locked(path, mode);
	if (fd < 0)
		return fd;
	r = read_fd(fd, 64 << 20, &old, &len);
	if (r < 0)
		return r;
	changed = edit(len ? old : NULL, len, &out, userdata);
	if (changed <= 0)
		return changed;
	r = file_write_atomic(path, strbuf_str(&out), out.len, mode);
	return r < 0 ? r : changed;
}
