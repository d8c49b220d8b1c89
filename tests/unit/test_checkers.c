/* checkers: the SCSI checkers' verdicts on command outcomes and sense data
 * (fixed and descriptor formats), the vendor pages of rdac and
 * emc_clariion, and whole checks through the engine against a fake device
 * (this program's ioctl() answers SG_IO the way the kernel would). */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <scsi/sg.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"
#include "testutil.h"

/* ---- outcomes with sense data ------------------------------------------------------- */

enum fmt { NO_SENSE_DATA, FIXED, DESCRIPTOR };

/* The sense buffer a device returns, in format f. */
static size_t make_sense(uint8_t *sb, enum fmt f, uint8_t key, uint8_t asc,
			 uint8_t ascq)
{
	memset(sb, 0, 18);
	if (f == DESCRIPTOR) {
		sb[0] = 0x72;
		sb[1] = key;
		sb[2] = asc;
		sb[3] = ascq;
		return 8;
	}
	sb[0] = 0x70;
	sb[2] = key;
	sb[7] = 10;
	sb[12] = asc;
	sb[13] = ascq;
	return 18;
}

/* An sg_result as sg_io() fills it, decoding the sense like it does. */
static struct sg_result outcome(uint8_t status, uint16_t host, enum fmt f,
				uint8_t key, uint8_t asc, uint8_t ascq)
{
	struct sg_result res = { .status = status, .host_status = host };
	uint8_t sb[18];
	size_t len;

	if (f != NO_SENSE_DATA) {
		len = make_sense(sb, f, key, asc, ascq);
		res.have_sense = scsi_sense_decode(sb, len, &res.sense) == 0;
	}
	return res;
}

struct verdict_case {
	const char *what;
	int r;			/* sg_io()'s return */
	uint8_t status;
	uint16_t host;
	bool sense;
	uint8_t key, asc, ascq;
	int expect;
	const char *msg;
};

#define CC SCSI_STATUS_CHECK_CONDITION

static const struct verdict_case tur_cases[] = {
	{ "good", 0, 0, 0, false, 0, 0, 0, PATH_UP, MSG_UP },
	{ "recovered error", 0, CC, 0, true, SENSE_RECOVERED_ERROR, 0x17, 0x01,
	  PATH_UP, MSG_UP },
	{ "timeout", -ETIMEDOUT, 0, DID_TIME_OUT, false, 0, 0, 0, PATH_TIMEOUT,
	  MSG_TIMEOUT },
	{ "reservation conflict", -EIO, SCSI_STATUS_RESERVATION_CONFLICT, 0,
	  false, 0, 0, 0, PATH_UP, MSG_UP },
	{ "ioctl failed", -ENXIO, 0, 0, false, 0, 0, 0, PATH_DOWN, MSG_DOWN },
	{ "unit attention", -EIO, CC, 0, true, SENSE_UNIT_ATTENTION, 0x29, 0x00,
	  CHECK_RETRY, MSG_DOWN },
	{ "alua state changed", -EIO, CC, 0, true, SENSE_UNIT_ATTENTION, 0x2a,
	  0x06, CHECK_RETRY, MSG_DOWN },
	{ "alua standby", -EIO, CC, 0, true, SENSE_NOT_READY, 0x04, 0x0b,
	  PATH_GHOST, MSG_GHOST },
	{ "alua transitioning", -EIO, CC, 0, true, SENSE_NOT_READY, 0x04, 0x0a,
	  PATH_PENDING, MSG_TRANSITIONING },
	{ "alua unavailable", -EIO, CC, 0, true, SENSE_NOT_READY, 0x04, 0x0c,
	  PATH_DOWN, MSG_DOWN },
	{ "manual intervention", -EIO, CC, 0, true, SENSE_NOT_READY, 0x04,
	  0x03, PATH_DOWN, MSG_DOWN },
	{ "medium not present", -EIO, CC, 0, true, SENSE_NOT_READY, 0x3a, 0x00,
	  PATH_DOWN, MSG_DOWN },
	{ "lun not supported", -EIO, CC, 0, true, SENSE_ILLEGAL_REQUEST, 0x25,
	  0x00, PATH_DOWN, MSG_DOWN },
	{ "hardware error", -EIO, CC, 0, true, SENSE_HARDWARE_ERROR, 0x44, 0x00,
	  PATH_DOWN, MSG_DOWN },
	{ "aborted command", -EIO, CC, 0, true, SENSE_ABORTED_COMMAND, 0x47,
	  0x00, PATH_DOWN, MSG_DOWN },
	{ "check condition without sense", -EIO, CC, 0, false, 0, 0, 0,
	  PATH_DOWN, MSG_DOWN },
	{ "busy", -EIO, SCSI_STATUS_BUSY, 0, false, 0, 0, 0, PATH_DOWN,
	  MSG_DOWN },
	{ "bus busy", -EIO, 0, DID_BUS_BUSY, false, 0, 0, 0, CHECK_RETRY,
	  MSG_DOWN },
	{ "transport error", -EIO, 0, DID_ERROR, false, 0, 0, 0, CHECK_RETRY,
	  MSG_DOWN },
	{ "transport disrupted", -EIO, 0, DID_TRANSPORT_DISRUPTED, false, 0, 0,
	  0, CHECK_RETRY, MSG_DOWN },
	{ "no connect", -EIO, 0, DID_NO_CONNECT, false, 0, 0, 0, PATH_DOWN,
	  MSG_DOWN },
	{ "bad target", -EIO, 0, DID_BAD_TARGET, false, 0, 0, 0, PATH_DOWN,
	  MSG_DOWN },
	{ "failfast", -EIO, 0, DID_TRANSPORT_FAILFAST, false, 0, 0, 0,
	  PATH_DOWN, MSG_DOWN },
	{ "standby through a failfast transport", -EIO, CC, DID_ABORT, true,
	  SENSE_NOT_READY, 0x04, 0x0b, PATH_GHOST, MSG_GHOST },
};

