/* prio: the prioritizers' decoders of device answers (well-formed,
 * truncated and lying buffers), their state -> priority tables, prio_args
 * parsing, path_latency's arithmetic, and the choice of a prioritizer
 * (detect_prio and precedence) for fake paths on fake sysfs trees. The
 * numbers are those of multipath-tools 0.9.4. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "config/hwtable.h"
#include "discovery/pathinfo.h"
#include "discovery/sgio.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "testutil.h"
#include "util/file.h"
#include "util/log.h"

/* ---- fake sysfs ---------------------------------------------------------- */

static void put(const char *root, const char *rel, const void *data,
		size_t len)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(file_write_atomic(path, data, len, 0644), 0);
}

static void puts_(const char *root, const char *rel, const char *text)
{
	put(root, rel, text, strlen(text));
}

static void link_(const char *root, const char *target, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(symlink(target, path), 0);
}

struct fx {
	char *root;
	struct config *conf;
	struct discovery d;
	struct path *pp;
};

/* A SCSI path "sdprio" (no such node in /dev: commands to it fail) whose
 * device directory is devices/<tree>/<hcil>. */
static void fake_disk(struct fx *f, const char *tree, const char *hcil)
{
	char rel[512], target[1024];

	snprintf(rel, sizeof(rel), "devices/%s/%s/state", tree, hcil);
	puts_(f->root, rel, "running\n");
	snprintf(target, sizeof(target), "%s/devices/%s/%s", f->root, tree,
		 hcil);
	link_(f->root, target, "class/block/sdprio/device");
}

static void dev_attr(struct fx *f, const char *attr, const char *value)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "class/block/sdprio/device/%s", attr);
	puts_(f->root, rel, value);
}

static void use_config(struct fx *f, const char *text)
{
	config_free(f->conf);
	f->conf = config_from_string(text, "test.conf");
	f->d.conf = f->conf;
	f->pp->n_hwe = hwtable_find(f->conf, f->pp->vendor, f->pp->product,
				    f->pp->rev, f->pp->hwe, PATH_MAX_HWES);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->root = make_temp_dir();
	f->d.sysfs_root = f->root;
	f->pp = path_new();
	strcpy(f->pp->dev, "sdprio");
	strcpy(f->pp->vendor, "ACME");
	strcpy(f->pp->product, "Box");
	f->pp->bus = BUS_SCSI;
	f->pp->hcil = (struct hcil){ 3, 0, 2, 7 };
	f->pp->has_hcil = true;
	fake_disk(f, "platform/host3/target3:0:2", "3:0:2:7");
	link_(f->root, "../class/block/sdprio", "block/sdprio");
	use_config(f, "");
	log_capture_start(3);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	log_capture_stop();
	remove_tree(f->root);
	free(f->root);
	path_free(f->pp);
	config_free(f->conf);
	free(f);
	return 0;
}

static int run(struct fx *f, const struct prio_ops *ops, const char *args)
{
	struct prio_ctx ctx;

	prio_ctx_init(&ctx, &f->d, f->pp);
	ctx.ops = ops;
	ctx.args = args;
	ctx.timeout_ms = 1000;
	return ops->getprio(&ctx);
}

static const char *selected(struct fx *f, const char **args,
			    enum prop_origin *o)
{
	const struct prio_ops *ops = prio_select(&f->d, f->pp, args, o);

	return ops ? ops->name : "(none)";
}

/* ---- alua ---------------------------------------------------------------- */

/* RTPG data: header + descriptors, each given as tpg, state byte, ports. */
struct rtpg {
	uint8_t b[512];
	size_t len;
};

static void rtpg_start(struct rtpg *r)
{
	memset(r, 0, sizeof(*r));
	r->len = 4;
}

static void rtpg_group(struct rtpg *r, unsigned int tpg, uint8_t aas,
		       unsigned int ports)
{
	uint8_t *d = r->b + r->len;
	unsigned int i;

	d[0] = aas;
	d[1] = 0x8f;		/* supported states */
	d[2] = tpg >> 8;
	d[3] = tpg & 0xff;
	d[7] = ports;
	for (i = 0; i < ports; i++)
		d[8 + 4 * i + 3] = i + 1;	/* relative port ids */
	r->len += 8 + 4 * ports;
	r->b[0] = r->b[1] = 0;
	r->b[2] = (r->len - 4) >> 8;
	r->b[3] = (r->len - 4) & 0xff;
}

static void test_rtpg_decode(void **state)
{
	struct rtpg r;

	(void)state;
	rtpg_start(&r);
	rtpg_group(&r, 1, ALUA_OPTIMIZED, 2);
	rtpg_group(&r, 2, ALUA_PREF_BIT | ALUA_STANDBY, 1);
	rtpg_group(&r, 0x1234, ALUA_NON_OPTIMIZED | 0x70, 0);
	assert_int_equal(rtpg_group_state(r.b, r.len, 1), ALUA_OPTIMIZED);
	assert_int_equal(rtpg_group_state(r.b, r.len, 2), 0x82);
	/* reserved bits 4-6 are not part of the state */
	assert_int_equal(rtpg_group_state(r.b, r.len, 0x1234), 0x01);
	assert_int_equal(rtpg_group_state(r.b, r.len, 3), -ENOENT);
	/* the first of two descriptors of one group wins */
	rtpg_group(&r, 1, ALUA_UNAVAILABLE, 0);
	assert_int_equal(rtpg_group_state(r.b, r.len, 1), ALUA_OPTIMIZED);
	/* no header, an empty list */
	assert_int_equal(rtpg_group_state(r.b, 3, 1), -EINVAL);
	assert_int_equal(rtpg_group_state(r.b, 0, 1), -EINVAL);
	rtpg_start(&r);
	assert_int_equal(rtpg_group_state(r.b, r.len, 0), -ENOENT);
}

