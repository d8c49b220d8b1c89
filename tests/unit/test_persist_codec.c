/* Persistent reservations: CDBs, status mapping, TransportIDs, PR OUT
 * parameter lists, PR IN reply decoding and mpathpersist's printed text,
 * on hand-made replies (expected text from the reference's formats). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persist/pr_codec.h"
#include "persist/pr_print.h"
#include "testutil.h"

static void test_cdbs(void **state)
{
	static const uint8_t in_fs[10] = { 0x5e, 0x03, 0, 0, 0, 0, 0,
					   0x21, 0x08, 0 };
	static const uint8_t in_keys[10] = { 0x5e, 0x00, 0, 0, 0, 0, 0,
					     0xff, 0xff, 0 };
	static const uint8_t out_res[10] = { 0x5f, 0x01, 0x05, 0, 0, 0, 0,
					     0, 0x18, 0 };
	static const uint8_t out_big[10] = { 0x5f, 0x07, 0x2f, 0, 0, 0x12,
					     0x34, 0x56, 0x78, 0 };
	uint8_t cdb[10];

	(void)state;
	memset(cdb, 0xee, sizeof(cdb));
	prin_cdb(cdb, PR_IN_READ_FULL_STATUS, 8456);
	assert_memory_equal(cdb, in_fs, 10);
	prin_cdb(cdb, PR_IN_READ_KEYS, 0xffff);
	assert_memory_equal(cdb, in_keys, 10);
	memset(cdb, 0xee, sizeof(cdb));
	prout_cdb(cdb, PR_OUT_RESERVE, 0, PR_TYPE_WRITE_EXCLUSIVE_RO, 24);
	assert_memory_equal(cdb, out_res, 10);
	/* scope and type are 4 bits each, the length 4 bytes */
	prout_cdb(cdb, PR_OUT_REGISTER_AND_MOVE, 2, 0x1f, 0x12345678);
	assert_memory_equal(cdb, out_big, 10);
}

static void test_status(void **state)
{
	(void)state;
	assert_int_equal(pr_status_from_scsi(0x00, false, 0, 0, 0),
			 PR_STATUS_SUCCESS);
	assert_int_equal(pr_status_from_scsi(0x18, false, 0, 0, 0),
			 PR_STATUS_RESERV_CONFLICT);
	/* bit 0 is masked off like the reference's "& 0x7e" */
	assert_int_equal(pr_status_from_scsi(0x19, false, 0, 0, 0), 11);
	assert_int_equal(pr_status_from_scsi(0x03, true, 6, 0x29, 0), 6);
	/* INVALID OPCODE is an ILLEGAL REQUEST like any other (5, not 7) */
	assert_int_equal(pr_status_from_scsi(0x02, true, 5, 0x20, 0), 5);
	assert_int_equal(pr_status_from_scsi(0x02, true, 5, 0x24, 0), 5);
	assert_int_equal(pr_status_from_scsi(0x02, true, 0, 0, 0), 9);
	assert_int_equal(pr_status_from_scsi(0x02, true, 1, 0x17, 1), 0);
	assert_int_equal(pr_status_from_scsi(0x02, true, 2, 4, 7), 2);
	assert_int_equal(pr_status_from_scsi(0x02, true, 3, 0x11, 0), 3);
	assert_int_equal(pr_status_from_scsi(0x02, true, 4, 0x44, 0), 4);
	assert_int_equal(pr_status_from_scsi(0x02, true, 0xb, 0x47, 0), 8);
	assert_int_equal(pr_status_from_scsi(0x02, true, 7, 0x27, 0), 15);
	assert_int_equal(pr_status_from_scsi(0x02, true, 8, 0, 0), 15);
	assert_int_equal(pr_status_from_scsi(0x02, true, 0xa, 0, 0), 15);
	assert_int_equal(pr_status_from_scsi(0x02, true, 0xd, 0, 0), 15);
	/* CHECK CONDITION without sense data: the zeroed key, NO SENSE */
	assert_int_equal(pr_status_from_scsi(0x02, false, 6, 0, 0), 9);
	assert_int_equal(pr_status_from_scsi(0x08, false, 0, 0, 0), 15);
	assert_int_equal(pr_status_from_scsi(0x28, false, 0, 0, 0), 15);
	assert_int_equal(pr_status_from_scsi(0x22, false, 0, 0, 0), 15);
}

static void test_status_sg(void **state)
{
	struct sg_result r = { 0 };

	(void)state;
	assert_int_equal(pr_status_from_sg(&r), PR_STATUS_SUCCESS);
	r.host_status = 1;
	assert_int_equal(pr_status_from_sg(&r), PR_STATUS_OTHER);
	r.host_status = 0;
	r.driver_status = 8;
	assert_int_equal(pr_status_from_sg(&r), PR_STATUS_OTHER);
	/* with CHECK CONDITION the sense decides */
	r.status = SCSI_STATUS_CHECK_CONDITION;
	r.host_status = 7;
	r.have_sense = true;
	r.sense.key = SENSE_UNIT_ATTENTION;
	assert_int_equal(pr_status_from_sg(&r), PR_STATUS_SENSE_UNIT_ATTENTION);
	r.status = SCSI_STATUS_RESERVATION_CONFLICT;
	assert_int_equal(pr_status_from_sg(&r), PR_STATUS_RESERV_CONFLICT);

	assert_true(pr_status_retry(PR_STATUS_SENSE_UNIT_ATTENTION, 0x29, 0));
	assert_true(pr_status_retry(PR_STATUS_SENSE_NOT_READY, 0x04, 0x07));
	assert_false(pr_status_retry(PR_STATUS_SENSE_NOT_READY, 0x04, 0x01));
	assert_false(pr_status_retry(PR_STATUS_ILLEGAL_REQ, 0x04, 0x07));
	assert_false(pr_status_retry(PR_STATUS_SUCCESS, 0, 0));
}

