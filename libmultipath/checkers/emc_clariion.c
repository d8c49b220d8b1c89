/* The emc_clariion checker (EMC CLARiiON / VNX): INQUIRY of the unit path
 * report page 0xC0 says whether the path is configured for failover, the
 * LUN bound and normally operating; the LUN's active path is also read to
 * catch inactive snapshots, whose passive paths then fail too (through
 * the map's shared context, when the caller gives one). */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"
#include "checkers/sg_retry.h"

#define MSG_QUERY_FAILED ": sending query command failed"
#define MSG_QUERY_ERROR ": query command indicates error"
#define MSG_PATH_CONFIG ": Path not correctly configured for failover"
#define MSG_UNIT_REPORT ": Path unit report page in unknown format"
#define MSG_NOT_AVAIL ": Path not available for normal operations"
#define MSG_UNBOUND ": Logical Unit is unbound or LUNZ"
#define MSG_WWN_CHANGED ": Logical Unit WWN has changed"
#define MSG_READ_ERROR ": Read error"
#define MSG_HEALTHY ": Active path is healthy"

/* page 0xC0 bytes */
#define C0_PAGE 1
#define C0_LUN_STATE 4		/* 0 unbound / LUNZ, 2 active path */
#define C0_REVISION 9
#define C0_WWN 10		/* 16 bytes */
#define C0_INITIATOR_TYPE 27
#define C0_FAILOVER_MODE 28
#define C0_OPTIONS 30
#define C0_LUN_OPERATION 48

#define QUERY_OK (-1)
#define READ_ATTEMPTS 3
#define READ_LEN 4096

enum path_state emc_c0_verdict(const uint8_t *c0, size_t len,
			       struct emc_path_ctx *ct, bool *active,
			       const char **msg)
{
	uint8_t page[EMC_C0_LEN] = { 0 };
	uint8_t mode;

	*active = false;
	memcpy(page, c0, len < sizeof(page) ? len : sizeof(page));
	if (page[C0_PAGE] != 0xc0 || page[C0_REVISION] != 0x00) {
		*msg = MSG_UNIT_REPORT;
		return PATH_DOWN;
	}
	/* initiator type 3, failover mode 1 (PNR) or 4 (ALUA), arraycommpath */
	mode = page[C0_FAILOVER_MODE] & 0x07;
	if (page[C0_INITIATOR_TYPE] != 0x03 || (mode != 0x04 && mode != 0x06) ||
	    !(page[C0_OPTIONS] & 0x04)) {
		*msg = MSG_PATH_CONFIG;
		return PATH_DOWN;
	}
	if (page[C0_LUN_OPERATION] != 0x00) {
		*msg = MSG_NOT_AVAIL;
		return PATH_SHAKY;
	}
	if (page[C0_LUN_STATE] == 0x00) {
		*msg = MSG_UNBOUND;
		return PATH_DOWN;
	}
	/* the path must not suddenly lead to another LUN */
	if (ct->wwn_set && memcmp(ct->wwn, page + C0_WWN, sizeof(ct->wwn))) {
		*msg = MSG_WWN_CHANGED;
		return PATH_DOWN;
	}
	if (!ct->wwn_set) {
		memcpy(ct->wwn, page + C0_WWN, sizeof(ct->wwn));
		ct->wwn_set = true;
	}
	*active = page[C0_LUN_STATE] == 0x02;
	*msg = MSG_HEALTHY;
	return PATH_UP;
}

static void wwn_string(const struct emc_path_ctx *ct, char *s)
{
	size_t i;

	for (i = 0; i < sizeof(ct->wwn); i++)
		sprintf(s + 2 * i, "%02x", ct->wwn[i]);
}

static int emc_init(struct check_call *cc)
{
	cc->ctx = calloc(1, sizeof(struct emc_path_ctx));
	return cc->ctx ? 0 : -ENOMEM;
}

static void emc_free(void *ctx)
{
	free(ctx);
}

