/* Loop devices: /sys/block/loopN/loop/backing_file names the file behind
 * each; /dev/loop-control hands out free ones. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/loop.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"
#include "util/cleanup.h"
#include "util/file.h"
#include "util/log.h"

#define LOOP_ATTACH_TRIES 10
#define LOOP_DETACH_TRIES 20

int loop_find(const char *file, char *dev, size_t len)
{
	_cleanup_closedir_ DIR *dir = opendir("/sys/block");
	struct dirent *de;

	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		_cleanup_free_ char *buf = NULL;
		char path[300];
		size_t n;

		if (strncmp(de->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/loop/backing_file",
			 de->d_name);
		if (file_read_all(path, 8192, &buf, &n) < 0)
			continue;
		while (n && buf[n - 1] == '\n')
			buf[--n] = '\0';
		if (strcmp(buf, file) == 0) {
			snprintf(dev, len, "/dev/%s", de->d_name);
			return 1;
		}
	}
	return 0;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Bind file_fd to the loop device loop_fd */
static int loop_bind(int loop_fd, int file_fd, const char *file, bool ro)
{
	struct loop_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.fd = (unsigned)file_fd;
	cfg.info.lo_flags = ro ? LO_FLAGS_READ_ONLY : 0;
	snprintf((char *)cfg.info.lo_file_name, LO_NAME_SIZE, "%s", file);
	if (ioctl(loop_fd, LOOP_CONFIGURE, &cfg) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOTTY)
		return -errno;
	/* kernels before 5.8 */
	if (ioctl(loop_fd, LOOP_SET_FD, file_fd) < 0)
		return -errno;
	if (ioctl(loop_fd, LOOP_SET_STATUS64, &cfg.info) < 0) {
		int e = -errno;

		ioctl(loop_fd, LOOP_CLR_FD, 0);
		return e;
	}
	return 0;
}

int loop_attach(const char *file, bool *ro, char *dev, size_t len)
{
	_cleanup_close_ int ctl = -1, ffd = -1;
	int tries, r = -EBUSY;

	if (!*ro) {
		ffd = open(file, O_RDWR | O_CLOEXEC);
		if (ffd < 0 && (errno == EROFS || errno == EACCES ||
				errno == EPERM))
			*ro = true;
		else if (ffd < 0)
			return -errno;
	}
	if (*ro && ffd < 0) {
		ffd = open(file, O_RDONLY | O_CLOEXEC);
		if (ffd < 0)
			return -errno;
	}
	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0)
		return -errno;
	/* another program may take the free device first: try again */
	for (tries = 0; tries < LOOP_ATTACH_TRIES && r == -EBUSY; tries++) {
		_cleanup_close_ int lfd = -1;
		int n = ioctl(ctl, LOOP_CTL_GET_FREE);

		if (n < 0)
			return -errno;
		snprintf(dev, len, "/dev/loop%d", n);
		lfd = open(dev, (*ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
		if (lfd < 0) {
			r = errno == ENOENT ? -EBUSY : -errno;
			pause_ms(50);
			continue;
		}
		r = loop_bind(lfd, ffd, file, *ro);
	}
	return r;
}

int loop_detach(const char *dev)
{
	_cleanup_close_ int fd = open(dev, O_RDONLY | O_CLOEXEC);
	int tries;

	if (fd < 0)
		return errno == ENXIO || errno == ENOENT ? 0 : -errno;
	for (tries = 0; tries < LOOP_DETACH_TRIES; tries++) {
		/* ENXIO: detached already */
		if (ioctl(fd, LOOP_CLR_FD, 0) == 0 || errno == ENXIO)
			return 0;
		if (errno != EBUSY)
			return -errno;
		condlog(3, "%s: still in use, retrying to detach", dev);
		pause_ms(100);
	}
	return -EBUSY;
}