static void assert_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			fail_msg("byte %zu is 0x%02x, not 0", i, p[i]);
}

static void test_tid_fc_sas(void **state)
{
	static const uint8_t wwpn[8] = { 0x21, 0x00, 0x00, 0x24,
					 0xff, 0x12, 0x34, 0x56 };
	static const uint8_t sas[8] = { 0x50, 0x00, 0xc5, 0x00,
					0x12, 0x34, 0x56, 0x78 };
	struct pr_tid t;

	(void)state;
	assert_int_equal(pr_tid_parse("fcp,21000024ff123456", &t), 0);
	assert_int_equal(t.len, 24);
	assert_int_equal(t.b[0], 0x00);
	assert_zero(t.b + 1, 7);
	assert_memory_equal(t.b + 8, wwpn, 8);
	assert_zero(t.b + 16, 8);
	assert_int_equal(pr_tid_parse("FCP,21000024FF123456", &t), 0);
	assert_memory_equal(t.b + 8, wwpn, 8);

	/* the 8 bytes the digits spell, at byte 4, protocol 6 */
	assert_int_equal(pr_tid_parse("sas,5000c50012345678", &t), 0);
	assert_int_equal(t.len, 24);
	assert_int_equal(t.b[0], 0x06);
	assert_zero(t.b + 1, 3);
	assert_memory_equal(t.b + 4, sas, 8);
	assert_zero(t.b + 12, 12);
	assert_int_equal(pr_tid_parse("SAS,5000C50012345678", &t), 0);
	assert_int_equal(t.b[0], 0x06);

	assert_int_equal(pr_tid_parse("fcp,21000024ff12345", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("fcp,21000024ff1234567", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("fcp,21000024ff12345g", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("fcp,", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("Fcp,21000024ff123456", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("sas,0x5000c5001234567", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("sas,5000c500 2345678", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("21000024ff123456", &t), -EINVAL);
	assert_int_equal(pr_tid_parse(NULL, &t), -EINVAL);
}

static void test_tid_iscsi(void **state)
{
	char name[300];
	struct pr_tid t;

	(void)state;
	/* 25 characters, a NUL, padded to 28 */
	assert_int_equal(pr_tid_parse("iqn.1994-05.com.redhat:aa", &t), 0);
	assert_int_equal(t.len, 32);
	assert_int_equal(t.b[0], 0x05);
	assert_int_equal(t.b[1], 0);
	assert_int_equal(t.b[2], 0);
	assert_int_equal(t.b[3], 28);
	assert_memory_equal(t.b + 4, "iqn.1994-05.com.redhat:aa", 25);
	assert_zero(t.b + 29, 3);

	/* at least 20 bytes of name */
	assert_int_equal(pr_tid_parse("iqn.x", &t), 0);
	assert_int_equal(t.len, 24);
	assert_int_equal(t.b[3], 20);
	assert_memory_equal(t.b + 4, "iqn.x", 5);
	assert_zero(t.b + 9, 15);

	/* an initiator port: format 01b */
	assert_int_equal(pr_tid_parse("iqn.1994-05.com.redhat:aa,i,0x123456789abc",
				      &t), 0);
	assert_int_equal(t.b[0], 0x45);
	assert_int_equal(t.b[3], 44);
	assert_int_equal(t.len, 48);
	assert_memory_equal(t.b + 4, "iqn.1994-05.com.redhat:aa,i,0x123456789abc",
			    42);
	assert_zero(t.b + 46, 2);

	/* the rest from a blank on is ignored, ISID mark included */
	assert_int_equal(pr_tid_parse("iqn.a.b x,i,0x12", &t), 0);
	assert_int_equal(t.b[0], 0x05);
	assert_memory_equal(t.b + 4, "iqn.a.b", 7);
	assert_zero(t.b + 11, 13);
	assert_int_equal(pr_tid_parse("iqn.a.b\tc", &t), 0);
	assert_int_equal(t.b[11], 0);

	/* the longest name: 239 characters, 240 bytes */
	memset(name, 'a', sizeof(name));
	memcpy(name, "iqn.", 4);
	name[239] = '\0';
	assert_int_equal(pr_tid_parse(name, &t), 0);
	assert_int_equal(t.len, 244);
	assert_int_equal(t.b[3], 240);
	assert_int_equal(t.b[243], 0);
	name[239] = 'a';
	name[240] = '\0';
	assert_int_equal(pr_tid_parse(name, &t), -EINVAL);

	assert_int_equal(pr_tid_parse("iqn.", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("iqn.,i,0x12", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("iqn.a,i,0x", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("iqn.a,i,0x1234567890abc", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("iqn.a,i,0xzz", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("iqn.a\001b", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("IQN.a", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("eui.02004567A425678D", &t), -EINVAL);
	assert_int_equal(pr_tid_parse("naa.52004567BA64678D", &t), -EINVAL);
}

static void test_prout_params(void **state)
{
	static const uint8_t basic[24] = {
		0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
		0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11,
		0, 0, 0, 0, 0x05, 0, 0, 0,
	};
	struct pr_tid tids[PR_MAX_TIDS + 1];
	struct prout_params p = {
		.key = 0x1122334455667788ULL,
		.sa_key = 0xaabbccddeeff0011ULL,
		.all_tg_pt = true,
		.aptpl = true,
	};
	uint8_t buf[512];
	size_t i;

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), 24);
	assert_memory_equal(buf, basic, 24);
	assert_int_equal(buf[24], 0xee);
	assert_int_equal(prout_params_encode(&p, buf, 23), -ENOSPC);

	assert_int_equal(pr_tid_parse("fcp,21000024ff123456", &tids[0]), 0);
	assert_int_equal(pr_tid_parse("iqn.x", &tids[1]), 0);
	p.all_tg_pt = p.aptpl = false;
	p.tids = tids;
	p.n_tids = 2;
	/* TransportIDs only with SPEC_I_PT */
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), -EINVAL);
	p.spec_i_pt = true;
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), 76);
	assert_int_equal(buf[20], 0x08);
	assert_zero(buf + 16, 4);
	assert_zero(buf + 21, 3);
	assert_int_equal(buf[24], 0);
	assert_int_equal(buf[25], 0);
	assert_int_equal(buf[26], 0);
	assert_int_equal(buf[27], 48);
	assert_memory_equal(buf + 28, tids[0].b, 24);
	assert_memory_equal(buf + 52, tids[1].b, 24);
	assert_int_equal(buf[76], 0xee);
	assert_int_equal(prout_params_encode(&p, buf, 75), -ENOSPC);

	/* SPEC_I_PT with an empty list: its length, 0 */
	p.n_tids = 0;
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), 28);
	assert_zero(buf + 24, 4);

	p.n_tids = 1;
	tids[2] = tids[0];
	tids[2].len = 23;
	p.tids = &tids[2];
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), -EINVAL);
	tids[2].len = 26;
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), -EINVAL);

	for (i = 0; i < PR_MAX_TIDS + 1; i++)
		tids[i] = tids[0];
	p.tids = tids;
	p.n_tids = PR_MAX_TIDS;
	assert_int_equal(prout_params_encode(&p, NULL, 0), -ENOSPC);
	p.n_tids = PR_MAX_TIDS + 1;
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), -EINVAL);
	p.n_tids = 1;
	p.tids = NULL;
	assert_int_equal(prout_params_encode(&p, buf, sizeof(buf)), -EINVAL);
}

