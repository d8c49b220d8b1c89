/* Reading sysfs attributes under a configurable root. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "discovery/sysfs.h"
#include "util/cleanup.h"
#include "util/file.h"

__attribute__((format(printf, 4, 0)))
static int build_path(char *out, size_t len, const char *root,
		      const char *fmt, va_list ap)
{
	int n = snprintf(out, len, "%s/", root ? root : SYSFS_ROOT_DEFAULT);
	int m;

	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	m = vsnprintf(out + n, len - (size_t)n, fmt, ap);
	if (m < 0 || (size_t)(n + m) >= len)
		return -ENAMETOOLONG;
	return 0;
}

static ssize_t read_at(const char *path, void *buf, size_t len)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd_read_full(fd, buf, len);
}

/* The attribute at root/fmt... as a string in buf: its length, or -errno */
__attribute__((format(printf, 4, 0)))
static int read_str(const char *root, char *buf, size_t len, const char *fmt,
		    va_list ap)
{
	char path[PATH_MAX];
	ssize_t n;
	int r;

	if (len == 0)
		return -EINVAL;
	r = build_path(path, sizeof(path), root, fmt, ap);
	if (r < 0)
		return r;
	n = read_at(path, buf, len - 1);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	return (int)n;
}

int sysfs_read(const char *root, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = read_str(root, buf, len, fmt, ap);
	va_end(ap);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' ||
			 buf[n - 1] == '\t'))
		buf[--n] = '\0';
	return n;
}

int sysfs_read_padded(const char *root, char *buf, size_t len,
		      const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = read_str(root, buf, len, fmt, ap);
	va_end(ap);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return n;
}

ssize_t sysfs_read_bin(const char *root, void *buf, size_t len,
		       const char *fmt, ...)
{
	char path[PATH_MAX];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = build_path(path, sizeof(path), root, fmt, ap);
	va_end(ap);
	if (r < 0)
		return r;
	return read_at(path, buf, len);
}

int sysfs_write(const char *root, const char *value, const char *fmt, ...)
{
	char path[PATH_MAX];
	_cleanup_close_ int fd = -1;
	size_t len = strlen(value);
	va_list ap;
	ssize_t n;
	int r;

	va_start(ap, fmt);
	r = build_path(path, sizeof(path), root, fmt, ap);
	va_end(ap);
	if (r < 0)
		return r;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

__attribute__((format(printf, 4, 0)))
static int read_link(const char *root, char *target, size_t len,
		     const char *fmt, va_list ap)
{
	char path[PATH_MAX];
	ssize_t n;
	int r;

	r = build_path(path, sizeof(path), root, fmt, ap);
	if (r < 0)
		return r;
	n = readlink(path, target, len - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	return 0;
}

int sysfs_link_basename(const char *root, char *buf, size_t len,
			const char *fmt, ...)
{
	char target[PATH_MAX];
	const char *base;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = read_link(root, target, sizeof(target), fmt, ap);
	va_end(ap);
	if (r < 0)
		return r;
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

int sysfs_realpath(const char *root, char *buf, size_t len, const char *fmt,
		   ...)
{
	char path[PATH_MAX], resolved[PATH_MAX];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = build_path(path, sizeof(path), root, fmt, ap);
	va_end(ap);
	if (r < 0)
		return r;
	if (!realpath(path, resolved))
		return -errno;
	if (strlen(resolved) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, resolved);
	return 0;
}

int sysfs_devt_to_name(const char *root, unsigned major, unsigned minor,
		       char *buf, size_t len)
{
	return sysfs_link_basename(root, buf, len, "dev/block/%u:%u", major,
				   minor);
}

int parse_devt(const char *s, unsigned *major, unsigned *minor)
{
	char *end;
	unsigned long ma, mi;

	if (!s || !*s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	ma = strtoul(s, &end, 10);
	if (*end != ':' || errno || ma > UINT_MAX || end[1] < '0' || end[1] > '9')
		return -EINVAL;
	mi = strtoul(end + 1, &end, 10);
	if (*end || errno || mi > UINT_MAX)
		return -EINVAL;
	*major = (unsigned)ma;
	*minor = (unsigned)mi;
	return 0;
}

int sysfs_path(const char *root, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = build_path(buf, len, root, fmt, ap);
	va_end(ap);
	return r;
}

int sysfs_foreach_holder(const char *root, const char *dev,
			 sysfs_holder_fn fn, void *arg)
{
	_cleanup_closedir_ DIR *dir = NULL;
	char path[PATH_MAX];
	struct dirent *e;
	int r;

	if (!*dev || strchr(dev, '/') || dev[0] == '.')
		return -EINVAL;
	r = sysfs_path(root, path, sizeof(path), "class/block/%s/holders", dev);
	if (r < 0)
		return r;
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.' && (r = fn(e->d_name, arg)) != 0)
			return r;
	return 0;
}
