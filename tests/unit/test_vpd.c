/* discovery/vpd: INQUIRY and VPD page decoding, and the three WWID
 * derivations. Expected strings are what the reference programs print for
 * the same bytes: multipath-tools 0.9.4 (get_vpd_sgio), systemd 252's
 * scsi_id --export --whitelisted, and sg3-utils-udev 1.46's rules on
 * sg_inq --export output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/vpd.h"
#include "testutil.h"
#include "util/cleanup.h"

/* ---- building pages ------------------------------------------------------ */

struct pg {
	uint8_t b[1024];
	size_t len;
};

static void pg_start(struct pg *p, uint8_t code)
{
	memset(p, 0, sizeof(*p));
	p->b[1] = code;
	p->len = VPD_HDR_LEN;
}

static void pg_raw(struct pg *p, const void *data, size_t n)
{
	assert_true(p->len + n <= sizeof(p->b));
	memcpy(p->b + p->len, data, n);
	p->len += n;
	p->b[2] = (p->len - VPD_HDR_LEN) >> 8;
	p->b[3] = (p->len - VPD_HDR_LEN) & 0xff;
}

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned int v;

	for (; *hex; hex++) {
		if (*hex == ' ')
			continue;
		assert_true(n < max);
		assert_int_equal(sscanf(hex, "%2x", &v), 1);
		out[n++] = v;
		hex++;
	}
	return n;
}

/* One designation descriptor: code set, association, type, identifier. */
static void pg_desig(struct pg *p, uint8_t cs, uint8_t assoc, uint8_t type,
		     const void *id, size_t n)
{
	uint8_t h[4] = { cs, (uint8_t)(assoc << 4 | type), 0, (uint8_t)n };

	pg_raw(p, h, 4);
	pg_raw(p, id, n);
}

static void pg_desig_hex(struct pg *p, uint8_t cs, uint8_t assoc, uint8_t type,
			 const char *hex)
{
	uint8_t id[255];

	pg_desig(p, cs, assoc, type, id, unhex(hex, id, sizeof(id)));
}

/* A designator list for table-driven cases: hex or text (text may hold
 * NULs, so its length is given). */
struct dspec {
	uint8_t cs, assoc, type;
	const char *hex;
	const char *text;
	size_t text_len;
};

#define HEXD(cs, assoc, type, h) { cs, assoc, type, h, NULL, 0 }
#define TXTD(cs, assoc, type, t) { cs, assoc, type, NULL, t, sizeof(t) - 1 }
#define NAA(h) HEXD(VPD_CS_BINARY, 0, VPD_DT_NAA, h)
#define EUI(h) HEXD(VPD_CS_BINARY, 0, VPD_DT_EUI64, h)
#define T10(t) TXTD(VPD_CS_ASCII, 0, VPD_DT_T10, t)
#define NAME(t) TXTD(VPD_CS_UTF8, 0, VPD_DT_NAME, t)

static void pg_build(struct pg *p, const struct dspec *d)
{
	pg_start(p, VPD_PAGE_DEVID);
	for (; d->hex || d->text; d++)
		if (d->hex)
			pg_desig_hex(p, d->cs, d->assoc, d->type, d->hex);
		else
			pg_desig(p, d->cs, d->assoc, d->type, d->text,
				 d->text_len);
}

/* ---- real devices ---------------------------------------------------------- */

/* scsi_debug (kernel 6.1, inquiry_vpd_83()), vpd_use_hostno=0, first LUN
 * (2000) on host 0: T10 ID, NAA-3 LU, relative port 1, NAA-3 target port,
 * target port group 0x100, NAA-3 target device, SCSI name of the target. */
static const char scsi_debug_pg83[] =
	"00830070"
	"0201001c 4c696e7578202020736373695f6465627567202020202020"
	"32303030"
	"01030008 33333330000007d0"
	"61940004 00000001"
	"61930008 32222220000007ce"
	"61950004 00000100"
	"61a30008 32222220000007cd"
	"63a80018 6e61612e3332323232323230303030303037434400000000";

static const char scsi_debug_inq[] =
	"000007025b10100a" "4c696e7578202020"
	"736373695f646562756720202020202030313931";

/* QEMU scsi-hd,serial=MPATHDISK01,wwn=0x5000c50015ea71ac: the device id
 * as a vendor-specific designator, then the NAA. */
static const char qemu_pg83[] =
	"0083001b 0200000b 4d504154484449534b3031 01030008 5000c50015ea71ac";
static const char qemu_inq[] =
	"0000050200000000" "51454d5520202020" "51454d552048415244444953"
	"4b202020" "322e352b";

