/* discovery/sgio: sense decoding, INQUIRY through SG_IO against a fake
 * device (this program's ioctl() stands in for the kernel's), whole VPD
 * pages, and the sysfs copies. */
#include <errno.h>
#include <fcntl.h>
#include <scsi/sg.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discovery/sgio.h"
#include "discovery/vpd.h"
#include "testutil.h"
#include "util/cleanup.h"
#include "util/file.h"

/* ---- sense data -------------------------------------------------------------- */

static void test_sense_fixed(void **state)
{
	uint8_t sb[18] = { 0x70, 0, SENSE_ILLEGAL_REQUEST, 0, 0, 0, 0, 10,
			   0, 0, 0, 0, 0x24, 0x01 };
	struct scsi_sense s;

	assert_int_equal(scsi_sense_decode(sb, sizeof(sb), &s), 0);
	assert_int_equal(s.key, SENSE_ILLEGAL_REQUEST);
	assert_int_equal(s.asc, 0x24);
	assert_int_equal(s.ascq, 0x01);
	assert_false(s.descriptor);
	assert_false(s.deferred);
	/* the VALID bit does not matter; 0x71 is deferred */
	sb[0] = 0xf1;
	assert_int_equal(scsi_sense_decode(sb, sizeof(sb), &s), 0);
	assert_true(s.deferred);
	assert_int_equal(s.asc, 0x24);
	/* short buffers: what is missing is 0 */
	assert_int_equal(scsi_sense_decode(sb, 13, &s), 0);
	assert_int_equal(s.asc, 0x24);
	assert_int_equal(s.ascq, 0);
	assert_int_equal(scsi_sense_decode(sb, 3, &s), 0);
	assert_int_equal(s.key, SENSE_ILLEGAL_REQUEST);
	assert_int_equal(s.asc, 0);
	assert_int_equal(scsi_sense_decode(sb, 2, &s), -EINVAL);
	/* the additional sense length bounds ASC/ASCQ */
	sb[7] = 4;
	assert_int_equal(scsi_sense_decode(sb, sizeof(sb), &s), 0);
	assert_int_equal(s.key, SENSE_ILLEGAL_REQUEST);
	assert_int_equal(s.asc, 0);
	sb[7] = 5;
	assert_int_equal(scsi_sense_decode(sb, sizeof(sb), &s), 0);
	assert_int_equal(s.asc, 0x24);
	assert_int_equal(s.ascq, 0);
}

static void test_sense_descriptor(void **state)
{
	uint8_t sb[8] = { 0x72, SENSE_UNIT_ATTENTION, 0x2a, 0x06, 0, 0, 0, 0 };
	struct scsi_sense s;

	assert_int_equal(scsi_sense_decode(sb, sizeof(sb), &s), 0);
	assert_true(s.descriptor);
	assert_false(s.deferred);
	assert_int_equal(s.key, SENSE_UNIT_ATTENTION);
	assert_int_equal(s.asc, 0x2a);
	assert_int_equal(s.ascq, 0x06);
	sb[0] = 0x73;
	assert_int_equal(scsi_sense_decode(sb, 3, &s), 0);
	assert_true(s.deferred);
	assert_int_equal(s.asc, 0x2a);
	assert_int_equal(s.ascq, 0);
	assert_int_equal(scsi_sense_decode(sb, 1, &s), -EINVAL);
}

static void test_sense_invalid(void **state)
{
	static const uint8_t codes[] = { 0x00, 0x6f, 0x74, 0x7e, 0x7f };
	uint8_t sb[18] = { 0 };
	struct scsi_sense s;
	size_t i;

	assert_int_equal(scsi_sense_decode(sb, 0, &s), -EINVAL);
	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		sb[0] = codes[i];
		assert_int_equal(scsi_sense_decode(sb, sizeof(sb), &s), -EINVAL);
	}
}

/* ---- a fake SG_IO device ------------------------------------------------------- */

