/* The tur checker: SCSI TEST UNIT READY. A path in ALUA standby answers
 * NOT READY / LOGICAL UNIT NOT ACCESSIBLE, TARGET PORT IN STANDBY: it is
 * usable but passive ("ghost"). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#include "checkers/checker.h"
#include "discovery/sgio.h"

#define TUR_UA_RETRIES 3

/* NOT READY, ASC 04h (logical unit not accessible) ASCQs of ALUA */
#define ASCQ_TRANSITIONING 0x0a
#define ASCQ_STANDBY 0x0b

enum path_state tur_verdict(int r, const struct sg_result *res, char *msg,
			    size_t len)
{
	if (r == 0) {
		snprintf(msg, len, "tur checker reports path is up");
		return PATH_UP;
	}
	if (r == -ETIMEDOUT) {
		snprintf(msg, len, "tur checker timed out");
		return PATH_TIMEOUT;
	}
	if (res && res->have_sense && res->sense.key == SENSE_NOT_READY &&
	    res->sense.asc == 0x04) {
		if (res->sense.ascq == ASCQ_STANDBY) {
			snprintf(msg, len,
				 "tur checker reports path is in standby state");
			return PATH_GHOST;
		}
		if (res->sense.ascq == ASCQ_TRANSITIONING) {
			snprintf(msg, len,
				 "tur checker reports path is transitioning");
			return PATH_PENDING;
		}
	}
	snprintf(msg, len, "tur checker reports path is down");
	return PATH_DOWN;
}

static enum path_state tur_check(struct checker *c)
{
	static const uint8_t cdb[6] = { 0x00 };	/* TEST UNIT READY */
	struct sg_result res;
	int tries = TUR_UA_RETRIES;
	int r;

	do {
		r = sg_io(c->fd, cdb, sizeof(cdb), SG_DIR_NONE, NULL, 0,
			  c->timeout_ms, &res);
		/* a unit attention reports an event, not a path problem */
	} while (r == -EIO && res.have_sense &&
		 res.sense.key == SENSE_UNIT_ATTENTION && --tries > 0);
	return tur_verdict(r, &res, c->message, sizeof(c->message));
}

const struct checker_ops checker_tur = {
	.name = "tur",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.check = tur_check,
};