/* LIO (target_core_spc.c) iblock over iSCSI, unit serial
 * 378fc26a-fa7b-4f4d-ac6a-a0d23e7ff16a: NAA-6 from the serial, T10 ID
 * "LIO-ORG IBLOCK:<serial>", relative port 1, TPG 0, LU group 0, SCSI
 * names of the target port and the target. */
static const char lio_pg83[] =
	"00830104"
	"01030010 6001405378fc26afa7b4f4dac6aa0d23"
	"02010034 4c494f2d4f52472049424c4f434b3a33373866633236612d6661"
	"37622d346634642d616336612d613064323365376666313661 00"
	"51940004 00000001"
	"51950004 00000000"
	"01060004 00000000"
	"53980050 69716e2e323031302d31302e6f72672e6f70656e737461636b3a"
	"766f6c756d652d66623434373061632d653530342d343935392d39333963"
	"2d3766346232326664303762342c742c30783030303100 00"
	"53a80048 69716e2e323031302d31302e6f72672e6f70656e737461636b3a"
	"766f6c756d652d66623434373061632d653530342d343935392d39333963"
	"2d376634623232666430376234 000000";
static const char lio_inq[] =
	"000005021f300002" "4c494f2d4f524720" "49424c4f434b202020202020"
	"20202020" "342e3020";

struct dev {
	uint8_t inq[96], p80[64], p83[512];
	size_t inq_len, p80_len, p83_len;
	struct scsi_id_pages pg;
};

static void dev_load(struct dev *d, const char *inq, const char *p80,
		     const char *p83)
{
	memset(d, 0, sizeof(*d));
	d->inq_len = unhex(inq, d->inq, sizeof(d->inq));
	d->pg.inq = d->inq;
	d->pg.inq_len = d->inq_len;
	if (p80) {
		d->p80_len = unhex(p80, d->p80, sizeof(d->p80));
		d->pg.pg80 = d->p80;
		d->pg.pg80_len = d->p80_len;
	}
	if (p83) {
		d->p83_len = unhex(p83, d->p83, sizeof(d->p83));
		d->pg.pg83 = d->p83;
		d->pg.pg83_len = d->p83_len;
	}
}

static void assert_scsi_id(const struct scsi_id_pages *pg, const char *want)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	int r = vpd_wwid_scsi_id(pg, &sb);

	if (!want) {
		assert_int_equal(r, -ENODATA);
		return;
	}
	assert_int_equal(r, 0);
	assert_string_equal(strbuf_str(&sb), want);
}

static void assert_sg3(const struct scsi_id_pages *pg, const char *want)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	int r = vpd_wwid_sg3(pg, &sb);

	if (!want) {
		assert_int_equal(r, -ENODATA);
		return;
	}
	assert_int_equal(r, 0);
	assert_string_equal(strbuf_str(&sb), want);
}

static void test_scsi_debug(void **state)
{
	struct scsi_inquiry inq;
	struct vpd83_port_ids ids;
	char w[VPD_WWID_SIZE];
	struct dev d;

	dev_load(&d, scsi_debug_inq, "00800004 32303030", scsi_debug_pg83);
	assert_int_equal(d.p83_len, 116);
	assert_int_equal(scsi_inquiry_decode(d.inq, d.inq_len, &inq), 0);
	assert_string_equal(inq.vendor, "Linux");
	assert_string_equal(inq.product, "scsi_debug");
	assert_string_equal(inq.revision, "0191");
	assert_int_equal(inq.tpgs, 1);
	assert_int_equal(inq.type, 0);

	/* the reference ranks NAA locally assigned below the T10 ID */
	assert_int_equal(vpd83_wwid_multipath(d.p83, d.p83_len, w), 22);
	assert_string_equal(w, "1Linux_scsi_debug_2000");
	/* scsi_id takes any NAA first ... */
	assert_scsi_id(&d.pg, "333333330000007d0");
	/* ... but Debian's udev has sg3-utils-udev, which ranks NAA
	 * locally assigned after T10: what the reference guest shows */
	assert_sg3(&d.pg, "1Linux_scsi_debug_2000");

	assert_int_equal(vpd83_port_ids(d.p83, d.p83_len, &ids), 0);
	assert_int_equal(ids.rel_port, 1);
	assert_int_equal(ids.tpg, 0x100);
	assert_int_equal(vpd80_serial(d.p80, d.p80_len, w), 4);
	assert_string_equal(w, "2000");
}