static void test_prout_move(void **state)
{
	static const uint8_t head[24] = {
		0, 0, 0, 0, 0, 0, 0, 0x01,
		0, 0, 0, 0, 0, 0, 0, 0x02,
		0, 0x03, 0x01, 0x02, 0, 0, 0, 32,
	};
	struct pr_tid t;
	struct prout_move_params m = {
		.key = 1, .sa_key = 2, .unreg = true, .aptpl = true,
		.rtpi = 0x0102, .tid = &t,
	};
	uint8_t buf[128];

	(void)state;
	assert_int_equal(pr_tid_parse("iqn.1994-05.com.redhat:aa", &t), 0);
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(prout_move_params_encode(&m, buf, sizeof(buf)), 56);
	assert_memory_equal(buf, head, 24);
	assert_memory_equal(buf + 24, t.b, 32);
	assert_int_equal(buf[56], 0xee);
	m.unreg = false;
	assert_int_equal(prout_move_params_encode(&m, buf, sizeof(buf)), 56);
	assert_int_equal(buf[17], 0x01);
	assert_int_equal(prout_move_params_encode(&m, buf, 55), -ENOSPC);
	m.tid = NULL;
	assert_int_equal(prout_move_params_encode(&m, buf, sizeof(buf)),
			 -EINVAL);
}

/* ---- replies ------------------------------------------------------------ */

struct print_result {
	int rc;
	char *out;
	char *err;
};

static struct print_result print(int sa, const uint8_t *buf, size_t len)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct print_result r;
	uint8_t *copy = malloc(len ? len : 1);

	/* an exact-size heap copy, so ASan sees any read past the reply */
	assert_non_null(copy);
	memcpy(copy, buf, len);
	r.rc = pr_print_reply(&out, &err, sa, copy, len);
	free(copy);
	r.out = strdup(strbuf_str(&out));
	r.err = strdup(strbuf_str(&err));
	strbuf_free(&out);
	strbuf_free(&err);
	return r;
}

static void result_free(struct print_result *r)
{
	free(r->out);
	free(r->err);
}

#define assert_printed(sa, buf, len, exp_out, exp_err)                        \
	do {                                                                   \
		struct print_result _r = print((sa), (buf), (len));            \
		assert_int_equal(_r.rc, 0);                                    \
		assert_string_equal(_r.out, (exp_out));                        \
		assert_string_equal(_r.err, (exp_err));                        \
		result_free(&_r);                                              \
	} while (0)

#define assert_malformed(sa, buf, len)                                         \
	do {                                                                   \
		struct print_result _r = print((sa), (buf), (len));            \
		assert_int_equal(_r.rc, -EBADMSG);                             \
		assert_string_equal(_r.out, "");                               \
		assert_string_equal(_r.err,                                    \
				    "Persistent Reserve IN: malformed reply\n"); \
		result_free(&_r);                                              \
	} while (0)