static const struct verdict_case read_cases[] = {
	{ "good", 0, 0, 0, false, 0, 0, 0, PATH_UP, MSG_UP },
	{ "timeout", -ETIMEDOUT, 0, DID_TIME_OUT, false, 0, 0, 0, PATH_TIMEOUT,
	  MSG_TIMEOUT },
	{ "unit attention", -EIO, CC, 0, true, SENSE_UNIT_ATTENTION, 0x28, 0x00,
	  CHECK_RETRY, MSG_DOWN },
	{ "medium error", -EIO, CC, 0, true, SENSE_MEDIUM_ERROR, 0x11, 0x00,
	  PATH_DOWN, MSG_DOWN },
	{ "alua standby", -EIO, CC, 0, true, SENSE_NOT_READY, 0x04, 0x0b,
	  PATH_DOWN, MSG_DOWN },
	{ "no connect", -EIO, 0, DID_NO_CONNECT, false, 0, 0, 0, PATH_DOWN,
	  MSG_DOWN },
	{ "no memory for the buffer", -ENOMEM, 0, 0, false, 0, 0, 0, PATH_UP,
	  MSG_UP },
	{ "ioctl failed", -ENODEV, 0, 0, false, 0, 0, 0, PATH_DOWN, MSG_DOWN },
};

static void run_cases(const struct verdict_case *t, size_t n,
		      int (*verdict)(int, const struct sg_result *,
				     const char **))
{
	static const enum fmt fmts[] = { FIXED, DESCRIPTOR };
	struct sg_result res;
	const char *msg;
	size_t i, f;
	int v;

	for (i = 0; i < n; i++) {
		for (f = 0; f < (t[i].sense ? 2 : 1); f++) {
			res = outcome(t[i].status, t[i].host,
				      t[i].sense ? fmts[f] : NO_SENSE_DATA,
				      t[i].key, t[i].asc, t[i].ascq);
			msg = "unset";
			v = verdict(t[i].r, &res, &msg);
			if (v != t[i].expect || strcmp(msg, t[i].msg))
				fail_msg("%s (%s sense): verdict %d \"%s\", expected %d \"%s\"",
					 t[i].what, f ? "descriptor" : "fixed",
					 v, msg, t[i].expect, t[i].msg);
		}
	}
}