/* INQUIRY page 0xC0; QUERY_OK, else the path's state (with the message) */
static int emc_query(struct check_call *cc, uint8_t *c0)
{
	struct sg_result res;
	uint8_t cdb[6];
	int r;

	scsi_inquiry_cdb(cdb, true, 0xc0, EMC_C0_LEN);
	r = sg_io_retry(cc->fd, cdb, sizeof(cdb), SG_DIR_FROM_DEV, c0,
			EMC_C0_LEN, cc->timeout_ms, &res);
	if (r == 0)
		return QUERY_OK;
	if (r == -ENOTTY ||
	    (res.have_sense && res.sense.key == SENSE_ILLEGAL_REQUEST)) {
		cc->msg = MSG_UNSUPPORTED;
		return PATH_WILD;
	}
	if (r == -ETIMEDOUT) {
		cc->msg = MSG_TIMEOUT;
		return PATH_TIMEOUT;
	}
	if (r != -EIO) {
		cc->msg = MSG_QUERY_FAILED;
		return PATH_DOWN;
	}
	cc->note_level = 1;
	if (res.have_sense)
		snprintf(cc->note, sizeof(cc->note),
			 "emc_clariion_checker: INQUIRY failed with sense key %02x",
			 res.sense.key);
	else
		snprintf(cc->note, sizeof(cc->note),
			 "emc_clariion_checker: INQUIRY failed without sense, status %02x",
			 res.status);
	cc->msg = MSG_QUERY_ERROR;
	return PATH_DOWN;
}

/* A read from the active path: an inactive snapshot answers ILLEGAL
 * REQUEST / LOGICAL UNIT NOT SUPPORTED (05/25/01). */
static enum path_state emc_read_active(struct check_call *cc,
				       struct emc_path_ctx *ct)
{
	static const uint8_t cdb[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	atomic_int *snap = cc->mpctx;
	uint8_t buf[READ_LEN];
	struct sg_result res;
	const char *msg;
	char wwn[33];
	int bs, i, v = CHECK_RETRY;
	size_t len = 512;

	if (ioctl(cc->fd, BLKSSZGET, &bs) == 0 && bs > 0 && bs <= READ_LEN)
		len = bs;
	for (i = 0; i < READ_ATTEMPTS && v == CHECK_RETRY; i++)
		v = read_verdict(sg_io(cc->fd, cdb, sizeof(cdb),
				       SG_DIR_FROM_DEV, buf, len,
				       cc->timeout_ms, &res),
				 &res, &msg);
	if (v == PATH_UP || v == PATH_TIMEOUT) {
		if (snap)
			atomic_store(snap, 0);
		cc->msg = v == PATH_UP ? MSG_HEALTHY : msg;
		return v;
	}
	wwn_string(ct, wwn);
	cc->note_level = 3;
	if (res.have_sense && res.sense.key == SENSE_ILLEGAL_REQUEST &&
	    res.sense.asc == 0x25 && res.sense.ascq == 0x01) {
		if (snap)
			atomic_store(snap, 1);
		snprintf(cc->note, sizeof(cc->note),
			 "emc_clariion_checker: Active path to inactive snapshot WWN %s.",
			 wwn);
		cc->msg = NULL;
	} else {
		snprintf(cc->note, sizeof(cc->note),
			 "emc_clariion_checker: Read error for WWN %s.  Sense data are 0x%x/0x%x/0x%x.",
			 wwn, res.sense.key, res.sense.asc, res.sense.ascq);
		cc->msg = MSG_READ_ERROR;
	}
	return PATH_DOWN;
}

static enum path_state emc_check(struct check_call *cc)
{
	struct emc_path_ctx *ct = cc->ctx;
	atomic_int *snap = cc->mpctx;
	uint8_t c0[EMC_C0_LEN] = { 0 };
	enum path_state st;
	bool active;
	char wwn[33];
	int r;

	r = emc_query(cc, c0);
	if (r != QUERY_OK)
		return r;
	st = emc_c0_verdict(c0, sizeof(c0), ct, &active, &cc->msg);
	if (st != PATH_UP)
		return st;
	if (active)
		return emc_read_active(cc, ct);
	if (snap && atomic_load(snap)) {
		wwn_string(ct, wwn);
		cc->note_level = 3;
		snprintf(cc->note, sizeof(cc->note),
			 "emc_clariion_checker: Passive path to inactive snapshot WWN %s.",
			 wwn);
		cc->msg = NULL;
		return PATH_DOWN;
	}
	return PATH_UP;
}

const struct checker_ops checker_emc_clariion = {
	.name = "emc_clariion",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.init = emc_init,
	.free = emc_free,
	.check = emc_check,
};
