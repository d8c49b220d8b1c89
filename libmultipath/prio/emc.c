/* The emc prioritizer: EMC CLARiiON / VNX arrays in failover mode 1 (PNR)
 * or 4 (ALUA), from the vendor's unit path report page 0xC0. */
#include <errno.h>
#include <fcntl.h>

#include "discovery/sgio.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define EMC_PAGE_LEN 128

/* byte offsets in page 0xC0 */
#define C0_LUN_STATE 4		/* 0 unbound, 1 bound, 2 owned */
#define C0_CURRENT_SP 5
#define C0_DEFAULT_SP 8
#define C0_REVISION 9
#define C0_INITIATOR_TYPE 27
#define C0_FAILOVER_MODE 28
#define C0_OPTIONS 30
#define C0_LUN_OPERATIONS 48

int emc_c0_prio(const uint8_t *pg, size_t len)
{
	if (len <= C0_LUN_OPERATIONS || pg[1] != EMC_PAGE ||
	    pg[C0_REVISION] != 0x00)
		return -EINVAL;
	/* initiator type 3, failover mode 1 or 4 (bits 0-2 of 4 or 6),
	 * arraycommpath set */
	if (pg[C0_INITIATOR_TYPE] != 0x03 ||
	    (pg[C0_FAILOVER_MODE] & 0x05) != 0x04 ||
	    !(pg[C0_OPTIONS] & 0x04))
		return -ENXIO;
	if (pg[C0_LUN_OPERATIONS] != 0x00)
		return -EBUSY;
	/* the default owner wins even when it is not the active SP */
	return pg[C0_LUN_STATE] +
	       (pg[C0_CURRENT_SP] == pg[C0_DEFAULT_SP] ? 2 : 0);
}

static int emc_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	uint8_t pg[EMC_PAGE_LEN];
	int r;

	if (fd < 0)
		return fd;
	r = sg_inquiry(fd, 1, EMC_PAGE, pg, sizeof(pg), ctx->timeout_ms);
	if (r < 0)
		return prio_log_errno(ctx, 0, r, "%s: emc prio: query command failed",
				 dev);
	r = emc_c0_prio(pg, sizeof(pg));
	if (r == -EINVAL)
		prio_log(ctx, 0, "%s: emc prio: path unit report page in unknown format",
			dev);
	else if (r == -EBUSY)
		prio_log(ctx, 0, "%s: emc prio: path not available for normal operations",
			dev);
	else if (r == -ENXIO)
		prio_log(ctx, 0, "%s: emc prio: path not correctly configured for failover",
			dev);
	return r;
}

const struct prio_ops prio_emc = {
	.name = "emc",
	.getprio = emc_getprio,
};