static void test_tur_verdicts(void **state)
{
	run_cases(tur_cases, ARRAY_SIZE(tur_cases), tur_verdict);
}

static void test_read_verdicts(void **state)
{
	run_cases(read_cases, ARRAY_SIZE(read_cases), read_verdict);
}

static void test_vendor_retries(void **state)
{
	struct sg_result res = outcome(0, DID_BUS_BUSY, NO_SENSE_DATA, 0, 0, 0);

	assert_true(sg_transport_retry(-EIO, &res));
	res.host_status = DID_SOFT_ERROR;
	assert_true(sg_transport_retry(-EIO, &res));
	res.host_status = DID_TRANSPORT_DISRUPTED;
	assert_true(sg_transport_retry(-EIO, &res));
	res.host_status = DID_NO_CONNECT;
	assert_false(sg_transport_retry(-EIO, &res));
	res.host_status = DID_ERROR;
	assert_false(sg_transport_retry(-ENOTTY, &res));
}

static void test_directio_verdicts(void **state)
{
	const char *msg;

	assert_int_equal(directio_verdict(4096, 4096, &msg), PATH_UP);
	assert_string_equal(msg, MSG_UP);
	assert_int_equal(directio_verdict(512, 4096, &msg), PATH_DOWN);
	assert_string_equal(msg, MSG_DOWN);
	assert_int_equal(directio_verdict(0, 4096, &msg), PATH_DOWN);
	assert_int_equal(directio_verdict(-EIO, 4096, &msg), PATH_DOWN);
}

/* ---- rdac page 0xC9 ------------------------------------------------------------------------ */

struct c9_case {
	const char *what;
	uint8_t pq_pdt, avtcvp, aas_cur, vs_cur, aas_alt;
	enum path_state expect;
	const char *msg;
};

#define RDOWN(s) MSG_DOWN ": " s

static const struct c9_case c9_cases[] = {
	{ "owner", 0, 0x01, 0, 0, 0, PATH_UP, MSG_UP },
	{ "owner, tpg data, active", 0, 0x11, 0x0, 0, 0x2, PATH_UP, MSG_UP },
	{ "not owner", 0, 0x00, 0, 0, 0, PATH_GHOST, MSG_GHOST },
	{ "not owner, tpg standby", 0, 0x10, 0x2, 0, 0x0, PATH_GHOST,
	  MSG_GHOST },
	{ "ioship mode", 0, 0x20, 0, 0, 0, PATH_UP, MSG_UP },
	{ "lun not connected (PQ 1)", 0x20, 0x01, 0, 0, 0, PATH_DOWN,
	  RDOWN("lun not connected") },
	{ "lun not connected (PDT)", 0x05, 0x01, 0, 0, 0, PATH_DOWN,
	  RDOWN("lun not connected") },
	{ "unavailable, non-responsive", 0, 0x11, 0x3, 0x2, 0, PATH_DOWN,
	  RDOWN("non-responsive to queries") },
	{ "unavailable, in reset", 0, 0x11, 0x3, 0x3, 0, PATH_DOWN,
	  RDOWN("ctlr held in reset") },
	{ "unavailable, firmware 1", 0, 0x11, 0x3, 0x4, 0, PATH_DOWN,
	  RDOWN("ctlr firmware downloading") },
	{ "unavailable, firmware 2", 0, 0x11, 0x3, 0x5, 0, PATH_DOWN,
	  RDOWN("ctlr firmware downloading") },
	{ "unavailable, quiesced", 0, 0x11, 0x3, 0x6, 0, PATH_DOWN,
	  RDOWN("ctlr quiesced by admin request") },
	{ "unavailable, service mode", 0, 0x11, 0x3, 0x7, 0, PATH_DOWN,
	  RDOWN("ctlr is in service mode") },
	{ "unavailable, other", 0, 0x11, 0x3, 0x9, 0, PATH_DOWN,
	  RDOWN("ctlr is unavailable") },
	{ "booting controller", 0, 0x11, 0xf, 0, 0x0, PATH_DOWN,
	  RDOWN("ctlr is in startup sequence") },
	{ "both transitioning, owner", 0, 0x11, 0xf, 0, 0xf, PATH_UP, MSG_UP },
	{ "both transitioning", 0, 0x10, 0xf, 0, 0xf, PATH_GHOST, MSG_GHOST },
	{ "unavailable without tpg data", 0, 0x01, 0x3, 0x2, 0, PATH_UP,
	  MSG_UP },
	{ "reserved state bits", 0, 0x11, 0xe3, 0x2, 0, PATH_DOWN,
	  RDOWN("non-responsive to queries") },
};