static void test_qemu(void **state)
{
	struct scsi_inquiry inq;
	char w[VPD_WWID_SIZE];
	struct dev d;

	dev_load(&d, qemu_inq, "0080000b 4d504154484449534b3031", qemu_pg83);
	assert_int_equal(scsi_inquiry_decode(d.inq, d.inq_len, &inq), 0);
	assert_string_equal(inq.vendor, "QEMU");
	assert_string_equal(inq.product, "QEMU HARDDISK");
	assert_string_equal(inq.revision, "2.5+");
	assert_int_equal(inq.tpgs, 0);
	assert_int_equal(vpd83_wwid_multipath(d.p83, d.p83_len, w), 17);
	assert_string_equal(w, "35000c50015ea71ac");
	assert_scsi_id(&d.pg, "35000c50015ea71ac");
	assert_sg3(&d.pg, "35000c50015ea71ac");
	assert_int_equal(vpd80_serial(d.p80, d.p80_len, w), 11);
	assert_string_equal(w, "MPATHDISK01");
}

static void test_lio(void **state)
{
	static const char serial[] = "378fc26a-fa7b-4f4d-ac6a-a0d23e7ff16a";
	struct scsi_inquiry inq;
	struct vpd83_port_ids ids;
	char w[VPD_WWID_SIZE], p80[128];
	struct dev d;
	size_t i;

	/* page 0x80 holds the serial with its NUL */
	snprintf(p80, sizeof(p80), "00800025");
	for (i = 0; serial[i]; i++)
		snprintf(p80 + strlen(p80), 3, "%02x", serial[i]);
	strcat(p80, "00");
	dev_load(&d, lio_inq, p80, lio_pg83);
	assert_int_equal(scsi_inquiry_decode(d.inq, d.inq_len, &inq), 0);
	assert_string_equal(inq.vendor, "LIO-ORG");
	assert_string_equal(inq.product, "IBLOCK");
	assert_string_equal(inq.revision, "4.0");
	assert_int_equal(inq.tpgs, 3);

	/* as udev showed for such a LUN: ID_SERIAL=3<SCSI_IDENT_LUN_NAA_REGEXT> */
	assert_int_equal(vpd83_wwid_multipath(d.p83, d.p83_len, w), 33);
	assert_string_equal(w, "36001405378fc26afa7b4f4dac6aa0d23");
	assert_scsi_id(&d.pg, "36001405378fc26afa7b4f4dac6aa0d23");
	assert_sg3(&d.pg, "36001405378fc26afa7b4f4dac6aa0d23");
	assert_int_equal(vpd83_port_ids(d.p83, d.p83_len, &ids), 0);
	assert_int_equal(ids.rel_port, 1);
	assert_int_equal(ids.tpg, 0);
	assert_int_equal(vpd80_serial(d.p80, d.p80_len, w), 36);
	assert_string_equal(w, serial);
}

/* ---- the three derivations, designator by designator ---------------------- */

struct wwid_case {
	const char *name;
	struct dspec d[6];
	const char *mp;		/* NULL: mp_err */
	int mp_err;
	const char *sid;	/* with page 0x80 "2000" and scsi_debug INQUIRY */
	const char *sg3;
};

