/* The hp_sw prioritizer: HP/COMPAQ/DEC HSG80 and MSA/HSV arrays in
 * active/standby mode; TEST UNIT READY tells the active controller's paths
 * from the standby ones. */
#include <errno.h>
#include <fcntl.h>

#include "discovery/sgio.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define ASC_NOT_READY 0x04
#define ASCQ_MANUAL_INTERVENTION 0x02	/* the standby controller's answer */
#define ASC_POWER_ON_RESET 0x29
#define HP_SW_RESET_RETRIES 8

int hp_sw_tur_prio(int r, const struct sg_result *res)
{
	if (r == 0)
		return HP_SW_ACTIVE;	/* good, or recovered error */
	if (r != -EIO || !res->have_sense)
		return HP_SW_FAILED;
	if (res->sense.key == SENSE_NOT_READY &&
	    res->sense.asc == ASC_NOT_READY &&
	    res->sense.ascq == ASCQ_MANUAL_INTERVENTION)
		return HP_SW_STANDBY;
	if (res->sense.key == SENSE_UNIT_ATTENTION &&
	    res->sense.asc == ASC_POWER_ON_RESET)
		return -EAGAIN;
	return HP_SW_FAILED;
}

static int hp_sw_getprio(const struct prio_ctx *ctx)
{
	static const uint8_t tur[6] = { 0x00 };
	_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	struct sg_result res;
	int tries = HP_SW_RESET_RETRIES;
	int prio;

	if (fd < 0)
		return fd;
	/* the reference retries resets without a limit; a bound is kinder */
	do {
		int r = sg_io(fd, tur, sizeof(tur), SG_DIR_NONE, NULL, 0,
			      ctx->timeout_ms, &res);

		if (r < 0 && r != -EIO && r != -ETIMEDOUT) {
			prio_log(ctx, 0, "%s: hp_sw prio: sending tur command failed",
				ctx->dev);
			return HP_SW_FAILED;
		}
		prio = hp_sw_tur_prio(r, &res);
	} while (prio == -EAGAIN && --tries > 0);
	return prio < 0 ? HP_SW_FAILED : prio;
}

const struct prio_ops prio_hp_sw = {
	.name = "hp_sw",
	.getprio = hp_sw_getprio,
};