static void test_rdac_page(void **state)
{
	uint8_t c9[RDAC_C9_LEN];
	const char *msg;
	size_t i;
	int v;

	for (i = 0; i < ARRAY_SIZE(c9_cases); i++) {
		const struct c9_case *t = &c9_cases[i];

		memset(c9, 0, sizeof(c9));
		c9[0] = t->pq_pdt;
		c9[1] = 0xc9;
		c9[8] = t->avtcvp;
		c9[10] = t->aas_cur;
		c9[11] = t->vs_cur;
		c9[12] = t->aas_alt;
		v = rdac_c9_verdict(c9, sizeof(c9), &msg);
		if (v != (int)t->expect || strcmp(msg, t->msg))
			fail_msg("%s: %d \"%s\", expected %d \"%s\"", t->what,
				 v, msg, t->expect, t->msg);
	}
	/* a short page reads as zeros: not the owner */
	c9[8] = 0x01;
	assert_int_equal(rdac_c9_verdict(c9, 4, &msg), PATH_GHOST);
	assert_int_equal(rdac_c9_verdict(c9, 0, &msg), PATH_GHOST);
}

/* ---- emc_clariion page 0xC0 -------------------------------------------------------------- */

static void emc_good_page(uint8_t *c0, uint8_t lun_state)
{
	int i;

	memset(c0, 0, EMC_C0_LEN);
	c0[1] = 0xc0;
	c0[4] = lun_state;
	for (i = 0; i < 16; i++)
		c0[10 + i] = 0x60 + i;
	c0[27] = 0x03;
	c0[28] = 0x04;
	c0[30] = 0x04;
}

static void test_emc_page(void **state)
{
	struct emc_path_ctx ct = { 0 };
	uint8_t c0[EMC_C0_LEN];
	const char *msg;
	bool active;

	emc_good_page(c0, 1);
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_UP);
	assert_false(active);
	assert_string_equal(msg, ": Active path is healthy");
	assert_true(ct.wwn_set);
	assert_int_equal(ct.wwn[0], 0x60);
	c0[4] = 2;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_UP);
	assert_true(active);
	/* ALUA failover mode (4 in bits 0-2 with other bits set), mode 6 */
	c0[28] = 0x0c;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_UP);
	c0[28] = 0x06;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_UP);

	emc_good_page(c0, 1);
	c0[1] = 0x80;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_DOWN);
	assert_string_equal(msg, ": Path unit report page in unknown format");
	emc_good_page(c0, 1);
	c0[9] = 0x01;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_DOWN);
	assert_string_equal(msg, ": Path unit report page in unknown format");

	emc_good_page(c0, 1);
	c0[27] = 0x02;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_DOWN);
	assert_string_equal(msg, ": Path not correctly configured for failover");
	emc_good_page(c0, 1);
	c0[28] = 0x01;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_DOWN);
	emc_good_page(c0, 1);
	c0[30] = 0x00;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_DOWN);
	assert_string_equal(msg, ": Path not correctly configured for failover");

	emc_good_page(c0, 1);
	c0[48] = 0x01;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_SHAKY);
	assert_string_equal(msg, ": Path not available for normal operations");

	emc_good_page(c0, 0);
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_DOWN);
	assert_string_equal(msg, ": Logical Unit is unbound or LUNZ");

	emc_good_page(c0, 1);
	c0[25] ^= 0xff;
	assert_int_equal(emc_c0_verdict(c0, sizeof(c0), &ct, &active, &msg),
			 PATH_DOWN);
	assert_string_equal(msg, ": Logical Unit WWN has changed");

	/* a truncated page is an unknown format */
	emc_good_page(c0, 1);
	assert_int_equal(emc_c0_verdict(c0, 8, &ct, &active, &msg), PATH_DOWN);
}