static const uint8_t keys2[] = {
	0, 0, 0, 5, 0, 0, 0, 16,
	0, 0, 0, 0, 0, 0x12, 0x3a, 0xbc,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

static void test_read_keys(void **state)
{
	static const uint8_t one[] = {
		0, 0, 0x01, 0x00, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1,
	};
	static const uint8_t none[] = { 0, 0, 0, 0, 0, 0, 0, 0 };
	/* 12 bytes claimed, 1 whole key; a stray byte past them */
	static const uint8_t odd[] = {
		0, 0, 0, 2, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 9, 1, 2, 3, 4, 5,
	};
	/* 3 keys claimed, 2 received */
	static const uint8_t cut[] = {
		0, 0, 0, 5, 0, 0, 0, 24,
		0, 0, 0, 0, 0, 0x12, 0x3a, 0xbc,
		0, 0, 0, 0, 0, 0, 0, 7,
	};
	struct pr_keys k;

	(void)state;
	assert_int_equal(pr_keys_decode(keys2, sizeof(keys2), &k), 0);
	assert_int_equal(k.generation, 5);
	assert_int_equal(k.count, 2);
	assert_false(k.truncated);
	assert_true(pr_keys_get(&k, 0) == 0x123abc);
	assert_true(pr_keys_get(&k, 1) == UINT64_MAX);
	assert_true(pr_keys_get(&k, 2) == 0);
	assert_printed(PR_IN_READ_KEYS, keys2, sizeof(keys2),
		       "  PR generation=0x5, \t2 registered reservation keys follow:\n"
		       "    0x123abc\n"
		       "    0xffffffffffffffff\n", "");
	assert_printed(PR_IN_READ_KEYS, one, sizeof(one),
		       "  PR generation=0x100, \t1 registered reservation key follows:\n"
		       "    0x1\n", "");
	assert_printed(PR_IN_READ_KEYS, none, sizeof(none),
		       "  PR generation=0x0, \t0 registered reservation key.\n",
		       "");
	assert_int_equal(pr_keys_decode(odd, sizeof(odd), &k), 0);
	assert_int_equal(k.count, 1);
	assert_false(k.truncated);
	assert_printed(PR_IN_READ_KEYS, odd, sizeof(odd),
		       "  PR generation=0x2, \t1 registered reservation key follows:\n"
		       "    0x9\n", "");

	assert_int_equal(pr_keys_decode(cut, sizeof(cut), &k), 0);
	assert_int_equal(k.count, 2);
	assert_true(k.truncated);
	assert_printed(PR_IN_READ_KEYS, cut, sizeof(cut),
		       "  PR generation=0x5, \t2 registered reservation keys follow:\n"
		       "    0x123abc\n"
		       "    0x7\n",
		       "PR IN reply truncated: additional length 24, 24 bytes received\n");
	/* a key cut in the middle is not a key */
	assert_int_equal(pr_keys_decode(cut, 20, &k), 0);
	assert_int_equal(k.count, 1);
	assert_true(k.truncated);

	assert_int_equal(pr_keys_decode(keys2, 7, &k), -EBADMSG);
	assert_int_equal(pr_keys_decode(keys2, 0, &k), -EBADMSG);
	assert_malformed(PR_IN_READ_KEYS, keys2, 7);
	assert_malformed(PR_IN_READ_KEYS, keys2, 0);
}

static void test_read_reservation(void **state)
{
	static const uint8_t none[] = { 0, 0, 0, 0x0a, 0, 0, 0, 0 };
	static const uint8_t small[] = { 0, 0, 0, 0x0a, 0, 0, 0, 4,
					 1, 2, 3, 4 };
	uint8_t held[24] = {
		0, 0, 0, 0x1f, 0, 0, 0, 0x10,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0, 0, 0, 0, 0, 0x05, 0, 0,
	};
	struct pr_reservation r;

	(void)state;
	assert_printed(PR_IN_READ_RESERVATION, none, sizeof(none),
		       "  PR generation=0xa, there is NO reservation held \n",
		       "");
	/* fewer than 8 bytes of descriptor: none, like the reference */
	assert_printed(PR_IN_READ_RESERVATION, small, sizeof(small),
		       "  PR generation=0xa, there is NO reservation held \n",
		       "");
	assert_int_equal(pr_reservation_decode(held, sizeof(held), &r), 0);
	assert_true(r.held);
	assert_true(r.key == 0x0123456789abcdefULL);
	assert_int_equal(r.scope, 0);
	assert_int_equal(r.type, 5);
	assert_printed(PR_IN_READ_RESERVATION, held, sizeof(held),
		       "  PR generation=0x1f, Reservation follows:\n"
		       "   Key = 0x123456789abcdef\n"
		       "  scope = LU_SCOPE, type = Write Exclusive, registrants only\n",
		       "");
	held[21] = 0x20;
	assert_printed(PR_IN_READ_RESERVATION, held, sizeof(held),
		       "  PR generation=0x1f, Reservation follows:\n"
		       "   Key = 0x123456789abcdef\n"
		       "  scope = 2, type = obsolete [0]\n", "");
	held[21] = 0x0a;
	assert_printed(PR_IN_READ_RESERVATION, held, sizeof(held),
		       "  PR generation=0x1f, Reservation follows:\n"
		       "   Key = 0x123456789abcdef\n"
		       "  scope = LU_SCOPE, type = obsolete [0xa]\n", "");
	held[21] = 0x08;
	assert_printed(PR_IN_READ_RESERVATION, held, 22,
		       "  PR generation=0x1f, Reservation follows:\n"
		       "   Key = 0x123456789abcdef\n"
		       "  scope = LU_SCOPE, type = Exclusive Access, all registrants\n",
		       "");

	/* the scope/type byte not received, or not claimed */
	assert_int_equal(pr_reservation_decode(held, 21, &r), -EBADMSG);
	assert_malformed(PR_IN_READ_RESERVATION, held, 20);
	held[7] = 8;
	assert_malformed(PR_IN_READ_RESERVATION, held, sizeof(held));
	assert_malformed(PR_IN_READ_RESERVATION, held, 3);
}

static void test_report_caps(void **state)
{
	static const uint8_t lio[8] = { 0, 8, 0x0d, 0x81, 0xea, 0x01, 0, 0 };
	static const uint8_t odd[8] = { 0, 8, 0x10, 0xa0, 0x01, 0xff, 0, 0 };
	static const uint8_t notmv[8] = { 0, 8, 0x08, 0x01, 0xea, 0x01, 0, 0 };
	static const uint8_t short_len[8] = { 0, 2, 0x0d, 0x81, 0xea, 1, 0, 0 };
	static const char bad[] =
		"Unexpected response for PRIN Report Capabilities\n";
	struct pr_caps c;

	(void)state;
	assert_int_equal(pr_caps_decode(lio, sizeof(lio), &c), 0);
	assert_int_equal(c.length, 8);
	assert_false(c.crh);
	assert_true(c.sip_c);
	assert_true(c.atp_c);
	assert_true(c.ptpl_c);
	assert_true(c.tmv);
	assert_true(c.ptpl_a);
	assert_int_equal(c.allow_commands, 0);
	assert_int_equal(c.types, 1 << 1 | 1 << 3 | 1 << 5 | 1 << 6 | 1 << 7 |
					  1 << 8);
	/* the reference reads the mask as 0xea01 and tests bits of the
	 * wrong byte: all 0 for a device supporting every type */
	assert_printed(PR_IN_REPORT_CAPABILITIES, lio, sizeof(lio),
		       "Report capabilities response:\n"
		       "  Compatible Reservation Handling(CRH): 0\n"
		       "  Specify Initiator Ports Capable(SIP_C): 1\n"
		       "  All Target Ports Capable(ATP_C): 1\n"
		       "  Persist Through Power Loss Capable(PTPL_C): 1\n"
		       "  Type Mask Valid(TMV): 1\n"
		       "  Allow Commands: 0\n"
		       "  Persist Through Power Loss Active(PTPL_A): 1\n"
		       "    Support indicated in Type mask:\n"
		       "      Write Exclusive, all registrants: 0\n"
		       "      Exclusive Access, registrants only: 0\n"
		       "      Write Exclusive, registrants only: 0\n"
		       "      Exclusive Access: 0\n"
		       "      Write Exclusive: 0\n"
		       "      Exclusive Access, all registrants: 0\n", "");

	assert_int_equal(pr_caps_decode(odd, sizeof(odd), &c), 0);
	assert_false(c.ptpl_c);
	assert_int_equal(c.allow_commands, 2);
	assert_int_equal(c.types, 1 << 8);
	/* PTPL_C of any bit, ALLOW COMMANDS as 0/1, "mask & bit" values */
	assert_printed(PR_IN_REPORT_CAPABILITIES, odd, sizeof(odd),
		       "Report capabilities response:\n"
		       "  Compatible Reservation Handling(CRH): 1\n"
		       "  Specify Initiator Ports Capable(SIP_C): 0\n"
		       "  All Target Ports Capable(ATP_C): 0\n"
		       "  Persist Through Power Loss Capable(PTPL_C): 1\n"
		       "  Type Mask Valid(TMV): 1\n"
		       "  Allow Commands: 1\n"
		       "  Persist Through Power Loss Active(PTPL_A): 0\n"
		       "    Support indicated in Type mask:\n"
		       "      Write Exclusive, all registrants: 128\n"
		       "      Exclusive Access, registrants only: 64\n"
		       "      Write Exclusive, registrants only: 32\n"
		       "      Exclusive Access: 8\n"
		       "      Write Exclusive: 2\n"
		       "      Exclusive Access, all registrants: 256\n", "");

	assert_printed(PR_IN_REPORT_CAPABILITIES, notmv, sizeof(notmv),
		       "Report capabilities response:\n"
		       "  Compatible Reservation Handling(CRH): 0\n"
		       "  Specify Initiator Ports Capable(SIP_C): 1\n"
		       "  All Target Ports Capable(ATP_C): 0\n"
		       "  Persist Through Power Loss Capable(PTPL_C): 1\n"
		       "  Type Mask Valid(TMV): 0\n"
		       "  Allow Commands: 0\n"
		       "  Persist Through Power Loss Active(PTPL_A): 1\n", "");

	/* the mask not received reads as 0 */
	assert_int_equal(pr_caps_decode(odd, 4, &c), 0);
	assert_int_equal(c.mask[0], 0);
	assert_int_equal(c.mask[1], 0);
	assert_int_equal(c.types, 0);
	assert_int_equal(pr_caps_decode(odd, 5, &c), 0);
	assert_int_equal(c.mask[0], 0x01);
	assert_int_equal(c.mask[1], 0);

	/* the reference's "length <= 2" and replies without flags: its
	 * stderr line, nothing on stdout, success */
	assert_int_equal(pr_caps_decode(short_len, 8, &c), -EBADMSG);
	assert_printed(PR_IN_REPORT_CAPABILITIES, short_len, 8, "", bad);
	assert_printed(PR_IN_REPORT_CAPABILITIES, lio, 3, "", bad);
	assert_printed(PR_IN_REPORT_CAPABILITIES, lio, 1, "", bad);
	assert_printed(PR_IN_REPORT_CAPABILITIES, lio, 0, "", bad);
}

/* READ FULL STATUS fixtures */
static size_t put_desc(uint8_t *p, uint64_t key, uint8_t flags, uint8_t st,
		       uint16_t rtpi, const uint8_t *tid, uint32_t tid_len)
{
	int i;

	memset(p, 0, 24);
	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(key >> (56 - 8 * i));
	p[12] = flags;
	p[13] = st;
	p[18] = rtpi >> 8;
	p[19] = rtpi & 0xff;
	p[20] = tid_len >> 24;
	p[21] = (tid_len >> 16) & 0xff;
	p[22] = (tid_len >> 8) & 0xff;
	p[23] = tid_len & 0xff;
	if (tid)
		memcpy(p + 24, tid, tid_len);
	return 24 + tid_len;
}

static void put_hdr(uint8_t *p, uint32_t gen, uint32_t addlen)
{
	p[0] = gen >> 24;
	p[1] = (gen >> 16) & 0xff;
	p[2] = (gen >> 8) & 0xff;
	p[3] = gen & 0xff;
	p[4] = addlen >> 24;
	p[5] = (addlen >> 16) & 0xff;
	p[6] = (addlen >> 8) & 0xff;
	p[7] = addlen & 0xff;
}

static void test_full_status(void **state)
{
	struct pr_tid fc, iscsi;
	struct pr_fullstatus fs;
	struct pr_fs_desc d;
	uint8_t buf[256];
	size_t n = 8, pos = 0;

	(void)state;
	assert_int_equal(pr_tid_parse("fcp,21000024ff538b1c", &fc), 0);
	assert_int_equal(pr_tid_parse("iqn.1994-05.com.redhat:aa", &iscsi), 0);
	n += put_desc(buf + n, 0x1111, 0x01, 0x06, 2, fc.b, 24);
	n += put_desc(buf + n, 0x2222, 0x02, 0x00, 1, iscsi.b, 32);
	put_hdr(buf, 3, (uint32_t)n - 8);
	assert_int_equal(n, 112);

	assert_int_equal(pr_fullstatus_decode(buf, n, &fs), 0);
	assert_int_equal(fs.generation, 3);
	assert_int_equal(fs.count, 2);
	assert_false(fs.truncated);
	assert_int_equal(pr_fullstatus_next(&fs, &pos, &d), 1);
	assert_true(d.key == 0x1111);
	assert_true(d.r_holder);
	assert_false(d.all_tg_pt);
	assert_int_equal(d.type, 6);
	assert_int_equal(d.rtpi, 2);
	assert_int_equal(d.tid_len, 24);
	assert_memory_equal(d.tid, fc.b, 24);
	assert_int_equal(pr_fullstatus_next(&fs, &pos, &d), 1);
	assert_true(d.all_tg_pt);
	assert_false(d.r_holder);
	assert_int_equal(d.tid_len, 32);
	assert_int_equal(pr_fullstatus_next(&fs, &pos, &d), 0);

	assert_printed(PR_IN_READ_FULL_STATUS, buf, n,
		       "  PR generation=0x3 \n"
		       "   Key = 0x1111\n"
		       "      All target ports bit clear\n"
		       "      Relative port address: 0x2\n"
		       "      << Reservation holder >>\n"
		       "      scope: LU_SCOPE,  type: Exclusive Access, registrants only\n"
		       "   FCP-2         21 00 00 24 ff 53 8b 1c\n"
		       "   Key = 0x2222\n"
		       "      All target ports bit set\n"
		       "      not reservation holder\n"
		       "   iSCSI name: iqn.1994-05.com.redhat:aa\n", "");

	/* cut by the allocation length: the whole descriptors received */
	assert_printed(PR_IN_READ_FULL_STATUS, buf, 100,
		       "  PR generation=0x3 \n"
		       "   Key = 0x1111\n"
		       "      All target ports bit clear\n"
		       "      Relative port address: 0x2\n"
		       "      << Reservation holder >>\n"
		       "      scope: LU_SCOPE,  type: Exclusive Access, registrants only\n"
		       "   FCP-2         21 00 00 24 ff 53 8b 1c\n",
		       "PR IN reply truncated: additional length 104, 100 bytes received\n");
	assert_int_equal(pr_fullstatus_decode(buf, 60, &fs), 0);
	assert_int_equal(fs.count, 1);
	assert_true(fs.truncated);
	assert_int_equal(pr_fullstatus_decode(buf, 40, &fs), 0);
	assert_int_equal(fs.count, 0);
	assert_true(fs.truncated);

	/* none */
	put_hdr(buf, 0x10, 0);
	assert_printed(PR_IN_READ_FULL_STATUS, buf, 8, "  PR generation=0x10 \n",
		       "");
	assert_printed(PR_IN_READ_FULL_STATUS, buf, 9, "  PR generation=0x10 \n",
		       "");
}

static void test_full_status_tids(void **state)
{
	static const uint8_t sas1[24] = { 0x46, 0, 0, 0, 0x50, 0x01, 0x43,
					  0x80, 0x12, 0x34, 0x56, 0x78 };
	static const uint8_t sas0[24] = { 0x06, 0, 0, 0, 0x50, 0x01, 0x43,
					  0x80, 0x12, 0x34, 0x56, 0x78 };
	uint8_t buf[256];
	size_t n = 8;

	(void)state;
	/* a TransportID-less first descriptor shows the zeroed one (FC) */
	n += put_desc(buf + n, 1, 0x00, 0, 0x10, NULL, 0);
	n += put_desc(buf + n, 2, 0x03, 0x25, 0, sas1, 24);
	/* ... a later one the previous descriptor's */
	n += put_desc(buf + n, 3, 0x02, 0, 0, NULL, 0);
	/* several: the last wins */
	memcpy(buf + n + 24, sas1, 24);
	memcpy(buf + n + 48, sas0, 24);
	n += put_desc(buf + n, 4, 0x02, 0, 0, NULL, 48);
	put_hdr(buf, 1, (uint32_t)n - 8);
	assert_printed(PR_IN_READ_FULL_STATUS, buf, n,
		       "  PR generation=0x1 \n"
		       "   Key = 0x1\n"
		       "      All target ports bit clear\n"
		       "      Relative port address: 0x10\n"
		       "      not reservation holder\n"
		       "   FCP-2         00 00 00 00 00 00 00 00\n"
		       "   Key = 0x2\n"
		       "      All target ports bit set\n"
		       "      << Reservation holder >>\n"
		       "      scope: 2  type: Write Exclusive, registrants only\n"
		       "   SAS  [Unexpected format code: 1]\n"
		       "        50 01 43 80 12 34 56 78\n"
		       "   Key = 0x3\n"
		       "      All target ports bit set\n"
		       "      not reservation holder\n"
		       "   SAS  [Unexpected format code: 1]\n"
		       "        50 01 43 80 12 34 56 78\n"
		       "   Key = 0x4\n"
		       "      All target ports bit set\n"
		       "      not reservation holder\n"
		       "   SAS         50 01 43 80 12 34 56 78\n", "");
}

static void test_full_status_iscsi_odd(void **state)
{
	/* format code 2: the 256-byte name dumped in rows without newlines,
	 * the next descriptor's text straight after */
	static const uint8_t tid[24] = { 0x85, 0, 0, 20, 'i', 'q', 'n', '.',
					 'x' };
	static const uint8_t longer[28] = { 0x05, 0, 0, 24, 'i', 'q', 'n', '.',
					    'l', 'o', 'n', 'g', 'e', 'r' };
	static const uint8_t wwui[24] = { 0x45, 0, 0, 20, 'i', 'q', 'n', '.',
					  'a', ',', 'i', ',', '0', 'x', '1' };
	struct strbuf exp = STRBUF_INIT;
	uint8_t buf[256];
	size_t n = 8;
	int i;

	(void)state;
	n += put_desc(buf + n, 1, 0, 0, 0, tid, 24);
	n += put_desc(buf + n, 2, 0, 0, 0, wwui, 24);
	put_hdr(buf, 1, (uint32_t)n - 8);
	assert_true(strbuf_append(&exp, "  PR generation=0x1 \n"
				  "   Key = 0x1\n"
				  "      All target ports bit clear\n"
				  "      Relative port address: 0x0\n"
				  "      not reservation holder\n"
				  "   iSCSI   [Unexpected format code: 2]\n") > 0);
	assert_true(strbuf_printf(&exp, "%-76s",
				  "        69 71 6e 2e 78 00 00 00  00 00 00 00 00 00 00 00") > 0);
	for (i = 1; i < 16; i++)
		assert_true(strbuf_printf(&exp, "%-76s",
					  "        00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00") > 0);
	assert_true(strbuf_append(&exp, "   Key = 0x2\n"
				  "      All target ports bit clear\n"
				  "      Relative port address: 0x0\n"
				  "      not reservation holder\n"
				  "   iSCSI world wide unique port id: iqn.a,i,0x1\n") > 0);
	assert_printed(PR_IN_READ_FULL_STATUS, buf, n, strbuf_str(&exp), "");
	strbuf_free(&exp);

	/* a shorter name after a longer one: its NUL ends it */
	n = 8;
	n += put_desc(buf + n, 1, 0, 0, 0, longer, 28);
	n += put_desc(buf + n, 2, 0, 0, 0, wwui, 24);
	put_hdr(buf, 1, (uint32_t)n - 8);
	assert_printed(PR_IN_READ_FULL_STATUS, buf, n,
		       "  PR generation=0x1 \n"
		       "   Key = 0x1\n"
		       "      All target ports bit clear\n"
		       "      Relative port address: 0x0\n"
		       "      not reservation holder\n"
		       "   iSCSI name: iqn.longer\n"
		       "   Key = 0x2\n"
		       "      All target ports bit clear\n"
		       "      Relative port address: 0x0\n"
		       "      not reservation holder\n"
		       "   iSCSI world wide unique port id: iqn.a,i,0x1\n", "");
}

static void test_full_status_malformed(void **state)
{
	struct pr_fullstatus fs;
	uint8_t buf[128];
	uint8_t fc[24] = { 0 };

	(void)state;
	/* a TransportID running past the additional length */
	put_desc(buf + 8, 1, 0, 0, 0, fc, 24);
	buf[8 + 23] = 25;
	put_hdr(buf, 1, 48);
	assert_int_equal(pr_fullstatus_decode(buf, 56, &fs), -EBADMSG);
	assert_malformed(PR_IN_READ_FULL_STATUS, buf, 56);
	/* ... even when the reply was cut */
	assert_int_equal(pr_fullstatus_decode(buf, 40, &fs), -EBADMSG);
	/* a huge TransportID length */
	memset(buf + 8 + 20, 0xff, 4);
	assert_malformed(PR_IN_READ_FULL_STATUS, buf, 56);
	/* an additional length that ends inside a descriptor */
	put_desc(buf + 8, 1, 0, 0, 0, fc, 24);
	put_hdr(buf, 1, 50);
	assert_malformed(PR_IN_READ_FULL_STATUS, buf, 58);
	put_hdr(buf, 1, 20);
	assert_malformed(PR_IN_READ_FULL_STATUS, buf, 58);
	assert_malformed(PR_IN_READ_FULL_STATUS, buf, 7);
	assert_malformed(PR_IN_READ_FULL_STATUS, buf, 0);
}

static void test_print_misc(void **state)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	(void)state;
	assert_int_equal(pr_print_reply(&out, &err, 4, keys2, sizeof(keys2)),
			 -EINVAL);
	assert_int_equal(pr_print_reply(&out, &err, -1, keys2, sizeof(keys2)),
			 -EINVAL);
	/* what out held stays; a malformed reply adds nothing */
	assert_true(strbuf_append(&out, "before\n") > 0);
	assert_int_equal(pr_print_reply(&out, &err, PR_IN_READ_KEYS, keys2, 3),
			 -EBADMSG);
	assert_string_equal(strbuf_str(&out), "before\n");
	assert_int_equal(pr_print_reply(&out, &err, PR_IN_READ_KEYS, keys2,
					sizeof(keys2)), 0);
	assert_string_equal(strbuf_str(&out),
			    "before\n  PR generation=0x5, \t2 registered reservation keys follow:\n"
			    "    0x123abc\n    0xffffffffffffffff\n");
	strbuf_free(&out);
	strbuf_free(&err);
}