static void test_rtpg_untrusted(void **state)
{
	struct rtpg r;

	(void)state;
	rtpg_start(&r);
	rtpg_group(&r, 1, ALUA_OPTIMIZED, 2);
	rtpg_group(&r, 2, ALUA_STANDBY, 0);
	/* the buffer ends inside the second descriptor */
	assert_int_equal(rtpg_group_state(r.b, r.len - 1, 2), -ENOENT);
	assert_int_equal(rtpg_group_state(r.b, r.len - 1, 1), ALUA_OPTIMIZED);
	/* the header claims more than the buffer holds */
	r.b[0] = 0xff;
	assert_int_equal(rtpg_group_state(r.b, r.len, 2), ALUA_STANDBY);
	/* ... or less: groups past its length do not count */
	r.b[0] = 0;
	r.b[3] = 8 + 8;
	assert_int_equal(rtpg_group_state(r.b, r.len, 1), ALUA_OPTIMIZED);
	assert_int_equal(rtpg_group_state(r.b, r.len, 2), -ENOENT);
	/* a port count running past the end hides what follows */
	rtpg_start(&r);
	rtpg_group(&r, 1, ALUA_OPTIMIZED, 0);
	rtpg_group(&r, 2, ALUA_STANDBY, 0);
	r.b[4 + 7] = 200;
	assert_int_equal(rtpg_group_state(r.b, r.len, 1), ALUA_OPTIMIZED);
	assert_int_equal(rtpg_group_state(r.b, r.len, 2), -ENOENT);
	r.b[4 + 7] = 255;
	r.b[0] = r.b[1] = r.b[2] = r.b[3] = 0xff;
	assert_int_equal(rtpg_group_state(r.b, r.len, 2), -ENOENT);
}

static void test_alua_priorities(void **state)
{
	static const struct {
		int aas;
		bool excl;
		int prio;
	} t[] = {
		{ ALUA_OPTIMIZED, false, 50 },
		{ ALUA_NON_OPTIMIZED, false, 10 },
		{ ALUA_STANDBY, false, 1 },
		{ ALUA_UNAVAILABLE, false, 0 },
		{ ALUA_LBA_DEPENDENT, false, 5 },
		{ 0x5, false, 0 },	/* reserved */
		{ ALUA_OFFLINE, false, 0 },
		{ ALUA_TRANSITIONING, false, 0 },
		/* the preferred bit: +80, on an optimized group only with
		 * exclusive_pref_bit */
		{ 0x80 | ALUA_OPTIMIZED, false, 50 },
		{ 0x80 | ALUA_OPTIMIZED, true, 130 },
		{ ALUA_OPTIMIZED, true, 50 },
		{ 0x80 | ALUA_NON_OPTIMIZED, false, 90 },
		{ 0x80 | ALUA_NON_OPTIMIZED, true, 90 },
		{ 0x80 | ALUA_STANDBY, false, 81 },
		{ 0x80 | ALUA_LBA_DEPENDENT, false, 85 },
		{ 0x80 | ALUA_UNAVAILABLE, false, 80 },
		{ 0x80 | ALUA_TRANSITIONING, false, 80 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(t); i++)
		assert_int_equal(alua_aas_prio(t[i].aas, t[i].excl), t[i].prio);
	assert_string_equal(alua_aas_name(0x81), "active/non-optimized");
	assert_string_equal(alua_aas_name(0x4), "logical block dependent");
	assert_string_equal(alua_aas_name(0x7), "ARRAY BUG: invalid TPGs state!");
	assert_string_equal(alua_aas_name(0x1e), "ARRAY BUG: invalid TPGs state!");

	assert_int_equal(alua_state_prio("active/optimized"), 50);
	assert_int_equal(alua_state_prio("active/non-optimized"), 10);
	assert_int_equal(alua_state_prio("lba-dependent"), 5);
	assert_int_equal(alua_state_prio("standby"), 1);
	assert_int_equal(alua_state_prio("unavailable"), 0);
	assert_int_equal(alua_state_prio("transitioning"), 0);
	assert_int_equal(alua_state_prio("offline"), 0);
	assert_int_equal(alua_state_prio(""), 0);
	/* names match as prefixes, as the reference compares them */
	assert_int_equal(alua_state_prio("standby (implicit)"), 1);
}

static void test_exclusive_pref_arg(void **state)
{
	(void)state;
	assert_true(prio_args_exclusive_pref("exclusive_pref_bit"));
	assert_true(prio_args_exclusive_pref(" exclusive_pref_bit"));
	assert_true(prio_args_exclusive_pref("x\texclusive_pref_bit y"));
	assert_false(prio_args_exclusive_pref(""));
	assert_false(prio_args_exclusive_pref("exclusive_pref_bits"));
	assert_false(prio_args_exclusive_pref("no_exclusive_pref_bit"));
	assert_false(prio_args_exclusive_pref("exclusive_pref"));
	/* the first occurrence decides */
	assert_false(prio_args_exclusive_pref("xexclusive_pref_bit exclusive_pref_bit"));
}

/* ---- sysfs --------------------------------------------------------------- */

static void test_sysfs_prio(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, &prio_sysfs, ""), -ENXIO);
	dev_attr(f, "access_state", "active/non-optimized\n");
	assert_int_equal(run(f, &prio_sysfs, ""), 10);
	dev_attr(f, "preferred_path", "1\n");
	assert_int_equal(run(f, &prio_sysfs, ""), 90);
	dev_attr(f, "access_state", "active/optimized\n");
	assert_int_equal(run(f, &prio_sysfs, ""), 50);
	assert_int_equal(run(f, &prio_sysfs, "exclusive_pref_bit"), 130);
	dev_attr(f, "preferred_path", "0\n");
	assert_int_equal(run(f, &prio_sysfs, "exclusive_pref_bit"), 50);
	dev_attr(f, "preferred_path", "junk\n");
	dev_attr(f, "access_state", "standby\n");
	assert_int_equal(run(f, &prio_sysfs, ""), 1);
	dev_attr(f, "preferred_path", "0x1\n");
	assert_int_equal(run(f, &prio_sysfs, ""), 81);
	dev_attr(f, "access_state", "unavailable\n");
	assert_int_equal(run(f, &prio_sysfs, ""), 80);
}

/* ---- ana ----------------------------------------------------------------- */