/* ---- a fake device -------------------------------------------------------------------------- */

struct reply {
	uint8_t status;
	uint16_t host;
	enum fmt fmt;
	uint8_t key, asc, ascq;
	int err;		/* the ioctl fails with this errno */
};

/* Scripted answers by command: the n-th command of a kind gets
 * replies[n] (the last one repeats); the data returned is data[kind]. */
enum cmd_kind { K_TUR, K_READ, K_INQ_80, K_INQ_C0, K_INQ_C9, K_MODE_CUR,
		K_MODE_CHG, K_MODE_SELECT, K_OTHER, K__MAX };

static struct {
	pthread_mutex_t lock;
	struct reply replies[K__MAX][8];
	unsigned int nreplies[K__MAX];
	unsigned int calls[K__MAX];
	uint8_t data[K__MAX][128];
	uint8_t selected[32];	/* what MODE SELECT sent */
	unsigned int timeout;
	int blksz;
} dev = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void dev_reset(void)
{
	pthread_mutex_lock(&dev.lock);
	memset(dev.replies, 0, sizeof(dev.replies));
	memset(dev.nreplies, 0, sizeof(dev.nreplies));
	memset(dev.calls, 0, sizeof(dev.calls));
	memset(dev.data, 0, sizeof(dev.data));
	memset(dev.selected, 0, sizeof(dev.selected));
	dev.blksz = 512;
	pthread_mutex_unlock(&dev.lock);
}

static void dev_script(enum cmd_kind k, unsigned int n, const struct reply *r)
{
	memcpy(dev.replies[k], r, n * sizeof(*r));
	dev.nreplies[k] = n;
}

static enum cmd_kind kind_of(const uint8_t *cdb)
{
	switch (cdb[0]) {
	case 0x00:
		return K_TUR;
	case 0x28:
		return K_READ;
	case 0x12:
		return cdb[2] == 0x80 ? K_INQ_80 : cdb[2] == 0xc0 ? K_INQ_C0 :
		       cdb[2] == 0xc9 ? K_INQ_C9 : K_OTHER;
	case 0x5a:
		return (cdb[2] >> 6) == 1 ? K_MODE_CHG : K_MODE_CUR;
	case 0x55:
		return K_MODE_SELECT;
	default:
		return K_OTHER;
	}
}

static int fake_sg_io(struct sg_io_hdr *h)
{
	struct reply r = { 0 };
	enum cmd_kind k = kind_of(h->cmdp);
	unsigned int n;
	uint8_t sb[18];
	size_t len;

	pthread_mutex_lock(&dev.lock);
	n = dev.calls[k]++;
	if (dev.nreplies[k])
		r = dev.replies[k][n < dev.nreplies[k] ? n : dev.nreplies[k] - 1];
	dev.timeout = h->timeout;
	if (k == K_MODE_SELECT)
		memcpy(dev.selected, h->dxferp,
		       h->dxfer_len < sizeof(dev.selected) ? h->dxfer_len :
							     sizeof(dev.selected));
	else if (h->dxfer_direction == SG_DXFER_FROM_DEV && h->dxfer_len)
		memcpy(h->dxferp, dev.data[k],
		       h->dxfer_len < sizeof(dev.data[k]) ? h->dxfer_len :
							    sizeof(dev.data[k]));
	pthread_mutex_unlock(&dev.lock);
	if (r.err) {
		errno = r.err;
		return -1;
	}
	h->status = r.status;
	h->host_status = r.host;
	h->driver_status = 0;
	h->resid = 0;
	h->sb_len_wr = 0;
	if (r.fmt != NO_SENSE_DATA) {
		len = make_sense(sb, r.fmt, r.key, r.asc, r.ascq);
		h->sb_len_wr = len < h->mx_sb_len ? len : h->mx_sb_len;
		memcpy(h->sbp, sb, h->sb_len_wr);
		h->driver_status = 0x08;	/* DRIVER_SENSE */
	}
	return 0;
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	switch (req) {
	case SG_IO:
		return fake_sg_io(arg);
	case BLKSSZGET:
	case BLKBSZGET:
		*(int *)arg = dev.blksz;
		return 0;
	default:
		errno = ENOTTY;
		return -1;
	}
}