static const struct wwid_case wwid_cases[] = {
	{ "NAA IEEE Registered Extended",
	  { NAA("6006016012345678 9abcdef001020304") },
	  "360060160123456789abcdef001020304", 0,
	  "360060160123456789abcdef001020304",
	  "360060160123456789abcdef001020304" },
	{ "NAA IEEE Registered", { NAA("500a098012345678") },
	  "3500a098012345678", 0, "3500a098012345678", "3500a098012345678" },
	{ "NAA IEEE Extended", { NAA("2000001122334455") },
	  "32000001122334455", 0, "32000001122334455", "32000001122334455" },
	{ "NAA Locally Assigned", { NAA("3000001122334455") },
	  "33000001122334455", 0, "33000001122334455", "33000001122334455" },
	{ "EUI-64", { EUI("0011223344556677") },
	  "20011223344556677", 0, "20011223344556677", "20011223344556677" },
	{ "EUI-64 12 bytes", { EUI("00112233445566778899aabb") },
	  "200112233445566778899aabb", 0, "200112233445566778899aabb",
	  "200112233445566778899aabb" },
	{ "EUI-64 16 bytes", { EUI("00112233445566778899aabbccddeeff") },
	  "200112233445566778899aabbccddeeff", 0,
	  "200112233445566778899aabbccddeeff",
	  "200112233445566778899aabbccddeeff" },
	{ "T10 vendor ID", { T10("ACME    Model 17   SN 00042  ") },
	  "1ACME_Model_17_SN_00042", 0, "1ACME_Model_17_SN_00042",
	  "1ACME_Model_17_SN_00042" },
	/* the reference keeps tabs and bytes as they are; scsi_id makes
	 * them '_' unless valid UTF-8; sg_inq makes them '.' and escapes */
	{ "T10 odd characters", { T10("AC/ME   pro\tduct \xc3\xa9 \xff") },
	  "1AC/ME_pro\tduct_\xc3\xa9_\xff", 0, "1AC_ME_pro_duct_\xc3\xa9__",
	  "1AC\\x2fME_pro_duct_.._." },
	{ "T10 binary code set",
	  { TXTD(VPD_CS_BINARY, 0, VPD_DT_T10, "VEND    \x01\x02\xff") },
	  "1VEND_\x01\x02\xff", 0, "156454e44202020200102ff",
	  "156454e44202020200102ff" },
	{ "ATA through SAT",
	  { T10("ATA     WDC WD40EFRX-68N32N0                         "
		"WD-WCC7K1234567") },
	  "1ATA_WDC_WD40EFRX-68N32N0_WD-WCC7K1234567", 0,
	  "1ATA_WDC_WD40EFRX-68N32N0_WD-WCC7K1234567",
	  "WDC_WD40EFRX-68N32N0_WD-WCC7K1234567" },
	/* SCSI name strings: scsi_id ignores them (page 0x80 then) */
	{ "SCSI name naa.", { NAME("naa.60014055AB0CDEF0123456789ABCDEF\0") },
	  "360014055ab0cdef0123456789abcdef", 0, "SLinux_scsi_debug_2000",
	  "8naa.60014055AB0CDEF0123456789ABCDEF" },
	{ "SCSI name eui.", { NAME("eui.0011223344AABBCC\0\0\0\0") },
	  "20011223344aabbcc", 0, "SLinux_scsi_debug_2000",
	  "8eui.0011223344AABBCC" },
	{ "SCSI name iqn.", { NAME("iqn.2003-01.org.linux-iscsi.h:Tgt 1  \0\0\0") },
	  "82003-01.org.linux-iscsi.h:Tgt 1", 0, "SLinux_scsi_debug_2000",
	  "8iqn.2003-01.org.linux-iscsi.h:Tgt 1" },
	{ "vendor specific", { TXTD(VPD_CS_ASCII, 0, VPD_DT_VENDOR, "  my id  x ") },
	  NULL, -EINVAL, "0Linux_scsi_debug_my_id_x", "0Linux_scsi_debug_my_id_x" },
	{ "preference NAA-5 over EUI, NAA-3, T10",
	  { T10("ACME    X"), NAA("3000001122334455"), EUI("0011223344556677"),
	    NAA("500a098012345678") },
	  "3500a098012345678", 0, "3500a098012345678", "3500a098012345678" },
	{ "preference EUI-64 over SCSI name",
	  { NAME("eui.0011223344AABBCC\0\0\0\0"), EUI("8899aabbccddeeff") },
	  "28899aabbccddeeff", 0, "28899aabbccddeeff", "28899aabbccddeeff" },
	{ "preference SCSI name over NAA-3",
	  { NAA("3000001122334455"), NAME("naa.6001405ABCDEF012\0\0\0\0") },
	  "36001405abcdef012", 0, "33000001122334455", "8naa.6001405ABCDEF012" },
	/* equal rank: the first wins, except in udev's import */
	{ "two NAA-6",
	  { NAA("6000000000000000 0000000000000001"),
	    NAA("6000000000000000 0000000000000002") },
	  "360000000000000000000000000000001", 0,
	  "360000000000000000000000000000001",
	  "360000000000000000000000000000002" },
	{ "target port association",
	  { HEXD(VPD_CS_BINARY, VPD_ASSOC_PORT, VPD_DT_NAA,
		 "6000000000000000 0000000000000001"), T10("ACME    LU1") },
	  "1ACME_LU1", 0, "1ACME_LU1", "1ACME_LU1" },
	{ "reserved association",
	  { HEXD(VPD_CS_BINARY, 3, VPD_DT_NAA, "500a098012345678") },
	  NULL, -EINVAL, "SLinux_scsi_debug_2000", "SLinux_scsi_debug_2000" },
	/* scsi_id copies ASCII "NAA" bytes up to the NUL, then cleans */
	{ "NAA in ASCII", { HEXD(VPD_CS_ASCII, 0, VPD_DT_NAA, "500a098012345678") },
	  "3500a098012345678", 0, "3P___4Vx", "SLinux_scsi_debug_2000" },
	{ "NAA-6 with 8 bytes", { NAA("6006016012345678") },
	  NULL, -EINVAL, "36006016012345678", "36006016012345678" },
	{ "UUID only", { HEXD(VPD_CS_BINARY, 0, VPD_DT_UUID,
			      "1000 00000000000000000000000000000000") },
	  NULL, -ENODATA, "SLinux_scsi_debug_2000", "SLinux_scsi_debug_2000" },
	{ "no designators", { { 0 } },
	  NULL, -ENODATA, "SLinux_scsi_debug_2000", "SLinux_scsi_debug_2000" },
};