static struct fake {
	int fail_errno;
	uint8_t status;
	uint16_t host_status, driver_status;
	uint8_t sense[32];
	uint8_t sense_len;
	uint8_t inq[36];
	uint8_t page[1024];	/* the VPD page it answers */
	size_t page_len;
	int resid_extra;
	size_t shrink_to;	/* page length from the second call on */
	int calls;
	uint8_t cdb[16];
	unsigned int cmd_len, timeout, dxfer_len;
	int dir;
	unsigned int allocs[4];
} fake;

int ioctl(int fd, unsigned long req, ...)
{
	struct sg_io_hdr *h;
	const uint8_t *src;
	size_t n, alloc;
	va_list ap;

	va_start(ap, req);
	h = va_arg(ap, struct sg_io_hdr *);
	va_end(ap);
	if (req != SG_IO || h->interface_id != 'S') {
		errno = ENOTTY;
		return -1;
	}
	if (fake.fail_errno) {
		errno = fake.fail_errno;
		return -1;
	}
	memcpy(fake.cdb, h->cmdp, h->cmd_len);
	fake.cmd_len = h->cmd_len;
	fake.timeout = h->timeout;
	fake.dir = h->dxfer_direction;
	fake.dxfer_len = h->dxfer_len;
	if (fake.calls < 4)
		fake.allocs[fake.calls] = fake.cdb[3] << 8 | fake.cdb[4];
	fake.calls++;

	h->status = fake.status;
	h->host_status = fake.host_status;
	h->driver_status = fake.driver_status;
	h->sb_len_wr = fake.sense_len < h->mx_sb_len ? fake.sense_len :
						       h->mx_sb_len;
	memcpy(h->sbp, fake.sense, h->sb_len_wr);
	h->resid = 0;
	if (fake.status || fake.host_status || fake.driver_status ||
	    fake.cdb[0] != 0x12)
		return 0;

	alloc = fake.cdb[3] << 8 | fake.cdb[4];
	if (fake.calls == 2 && fake.shrink_to) {
		fake.page_len = fake.shrink_to;
		fake.page[2] = (fake.shrink_to - 4) >> 8;
		fake.page[3] = (fake.shrink_to - 4) & 0xff;
	}
	if (fake.cdb[1] & 1) {
		src = fake.page;
		n = fake.page_len;
	} else {
		src = fake.inq;
		n = sizeof(fake.inq);
	}
	if (n > alloc)
		n = alloc;
	if (n > h->dxfer_len)
		n = h->dxfer_len;
	memcpy(h->dxferp, src, n);
	h->resid = h->dxfer_len - n + fake.resid_extra;
	return 0;
}

static int reset_fake(void **state)
{
	memset(&fake, 0, sizeof(fake));
	memcpy(fake.inq, "\0\0\x05\x02\x1f\x30\0\x02LIO-ORG IBLOCK          4.0 ",
	       36);
	return 0;
}

/* A page 0x83 of n bytes: one long T10 vendor ID designator. */
static void fake_page(uint8_t code, size_t n)
{
	size_t i;

	assert_true(n >= 8 && n <= sizeof(fake.page) && n - 8 <= 255);
	fake.page[0] = 0;
	fake.page[1] = code;
	fake.page[2] = (n - 4) >> 8;
	fake.page[3] = (n - 4) & 0xff;
	fake.page[4] = VPD_CS_ASCII;
	fake.page[5] = VPD_DT_T10;
	fake.page[6] = 0;
	fake.page[7] = n - 8;
	for (i = 8; i < n; i++)
		fake.page[i] = 'A' + i % 26;
	fake.page_len = n;
}

/* ---- INQUIRY -------------------------------------------------------------------- */

static void test_inquiry_cdb(void **state)
{
	uint8_t cdb[6];

	scsi_inquiry_cdb(cdb, true, 0x83, 0x1234);
	assert_memory_equal(cdb, "\x12\x01\x83\x12\x34\x00", 6);
	scsi_inquiry_cdb(cdb, false, 0, 36);
	assert_memory_equal(cdb, "\x12\x00\x00\x00\x24\x00", 6);
}

