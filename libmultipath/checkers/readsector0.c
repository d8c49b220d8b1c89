/* The readsector0 checker: a SCSI READ(10) of the first logical block. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "checkers/checker.h"
#include "discovery/sgio.h"

static enum path_state readsector0_check(struct checker *c)
{
	/* READ(10), LBA 0, one block */
	static const uint8_t cdb[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	unsigned blksz = 512;
	uint8_t *buf;
	int bs, r;

	if (ioctl(c->fd, BLKSSZGET, &bs) == 0 && bs > 0 && bs <= 65536)
		blksz = (unsigned)bs;
	buf = malloc(blksz);
	if (!buf) {
		snprintf(c->message, sizeof(c->message), "out of memory");
		return PATH_UNCHECKED;
	}
	r = sg_io(c->fd, cdb, sizeof(cdb), SG_DIR_FROM_DEV, buf, blksz,
		  c->timeout_ms, NULL);
	free(buf);
	if (r == 0) {
		snprintf(c->message, sizeof(c->message),
			 "readsector0 checker reports path is up");
		return PATH_UP;
	}
	snprintf(c->message, sizeof(c->message),
		 "readsector0 checker reports path is down");
	return r == -ETIMEDOUT ? PATH_TIMEOUT : PATH_DOWN;
}

const struct checker_ops checker_readsector0 = {
	.name = "readsector0",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.check = readsector0_check,
};