static void check_case(const struct wwid_case *c)
{
	_cleanup_strbuf_ struct strbuf sid = STRBUF_INIT, sg3 = STRBUF_INIT;
	uint8_t inq[96], p80[] = { 0, 0x80, 0, 4, '2', '0', '0', '0' };
	struct scsi_id_pages pg = { .pg80 = p80, .pg80_len = sizeof(p80) };
	char w[VPD_WWID_SIZE];
	struct pg p;
	int r;

	pg_build(&p, c->d);
	pg.inq = inq;
	pg.inq_len = unhex(scsi_debug_inq, inq, sizeof(inq));
	pg.pg83 = p.b;
	pg.pg83_len = p.len;

	r = vpd83_wwid_multipath(p.b, p.len, w);
	if (c->mp && (r < 0 || strcmp(w, c->mp)))
		fail_msg("%s: multipath gave %d \"%s\", want \"%s\"", c->name,
			 r, r < 0 ? "" : w, c->mp);
	if (!c->mp && r != c->mp_err)
		fail_msg("%s: multipath gave %d, want %d", c->name, r,
			 c->mp_err);
	if (c->mp && r != (int)strlen(c->mp))
		fail_msg("%s: multipath length %d", c->name, r);

	assert_int_equal(vpd_wwid_scsi_id(&pg, &sid), 0);
	if (strcmp(strbuf_str(&sid), c->sid))
		fail_msg("%s: scsi_id gave \"%s\", want \"%s\"", c->name,
			 strbuf_str(&sid), c->sid);
	assert_int_equal(vpd_wwid_sg3(&pg, &sg3), 0);
	if (strcmp(strbuf_str(&sg3), c->sg3))
		fail_msg("%s: sg3 gave \"%s\", want \"%s\"", c->name,
			 strbuf_str(&sg3), c->sg3);
}

static void test_wwid_cases(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wwid_cases); i++)
		check_case(&wwid_cases[i]);
}

/* ---- the reference's decoding: errors, limits ----------------------------- */

static void test_mp_errors(void **state)
{
	char w[VPD_WWID_SIZE];
	struct pg p;
	uint8_t b[32];
	size_t n;

	/* a descriptor claiming 16 bytes where 10 are left */
	n = unhex("0083000e 01030010 60060160123456789abc", b, sizeof(b));
	assert_int_equal(vpd83_wwid_multipath(b, n, w), -EOVERFLOW);
	assert_string_equal(w, "");
	/* a good one before the overflow is still taken */
	n = unhex("0083000c 01030008 500a098012345678 01030010", b, sizeof(b));
	assert_int_equal(vpd83_wwid_multipath(b, n, w), 17);
	assert_string_equal(w, "3500a098012345678");
	/* not page 0x83, or no header */
	pg_start(&p, VPD_PAGE_SERIAL);
	pg_desig_hex(&p, 1, 0, VPD_DT_NAA, "500a098012345678");
	assert_int_equal(vpd83_wwid_multipath(p.b, p.len, w), -ENODATA);
	assert_int_equal(vpd83_wwid_multipath(p.b, 3, w), -ENODATA);
	assert_int_equal(vpd83_wwid_multipath(p.b, 0, w), -ENODATA);
	/* a cut header reads as zeros: a page of zero (vendor specific,
	 * invalid to the reference) descriptors */
	assert_int_equal(vpd83_wwid_multipath((const uint8_t *)"\0\x83", 2, w),
			 -ENODATA);
	assert_int_equal(vpd83_wwid_multipath((const uint8_t *)"\0\x83\xff", 3,
					      w), -EINVAL);
	assert_int_equal(vpd83_wwid_multipath((const uint8_t *)"\0\x83\0\x08", 4,
					      w), -EINVAL);
	/* SCSI-2 style pages are not the reference's */
	n = unhex("00830010 6006016012345678 9abcdef001020304", b, sizeof(b));
	assert_int_equal(vpd83_wwid_multipath(b, n, w), -EOVERFLOW);
}