static void test_inquiry_std(void **state)
{
	struct scsi_inquiry inq;
	uint8_t buf[96];

	memset(buf, 0xaa, sizeof(buf));
	assert_int_equal(sg_inquiry(3, 0, 0, buf, sizeof(buf), 5000), 0);
	assert_int_equal(fake.calls, 1);
	assert_memory_equal(fake.cdb, "\x12\x00\x00\x00\x60\x00", 6);
	assert_int_equal(fake.cmd_len, 6);
	assert_int_equal(fake.timeout, 5000);
	assert_int_equal(fake.dir, SG_DXFER_FROM_DEV);
	assert_int_equal(fake.dxfer_len, 96);
	/* what the device did not send is zero */
	assert_int_equal(buf[36], 0);
	assert_int_equal(scsi_inquiry_decode(buf, sizeof(buf), &inq), 0);
	assert_string_equal(inq.vendor, "LIO-ORG");
	assert_int_equal(inq.tpgs, 3);
}

static void test_inquiry_args(void **state)
{
	uint8_t buf[8];

	assert_int_equal(sg_inquiry(3, 1, -1, buf, 8, 0), -EINVAL);
	assert_int_equal(sg_inquiry(3, 1, 256, buf, 8, 0), -EINVAL);
	assert_int_equal(sg_inquiry(3, 0, 0x83, buf, 8, 0), -EINVAL);
	assert_int_equal(sg_inquiry(3, 1, 0x83, buf, 0, 0), -EINVAL);
	assert_int_equal(sg_inquiry(3, 1, 0x83, buf, 0x10000, 0), -EINVAL);
	assert_int_equal(fake.calls, 0);
}

/* ---- SG_IO outcomes ------------------------------------------------------------- */

static void set_sense(const uint8_t *sb, uint8_t n)
{
	memcpy(fake.sense, sb, n);
	fake.sense_len = n;
}

static void test_check_condition(void **state)
{
	static const uint8_t illegal[] = { 0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0,
					   0, 0, 0x24, 0x00, 0, 0, 0, 0 };
	static const uint8_t recovered[] = { 0x72, 0x01, 0x17, 0x01, 0, 0, 0, 0 };
	struct sg_result res;
	uint8_t cdb[6], buf[36];

	scsi_inquiry_cdb(cdb, true, 0xc9, sizeof(buf));
	fake.status = SCSI_STATUS_CHECK_CONDITION;
	fake.driver_status = 0x08;
	set_sense(illegal, sizeof(illegal));
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, buf, sizeof(buf), 0,
			       &res), -EIO);
	assert_int_equal(res.status, SCSI_STATUS_CHECK_CONDITION);
	assert_true(res.have_sense);
	assert_int_equal(res.sense.key, SENSE_ILLEGAL_REQUEST);
	assert_int_equal(res.sense.asc, 0x24);
	assert_int_equal(sg_inquiry(3, 1, 0xc9, buf, sizeof(buf), 0), -EIO);

	/* recovered errors count as success, as in the reference */
	set_sense(recovered, sizeof(recovered));
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, buf, sizeof(buf), 0,
			       &res), 0);
	assert_true(res.sense.descriptor);
	assert_int_equal(res.sense.key, SENSE_RECOVERED_ERROR);

	/* check condition without usable sense */
	fake.sense_len = 0;
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, buf, sizeof(buf), 0,
			       &res), -EIO);
	assert_false(res.have_sense);
	/* GOOD status but sense with NO SENSE: not a success either */
	fake.status = SCSI_STATUS_GOOD;
	set_sense((const uint8_t *)"\x70\x00\x00\x00\x00\x00\x00\x0a", 8);
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, buf, sizeof(buf), 0,
			       &res), -EIO);
}