static void le32put(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

struct analog {
	uint8_t b[1024];
	size_t len;
};

static void ana_start(struct analog *l)
{
	memset(l, 0, sizeof(*l));
	l->len = 16;
}

static void ana_group(struct analog *l, uint32_t grpid, uint8_t state,
		      const uint32_t *nsids, uint32_t n)
{
	uint8_t *d = l->b + l->len;
	uint32_t i;

	le32put(d, grpid);
	le32put(d + 4, n);
	d[16] = state;
	for (i = 0; i < n; i++)
		le32put(d + 32 + 4 * i, nsids[i]);
	l->len += 32 + 4 * n;
	l->b[8]++;
}

static void test_ana_decode(void **state)
{
	static const uint32_t ns_a[] = { 1, 2 }, ns_b[] = { 7 };
	uint8_t id[NVME_IDENTIFY_LEN] = { 0 };
	struct ana_caps caps;
	struct analog l;
	uint32_t grpid = 0;

	(void)state;
	/* Identify Controller: CMIC bit 3, ANACAP bit 6, NANAGRPID, MNAN */
	id[76] = 0x08 | 0x02;
	id[343] = 0x40;
	le32put(id + 348, 4);
	le32put(id + 540, 1024);
	assert_int_equal(ana_ctrl_caps(id, sizeof(id), &caps), 0);
	assert_true(caps.ana);
	assert_true(caps.grpid_const);
	assert_int_equal(caps.nanagrpid, 4);
	assert_int_equal(caps.mnan, 1024);
	assert_int_equal(ana_log_size(&caps, true, 1 << 20), 16 + 4 * 32);
	assert_int_equal(ana_log_size(&caps, false, 1 << 20),
			 16 + 4 * 32 + 4096);
	id[76] = 0x02;
	assert_int_equal(ana_ctrl_caps(id, sizeof(id), &caps), 0);
	assert_false(caps.ana);
	assert_int_equal(ana_ctrl_caps(id, 543, &caps), -EINVAL);
	/* huge counts are capped, to a multiple of 4 */
	caps.nanagrpid = caps.mnan = 0xffffffff;
	assert_int_equal(ana_log_size(&caps, false, 4099), 4096);
	/* Identify Namespace: ANAGRPID */
	le32put(id + 92, 0x2a);
	assert_int_equal(ana_ns_grpid(id, sizeof(id), &grpid), 0);
	assert_int_equal(grpid, 0x2a);
	assert_int_equal(ana_ns_grpid(id, 95, &grpid), -EINVAL);

	ana_start(&l);
	ana_group(&l, 1, ANA_OPTIMIZED, ns_a, 2);
	ana_group(&l, 2, ANA_INACCESSIBLE, ns_b, 1);
	ana_group(&l, 3, ANA_CHANGE, NULL, 0);
	assert_int_equal(ana_log_state(l.b, l.len, 2, 0), ANA_OPTIMIZED);
	assert_int_equal(ana_log_state(l.b, l.len, 7, 0), ANA_INACCESSIBLE);
	assert_int_equal(ana_log_state(l.b, l.len, 9, 0), -ENOENT);
	/* by group id (a log of groups only, RGO) */
	assert_int_equal(ana_log_state(l.b, l.len, 9, 3), ANA_CHANGE);
	assert_int_equal(ana_log_state(l.b, l.len, 9, 4), -ENOENT);
	/* untrusted counts */
	assert_int_equal(ana_log_state(l.b, 15, 1, 0), -EINVAL);
	assert_int_equal(ana_log_state(l.b, l.len - 1, 9, 0), -EOVERFLOW);
	assert_int_equal(ana_log_state(l.b, 16 + 32 + 4, 2, 0), -EOVERFLOW);
	l.b[8] = 0xff;
	l.b[9] = 0xff;
	assert_int_equal(ana_log_state(l.b, l.len, 9, 0), -EOVERFLOW);
	assert_int_equal(ana_log_state(l.b, l.len, 7, 0), ANA_INACCESSIBLE);
	le32put(l.b + 16 + 4, 0xffffffff);
	assert_int_equal(ana_log_state(l.b, l.len, 7, 0), -EOVERFLOW);
	le32put(l.b + 16 + 4, 0x40000001);
	assert_int_equal(ana_log_state(l.b, l.len, 7, 0), -EOVERFLOW);
}

static void test_ana_priorities(void **state)
{
	(void)state;
	assert_int_equal(ana_state_prio(ANA_OPTIMIZED), 50);
	assert_int_equal(ana_state_prio(ANA_NON_OPTIMIZED), 10);
	assert_int_equal(ana_state_prio(ANA_INACCESSIBLE), 1);
	assert_int_equal(ana_state_prio(ANA_PERSISTENT_LOSS), 0);
	assert_int_equal(ana_state_prio(ANA_CHANGE), 1);
	assert_int_equal(ana_state_prio(0), -EINVAL);
	assert_int_equal(ana_state_prio(5), -EINVAL);
	assert_int_equal(ana_state_prio(0x11), -EINVAL);
	assert_string_equal(ana_state_name(ANA_CHANGE), "ANA Change state");
	assert_string_equal(ana_state_name(9), "invalid ANA state");
}

/* ---- datacore, iet ------------------------------------------------------- */

static void test_datacore(void **state)
{
	char sds[DATACORE_SDS_SIZE], longarg[400];
	uint8_t inq[255] = { 0 };
	int t = 0;

	(void)state;
	assert_int_equal(datacore_parse_args("preferredsds=SDS1", sds, &t), 0);
	assert_string_equal(sds, "SDS1");
	assert_int_equal(t, 2000);
	assert_int_equal(datacore_parse_args("preferredsds=SDS2 timeout=600",
					     sds, &t), 0);
	assert_string_equal(sds, "SDS2");
	assert_int_equal(t, 600);
	assert_int_equal(datacore_parse_args("timeout=0x4e20 preferredsds=B2",
					     sds, &t), 0);
	assert_int_equal(t, 20000);
	assert_int_equal(datacore_parse_args("timeout=499 preferredsds=B2",
					     sds, &t), -EINVAL);
	assert_int_equal(datacore_parse_args("timeout=20001 preferredsds=B2",
					     sds, &t), -EINVAL);
	assert_int_equal(datacore_parse_args("preferredsds=B", sds, &t),
			 -EINVAL);
	assert_int_equal(datacore_parse_args("", sds, &t), -EINVAL);
	assert_int_equal(datacore_parse_args("sds=B2", sds, &t), -EINVAL);
	/* a name longer than the reference's buffer is cut, not overrun */
	strcpy(longarg, "preferredsds=");
	memset(longarg + 13, 'n', 300);
	longarg[313] = '\0';
	assert_int_equal(datacore_parse_args(longarg, sds, &t), 0);
	assert_int_equal(strlen(sds), DATACORE_SDS_SIZE - 1);

	memcpy(inq + 112, "DCS-NODE-B2", 11);
	assert_int_equal(datacore_inquiry_prio(inq, sizeof(inq), "B2"), 1);
	assert_int_equal(datacore_inquiry_prio(inq, sizeof(inq), "B3"), 0);
	/* the name is 16 bytes at most, and ends at a NUL */
	memcpy(inq + 112, "0123456789abcdefXYZ", 19);
	assert_int_equal(datacore_inquiry_prio(inq, sizeof(inq), "fX"), 0);
	assert_int_equal(datacore_inquiry_prio(inq, sizeof(inq), "ef"), 1);
	inq[113] = '\0';
	assert_int_equal(datacore_inquiry_prio(inq, sizeof(inq), "23"), 0);
	assert_int_equal(datacore_inquiry_prio(inq, 120, "ef"), 0);
	assert_int_equal(datacore_inquiry_prio(inq, 0, "ef"), 0);
}

static void test_iet(void **state)
{
	char ip[IET_IP_SIZE];

	(void)state;
	assert_int_equal(iet_parse_args("preferredip=10.0.0.1", ip), 0);
	assert_string_equal(ip, "10.0.0.1");
	assert_int_equal(iet_parse_args("preferredip=1.2.3.4", ip), -EINVAL);
	assert_int_equal(iet_parse_args("preferredip=", ip), -EINVAL);
	assert_int_equal(iet_parse_args("ip=10.0.0.1", ip), -EINVAL);
	assert_int_equal(iet_parse_args("", ip), -EINVAL);

	assert_true(iet_address_matches("10.0.0.1", "10.0.0.1"));
	assert_false(iet_address_matches("10.0.0.2", "10.0.0.1"));
	assert_false(iet_address_matches("fe80::1", "10.0.0.1"));
	assert_false(iet_address_matches("", "10.0.0.1"));
	/* the reference compares the found address as a prefix */
	assert_true(iet_address_matches("10.0.0.1", "10.0.0.12"));
	/* the leftmost dotted quad, of 1-3 digit parts */
	assert_true(iet_address_matches("ip-192.168.1.5:3260", "192.168.1.5"));
	assert_true(iet_address_matches("1234.5.6.7", "234.5.6.7"));
	assert_true(iet_address_matches("1.2.3.4567", "1.2.3.456"));
	assert_false(iet_address_matches("1.2.3", "1.2.3.4"));
}

static void test_iet_getprio(void **state)
{
	struct fx *f = *state;
	char target[1024];

	/* not iSCSI: the low priority; no args: 0 */
	assert_int_equal(run(f, &prio_iet, "preferredip=10.1.1.1"), 10);
	assert_int_equal(run(f, &prio_iet, ""), 0);
	assert_int_equal(run(f, &prio_iet, "preferredip=1.1.1.1"), 0);
	/* an iSCSI session 7 on host 4 */
	unlink(strcat(strcpy(target, f->root), "/class/block/sdprio/device"));
	fake_disk(f, "platform/host4/session7/target4:0:0", "4:0:0:1");
	puts_(f->root,
	      "class/iscsi_connection/connection7:0/persistent_address",
	      "10.1.1.1\n");
	assert_int_equal(run(f, &prio_iet, "preferredip=10.1.1.1"), 20);
	assert_int_equal(run(f, &prio_iet, "preferredip=10.1.1.2"), 10);
}

/* ---- vendor pages -------------------------------------------------------- */

static void test_emc(void **state)
{
	uint8_t pg[128] = { 0 };

	(void)state;
	pg[1] = 0xc0;
	pg[4] = 2;		/* owned */
	pg[5] = 1;		/* current SP B */
	pg[8] = 1;		/* default SP B */
	pg[27] = 0x03;
	pg[28] = 0x04;		/* failover mode 1 */
	pg[30] = 0x04;		/* arraycommpath */
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), 4);
	pg[8] = 0;
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), 2);
	pg[4] = 1;
	pg[28] = 0x06;		/* ALUA failover mode */
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), 1);
	pg[28] = 0x05;
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), -ENXIO);
	pg[28] = 0x04;
	pg[30] = 0;
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), -ENXIO);
	pg[30] = 0x04;
	pg[27] = 0x01;
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), -ENXIO);
	pg[27] = 0x03;
	pg[48] = 1;
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), -EBUSY);
	pg[48] = 0;
	pg[9] = 1;		/* page revision */
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), -EINVAL);
	pg[9] = 0;
	pg[1] = 0xc1;
	assert_int_equal(emc_c0_prio(pg, sizeof(pg)), -EINVAL);
	pg[1] = 0xc0;
	assert_int_equal(emc_c0_prio(pg, 48), -EINVAL);
	assert_int_equal(emc_c0_prio(pg, 49), 1);
}

