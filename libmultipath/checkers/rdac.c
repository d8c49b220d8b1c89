/* The rdac checker (LSI/Engenio/NetApp E-Series RDAC arrays): INQUIRY of
 * the volume access control page 0xC9 tells owner, ALUA-like port group
 * state and why a controller is unavailable. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"
#include "checkers/sg_retry.h"

/* page 0xC9 bytes */
#define C9_PQ_PDT 0
#define C9_AVTCVP 8		/* bit 0 owner, bit 4 TPG data, bit 5 IOSHIP */
#define C9_AAS_CUR 10		/* asymmetric access state, this controller */
#define C9_VS_CUR 11		/* why it is unavailable */
#define C9_AAS_ALT 12		/* ... the alternate controller */

#define AAS_UNAVAILABLE 0x3
#define AAS_TRANSITIONING 0xf

/* controller-unavailable reasons */
#define UNAVAIL_NON_RESPONSIVE 0x2
#define UNAVAIL_IN_RESET 0x3
#define UNAVAIL_CFW_DL1 0x4
#define UNAVAIL_CFW_DL2 0x5
#define UNAVAIL_QUIESCED 0x6
#define UNAVAIL_SERVICE_MODE 0x7

#define DOWN_TYPE(s) MSG_DOWN ": " s

/* control mode page (0x0A) as MODE SENSE(10) returns it with DBD */
#define CTRL_PAGE_LEN 20
#define CTRL_PAGE_CODE 8
#define CTRL_PAGE_LEN_BYTE 9
#define CTRL_TAS_BYTE 13
#define CTRL_TAS_BIT 0x40

static bool lun_not_connected(uint8_t pq_pdt)
{
	return (pq_pdt & 0xe0) == 0x20 || (pq_pdt & 0x7f);
}

/* The message of a path that is down although the page was read. */
static const char *rdac_down_msg(const uint8_t *c9)
{
	if (lun_not_connected(c9[C9_PQ_PDT]))
		return DOWN_TYPE("lun not connected");
	if (!(c9[C9_AVTCVP] & 0x10))
		return MSG_DOWN;
	if ((c9[C9_AAS_CUR] & 0xf) == AAS_TRANSITIONING &&
	    (c9[C9_AAS_ALT] & 0xf) != AAS_TRANSITIONING)
		return DOWN_TYPE("ctlr is in startup sequence");
	if ((c9[C9_AAS_CUR] & 0xf) != AAS_UNAVAILABLE)
		return MSG_DOWN;
	switch (c9[C9_VS_CUR]) {
	case UNAVAIL_NON_RESPONSIVE:
		return DOWN_TYPE("non-responsive to queries");
	case UNAVAIL_IN_RESET:
		return DOWN_TYPE("ctlr held in reset");
	case UNAVAIL_CFW_DL1:
	case UNAVAIL_CFW_DL2:
		return DOWN_TYPE("ctlr firmware downloading");
	case UNAVAIL_QUIESCED:
		return DOWN_TYPE("ctlr quiesced by admin request");
	case UNAVAIL_SERVICE_MODE:
		return DOWN_TYPE("ctlr is in service mode");
	default:
		return DOWN_TYPE("ctlr is unavailable");
	}
}

enum path_state rdac_c9_verdict(const uint8_t *c9, size_t len,
				const char **msg)
{
	uint8_t page[RDAC_C9_LEN] = { 0 };
	enum path_state st = PATH_GHOST;

	memcpy(page, c9, len < sizeof(page) ? len : sizeof(page));
	if (lun_not_connected(page[C9_PQ_PDT])) {
		st = PATH_DOWN;
	} else if (page[C9_AVTCVP] & 0x10) {
		/* a controller transitioning alone is booting; both
		 * transitioning is a mode select or STPG in progress */
		switch (page[C9_AAS_CUR] & 0xf) {
		case AAS_UNAVAILABLE:
			st = PATH_DOWN;
			break;
		case AAS_TRANSITIONING:
			if ((page[C9_AAS_ALT] & 0xf) != AAS_TRANSITIONING)
				st = PATH_DOWN;
			break;
		}
	}
	/* the owner, or IOSHIP mode: always up */
	if (st != PATH_DOWN && (page[C9_AVTCVP] & 0x21))
		st = PATH_UP;
	*msg = st == PATH_DOWN ? rdac_down_msg(page) :
	       st == PATH_UP ? MSG_UP : MSG_GHOST;
	return st;
}

/* Task Aborted Status: a command the other controller aborted ends with
 * TASK ABORTED rather than silently; set it once per path when the
 * device lets us. */
static int rdac_init(struct check_call *cc)
{
	uint8_t cur[CTRL_PAGE_LEN] = { 0 }, chg[CTRL_PAGE_LEN] = { 0 };
	uint8_t sense[10] = { 0x5a, 0x08, 0x0a, 0, 0, 0, 0, 0, CTRL_PAGE_LEN };
	uint8_t select[10] = { 0x55, 0x01, 0, 0, 0, 0, 0, 0, CTRL_PAGE_LEN };

	if (sg_io(cc->fd, sense, sizeof(sense), SG_DIR_FROM_DEV, cur,
		  sizeof(cur), cc->timeout_ms, NULL) < 0)
		goto failed;
	if (cur[CTRL_TAS_BYTE] & CTRL_TAS_BIT)
		return 0;
	sense[2] = 0x0a | 0x40;		/* changeable values */
	if (sg_io(cc->fd, sense, sizeof(sense), SG_DIR_FROM_DEV, chg,
		  sizeof(chg), cc->timeout_ms, NULL) < 0 ||
	    !(chg[CTRL_TAS_BYTE] & CTRL_TAS_BIT))
		goto failed;
	cur[CTRL_PAGE_CODE] = 0x0a;
	cur[CTRL_PAGE_LEN_BYTE] = 0x0a;
	cur[CTRL_TAS_BYTE] |= CTRL_TAS_BIT;
	if (sg_io(cc->fd, select, sizeof(select), SG_DIR_TO_DEV, cur,
		  sizeof(cur), cc->timeout_ms, NULL) < 0)
		goto failed;
	return 0;
failed:
	cc->note_level = 3;
	snprintf(cc->note, sizeof(cc->note),
		 "rdac checker failed to set TAS bit");
	return 0;
}

static enum path_state rdac_check(struct check_call *cc)
{
	uint8_t c9[RDAC_C9_LEN] = { 0 };
	struct sg_result res;
	uint8_t cdb[6];
	int r;

	scsi_inquiry_cdb(cdb, true, 0xc9, sizeof(c9));
	r = sg_io_retry(cc->fd, cdb, sizeof(cdb), SG_DIR_FROM_DEV, c9,
			sizeof(c9), cc->timeout_ms, &res);
	if (r == 0)
		return rdac_c9_verdict(c9, sizeof(c9), &cc->msg);
	if (r == -ETIMEDOUT) {
		cc->msg = MSG_TIMEOUT;
		return PATH_TIMEOUT;
	}
	if (r == -ENOTTY ||
	    (res.have_sense && res.sense.key == SENSE_ILLEGAL_REQUEST)) {
		cc->msg = MSG_UNSUPPORTED;
		return PATH_WILD;
	}
	if (res.have_sense) {
		cc->note_level = 1;
		snprintf(cc->note, sizeof(cc->note),
			 "rdac checker: INQUIRY failed with sense key %02x",
			 res.sense.key);
	}
	cc->msg = DOWN_TYPE("inquiry failed");
	return PATH_DOWN;
}

const struct checker_ops checker_rdac = {
	.name = "rdac",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.init = rdac_init,
	.check = rdac_check,
};
