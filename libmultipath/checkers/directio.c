/* The directio checker: an O_DIRECT read of the first block. The engine
 * submits it on the process's one AIO context (engine_aio.c); check() is
 * the blocking fallback a worker runs when there is no AIO context. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"
#include "util/cleanup.h"

#define DIRECTIO_MAX_BLOCK 4096

/* The device's block size (BLKBSZGET), at most 4096 (DASD report more
 * than they can read), 4096 when unknown, like the reference. */
static size_t directio_read_len(int fd)
{
	int bs;

	if (ioctl(fd, BLKBSZGET, &bs) < 0 || bs <= 0 ||
	    bs > DIRECTIO_MAX_BLOCK)
		return DIRECTIO_MAX_BLOCK;
	return bs;
}

enum path_state directio_verdict(long res, size_t len, const char **msg)
{
	if (res >= 0 && (size_t)res == len) {
		*msg = MSG_UP;
		return PATH_UP;
	}
	*msg = MSG_DOWN;
	return PATH_DOWN;
}

static enum path_state directio_read_done(struct check_call *cc, long res,
					  size_t len)
{
	return directio_verdict(res, len, &cc->msg);
}

static enum path_state directio_check(struct check_call *cc)
{
	_cleanup_free_ void *buf = NULL;
	size_t len = directio_read_len(cc->fd);
	ssize_t n;

	if (posix_memalign(&buf, sysconf(_SC_PAGESIZE), len) != 0) {
		cc->msg = " is not available";
		return PATH_UNCHECKED;
	}
	do
		n = pread(cc->fd, buf, len, 0);
	while (n < 0 && errno == EINTR);
	return directio_verdict(n < 0 ? -errno : n, len, &cc->msg);
}

const struct checker_ops checker_directio = {
	.name = "directio",
	.open_flags = O_RDONLY | O_DIRECT,
	.run = CHECK_ON_AIO,
	.check = directio_check,
	.read_len = directio_read_len,
	.read_done = directio_read_done,
};
