/* PERSISTENT RESERVE IN / OUT on a path device through SG_IO. A UNIT
 * ATTENTION (a reservation change, a LUN reset) is retried, like the
 * reference, and so is "logical unit not ready, operation in progress". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "discovery/sgio.h"
#include "persist/pr_codec.h"
#include "persist/pr_io.h"
#include "util/cleanup.h"
#include "util/log.h"

#define PR_IO_TRIES 5

static int open_path(const char *dev)
{
	char node[300];

	snprintf(node, sizeof(node), "/dev/%s", dev);
	return open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

/* What a finished command means; -EAGAIN: send it again. */
static int outcome(const char *dev, int r, const struct sg_result *res,
		   int tries_left)
{
	int st;

	if (r == 0)
		return PR_STATUS_SUCCESS;
	if (r != -EIO) {
		condlog(3, "%s: persistent reservation command: %s", dev,
			strerror(-r));
		return PR_STATUS_OTHER;
	}
	st = pr_status_from_sg(res);
	if (tries_left > 0 &&
	    pr_status_retry(st, res->sense.asc, res->sense.ascq)) {
		condlog(3, "%s: persistent reservation command: status %d, retrying",
			dev, st);
		return -EAGAIN;
	}
	return st;
}

/* cdb on fd, sent again as long as outcome() says so; *xfer: the bytes
 * the last try moved */
static int send_cdb(int fd, const char *dev, const uint8_t cdb[10],
		    enum sg_dir dir, void *buf, size_t len, size_t *xfer)
{
	struct sg_result res;
	int tries, r, st = PR_STATUS_OTHER;

	for (tries = PR_IO_TRIES; tries > 0; tries--) {
		if (dir == SG_DIR_FROM_DEV)
			memset(buf, 0, len);
		r = sg_io(fd, cdb, 10, dir, buf, len, PR_IO_TIMEOUT_MS, &res);
		st = outcome(dev, r, &res, tries - 1);
		if (st != -EAGAIN)
			break;
		usleep(1000);
	}
	*xfer = st == PR_STATUS_SUCCESS ? res.xfer : 0;
	return st;
}

int pr_in_fd(int fd, const char *dev, int sa, uint8_t *buf, size_t len,
	     size_t *got)
{
	uint8_t cdb[10];

	if (len > 0xffff)
		len = 0xffff;
	prin_cdb(cdb, sa, (uint16_t)len);
	return send_cdb(fd, dev, cdb, SG_DIR_FROM_DEV, buf, len, got);
}

int pr_out_fd(int fd, const char *dev, int sa, unsigned scope,
	      unsigned type, const uint8_t *params, size_t plen)
{
	uint8_t cdb[10];
	size_t xfer;

	prout_cdb(cdb, sa, scope, type, (uint32_t)plen);
	return send_cdb(fd, dev, cdb, plen ? SG_DIR_TO_DEV : SG_DIR_NONE,
			plen ? (void *)params : NULL, plen, &xfer);
}

/* /dev/<dev>, or -1 (logged) when it does not open */
static int open_path_or_fail(const char *dev)
{
	int fd = open_path(dev);

	if (fd < 0)
		condlog(0, "%s: unable to open device: %m", dev);
	return fd;
}

int pr_in(const char *dev, int sa, uint8_t *buf, size_t len, size_t *got)
{
	_cleanup_close_ int fd = open_path_or_fail(dev);

	*got = 0;
	return fd < 0 ? PR_STATUS_FILE_ERROR :
			pr_in_fd(fd, dev, sa, buf, len, got);
}

int pr_out(const char *dev, int sa, unsigned scope, unsigned type,
	   const uint8_t *params, size_t plen)
{
	_cleanup_close_ int fd = open_path_or_fail(dev);

	return fd < 0 ? PR_STATUS_FILE_ERROR :
			pr_out_fd(fd, dev, sa, scope, type, params, plen);
}