static void test_hex(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	uint8_t b[40];
	char row[80];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)i;
	assert_int_equal(pr_print_hex(&sb, b, 0, false), 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(pr_print_hex(&sb, b, 8, false), 0);
	assert_string_equal(strbuf_str(&sb), "        00 01 02 03 04 05 06 07\n");
	strbuf_reset(&sb);
	assert_int_equal(pr_print_hex(&sb, b, 9, true), 0);
	assert_string_equal(strbuf_str(&sb),
			    "        00 01 02 03 04 05 06 07  08\n");
	strbuf_reset(&sb);

	/* a full row: 76 characters, no newline on stdout */
	snprintf(row, sizeof(row), "%-76s",
		 "        00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f");
	assert_int_equal(pr_print_hex(&sb, b, 16, false), 0);
	assert_int_equal(strbuf_len(&sb), 76);
	assert_string_equal(strbuf_str(&sb), row);
	strbuf_reset(&sb);
	assert_int_equal(pr_print_hex(&sb, b, 20, false), 0);
	assert_int_equal(strbuf_len(&sb), 76 + 20);
	assert_memory_equal(strbuf_str(&sb), row, 76);
	assert_string_equal(strbuf_str(&sb) + 76, "        10 11 12 13\n");
	strbuf_reset(&sb);

	/* logged: one line per row */
	assert_int_equal(pr_print_hex(&sb, b, 33, true), 0);
	assert_int_equal(strbuf_len(&sb), 77 + 77 + 11);
	assert_memory_equal(strbuf_str(&sb), row, 76);
	assert_int_equal(strbuf_str(&sb)[76], '\n');
	snprintf(row, sizeof(row), "%-76s\n",
		 "        10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f");
	assert_memory_equal(strbuf_str(&sb) + 77, row, 77);
	assert_string_equal(strbuf_str(&sb) + 154, "        20\n");
	strbuf_reset(&sb);
	assert_int_equal(pr_print_hex(&sb, b, 32, true), 0);
	assert_int_equal(strbuf_len(&sb), 154);
	assert_int_equal(pr_print_hex(&sb, NULL, 1, true), -EINVAL);
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cdbs),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_status_sg),
		cmocka_unit_test(test_tid_fc_sas),
		cmocka_unit_test(test_tid_iscsi),
		cmocka_unit_test(test_prout_params),
		cmocka_unit_test(test_prout_move),
		cmocka_unit_test(test_read_keys),
		cmocka_unit_test(test_read_reservation),
		cmocka_unit_test(test_report_caps),
		cmocka_unit_test(test_full_status),
		cmocka_unit_test(test_full_status_tids),
		cmocka_unit_test(test_full_status_iscsi_odd),
		cmocka_unit_test(test_full_status_malformed),
		cmocka_unit_test(test_print_misc),
		cmocka_unit_test(test_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