static void test_mp_limits(void **state)
{
	char w[VPD_WWID_SIZE], want[VPD_WWID_SIZE];
	uint8_t id[208];
	struct pg p;
	size_t i;

	/* WWIDs stop at 127 characters */
	memcpy(id, "LONGVEND", 8);
	for (i = 8; i < sizeof(id); i++)
		id[i] = 'A' + (i - 8) % 26;
	pg_start(&p, VPD_PAGE_DEVID);
	pg_desig(&p, VPD_CS_ASCII, 0, VPD_DT_T10, id, sizeof(id));
	assert_int_equal(vpd83_wwid_multipath(p.b, p.len, w), 127);
	want[0] = '1';
	memcpy(want + 1, id, 126);
	want[127] = '\0';
	assert_string_equal(w, want);

	/* leading blanks of a T10 ID become one '_', trailing ones go */
	pg_start(&p, VPD_PAGE_DEVID);
	pg_desig(&p, VPD_CS_ASCII, 0, VPD_DT_T10, "   VEND  X   ", 13);
	assert_int_equal(vpd83_wwid_multipath(p.b, p.len, w), 8);
	assert_string_equal(w, "1_VEND_X");
	/* a NUL ends it */
	pg_start(&p, VPD_PAGE_DEVID);
	pg_desig(&p, VPD_CS_ASCII, 0, VPD_DT_T10, "VEND  ab\0cd", 11);
	assert_string_equal((vpd83_wwid_multipath(p.b, p.len, w), w),
			    "1VEND_ab");
	/* the page length field decides, bytes past the buffer are zero */
	pg_start(&p, VPD_PAGE_DEVID);
	pg_desig_hex(&p, 1, 0, VPD_DT_NAA, "500a098012345678");
	p.b[3] += 8;
	assert_int_equal(vpd83_wwid_multipath(p.b, p.len, w), 17);
}

/* ---- scsi_id and sg3 corner cases ------------------------------------------ */

static void test_scsi_id_flow(void **state)
{
	uint8_t inq[96], p83[64], p80[] = { 0, 0x80, 0, 4, '2', '0', '0', '0' };
	uint8_t p0[8];
	struct scsi_id_pages pg = { 0 };
	size_t n = unhex(scsi_debug_inq, inq, sizeof(inq));
	size_t n83 = unhex("0083000c 02000008 6d79206964202020", p83,
			   sizeof(p83));

	pg.inq = inq;
	pg.inq_len = n;
	/* no page 0x83: page 0x80 with vendor and model */
	pg.pg80 = p80;
	pg.pg80_len = sizeof(p80);
	assert_scsi_id(&pg, "SLinux_scsi_debug_2000");
	assert_sg3(&pg, "SLinux_scsi_debug_2000");
	/* neither: nothing */
	pg.pg80 = NULL;
	assert_scsi_id(&pg, NULL);
	assert_sg3(&pg, NULL);

	/* a page 0 that only lists 0x80 hides page 0x83 from scsi_id */
	pg.pg80 = p80;
	pg.pg83 = p83;
	pg.pg83_len = n83;
	pg.pg0 = p0;
	pg.pg0_len = unhex("00000002 0080", p0, sizeof(p0));
	assert_scsi_id(&pg, "SLinux_scsi_debug_2000");
	pg.pg0 = NULL;
	assert_scsi_id(&pg, "0Linux_scsi_debug_my_id");

	/* vendor or model with a NUL: scsi_id cannot add them and leaves
	 * just the type letter, which it still prints */
	inq[10] = 0;
	assert_scsi_id(&pg, "S");
	assert_sg3(&pg, "0Liux_scsi_debug_my_id");
}

static void test_scsi_id_prespc3(void **state)
{
	uint8_t inq[96], p83[32];
	struct scsi_id_pages pg = { .inq = inq, .pg83 = p83 };

	pg.inq_len = unhex(scsi_debug_inq, inq, sizeof(inq));
	/* EMC Symmetrix SCSI-2 style: byte 6 is not 0 */
	pg.pg83_len = unhex("00830010 6006016012345678 9abcdef001020304", p83,
			    sizeof(p83));
	assert_scsi_id(&pg, "360060160123456789abcdef001020304");
	assert_sg3(&pg, "360060160123456789abcdef001020304");
}

static void test_sg3_guessing(void **state)
{
	uint8_t inq[96];
	uint8_t p80[] = { 0, 0x80, 0, 8, 'a', 'b', 0, 'A', '1', '2', '3', '4' };
	struct scsi_id_pages pg = { .inq = inq, .pg80 = p80,
				    .pg80_len = sizeof(p80) };

	pg.inq_len = unhex(scsi_debug_inq, inq, sizeof(inq));
	/* sg_inq takes this page 0x80 for a standard INQUIRY (byte 6) */
	assert_scsi_id(&pg, "SLinux_scsi_debug_ab");
	assert_sg3(&pg, NULL);
	/* and an INQUIRY of a version 2 device for VPD page 0 */
	p80[6] = '0';
	inq[2] = 2;
	assert_sg3(&pg, "S__ab0A1234");
}

/* ---- INQUIRY, page 0x80, iteration ----------------------------------------- */

