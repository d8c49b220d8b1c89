/* The rdac prioritizer: LSI/Engenio/NetApp E-Series (RDAC) arrays, from
 * the volume access control page 0xC9: ownership and preferred path. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "discovery/sgio.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define RDAC_PAGE_LEN 128
#define RDAC_DETECT_LEN 44	/* what detect_prio asks for */
#define VPD_LIST_LEN 255

/* page 0xC9 */
#define C9_PAGE_LEN 0x2c	/* byte 3 */
#define C9_FLAGS 8
#define C9_CURRENT_PATH 0x01	/* this controller owns the volume */
#define C9_IOSHIP 0x20
#define C9_PREFERENCE 9
#define C9_PREFERRED 0x01
#define C9_SECONDARY 0x02

int rdac_c9_prio(const uint8_t *pg, size_t len)
{
	int prio = 0;

	if (len <= C9_PREFERENCE || pg[1] != RDAC_PAGE ||
	    pg[3] != C9_PAGE_LEN || memcmp(pg + 4, "vac", 3) != 0)
		return -EINVAL;
	if (pg[C9_FLAGS] & C9_CURRENT_PATH)
		prio |= 0x02;
	switch (pg[C9_PREFERENCE] & 0x0f) {
	case C9_PREFERRED:
		prio |= 0x04;
		break;
	case C9_SECONDARY:
		prio |= 0x01;
		break;
	}
	if (pg[C9_FLAGS] & C9_IOSHIP)
		prio |= 0x08;
	return prio;
}

bool rdac_c9_is_vac1(const uint8_t *pg, size_t len)
{
	return len >= 8 && memcmp(pg + 4, "vac1", 4) == 0;
}

bool vpd_page_listed(const uint8_t *pg0, size_t len, uint8_t page)
{
	size_t i;

	for (i = 4; i < len; i++)
		if (pg0[i] == page)
			return true;
	return false;
}

bool rdac_detect(int fd, bool ask_page_list, unsigned int timeout_ms)
{
	uint8_t buf[VPD_LIST_LEN];
	ssize_t n;

	if (ask_page_list) {
		n = sg_read_vpd(fd, 0x00, buf, sizeof(buf), timeout_ms);
		if (n < 0 || !vpd_page_listed(buf, (size_t)n, RDAC_PAGE))
			return false;
	}
	n = sg_read_vpd(fd, RDAC_PAGE, buf, RDAC_DETECT_LEN, timeout_ms);
	return n > 0 && rdac_c9_is_vac1(buf, (size_t)n);
}

static int rdac_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	uint8_t pg[RDAC_PAGE_LEN];
	int r;

	if (fd < 0)
		return fd;
	r = sg_inquiry(fd, 1, RDAC_PAGE, pg, sizeof(pg), ctx->timeout_ms);
	if (r < 0) {
		prio_log(ctx, 0, "%s: rdac prio: inquiry command indicates error",
			dev);
		return 0;
	}
	r = rdac_c9_prio(pg, sizeof(pg));
	if (r < 0) {
		prio_log(ctx, 0, "%s: rdac prio: volume access control page in unknown format",
			dev);
		return 0;
	}
	return r;
}

const struct prio_ops prio_rdac = {
	.name = "rdac",
	.getprio = rdac_getprio,
};
