/* The tur checker: SCSI TEST UNIT READY. A port in ALUA standby answers
 * NOT READY / LOGICAL UNIT NOT ACCESSIBLE, TARGET PORT IN STANDBY: the
 * path is usable but passive ("ghost"). */
#include <errno.h>
#include <fcntl.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"

#define TUR_ATTEMPTS 5

/* NOT READY, ASC 04h (logical unit not accessible): ALUA ASCQs */
#define ASC_NOT_ACCESSIBLE 0x04
#define ASCQ_TRANSITIONING 0x0a
#define ASCQ_STANDBY 0x0b

static bool tur_no_retry_host(uint16_t host)
{
	return host == DID_OK || host == DID_NO_CONNECT ||
	       host == DID_BAD_TARGET || host == DID_ABORT ||
	       host == DID_TRANSPORT_FAILFAST;
}

int tur_verdict(int r, const struct sg_result *res, const char **msg)
{
	if (r == 0) {
		*msg = MSG_UP;
		return PATH_UP;
	}
	if (r == -ETIMEDOUT) {
		*msg = MSG_TIMEOUT;
		return PATH_TIMEOUT;
	}
	/* SCSI-3 arrays may answer a TUR with a reservation conflict */
	if (res->status == SCSI_STATUS_RESERVATION_CONFLICT) {
		*msg = MSG_UP;
		return PATH_UP;
	}
	*msg = MSG_DOWN;
	if (r != -EIO)		/* the ioctl itself failed */
		return PATH_DOWN;
	if (!tur_no_retry_host(res->host_status))
		return CHECK_RETRY;
	if (!res->have_sense)
		return PATH_DOWN;
	if (res->sense.key == SENSE_UNIT_ATTENTION)
		return CHECK_RETRY;
	if (res->sense.key == SENSE_NOT_READY &&
	    res->sense.asc == ASC_NOT_ACCESSIBLE) {
		if (res->sense.ascq == ASCQ_STANDBY) {
			*msg = MSG_GHOST;
			return PATH_GHOST;
		}
		if (res->sense.ascq == ASCQ_TRANSITIONING) {
			*msg = MSG_TRANSITIONING;
			return PATH_PENDING;
		}
	}
	return PATH_DOWN;
}

static enum path_state tur_check(struct check_call *cc)
{
	static const uint8_t cdb[6] = { 0x00 };	/* TEST UNIT READY */
	struct sg_result res;
	int i, v = CHECK_RETRY;

	for (i = 0; i < TUR_ATTEMPTS && v == CHECK_RETRY; i++)
		v = tur_verdict(sg_io(cc->fd, cdb, sizeof(cdb), SG_DIR_NONE,
				      NULL, 0, cc->timeout_ms, &res),
				&res, &cc->msg);
	return v == CHECK_RETRY ? PATH_DOWN : (enum path_state)v;
}

const struct checker_ops checker_tur = {
	.name = "tur",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.check = tur_check,
};