static void test_inquiry(void **state)
{
	struct scsi_inquiry inq;
	uint8_t b[40] = { 0 };

	assert_int_equal(scsi_inquiry_decode(b, 5, &inq), -EINVAL);
	/* what the kernel does to odd bytes, then trailing blanks go */
	b[0] = 0x7f;		/* qualifier 3, type 0x1f */
	b[1] = 0x80;
	b[5] = 0x20;		/* explicit ALUA */
	memcpy(b + 8, " AB\tC\0XY", 8);
	memcpy(b + 16, "prod  \x80   ", 10);
	memcpy(b + 32, "1.0 ", 4);
	assert_int_equal(scsi_inquiry_decode(b, sizeof(b), &inq), 0);
	assert_int_equal(inq.qualifier, 3);
	assert_int_equal(inq.type, 0x1f);
	assert_true(inq.removable);
	assert_int_equal(inq.tpgs, 2);
	assert_string_equal(inq.vendor, " AB C");
	assert_string_equal(inq.product, "prod");
	assert_string_equal(inq.revision, "1.0");
	/* short data: what is missing is empty */
	assert_int_equal(scsi_inquiry_decode(b, 20, &inq), 0);
	assert_string_equal(inq.vendor, " AB C");
	assert_string_equal(inq.product, "prod");
	assert_string_equal(inq.revision, "");
}

static void test_vpd80(void **state)
{
	char w[VPD_SERIAL_SIZE], want[VPD_SERIAL_SIZE];
	uint8_t b[200];
	size_t n;

	n = unhex("00800008 2020323030302020", b, sizeof(b));
	assert_int_equal(vpd80_serial(b, n, w), 4);
	assert_string_equal(w, "2000");
	n = unhex("00800005 6162006364", b, sizeof(b));
	assert_int_equal(vpd80_serial(b, n, w), 2);
	assert_string_equal(w, "ab");
	n = unhex("00800003 202020", b, sizeof(b));
	assert_int_equal(vpd80_serial(b, n, w), 0);
	/* inner blanks stay */
	n = unhex("00800003 782079", b, sizeof(b));
	assert_int_equal(vpd80_serial(b, n, w), 3);
	assert_string_equal(w, "x y");
	/* at most 127 characters */
	memcpy(b, "\x00\x80\x00\x82", 4);
	memset(b + 4, 'A', 130);
	memset(want, 'A', 127);
	want[127] = '\0';
	assert_int_equal(vpd80_serial(b, 134, w), 127);
	assert_string_equal(w, want);
	/* length field past the data: zeros */
	n = unhex("00800010 616263", b, sizeof(b));
	assert_int_equal(vpd80_serial(b, n, w), 3);
	assert_string_equal(w, "abc");
	/* not page 0x80 */
	n = unhex("00830004 41424344", b, sizeof(b));
	assert_int_equal(vpd80_serial(b, n, w), -ENODATA);
	assert_int_equal(vpd80_serial(b, 1, w), -ENODATA);
	/* a cut header reads as zeros */
	assert_int_equal(vpd80_serial((const uint8_t *)"\0\x80", 2, w), 0);
}

static void test_iterate(void **state)
{
	static const struct {
		uint8_t cs, assoc, type, len;
		bool piv;
	} want[] = {
		{ 2, 0, VPD_DT_T10, 28, false },
		{ 1, 0, VPD_DT_NAA, 8, false },
		{ 1, 1, VPD_DT_REL_PORT, 4, true },
		{ 1, 1, VPD_DT_NAA, 8, true },
		{ 1, 1, VPD_DT_TPG, 4, true },
		{ 1, 2, VPD_DT_NAA, 8, true },
		{ 3, 2, VPD_DT_NAME, 24, true },
	};
	struct vpd83_desig d;
	uint8_t b[256];
	size_t n = unhex(scsi_debug_pg83, b, sizeof(b)), off = 0, i = 0, cut;
	int r;

	while ((r = vpd83_next(b, n, &off, &d)) > 0) {
		assert_true(i < ARRAY_SIZE(want));
		assert_int_equal(d.code_set, want[i].cs);
		assert_int_equal(d.assoc, want[i].assoc);
		assert_int_equal(d.type, want[i].type);
		assert_int_equal(d.len, want[i].len);
		assert_int_equal(d.piv, want[i].piv);
		assert_true(d.id + d.len <= b + n);
		if (d.piv)
			assert_int_equal(d.proto, 6);	/* SAS */
		i++;
	}
	assert_int_equal(r, 0);
	assert_int_equal(i, ARRAY_SIZE(want));
	assert_memory_equal(b + 8, "Linux   ", 8);

	/* cut anywhere: the walk ends with an error, never past the end */
	for (cut = 0; cut < n; cut++) {
		off = 0;
		while ((r = vpd83_next(b, cut, &off, &d)) > 0)
			assert_true(d.id + d.len <= b + cut);
		assert_true(r == 0 || r == -EINVAL);
	}
}

