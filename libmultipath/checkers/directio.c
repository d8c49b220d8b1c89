/* The directio checker: read the first logical block with O_DIRECT. */
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "checkers/checker.h"

static enum path_state directio_check(struct checker *c)
{
	unsigned blksz = 512;
	void *buf = NULL;
	ssize_t n;
	int bs;

	if (ioctl(c->fd, BLKSSZGET, &bs) == 0 && bs > 0 && bs <= 65536)
		blksz = (unsigned)bs;
	if (posix_memalign(&buf, 4096, blksz) != 0) {
		snprintf(c->message, sizeof(c->message), "out of memory");
		return PATH_UNCHECKED;
	}
	n = pread(c->fd, buf, blksz, 0);
	free(buf);
	if (n == (ssize_t)blksz) {
		snprintf(c->message, sizeof(c->message),
			 "directio checker reports path is up");
		return PATH_UP;
	}
	snprintf(c->message, sizeof(c->message),
		 "directio checker reports path is down");
	return PATH_DOWN;
}

const struct checker_ops checker_directio = {
	.name = "directio",
	.open_flags = O_RDONLY | O_DIRECT,
	.check = directio_check,
};