static void test_hds(void **state)
{
	static const struct {
		char ldev, ctrl;
		int prio;
	} t[] = {
		{ '0', '0', 1 }, { 'A', '2', 1 }, { 'E', '8', 1 },
		{ '1', '1', 1 }, { 'F', '9', 1 }, { 'B', '3', 1 },
		{ '1', '0', 0 }, { 'D', '6', 0 }, { '2', '1', 0 },
		{ 'C', '7', 0 },
		{ 'a', '0', -EINVAL }, { 'G', '0', -EINVAL },
		{ '0', 'A', -EINVAL }, { '0', ' ', -EINVAL },
	};
	uint8_t inq[255] = { 0 };
	size_t i;

	(void)state;
	memcpy(inq + 8, "HITACHI DF600F          ", 24);
	memcpy(inq + 40, "0105", 4);
	memcpy(inq + 44, "00C", 3);
	inq[50] = 'B';
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		inq[47] = (uint8_t)t[i].ldev;
		inq[49] = (uint8_t)t[i].ctrl;
		assert_int_equal(hds_inquiry_prio(inq, sizeof(inq)), t[i].prio);
	}
	inq[47] = '0';
	inq[49] = '0';
	assert_int_equal(hds_inquiry_prio(inq, 49), -EINVAL);
	assert_int_equal(hds_inquiry_prio(inq, 50), 1);
	/* an LDEV string ending before its 4th digit */
	inq[45] = '\0';
	assert_int_equal(hds_inquiry_prio(inq, sizeof(inq)), -EINVAL);
}