static const struct reply GOOD = { 0 };
static const struct reply UA = { .status = CC, .fmt = FIXED,
				 .key = SENSE_UNIT_ATTENTION, .asc = 0x29 };

/* One check of a checker on the fake device through a fresh engine. */
static enum path_state check_once(struct check_engine *e, struct checker *c,
				  const struct checker_ops *ops)
{
	if (!c->ops) {
		checker_init(c, ops, "sdfake", 2000);
		checker_set_fd(c, open("/dev/null", O_RDONLY | O_CLOEXEC));
	}
	return checker_check_sync(e, c);
}

static int engine_setup(void **state)
{
	struct check_engine *e;

	assert_int_equal(check_engine_new(&e, 4), 0);
	*state = e;
	dev_reset();
	return 0;
}

static int engine_teardown(void **state)
{
	check_engine_free(*state);
	return 0;
}

static void test_tur_check(void **state)
{
	struct check_engine *e = *state;
	const struct reply standby = { CC, 0, DESCRIPTOR, SENSE_NOT_READY,
				       0x04, 0x0b, 0 };
	const struct reply seq[] = { UA, UA, GOOD };
	struct checker c = { 0 };

	/* unit attentions are retried */
	dev_script(K_TUR, 3, seq);
	assert_int_equal(check_once(e, &c, &checker_tur), PATH_UP);
	assert_int_equal(dev.calls[K_TUR], 3);
	assert_string_equal(c.message, "tur checker reports path is up");
	assert_int_equal(dev.timeout, 2000);
	/* ... five times in all */
	dev_reset();
	dev_script(K_TUR, 1, &UA);
	assert_int_equal(check_once(e, &c, &checker_tur), PATH_DOWN);
	assert_int_equal(dev.calls[K_TUR], 5);
	assert_string_equal(c.message, "tur checker reports path is down");
	dev_reset();
	dev_script(K_TUR, 1, &standby);
	assert_int_equal(check_once(e, &c, &checker_tur), PATH_GHOST);
	assert_string_equal(c.message, "tur checker reports path is ghost");
	checker_release(&c);
}

static void test_readsector0_check(void **state)
{
	struct check_engine *e = *state;
	const struct reply medium = { CC, 0, FIXED, SENSE_MEDIUM_ERROR, 0x11,
				      0, 0 };
	const struct reply seq[] = { UA, GOOD };
	struct checker c = { 0 };

	dev_script(K_READ, 2, seq);
	assert_int_equal(check_once(e, &c, &checker_readsector0), PATH_UP);
	assert_int_equal(dev.calls[K_READ], 2);
	dev_reset();
	dev_script(K_READ, 1, &medium);
	assert_int_equal(check_once(e, &c, &checker_readsector0), PATH_DOWN);
	assert_string_equal(c.message, "readsector0 checker reports path is down");
	checker_release(&c);
}

