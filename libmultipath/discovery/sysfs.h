/* Reading sysfs attributes under a configurable root ("/sys" normally, a
 * fake tree in unit tests). */
#ifndef MP_DISCOVERY_SYSFS_H
#define MP_DISCOVERY_SYSFS_H

#include <stddef.h>
#include <sys/types.h>

#define SYSFS_ROOT_DEFAULT "/sys"

/* Read <root>/<path> (printf-style) into buf, stripping trailing
 * whitespace. Returns the length, or -errno. */
int sysfs_read(const char *root, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Like sysfs_read(), but blanks are kept (an NVMe model or serial is
 * padded, and the reference shows it so); only a final newline goes. */
int sysfs_read_padded(const char *root, char *buf, size_t len,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Read binary content (VPD pages); returns bytes read or -errno. */
ssize_t sysfs_read_bin(const char *root, void *buf, size_t len,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Write a value to an attribute; 0 or -errno. */
int sysfs_write(const char *root, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The last component of the symlink <root>/<path>, into buf. */
int sysfs_link_basename(const char *root, char *buf, size_t len,
			const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The full target of the symlink, resolved (realpath), into buf. */
int sysfs_realpath(const char *root, char *buf, size_t len, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

/* <root>/<path> (printf-style) into buf; 0 or -ENAMETOOLONG. */
int sysfs_path(const char *root, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Call fn for each holder of the block device dev ("sda", "sda1", "dm-0"):
 * the devices stacked on it, <root>/class/block/<dev>/holders/<holder>,
 * until fn returns non-zero, which is then returned. 0 once every holder
 * was seen, -errno when there is no such directory (-ENOENT: no device).
 */
typedef int (*sysfs_holder_fn)(const char *holder, void *arg);
int sysfs_foreach_holder(const char *root, const char *dev,
			 sysfs_holder_fn fn, void *arg);

/* Block device name (sda, dm-0) of a device number, via
 * <root>/dev/block/M:m. */
int sysfs_devt_to_name(const char *root, unsigned major, unsigned minor,
		       char *buf, size_t len);
/* Parse "M:m"; 0 or -EINVAL. */
int parse_devt(const char *s, unsigned *major, unsigned *minor);

#endif