static void test_hp_sw(void **state)
{
	struct sg_result res = { 0 };

	(void)state;
	assert_int_equal(hp_sw_tur_prio(0, &res), HP_SW_ACTIVE);
	assert_int_equal(hp_sw_tur_prio(-EIO, &res), HP_SW_FAILED);
	assert_int_equal(hp_sw_tur_prio(-ETIMEDOUT, &res), HP_SW_FAILED);
	res.have_sense = true;
	res.sense = (struct scsi_sense){ .key = SENSE_NOT_READY, .asc = 0x04,
					 .ascq = 0x02 };
	assert_int_equal(hp_sw_tur_prio(-EIO, &res), HP_SW_STANDBY);
	res.sense.ascq = 0x0b;
	assert_int_equal(hp_sw_tur_prio(-EIO, &res), HP_SW_FAILED);
	res.sense = (struct scsi_sense){ .key = SENSE_UNIT_ATTENTION,
					 .asc = 0x29 };
	assert_int_equal(hp_sw_tur_prio(-EIO, &res), -EAGAIN);
	res.sense.asc = 0x2a;
	assert_int_equal(hp_sw_tur_prio(-EIO, &res), HP_SW_FAILED);
	res.sense = (struct scsi_sense){ .key = SENSE_MEDIUM_ERROR };
	assert_int_equal(hp_sw_tur_prio(-EIO, &res), HP_SW_FAILED);
}

static void test_ontap(void **state)
{
	uint8_t r[256] = { 0 };

	(void)state;
	/* GET VOLUME ATTRIBUTES */
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), -EINVAL);
	r[4] = 0x0a;
	r[5] = 0x98;
	r[6] = 0x0a;
	r[7] = 0x01;
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), 0);	/* length 0 */
	r[3] = 40;
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), 0);	/* page 0 */
	r[8] = 0x41;
	memcpy(r + 12, "ism_sw", 6);
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), 2);
	memcpy(r + 12, "iswt", 4);
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), 2);
	memcpy(r + 12, "ism_sn", 6);
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), 3);
	assert_int_equal(ontap_gva_prio(r, 17), 0);	/* cut short */
	memcpy(r + 12, "fcp_xx", 6);
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), 0);
	assert_int_equal(ontap_gva_prio(r, 7), -EINVAL);
	r[3] = 8;
	memcpy(r + 12, "ism_sn", 6);
	assert_int_equal(ontap_gva_prio(r, sizeof(r)), 0);

	/* proxy page 0xC1 */
	memset(r, 0, sizeof(r));
	assert_int_equal(ontap_proxy_prio(r, sizeof(r)), 4);
	r[1] = 0xc1;
	r[8] = 0x0a;
	r[9] = 0x98;
	r[10] = 0x0a;
	r[12] = 0xc1;
	r[19] = 0x02;
	assert_int_equal(ontap_proxy_prio(r, sizeof(r)), 1);
	assert_int_equal(ontap_proxy_prio(r, 19), 4);
	r[19] = 0x01;
	assert_int_equal(ontap_proxy_prio(r, sizeof(r)), 4);
	r[19] = 0x02;
	r[11] = 0x01;
	assert_int_equal(ontap_proxy_prio(r, sizeof(r)), 4);
}

static void test_rdac(void **state)
{
	uint8_t pg[128] = { 0 };
	static const uint8_t pg0[] = { 0, 0, 0, 4, 0x00, 0x80, 0x83, 0xc9 };

	(void)state;
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), -EINVAL);
	pg[1] = 0xc9;
	pg[3] = 0x2c;
	memcpy(pg + 4, "vac1", 4);
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), 0);
	pg[8] = 0x01;			/* owned by this controller */
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), 2);
	pg[9] = 0x01;			/* preferred path */
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), 6);
	pg[9] = 0xf2;			/* secondary path */
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), 3);
	pg[9] = 0x03;			/* reserved */
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), 2);
	pg[8] = 0x21;			/* IO shipping */
	pg[9] = 0x01;
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), 14);
	assert_int_equal(rdac_c9_prio(pg, 9), -EINVAL);
	assert_int_equal(rdac_c9_prio(pg, 10), 14);
	pg[3] = 0x2d;
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), -EINVAL);
	pg[3] = 0x2c;
	pg[6] = 'x';
	assert_int_equal(rdac_c9_prio(pg, sizeof(pg)), -EINVAL);

	/* detect_prio's test */
	memcpy(pg + 4, "vac1", 4);
	assert_true(rdac_c9_is_vac1(pg, 8));
	assert_false(rdac_c9_is_vac1(pg, 7));
	pg[7] = '2';
	assert_false(rdac_c9_is_vac1(pg, sizeof(pg)));
	assert_true(vpd_page_listed(pg0, sizeof(pg0), 0xc9));
	assert_false(vpd_page_listed(pg0, sizeof(pg0) - 1, 0xc9));
	assert_false(vpd_page_listed(pg0, 3, 0x00));
}

/* ---- path_latency -------------------------------------------------------- */