static void test_hp_sw_check(void **state)
{
	struct check_engine *e = *state;
	const struct reply not_ready = { CC, 0, FIXED, SENSE_NOT_READY, 0x04,
					 0x02, 0 };
	const struct reply gone = { .err = ENXIO };
	const struct reply notty = { .err = ENOTTY };
	struct checker c = { 0 };

	assert_int_equal(check_once(e, &c, &checker_hp_sw), PATH_UP);
	assert_int_equal(dev.calls[K_INQ_80], 1);
	assert_int_equal(dev.calls[K_TUR], 1);
	/* the passive controller answers INQUIRY, not TUR */
	dev_script(K_TUR, 1, &not_ready);
	assert_int_equal(check_once(e, &c, &checker_hp_sw), PATH_GHOST);
	assert_string_equal(c.message, "hp_sw checker reports path is ghost");
	dev_script(K_INQ_80, 1, &gone);
	assert_int_equal(check_once(e, &c, &checker_hp_sw), PATH_DOWN);
	dev_script(K_INQ_80, 1, &notty);
	assert_int_equal(check_once(e, &c, &checker_hp_sw), PATH_WILD);
	assert_string_equal(c.message,
			    "hp_sw checker doesn't support this device");
	checker_release(&c);
}

static void test_rdac_check(void **state)
{
	struct check_engine *e = *state;
	const struct reply illegal = { CC, 0, FIXED, SENSE_ILLEGAL_REQUEST,
				       0x24, 0, 0 };
	const struct reply hw = { CC, 0, FIXED, SENSE_HARDWARE_ERROR, 0x44, 0,
				  0 };
	const struct reply busy[] = { { 0, DID_BUS_BUSY, NO_SENSE_DATA, 0, 0,
					0, 0 }, GOOD };
	struct checker c = { 0 };

	/* first check: TAS is set once, through MODE SELECT */
	dev.data[K_MODE_CHG][13] = 0x40;
	dev.data[K_INQ_C9][1] = 0xc9;
	dev.data[K_INQ_C9][8] = 0x11;
	dev_script(K_INQ_C9, 2, busy);
	log_capture_start(3);
	assert_int_equal(check_once(e, &c, &checker_rdac), PATH_UP);
	assert_int_equal(dev.calls[K_MODE_CUR], 1);
	assert_int_equal(dev.calls[K_MODE_SELECT], 1);
	assert_int_equal(dev.selected[8], 0x0a);
	assert_int_equal(dev.selected[13] & 0x40, 0x40);
	/* the transport hiccup was retried */
	assert_int_equal(dev.calls[K_INQ_C9], 2);
	/* later checks do not set it again */
	dev.data[K_INQ_C9][8] = 0x10;
	assert_int_equal(check_once(e, &c, &checker_rdac), PATH_GHOST);
	assert_int_equal(dev.calls[K_MODE_CUR], 1);
	assert_string_equal(c.message, "rdac checker reports path is ghost");
	dev_script(K_INQ_C9, 1, &illegal);
	assert_int_equal(check_once(e, &c, &checker_rdac), PATH_WILD);
	dev_script(K_INQ_C9, 1, &hw);
	assert_int_equal(check_once(e, &c, &checker_rdac), PATH_DOWN);
	assert_string_equal(c.message,
			    "rdac checker reports path is down: inquiry failed");
	assert_str_contains(log_captured(),
			    "rdac checker: INQUIRY failed with sense key 04");
	log_capture_stop();
	checker_release(&c);

	/* TAS not changeable: noted at -v3 */
	c = (struct checker){ 0 };
	dev_reset();
	dev.data[K_INQ_C9][8] = 0x01;
	log_capture_start(3);
	assert_int_equal(check_once(e, &c, &checker_rdac), PATH_UP);
	assert_int_equal(dev.calls[K_MODE_SELECT], 0);
	assert_str_contains(log_captured(), "rdac checker failed to set TAS bit");
	log_capture_stop();
	checker_release(&c);
}