static void test_statuses(void **state)
{
	static const struct {
		uint8_t status;
		uint16_t host, driver;
		int want;
	} cases[] = {
		{ SCSI_STATUS_BUSY, 0, 0, -EIO },
		{ SCSI_STATUS_RESERVATION_CONFLICT, 0, 0, -EIO },
		{ SCSI_STATUS_TASK_SET_FULL, 0, 0, -EIO },
		{ 0x40, 0, 0, -EIO },		/* TASK ABORTED */
		{ 0x81, 0, 0, 0 },		/* reserved bits only */
		{ 0, 0x03, 0, -ETIMEDOUT },	/* DID_TIME_OUT */
		{ 0, 0, 0x06, -ETIMEDOUT },	/* DRIVER_TIMEOUT */
		{ 0, 0x01, 0, -EIO },		/* DID_NO_CONNECT */
		{ 0, 0, 0x01, -EIO },		/* DRIVER_BUSY */
	};
	struct sg_result res;
	uint8_t cdb[6] = { 0 }; /* TEST UNIT READY */
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fake.status = cases[i].status;
		fake.host_status = cases[i].host;
		fake.driver_status = cases[i].driver;
		if (sg_io(3, cdb, 6, SG_DIR_NONE, NULL, 0, 0, &res) !=
		    cases[i].want)
			fail_msg("case %zu: status %#x host %#x driver %#x", i,
				 cases[i].status, cases[i].host,
				 cases[i].driver);
		assert_int_equal(res.status, cases[i].status & 0x7e);
		assert_int_equal(res.host_status, cases[i].host);
	}
	assert_int_equal(fake.dir, SG_DXFER_NONE);
	fake.status = 0;
	fake.host_status = fake.driver_status = 0;
	fake.fail_errno = ENOTTY;
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_NONE, NULL, 0, 0, NULL),
			 -ENOTTY);
}

static void test_sg_io_args(void **state)
{
	struct sg_result res;
	uint8_t cdb[17] = { 0x12 }, buf[8];

	assert_int_equal(sg_io(3, cdb, 5, SG_DIR_NONE, NULL, 0, 0, NULL), -EINVAL);
	assert_int_equal(sg_io(3, cdb, 17, SG_DIR_NONE, NULL, 0, 0, NULL), -EINVAL);
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_NONE, buf, 8, 0, NULL), -EINVAL);
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, buf, 0, 0, NULL),
			 -EINVAL);
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, NULL, 8, 0, NULL),
			 -EINVAL);
	assert_int_equal(fake.calls, 0);
	/* residual count: bytes transferred */
	cdb[4] = 8;
	fake.page_len = 0;
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, buf, 8, 0, &res), 0);
	assert_int_equal(res.xfer, 8);
	fake.resid_extra = 100;	/* nonsense resid is ignored */
	assert_int_equal(sg_io(3, cdb, 6, SG_DIR_FROM_DEV, buf, 8, 0, &res), 0);
	assert_int_equal(res.xfer, 0);
	cdb[4] = 0;
	fake.resid_extra = 0;
	assert_int_equal(sg_io(3, cdb, 16, SG_DIR_TO_DEV, buf, 8, 0, &res), 0);
	assert_int_equal(fake.cmd_len, 16);
	assert_int_equal(fake.dir, SG_DXFER_TO_DEV);
}

/* ---- whole VPD pages ------------------------------------------------------------ */

static void test_read_vpd(void **state)
{
	uint8_t buf[1024];
	ssize_t n;

	/* longer than the 255 bytes one length byte could say */
	fake_page(VPD_PAGE_DEVID, 263);
	n = sg_read_vpd(3, VPD_PAGE_DEVID, buf, sizeof(buf), 1000);
	assert_int_equal(n, 263);
	assert_int_equal(fake.calls, 2);
	assert_int_equal(fake.allocs[0], 4);
	assert_int_equal(fake.allocs[1], 263);
	assert_memory_equal(buf, fake.page, 263);
	assert_int_equal(fake.cdb[1], 1);
	assert_int_equal(fake.cdb[2], VPD_PAGE_DEVID);

	/* a smaller buffer gets the start of the page */
	fake.calls = 0;
	n = sg_read_vpd(3, VPD_PAGE_DEVID, buf, 100, 1000);
	assert_int_equal(n, 100);
	assert_int_equal(fake.allocs[1], 100);
	assert_int_equal(sg_read_vpd(3, VPD_PAGE_DEVID, buf, 3, 0), -EINVAL);

	/* the device answers with another page */
	assert_int_equal(sg_read_vpd(3, VPD_PAGE_SERIAL, buf, sizeof(buf), 0),
			 -ENODATA);
	/* or fails */
	fake.status = SCSI_STATUS_CHECK_CONDITION;
	assert_int_equal(sg_read_vpd(3, VPD_PAGE_DEVID, buf, sizeof(buf), 0),
			 -EIO);
}