static void test_path_latency_args(void **state)
{
	int n = 0;
	double b = 0;

	(void)state;
	assert_int_equal(path_latency_parse_args("io_num=20 base_num=10", &n,
						 &b), 0);
	assert_int_equal(n, 20);
	assert_true(b == 10.0);
	assert_int_equal(path_latency_parse_args("\tbase_num=1.5  io_num=200",
						 &n, &b), 0);
	assert_int_equal(n, 200);
	assert_true(b == 1.5);
	assert_int_equal(path_latency_parse_args("io_num=19 base_num=10", &n,
						 &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("io_num=201 base_num=10", &n,
						 &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("io_num=20 base_num=1.09", &n,
						 &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("io_num=20 base_num=10.5", &n,
						 &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("io_num=20 base_num=nan", &n,
						 &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("io_num=20", &n, &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("", &n, &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("io_num= base_num=2", &n, &b),
			 -EINVAL);
	/* only the first two words are read */
	assert_int_equal(path_latency_parse_args("x io_num=20 base_num=2", &n,
						 &b), -EINVAL);
	assert_int_equal(path_latency_parse_args("io_num=20|10", &n, &b),
			 -EINVAL);
	/* what strtoul/strtod make of the rest, as the reference */
	assert_int_equal(path_latency_parse_args("io_num=30x base_num=2y", &n,
						 &b), 0);
	assert_int_equal(n, 30);
}

static void test_path_latency_math(void **state)
{
	long long us[100];
	size_t i;

	(void)state;
	/* base 10: 1 us..100 s are 8 decades. log10(1000) is
	 * 2.9999999999999996 in double, so 1 ms is priority 5 */
	for (i = 0; i < 20; i++)
		us[i] = 1000;
	assert_int_equal(path_latency_prio(us, 20, 10.0), 5);
	for (i = 0; i < 20; i++)
		us[i] = 1;
	assert_int_equal(path_latency_prio(us, 20, 10.0), 8);
	/* zero latencies count as the fastest */
	for (i = 0; i < 20; i++)
		us[i] = 0;
	assert_int_equal(path_latency_prio(us, 20, 10.0), 8);
	for (i = 0; i < 10; i++)
		us[i] = 100;
	assert_int_equal(path_latency_prio(us, 20, 10.0), 7);
	/* beyond 100 s, and just below it */
	for (i = 0; i < 20; i++)
		us[i] = 1000000000;
	assert_int_equal(path_latency_prio(us, 20, 10.0), 0);
	for (i = 0; i < 20; i++)
		us[i] = 99999999;
	assert_int_equal(path_latency_prio(us, 20, 10.0), 0);
	/* the default base, 10^(1/4): 32 steps (31.99999999996634) */
	for (i = 0; i < 100; i++)
		us[i] = 0;
	assert_int_equal(path_latency_prio(us, 100, PL_BASE_NUM_DEF), 31);
	for (i = 0; i < 20; i++)
		us[i] = 100;
	assert_int_equal(path_latency_prio(us, 20, PL_BASE_NUM_DEF), 23);
	/* the average is of the logarithms (a geometric mean) */
	for (i = 0; i < 20; i++)
		us[i] = i % 2 ? 10 : 1000;
	assert_int_equal(path_latency_prio(us, 20, 2.0), 19);
	for (i = 0; i < 20; i++)
		us[i] = 150;
	assert_int_equal(path_latency_prio(us, 20, 1.1), 140);
	assert_int_equal(path_latency_prio(us, 0, 10.0), -EINVAL);
}

/* ---- weightedpath, random ------------------------------------------------ */

static void test_weightedpath_args(void **state)
{
	const char *rest;
	enum wp_key key;
	int prio = -1;

	(void)state;
	assert_int_equal(weightedpath_parse_key("hbtl 1:.:.:. 2", &key, &rest),
			 0);
	assert_int_equal(key, WP_HBTL);
	assert_string_equal(rest, " 1:.:.:. 2");
	assert_int_equal(weightedpath_parse_key("\t devname sda 1", &key,
						&rest), 0);
	assert_int_equal(key, WP_DEVNAME);
	assert_int_equal(weightedpath_parse_key("serial", &key, &rest), 0);
	assert_int_equal(key, WP_SERIAL);
	assert_string_equal(rest, "");
	assert_int_equal(weightedpath_parse_key("wwn .* 3", &key, &rest), 0);
	assert_int_equal(key, WP_WWN);
	assert_int_equal(weightedpath_parse_key("", &key, &rest), -ENODATA);
	assert_int_equal(weightedpath_parse_key("  \t", &key, &rest), -ENODATA);
	assert_int_equal(weightedpath_parse_key("hbt 1 2", &key, &rest),
			 -EINVAL);
	assert_int_equal(weightedpath_parse_key("hbtlx 1 2", &key, &rest),
			 -EINVAL);
	assert_int_equal(weightedpath_parse_key("HBTL 1 2", &key, &rest),
			 -EINVAL);

	assert_true(weightedpath_match(" sda 10 sdb 20", "sdb", &prio));
	assert_int_equal(prio, 20);
	/* unanchored: "sda" also matches sdaa; the first match wins */
	assert_true(weightedpath_match("sda 10 sdaa 20", "sdaa", &prio));
	assert_int_equal(prio, 10);
	assert_true(weightedpath_match("^sdaa$ 20 sda 10", "sdaa", &prio));
	assert_int_equal(prio, 20);
	assert_false(weightedpath_match("sdc 10", "sdb", &prio));
	assert_false(weightedpath_match("", "sdb", &prio));
	/* a lone regex ends the list, a bad one is skipped */
	assert_false(weightedpath_match("sdb", "sdb", &prio));
	assert_true(weightedpath_match("sd( 5 sd. 6", "sdb", &prio));
	assert_int_equal(prio, 6);
	/* numbers read like atoi() */
	assert_true(weightedpath_match("sdb 12abc", "sdb", &prio));
	assert_int_equal(prio, 12);
	assert_true(weightedpath_match("sdb x", "sdb", &prio));
	assert_int_equal(prio, 0);
	assert_true(weightedpath_match("sdb -3", "sdb", &prio));
	assert_int_equal(prio, -3);
	assert_true(weightedpath_match("3:0:.:7 40", "3:0:2:7", &prio));
	assert_int_equal(prio, 40);
}

static void test_weightedpath_getprio(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, &prio_weightedpath, ""), 0);
	assert_int_equal(run(f, &prio_weightedpath, "hbtl 3:0:2:7 9"), 9);
	assert_int_equal(run(f, &prio_weightedpath,
			     "hbtl 1:.:.:. 2 3:.:.:. 4"), 4);
	assert_int_equal(run(f, &prio_weightedpath, "hbtl 3:0:2:8 9"), 0);
	assert_int_equal(run(f, &prio_weightedpath, "devname sdp 5"), 5);
	assert_int_equal(run(f, &prio_weightedpath, "devname ^sdp$ 5"), 0);
	assert_int_equal(run(f, &prio_weightedpath, "nonsense sdp 5"), 0);
	assert_str_contains(log_captured(), "sdprio: weightedpath - Invalid arguments");
	strcpy(f->pp->serial, "0395J1FR904324");
	assert_int_equal(run(f, &prio_weightedpath, "serial .*J1FR.*324 7"), 7);
	assert_int_equal(run(f, &prio_weightedpath, "devname sdprio -2"),
			 -EINVAL);
	/* not FC: every WWN part is [undef] */
	assert_int_equal(run(f, &prio_weightedpath,
			     "wwn ^\\[undef\\]:\\[undef\\]:\\[undef\\]:\\[undef\\]$ 3"),
			 3);
	/* FC: host WWNs from fc_host, target port name from fc_transport,
	 * [unknown] where the kernel has none */
	f->pp->protocol = PROTOCOL_SCSI_FCP;
	strcpy(f->pp->tgt_node_name, "0x500a0981");
	puts_(f->root, "class/fc_host/host3/node_name", "0x200100e08ba0aea0\n");
	puts_(f->root, "class/fc_host/host3/port_name", "0x210100e08ba0aea0\n");
	assert_int_equal(run(f, &prio_weightedpath,
			     "wwn ^0x200100e08ba0aea0:0x210100e08ba0aea0:0x500a0981:\\[unknown\\]$ 11"),
			 11);
	puts_(f->root, "class/fc_transport/target3:0:2/port_name",
	      "0x500a0982\n");
	assert_int_equal(run(f, &prio_weightedpath,
			     "wwn 0x200100e08ba0aea0:0x210100e08ba0aea0:.*:0x500a0982 12"),
			 12);
}

static void test_random(void **state)
{
	struct fx *f = *state;
	int seen[11] = { 0 }, i, kinds = 0;

	for (i = 0; i < 2000; i++) {
		int p = run(f, &prio_random, "");

		assert_in_range(p, 1, 10);
		seen[p]++;
	}
	for (i = 1; i <= 10; i++)
		kinds += seen[i] > 0;
	assert_int_equal(kinds, 10);
	assert_int_equal(run(f, &prio_const, ""), 1);
}

/* ---- device I/O that cannot happen --------------------------------------- */

/* Prioritizers that need the device report an error for a path without
 * a device node, or the reference's "failed" priority. */
static void test_no_device(void **state)
{
	struct fx *f = *state;

	assert_true(run(f, &prio_alua, "") < 0);
	assert_true(run(f, &prio_emc, "") < 0);
	assert_true(run(f, &prio_hds, "") < 0);
	assert_true(run(f, &prio_ana, "") < 0);
	assert_true(run(f, &prio_path_latency, "io_num=20 base_num=10") < 0);
	assert_true(run(f, &prio_rdac, "") < 0);
	assert_true(run(f, &prio_ontap, "") < 0);
	assert_true(run(f, &prio_hp_sw, "") < 0);
	assert_int_equal(run(f, &prio_datacore, "preferredsds=XY"), 0);
	assert_int_equal(run(f, &prio_datacore, ""), 0);
	assert_int_equal(run(f, &prio_datacore, "preferredsds=X"), 0);
}

static void test_registry(void **state)
{
	static const char *const names[] = {
		"alua", "ana", "const", "datacore", "emc", "hds", "hp_sw",
		"iet", "ontap", "path_latency", "random", "rdac", "sysfs",
		"weightedpath",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		assert_non_null(prio_lookup(names[i]));
		assert_string_equal(prio_lookup(names[i])->name, names[i]);
	}
	assert_null(prio_lookup("none"));
	assert_null(prio_lookup("weighted"));
}

/* ---- selection: detect_prio and precedence ------------------------------- */

static void test_detect_alua(void **state)
{
	struct fx *f = *state;
	enum prop_origin o;
	const char *args;

	/* TPGS from the kernel's copy of the INQUIRY data */
	static const uint8_t inq_implicit[36] = { 0, 0, 6, 2, 31, 0x10 };
	static const uint8_t inq_none[36] = { 0, 0, 6, 2, 31, 0x00 };

	put(f->root, "class/block/sdprio/device/inquiry", inq_none,
	    sizeof(inq_none));
	assert_string_equal(selected(f, &args, &o), "const");
	assert_int_equal(o, ORIGIN_BUILTIN);
	assert_str_contains(log_captured(),
		"sdprio: detect_prio = yes (setting: multipath internal)");
	assert_str_contains(log_captured(),
		"sdprio: prio = const (setting: multipath internal)");

	put(f->root, "class/block/sdprio/device/inquiry", inq_implicit,
	    sizeof(inq_implicit));
	assert_string_equal(selected(f, &args, &o), "alua");
	assert_int_equal(o, ORIGIN_AUTODETECT);
	assert_string_equal(args, "");
	assert_str_contains(log_captured(),
		"sdprio: prio = alua (setting: storage device autodetected)");
	dev_attr(f, "access_state", "standby\n");
	assert_string_equal(selected(f, &args, &o), "sysfs");
	assert_int_equal(o, ORIGIN_AUTODETECT);

	/* pathinfo's TPGS wins over the file */
	f->pp->tpgs = 0;
	assert_string_equal(selected(f, &args, &o), "const");
	f->pp->tpgs = 2;
	assert_string_equal(selected(f, &args, &o), "sysfs");

	/* detection off */
	use_config(f, "defaults {\n detect_prio no\n}\n");
	assert_string_equal(selected(f, &args, &o), "const");
	assert_int_equal(o, ORIGIN_BUILTIN);
	use_config(f, "devices {\n device {\n vendor ACME\n product Box\n"
		      " detect_prio no\n prio alua\n prio_args exclusive_pref_bit\n"
		      " }\n}\n");
	assert_string_equal(selected(f, &args, &o), "alua");
	assert_int_equal(o, ORIGIN_DEVICE);
	assert_string_equal(args, "exclusive_pref_bit");
}

static void test_select_precedence(void **state)
{
	struct fx *f = *state;
	enum prop_origin o;
	const char *args;

	f->pp->tpgs = 0;	/* nothing to detect */
	strcpy(f->pp->wwid, "3600a0b80001");
	use_config(f, "defaults {\n prio random\n prio_args dflt\n}\n"
		      "overrides {\n prio weightedpath\n}\n"
		      "multipaths {\n multipath {\n wwid 3600a0b80001\n"
		      " prio iet\n prio_args preferredip=10.0.0.1\n }\n}\n");
	assert_string_equal(selected(f, &args, &o), "iet");
	assert_int_equal(o, ORIGIN_MULTIPATHS);
	assert_string_equal(args, "preferredip=10.0.0.1");
	/* overrides: args only from the overrides section */
	strcpy(f->pp->wwid, "other");
	assert_string_equal(selected(f, &args, &o), "weightedpath");
	assert_int_equal(o, ORIGIN_OVERRIDES);
	assert_string_equal(args, "");
	use_config(f, "defaults {\n prio random\n prio_args dflt\n}\n");
	assert_string_equal(selected(f, &args, &o), "random");
	assert_int_equal(o, ORIGIN_DEFAULTS);
	assert_string_equal(args, "dflt");
	assert_str_contains(log_captured(),
		"sdprio: prio args = \"dflt\" (setting: multipath.conf defaults/devices section)");
	/* devices: the name and the args each from the first entry having
	 * them (both entries match ACME Box) */
	use_config(f, "devices {\n"
		      " device {\n vendor ACME\n product B.x\n prio weightedpath\n }\n"
		      " device {\n vendor ACME\n product Box\n prio_args \"devname sdprio 42\"\n }\n"
		      "}\n");
	assert_string_equal(selected(f, &args, &o), "weightedpath");
	assert_int_equal(o, ORIGIN_DEVICE);
	assert_string_equal(args, "devname sdprio 42");
	f->pp->state = PATH_UP;
	path_get_priority(&f->d, f->pp);
	assert_string_equal(f->pp->prio_name, "weightedpath");
	assert_int_equal(f->pp->priority, 42);
	/* an unknown name */
	use_config(f, "defaults {\n prio bogus\n}\n");
	assert_null(prio_select(&f->d, f->pp, &args, &o));
	path_get_priority(&f->d, f->pp);
	assert_string_equal(f->pp->prio_name, "const");
	assert_int_equal(f->pp->priority, 1);
}

/* detect_prio beats a multipaths entry, as in the reference */
static void test_detect_beats_multipaths(void **state)
{
	struct fx *f = *state;
	enum prop_origin o;
	const char *args;

	f->pp->tpgs = 1;
	dev_attr(f, "access_state", "active/non-optimized\n");
	strcpy(f->pp->wwid, "3600a0b80001");
	use_config(f, "multipaths {\n multipath {\n wwid 3600a0b80001\n"
		      " prio const\n }\n}\n");
	assert_string_equal(selected(f, &args, &o), "sysfs");
	assert_int_equal(o, ORIGIN_AUTODETECT);
	f->pp->state = PATH_UP;
	path_get_priority(&f->d, f->pp);
	assert_int_equal(f->pp->priority, 10);
	assert_string_equal(f->pp->prio_name, "sysfs");
}

/* "alua" on a device without ALUA falls back to const, loudly */
static void test_alua_fallback(void **state)
{
	struct fx *f = *state;
	enum prop_origin o;
	const char *args;

	f->pp->tpgs = 0;
	use_config(f, "overrides {\n prio alua\n prio_args exclusive_pref_bit\n}\n");
	log_capture_start(1);
	assert_string_equal(selected(f, &args, &o), "const");
	assert_string_equal(args, "");
	assert_str_contains(log_captured(),
		"sdprio: prio = const (setting: emergency fallback - alua failed)");
}

static void test_detect_nvme(void **state)
{
	struct fx *f = *state;
	enum prop_origin o;
	const char *args;

	/* an NVMe namespace whose controller cannot be asked: like the
	 * reference, only a definite "no ANA" keeps detection out */
	strcpy(f->pp->dev, "nvmeprio0n1");
	f->pp->bus = BUS_NVME;
	assert_string_equal(selected(f, &args, &o), "ana");
	assert_int_equal(o, ORIGIN_AUTODETECT);
	f->pp->bus = BUS_CCW;
	assert_string_equal(selected(f, &args, &o), "const");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rtpg_decode),
		cmocka_unit_test(test_rtpg_untrusted),
		cmocka_unit_test(test_alua_priorities),
		cmocka_unit_test(test_exclusive_pref_arg),
		cmocka_unit_test_setup_teardown(test_sysfs_prio, setup, teardown),
		cmocka_unit_test(test_ana_decode),
		cmocka_unit_test(test_ana_priorities),
		cmocka_unit_test(test_datacore),
		cmocka_unit_test(test_iet),
		cmocka_unit_test_setup_teardown(test_iet_getprio, setup, teardown),
		cmocka_unit_test(test_emc),
		cmocka_unit_test(test_hds),
		cmocka_unit_test(test_hp_sw),
		cmocka_unit_test(test_ontap),
		cmocka_unit_test(test_rdac),
		cmocka_unit_test(test_path_latency_args),
		cmocka_unit_test(test_path_latency_math),
		cmocka_unit_test(test_weightedpath_args),
		cmocka_unit_test_setup_teardown(test_weightedpath_getprio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_device, setup, teardown),
		cmocka_unit_test(test_registry),
		cmocka_unit_test_setup_teardown(test_detect_alua, setup, teardown),
		cmocka_unit_test_setup_teardown(test_select_precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detect_beats_multipaths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alua_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detect_nvme, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
