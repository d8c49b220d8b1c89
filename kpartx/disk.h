/* The device kpartx reads: a block device opened for reading, its size
 * and sector size, and the read callback the label parsers use. */
#ifndef KPARTX_DISK_H
#define KPARTX_DISK_H

#include "label.h"

struct blkdev {
	int fd;
	bool direct;		/* opened O_DIRECT: reads must be aligned */
	struct pt_disk disk;
};

/* Open path (a block device) and fill bd->disk, named name. 0 or -errno. */
int blkdev_open(struct blkdev *bd, const char *path, const char *name);
void blkdev_close(struct blkdev *bd);

#endif
