/* The readsector0 checker: a SCSI READ(10) of the first logical block. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"

#define READ_ATTEMPTS 3
#define MAX_BLOCK 4096

int read_verdict(int r, const struct sg_result *res, const char **msg)
{
	*msg = MSG_DOWN;
	switch (r) {
	case 0:
		*msg = MSG_UP;
		return PATH_UP;
	case -ETIMEDOUT:
		*msg = MSG_TIMEOUT;
		return PATH_TIMEOUT;
	case -ENOMEM:
		/* the kernel could not map the buffer: not the path's fault */
		*msg = MSG_UP;
		return PATH_UP;
	case -EIO:
		if (res->have_sense && res->sense.key == SENSE_UNIT_ATTENTION)
			return CHECK_RETRY;
		return PATH_DOWN;
	default:
		return PATH_DOWN;
	}
}

static enum path_state readsector0_check(struct check_call *cc)
{
	/* READ(10), LBA 0, one block */
	static const uint8_t cdb[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	uint8_t buf[MAX_BLOCK];
	struct sg_result res;
	int bs, i, v = CHECK_RETRY;
	size_t len = 512;

	if (ioctl(cc->fd, BLKSSZGET, &bs) == 0 && bs > 0 && bs <= MAX_BLOCK)
		len = bs;
	for (i = 0; i < READ_ATTEMPTS && v == CHECK_RETRY; i++)
		v = read_verdict(sg_io(cc->fd, cdb, sizeof(cdb),
				       SG_DIR_FROM_DEV, buf, len,
				       cc->timeout_ms, &res),
				 &res, &cc->msg);
	return v == CHECK_RETRY ? PATH_DOWN : (enum path_state)v;
}

const struct checker_ops checker_readsector0 = {
	.name = "readsector0",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.check = readsector0_check,
};