static void test_read_vpd_shrinks(void **state)
{
	uint8_t buf[512];

	/* the header says 263 bytes, then the page has 20: the second
	 * answer's length counts */
	fake_page(VPD_PAGE_DEVID, 263);
	fake.shrink_to = 20;
	assert_int_equal(sg_read_vpd(3, VPD_PAGE_DEVID, buf, sizeof(buf), 0),
			 20);
	assert_int_equal(fake.allocs[1], 263);
}

/* ---- sysfs ------------------------------------------------------------------------ */

static void write_file(const char *dir, const char *name, const void *data,
		       size_t len)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/block/sda/device/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void test_sysfs(void **state)
{
	static const uint8_t p83[] = { 0, 0x83, 0, 12, 1, 3, 0, 8, 0x50, 0x0a,
				       0x09, 0x80, 0x12, 0x34, 0x56, 0x78 };
	_cleanup_free_ char *root = make_temp_dir();
	char path[4096];
	uint8_t buf[64];
	char w[VPD_WWID_SIZE];

	snprintf(path, sizeof(path), "%s/block/sda/device", root);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	write_file(root, "vpd_pg83", p83, sizeof(p83));
	write_file(root, "vpd_pg80", "\0\x83\0\0", 4);
	write_file(root, "inquiry", fake.inq, sizeof(fake.inq));

	assert_int_equal(scsi_sysfs_vpd(root, "sda", 0x83, buf, sizeof(buf)),
			 sizeof(p83));
	assert_int_equal(vpd83_wwid_multipath(buf, sizeof(p83), w), 17);
	assert_string_equal(w, "3500a098012345678");
	/* a short buffer gets the start */
	assert_int_equal(scsi_sysfs_vpd(root, "sda", 0x83, buf, 6), 6);
	/* content that is not the page asked for */
	assert_int_equal(scsi_sysfs_vpd(root, "sda", 0x80, buf, sizeof(buf)),
			 -EINVAL);
	write_file(root, "vpd_pg80", "\0\x80", 2);
	assert_int_equal(scsi_sysfs_vpd(root, "sda", 0x80, buf, sizeof(buf)),
			 -EINVAL);
	/* a page the kernel does not keep */
	assert_int_equal(scsi_sysfs_vpd(root, "sda", 0xb0, buf, sizeof(buf)),
			 -ENOENT);
	assert_int_equal(scsi_sysfs_vpd(root, "sdb", 0x83, buf, sizeof(buf)),
			 -ENOENT);
	/* names that are not one path component */
	assert_int_equal(scsi_sysfs_vpd(root, "", 0x83, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(scsi_sysfs_vpd(root, "..", 0x83, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(scsi_sysfs_vpd(root, "sda/../sda", 0x83, buf,
					sizeof(buf)), -EINVAL);

	assert_int_equal(scsi_sysfs_inquiry(root, "sda", buf, sizeof(buf)), 36);
	assert_memory_equal(buf + 8, "LIO-ORG ", 8);
	remove_tree(root);
}

#define T(f) cmocka_unit_test_setup(f, reset_fake)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sense_fixed),
		cmocka_unit_test(test_sense_descriptor),
		cmocka_unit_test(test_sense_invalid),
		T(test_inquiry_cdb),
		T(test_inquiry_std),
		T(test_inquiry_args),
		T(test_check_condition),
		T(test_statuses),
		T(test_sg_io_args),
		T(test_read_vpd),
		T(test_read_vpd_shrinks),
		T(test_sysfs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