static void test_port_ids(void **state)
{
	struct vpd83_port_ids ids;
	struct pg p;

	pg_start(&p, VPD_PAGE_DEVID);
	pg_desig_hex(&p, 1, 0, VPD_DT_NAA, "500a098012345678");
	assert_int_equal(vpd83_port_ids(p.b, p.len, &ids), 0);
	assert_int_equal(ids.rel_port, -1);
	assert_int_equal(ids.tpg, -1);
	/* like the reference's ALUA code: first TPG wins, whatever its
	 * association; short ones are skipped */
	pg_desig_hex(&p, 1, 1, VPD_DT_TPG, "0001");
	pg_desig_hex(&p, 1, 0, VPD_DT_TPG, "00000005");
	pg_desig_hex(&p, 1, 1, VPD_DT_TPG, "00000007");
	pg_desig_hex(&p, 1, 0, VPD_DT_REL_PORT, "00000009");
	pg_desig_hex(&p, 1, 1, VPD_DT_REL_PORT, "00000002");
	assert_int_equal(vpd83_port_ids(p.b, p.len, &ids), 0);
	assert_int_equal(ids.tpg, 5);
	assert_int_equal(ids.rel_port, 2);
	/* a broken tail is reported, what came before is kept */
	assert_int_equal(vpd83_port_ids(p.b, p.len - 1, &ids), -EINVAL);
	assert_int_equal(ids.tpg, 5);
	p.b[1] = 0x80;
	assert_int_equal(vpd83_port_ids(p.b, p.len, &ids), -ENODATA);
}

/* ---- garbage ----------------------------------------------------------------- */

/* Every prefix and many corruptions of real pages through every decoder:
 * no crash, no read past the buffer (ASan), sane results. */
static void run_all(const uint8_t *b, size_t n)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct scsi_id_pages pg = { .inq = b, .inq_len = n, .pg80 = b,
				    .pg80_len = n, .pg83 = b, .pg83_len = n };
	struct vpd83_port_ids ids;
	struct scsi_inquiry inq;
	struct vpd83_desig d;
	char w[VPD_WWID_SIZE];
	size_t off = 0;
	int r;

	r = vpd83_wwid_multipath(b, n, w);
	assert_true(r >= 0 ? (size_t)r == strlen(w) && r < VPD_WWID_SIZE :
		    r == -ENODATA || r == -EINVAL || r == -EOVERFLOW);
	r = vpd80_serial(b, n, w);
	assert_true(r >= 0 ? (size_t)r == strlen(w) && r < VPD_SERIAL_SIZE :
		    r == -ENODATA);
	while (vpd83_next(b, n, &off, &d) > 0)
		;
	vpd83_port_ids(b, n, &ids);
	scsi_inquiry_decode(b, n, &inq);
	assert_true(strlen(inq.vendor) <= 8 && strlen(inq.product) <= 16);
	r = vpd_wwid_scsi_id(&pg, &sb);
	assert_true(r == 0 || r == -ENODATA);
	assert_true(strbuf_len(&sb) < 256);
	strbuf_reset(&sb);
	r = vpd_wwid_sg3(&pg, &sb);
	assert_true(r == 0 || r == -ENODATA);
}

static void test_garbage(void **state)
{
	const char *const real[] = { scsi_debug_pg83, qemu_pg83, lio_pg83 };
	uint8_t b[512], *copy;
	unsigned int seed = 1;
	size_t i, n, cut;
	int k;

	for (i = 0; i < ARRAY_SIZE(real); i++) {
		n = unhex(real[i], b, sizeof(b));
		for (cut = 0; cut <= n; cut++) {
			/* exactly sized heap copies, so ASan sees overruns */
			copy = malloc(cut ? cut : 1);
			assert_non_null(copy);
			memcpy(copy, b, cut);
			run_all(copy, cut);
			free(copy);
		}
		for (k = 0; k < 2000; k++) {
			uint8_t m[512];

			memcpy(m, b, n);
			m[rand_r(&seed) % n] = rand_r(&seed);
			m[rand_r(&seed) % n] = rand_r(&seed) & 1 ? 0xff : 0;
			copy = malloc(n);
			assert_non_null(copy);
			memcpy(copy, m, n);
			run_all(copy, n);
			free(copy);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scsi_debug),
		cmocka_unit_test(test_qemu),
		cmocka_unit_test(test_lio),
		cmocka_unit_test(test_wwid_cases),
		cmocka_unit_test(test_mp_errors),
		cmocka_unit_test(test_mp_limits),
		cmocka_unit_test(test_scsi_id_flow),
		cmocka_unit_test(test_scsi_id_prespc3),
		cmocka_unit_test(test_sg3_guessing),
		cmocka_unit_test(test_inquiry),
		cmocka_unit_test(test_vpd80),
		cmocka_unit_test(test_iterate),
		cmocka_unit_test(test_port_ids),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
