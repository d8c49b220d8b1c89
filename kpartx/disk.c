/* Reading the partition table of a block device: O_DIRECT where the
 * device allows it, so that a table just rewritten through another path
 * of a multipath map is seen, not a stale page cache. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "disk.h"
#include "util/cleanup.h"

#define DIRECT_ALIGN 4096

static int read_exact(int fd, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done,
				  (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		done += (size_t)n;
	}
	return 0;
}

static int blkdev_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct blkdev *bd = ctx;
	uint64_t a_off, a_end;
	void *bounce;
	int r;

	if (!bd->direct)
		return read_exact(bd->fd, off, buf, len);
	a_off = off / DIRECT_ALIGN * DIRECT_ALIGN;
	a_end = (off + len + DIRECT_ALIGN - 1) / DIRECT_ALIGN * DIRECT_ALIGN;
	/* the last aligned block may be past the end of a device whose size
	 * is not a multiple of 4 KiB: read by logical sectors there */
	if (a_end > bd->disk.size) {
		uint64_t ss = bd->disk.sector_size;

		a_off = off / ss * ss;
		a_end = (off + len + ss - 1) / ss * ss;
	}
	if (posix_memalign(&bounce, DIRECT_ALIGN, (size_t)(a_end - a_off)))
		return -ENOMEM;
	r = read_exact(bd->fd, a_off, bounce, (size_t)(a_end - a_off));
	if (r == 0)
		memcpy(buf, (char *)bounce + (off - a_off), len);
	free(bounce);
	return r;
}

int blkdev_open(struct blkdev *bd, const char *path, const char *name)
{
	uint64_t bytes = 0;
	int ss = 512;

	memset(bd, 0, sizeof(*bd));
	bd->fd = open(path, O_RDONLY | O_DIRECT | O_CLOEXEC);
	bd->direct = bd->fd >= 0;
	if (bd->fd < 0)
		bd->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (bd->fd < 0)
		return -errno;
	if (ioctl(bd->fd, BLKGETSIZE64, &bytes) < 0) {
		int e = -errno;

		close(bd->fd);
		bd->fd = -1;
		return e;
	}
	if (ioctl(bd->fd, BLKSSZGET, &ss) < 0 || ss < 512 || ss % 512)
		ss = 512;
	bd->disk.name = name;
	bd->disk.read = blkdev_read;
	bd->disk.ctx = bd;
	bd->disk.size = bytes;
	bd->disk.sector_size = (unsigned)ss;
	return 0;
}

void blkdev_close(struct blkdev *bd)
{
	if (bd->fd >= 0)
		close(bd->fd);
	bd->fd = -1;
}
