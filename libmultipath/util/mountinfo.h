/* The mounts of a block device, from /proc/self/mountinfo. */
#ifndef MP_UTIL_MOUNTINFO_H
#define MP_UTIL_MOUNTINFO_H

typedef void (*mount_fn)(const char *mountpoint, void *arg);

/* Call fn (unless NULL) with the mount point of every mount of the device
 * major:minor. Returns the number of mounts, or -errno. */
int mountinfo_foreach(unsigned major, unsigned minor, mount_fn fn, void *arg);

/* The same over the text of a mountinfo file (for tests). */
int mountinfo_scan(char *text, unsigned major, unsigned minor, mount_fn fn,
		   void *arg);

#endif
