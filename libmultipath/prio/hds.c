/* The hds prioritizer: Hitachi AMS/DF (other than AMS 2000) arrays, where
 * each LDEV belongs to the controller of the same parity; the standard
 * INQUIRY data names the LDEV and the controller of the path. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "discovery/sgio.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define HDS_INQ_LEN 255

/* byte offsets in the standard INQUIRY data */
#define HDS_SERIAL 40		/* 4 characters */
#define HDS_LDEV 44		/* 4 hex digits */
#define HDS_CTRL 49		/* 1 digit */
#define HDS_PORT 50		/* 1 letter */

/* 0 even, 1 odd, -1 not a digit of the set the reference accepts. */
static int parity(char c, bool hex)
{
	if (c >= '0' && c <= '9')
		return (c - '0') & 1;
	if (hex && c >= 'A' && c <= 'F')
		return (c - 'A') & 1;	/* A = 10 is even */
	return -1;
}

int hds_inquiry_prio(const uint8_t *inq, size_t len)
{
	int ldev, ctrl;

	if (len <= HDS_CTRL)
		return -EINVAL;
	/* the LDEV string ends at a NUL: its 4th digit must be there */
	if (memchr(inq + HDS_LDEV, '\0', 3))
		return -EINVAL;
	ldev = parity((char)inq[HDS_LDEV + 3], true);
	ctrl = parity((char)inq[HDS_CTRL], false);
	if (ldev < 0 || ctrl < 0)
		return -EINVAL;
	return ldev == ctrl ? 1 : 0;
}

/* "%.<n>s" of a field, for the debug log. */
static void field(char *out, const uint8_t *inq, size_t off, size_t n)
{
	memcpy(out, inq + off, n);
	out[n] = '\0';
}

static int hds_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	uint8_t inq[HDS_INQ_LEN];
	char serial[5], ldev[5], ctrl[2], port[2];
	int r;

	if (fd < 0)
		return fd;
	r = sg_inquiry(fd, 0, 0, inq, sizeof(inq), ctx->timeout_ms);
	if (r < 0)
		return prio_log_errno(ctx, 0, r, "%s: hds prio: SCSI error", dev);
	field(serial, inq, HDS_SERIAL, 4);
	field(ldev, inq, HDS_LDEV, 4);
	field(ctrl, inq, HDS_CTRL, 1);
	field(port, inq, HDS_PORT, 1);
	prio_log(ctx, 4, "%s: hds prio: SERIAL:  0x%s", dev, serial);
	prio_log(ctx, 4, "%s: hds prio: LDEV:    0x%s", dev, ldev);
	prio_log(ctx, 4, "%s: hds prio: CTRL:    %s", dev, ctrl);
	prio_log(ctx, 4, "%s: hds prio: PORT:    %s", dev, port);
	r = hds_inquiry_prio(inq, sizeof(inq));
	if (r >= 0) {
		bool ctrl_odd = (inq[HDS_CTRL] - '0') & 1;
		bool ldev_odd = r ? ctrl_odd : !ctrl_odd;

		prio_log(ctx, 4, "%s: hds prio: CTRL %s, LDEV %s, PRIO %d", dev,
			ctrl_odd ? "ODD" : "EVEN", ldev_odd ? "ODD" : "EVEN", r);
	}
	return r;
}

const struct prio_ops prio_hds = {
	.name = "hds",
	.getprio = hds_getprio,
};
