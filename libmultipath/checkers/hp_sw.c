/* The hp_sw checker (HP Active/Standby arrays): a path that answers
 * INQUIRY but not TEST UNIT READY is the passive one ("ghost"). */
#include <errno.h>
#include <fcntl.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"

#define HP_SW_ALLOC_LEN 255

static enum path_state hp_sw_check(struct check_call *cc)
{
	static const uint8_t tur[6] = { 0x00 };
	uint8_t buf[HP_SW_ALLOC_LEN];
	uint8_t cdb[6];
	int r;

	scsi_inquiry_cdb(cdb, true, 0x80, sizeof(buf));
	r = sg_io(cc->fd, cdb, sizeof(cdb), SG_DIR_FROM_DEV, buf, sizeof(buf),
		  cc->timeout_ms, NULL);
	if (r == -ENOTTY) {
		cc->msg = MSG_UNSUPPORTED;
		return PATH_WILD;
	}
	if (r == -ETIMEDOUT) {
		cc->msg = MSG_TIMEOUT;
		return PATH_TIMEOUT;
	}
	if (r < 0) {
		cc->msg = MSG_DOWN;
		return PATH_DOWN;
	}
	r = sg_io(cc->fd, tur, sizeof(tur), SG_DIR_NONE, NULL, 0,
		  cc->timeout_ms, NULL);
	if (r == -ETIMEDOUT) {
		cc->msg = MSG_TIMEOUT;
		return PATH_TIMEOUT;
	}
	if (r < 0) {
		cc->msg = MSG_GHOST;
		return PATH_GHOST;
	}
	cc->msg = MSG_UP;
	return PATH_UP;
}

const struct checker_ops checker_hp_sw = {
	.name = "hp_sw",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.check = hp_sw_check,
};