static void test_emc_check(void **state)
{
	struct check_engine *e = *state;
	const struct reply snapshot = { CC, 0, FIXED, SENSE_ILLEGAL_REQUEST,
					0x25, 0x01, 0 };
	const struct reply illegal = { CC, 0, DESCRIPTOR, SENSE_ILLEGAL_REQUEST,
				       0x24, 0, 0 };
	struct checker active = { 0 }, passive = { 0 };
	atomic_int snap = 0;

	/* the active path reads an inactive snapshot: both paths fail */
	emc_good_page(dev.data[K_INQ_C0], 2);
	dev_script(K_READ, 1, &snapshot);
	checker_init(&active, &checker_emc_clariion, "sdactive", 2000);
	checker_set_fd(&active, open("/dev/null", O_RDONLY | O_CLOEXEC));
	active.mpctx = &snap;
	log_capture_start(3);
	assert_int_equal(check_once(e, &active, NULL), PATH_DOWN);
	assert_int_equal(atomic_load(&snap), 1);
	assert_str_contains(log_captured(),
		"emc_clariion_checker: Active path to inactive snapshot WWN 606162636465666768696a6b6c6d6e6f.");
	emc_good_page(dev.data[K_INQ_C0], 1);
	checker_init(&passive, &checker_emc_clariion, "sdpassive", 2000);
	checker_set_fd(&passive, open("/dev/null", O_RDONLY | O_CLOEXEC));
	passive.mpctx = &snap;
	assert_int_equal(check_once(e, &passive, NULL), PATH_DOWN);
	log_capture_stop();
	/* the snapshot is active again */
	emc_good_page(dev.data[K_INQ_C0], 2);
	dev_script(K_READ, 1, &GOOD);
	assert_int_equal(check_once(e, &active, NULL), PATH_UP);
	assert_string_equal(active.message,
			    "emc_clariion checker: Active path is healthy");
	assert_int_equal(atomic_load(&snap), 0);
	emc_good_page(dev.data[K_INQ_C0], 1);
	assert_int_equal(check_once(e, &passive, NULL), PATH_UP);
	/* the per-path WWN is kept between checks */
	dev.data[K_INQ_C0][12] ^= 1;
	assert_int_equal(check_once(e, &passive, NULL), PATH_DOWN);
	assert_string_equal(passive.message,
			    "emc_clariion checker: Logical Unit WWN has changed");
	/* not a CLARiiON */
	dev_script(K_INQ_C0, 1, &illegal);
	assert_int_equal(check_once(e, &active, NULL), PATH_WILD);
	assert_string_equal(active.message,
			    "emc_clariion checker doesn't support this device");
	checker_release(&active);
	checker_release(&passive);
}

static void test_checker_registry(void **state)
{
	static const char *const names[] = { "tur", "directio", "readsector0",
		"none", "emc_clariion", "hp_sw", "rdac", "cciss_tur" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		assert_string_equal(checker_lookup(names[i])->name, names[i]);
	log_capture_start(0);
	assert_null(checker_lookup_in("/nonexistent", "nosuch"));
	assert_str_contains(log_captured(),
			    "Checker 'nosuch' not found in /nonexistent");
	assert_null(checker_lookup_in("/nonexistent", "../evil"));
	log_capture_stop();
	assert_string_equal(checker_state_name(PATH_UP), "up");
	assert_string_equal(checker_state_name(PATH_DOWN), "down");
	assert_string_equal(checker_state_name(PATH_TIMEOUT), "timeout");
	assert_string_equal(checker_state_name(PATH_GHOST), "ghost");
	assert_string_equal(checker_state_name(PATH_WILD), "wild");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tur_verdicts),
		cmocka_unit_test(test_read_verdicts),
		cmocka_unit_test(test_vendor_retries),
		cmocka_unit_test(test_directio_verdicts),
		cmocka_unit_test(test_rdac_page),
		cmocka_unit_test(test_emc_page),
		cmocka_unit_test(test_checker_registry),
		cmocka_unit_test_setup_teardown(test_tur_check, engine_setup,
						engine_teardown),
		cmocka_unit_test_setup_teardown(test_readsector0_check,
						engine_setup, engine_teardown),
		cmocka_unit_test_setup_teardown(test_hp_sw_check, engine_setup,
						engine_teardown),
		cmocka_unit_test_setup_teardown(test_rdac_check, engine_setup,
						engine_teardown),
		cmocka_unit_test_setup_teardown(test_emc_check, engine_setup,
						engine_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
