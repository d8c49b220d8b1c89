/* kpartx label parsers on disk images built here byte by byte (and by
 * sfdisk when it is installed, 512-byte sectors): every label type, 512 and 4096 byte
 * sectors, and one test per kind of damage with its defined outcome. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "util/log.h"

/* the parsers are not in libmultipath: build them into this test */
#include "../../kpartx/label.c"
#include "../../kpartx/crc32.c"
#include "../../kpartx/dos.c"
#include "../../kpartx/gpt.c"
#include "../../kpartx/bsd.c"
#include "../../kpartx/solaris.c"
#include "../../kpartx/unixware.c"
#include "../../kpartx/sun.c"
#include "../../kpartx/mac.c"
#include "../../kpartx/ps3.c"

#define MiB (1024 * 1024)

struct image {
	uint8_t *buf;
	size_t size;
	unsigned reads;
	struct pt_disk d;
	struct pt_table t;
};

static int image_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct image *im = ctx;

	im->reads++;
	if (off > im->size || len > im->size - off)
		return -EIO;
	memcpy(buf, im->buf + off, len);
	return 0;
}

static struct image *image_new(size_t size, unsigned ss)
{
	struct image *im = calloc(1, sizeof(*im));

	assert_non_null(im);
	im->buf = calloc(1, size);
	assert_non_null(im->buf);
	im->size = size;
	im->d.name = "img";
	im->d.read = image_read;
	im->d.ctx = im;
	im->d.size = size;
	im->d.sector_size = ss;
	return im;
}

static void image_free(struct image *im)
{
	pt_table_free(&im->t);
	free(im->buf);
	free(im);
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, (uint16_t)v);
	put_le16(p + 2, (uint16_t)(v >> 16));
}

static void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	put_be16(p, (uint16_t)(v >> 16));
	put_be16(p + 2, (uint16_t)v);
}

static void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

/* a dos entry i of the record at byte offset rec */
static void dos_put(struct image *im, uint64_t rec, unsigned i, uint8_t type,
		    uint32_t start, uint32_t size)
{
	uint8_t *p = im->buf + rec + 0x1be + i * 16;

	p[4] = type;
	put_le32(p + 8, start);
	put_le32(p + 12, size);
	im->buf[rec + 510] = 0x55;
	im->buf[rec + 511] = 0xaa;
}

static int probe(struct image *im)
{
	return pt_probe(&im->d, NULL, &im->t);
}

/* slice num has start and size (512-byte sectors) and container */
static void expect(struct image *im, unsigned num, uint64_t start,
		   uint64_t size, unsigned container)
{
	struct pt_slice *s = pt_find(&im->t, num);

	assert_non_null(s);
	assert_int_equal(s->size, size);
	if (size)
		assert_int_equal(s->start, start);
	assert_int_equal(s->container, container);
}

/* number of slices that would be mapped */
static unsigned mapped(const struct image *im)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < im->t.n; i++)
		n += im->t.s[i].size != 0;
	return n;
}

static int setup_log(void **state)
{
	(void)state;
	log_capture_start(3);
	return 0;
}

static int teardown_log(void **state)
{
	(void)state;
	log_capture_stop();
	return 0;
}

/* ---- dos ------------------------------------------------------------- */

static void test_dos_primaries(void **state)
{
	struct image *im = image_new(64 * MiB, 512);

	(void)state;
	dos_put(im, 0, 0, 0x83, 2048, 20480);
	dos_put(im, 0, 2, 0x8e, 22528, 40960);
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "dos");
	expect(im, 1, 2048, 20480, 0);
	expect(im, 2, 0, 0, 0);
	expect(im, 3, 22528, 40960, 0);
	expect(im, 4, 0, 0, 0);
	assert_int_equal(mapped(im), 2);
	image_free(im);
}

/* The FAQ layout: a primary, an extended partition with three logical
 * partitions; the extended partition's own map is cut to 2 sectors. */
static void test_dos_extended(void **state)
{
	struct image *im = image_new(64 * MiB, 512);
	uint64_t ext = 22528;

	(void)state;
	dos_put(im, 0, 0, 0x83, 2048, 20480);
	dos_put(im, 0, 1, 0x05, ext, 100000);
	/* EBR 1: logical at +2048, link to EBR 2 at ext + 30000 */
	dos_put(im, ext * 512, 0, 0x83, 2048, 10000);
	dos_put(im, ext * 512, 1, 0x05, 30000, 20000);
	/* EBR 2: logical, link to EBR 3 at ext + 60000 */
	dos_put(im, (ext + 30000) * 512, 0, 0x83, 2048, 10000);
	dos_put(im, (ext + 30000) * 512, 1, 0x05, 60000, 20000);
	/* EBR 3: last logical */
	dos_put(im, (ext + 60000) * 512, 0, 0x82, 2048, 30000);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 20480, 0);
	expect(im, 2, ext, 2, 0);
	assert_int_equal(pt_find(&im->t, 2)->extent, 100000);
	expect(im, 5, ext + 2048, 10000, 2);
	expect(im, 6, ext + 30000 + 2048, 10000, 2);
	expect(im, 7, ext + 60000 + 2048, 30000, 2);
	/* the last record's empty second entry takes a number, as in the
	 * reference; nothing is mapped for it */
	expect(im, 8, 0, 0, 2);
	assert_int_equal(mapped(im), 5);
	image_free(im);
}

static void test_dos_extended_4k(void **state)
{
	struct image *im = image_new(256 * MiB, 4096);
	uint64_t ext = 2816;	/* 4 KiB sectors */

	(void)state;
	dos_put(im, 0, 0, 0x83, 256, 2560);
	dos_put(im, 0, 1, 0x0f, ext, 20000);
	dos_put(im, ext * 4096, 0, 0x83, 256, 5000);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 256 * 8, 2560 * 8, 0);
	expect(im, 2, ext * 8, 8, 0);
	expect(im, 5, (ext + 256) * 8, 5000 * 8, 2);
	image_free(im);
}

/* A chain that comes back to an earlier record ends there; what was
 * found before stays. */
static void test_dos_chain_loop(void **state)
{
	struct image *im = image_new(64 * MiB, 512);
	uint64_t ext = 2048;

	(void)state;
	dos_put(im, 0, 0, 0x05, ext, 100000);
	dos_put(im, ext * 512, 0, 0x83, 2048, 1000);
	dos_put(im, ext * 512, 1, 0x05, 10000, 20000);
	dos_put(im, (ext + 10000) * 512, 0, 0x83, 2048, 1000);
	dos_put(im, (ext + 10000) * 512, 1, 0x05, 0 + 1, 20000);
	/* ext + 1 is no record (no signature); now loop to the start */
	dos_put(im, (ext + 10000) * 512, 1, 0x05, 10000, 20000);
	assert_int_equal(probe(im), 1);
	expect(im, 5, ext + 2048, 1000, 1);
	expect(im, 6, ext + 10000 + 2048, 1000, 1);
	assert_int_equal(mapped(im), 3);
	assert_str_contains(log_captured(), "loops back");
	image_free(im);
}

/* Records that all link to the next one: capped at the table size */
static void test_dos_chain_long(void **state)
{
	struct image *im = image_new(64 * MiB, 512);
	uint64_t ext = 2048;
	unsigned i;

	(void)state;
	dos_put(im, 0, 0, 0x05, ext, 120000);
	for (i = 0; i < 400; i++) {
		uint64_t rec = (ext + i * 200) * 512;

		dos_put(im, rec, 0, 0x83, 100, 50);
		dos_put(im, rec, 1, 0x05, (i + 1) * 200, 200);
	}
	assert_int_equal(probe(im), 1);
	assert_true(im->t.n <= PT_MAX_SLICES);
	assert_true(im->t.full);
	expect(im, 5, ext + 100, 50, 1);
	image_free(im);
}

static void test_dos_ebr_beyond_end(void **state)
{
	struct image *im = image_new(8 * MiB, 512);

	(void)state;
	dos_put(im, 0, 0, 0x83, 2048, 4096);
	dos_put(im, 0, 1, 0x05, 1000000, 100);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 4096, 0);
	expect(im, 2, 0, 0, 0);
	assert_null(pt_find(&im->t, 5));
	assert_str_contains(log_captured(), "beyond the end");
	image_free(im);
}

static void test_dos_beyond_end(void **state)
{
	struct image *im = image_new(8 * MiB, 512);	/* 16384 sectors */

	(void)state;
	dos_put(im, 0, 0, 0x83, 2048, 20000);	/* ends past the end: cut */
	dos_put(im, 0, 1, 0x83, 20000, 100);	/* starts past it: dropped */
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 16384 - 2048, 0);
	expect(im, 2, 0, 0, 0);
	assert_str_contains(log_captured(),
			    "img: partition 1 (sectors 2048-22047) ends beyond");
	assert_str_contains(log_captured(), "img: partition 2 starts at sector 20000");
	image_free(im);
}

static void test_dos_overlap(void **state)
{
	struct image *im = image_new(64 * MiB, 512);

	(void)state;
	dos_put(im, 0, 0, 0x83, 2048, 10000);
	dos_put(im, 0, 1, 0x83, 10000, 10000);	/* overlaps 1: dropped */
	dos_put(im, 0, 2, 0x83, 12048, 100);	/* fine */
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 10000, 0);
	expect(im, 2, 0, 0, 0);
	expect(im, 3, 12048, 100, 0);
	assert_str_contains(log_captured(), "img: partition 2 (sectors 10000-19999) "
			    "overlaps partition 1 (sectors 2048-12047)");
	image_free(im);
}

/* The extended partition's declared size counts for overlaps */
static void test_dos_extended_overlap(void **state)
{
	struct image *im = image_new(64 * MiB, 512);

	(void)state;
	dos_put(im, 0, 0, 0x05, 2048, 50000);
	dos_put(im, 0, 1, 0x83, 10000, 1000);	/* inside the extended one */
	dos_put(im, 2048 * 512, 0, 0x83, 100, 100);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 2, 0);
	expect(im, 2, 0, 0, 0);
	expect(im, 5, 2148, 100, 1);
	image_free(im);
}

static void test_dos_logical_outside(void **state)
{
	struct image *im = image_new(64 * MiB, 512);

	(void)state;
	dos_put(im, 0, 0, 0x05, 2048, 1000);
	dos_put(im, 2048 * 512, 0, 0x83, 100, 5000);	/* past the extended */
	assert_int_equal(probe(im), 1);
	expect(im, 5, 0, 0, 1);
	assert_str_contains(log_captured(), "img: partition 5 (sectors 2148-7147) "
			    "lies outside partition 1");
	image_free(im);
}

static void test_dos_not_a_table(void **state)
{
	struct image *im = image_new(8 * MiB, 512);

	(void)state;
	/* no signature */
	assert_int_equal(probe(im), 0);
	/* a boot sector: signature, but entries with bogus boot flags */
	memset(im->buf + 0x1be, 0x41, 64);
	im->buf[510] = 0x55;
	im->buf[511] = 0xaa;
	assert_int_equal(probe(im), 0);
	/* signature and nothing else: a table without partitions */
	memset(im->buf + 0x1be, 0, 64);
	assert_int_equal(probe(im), 1);
	assert_int_equal(mapped(im), 0);
	/* a partition over the table itself */
	dos_put(im, 0, 0, 0x83, 0, 100);
	assert_int_equal(probe(im), 1);
	assert_int_equal(mapped(im), 0);
	image_free(im);
}

static void test_dos_truncated_disk(void **state)
{
	struct image *im = image_new(300, 512);

	(void)state;
	assert_int_equal(probe(im), 0);
	image_free(im);
}

/* A FreeBSD slice with a disklabel: its partitions come after the
 * logical ones; the raw slice 'c' equal to the dos partition is not
 * repeated, one outside the slice is dropped. */
static void put_bsd_label(struct image *im, uint64_t sector, unsigned n,
			  const uint32_t (*parts)[2])
{
	uint8_t *l = im->buf + sector * 512;
	unsigned i;

	put_le32(l, 0x82564557u);
	put_le32(l + 132, 0x82564557u);
	put_le16(l + 138, (uint16_t)n);
	for (i = 0; i < n; i++) {
		uint8_t *e = l + 148 + i * 16;

		put_le32(e, parts[i][1]);
		put_le32(e + 4, parts[i][0]);
		e[12] = parts[i][1] ? 7 : 0;	/* 4.2BSD */
	}
}

static void test_dos_nested_bsd(void **state)
{
	struct image *im = image_new(64 * MiB, 512);
	const uint32_t parts[][2] = {
		{ 10000 + 16, 4000 },	/* a */
		{ 14016, 2000 },	/* b */
		{ 10000, 50000 },	/* c: the whole slice */
		{ 100, 100 },		/* d: outside the slice */
	};

	(void)state;
	dos_put(im, 0, 0, 0xa5, 10000, 50000);
	dos_put(im, 0, 1, 0x05, 70000, 10000);
	dos_put(im, 70000 * 512, 0, 0x83, 100, 100);
	put_bsd_label(im, 10001, 4, parts);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 10000, 50000, 0);
	expect(im, 5, 70100, 100, 2);
	expect(im, 6, 0, 0, 2);
	expect(im, 7, 10016, 4000, 1);
	expect(im, 8, 14016, 2000, 1);
	assert_null(pt_find(&im->t, 9));
	assert_str_contains(log_captured(), "BSD slice d of partition 1 lies outside");
	image_free(im);
}

/* ---- gpt ------------------------------------------------------------- */

struct gpt_part {
	uint64_t first, last;
};

/* A GPT with the parts, primary and backup, 128 entries, a protective
 * MBR. */
static void gpt_build(struct image *im, const struct gpt_part *parts,
		      unsigned n)
{
	unsigned ss = im->d.sector_size;
	uint64_t last = im->size / ss - 1, entries_sectors = 128 * 128 / ss;
	uint8_t *entries = calloc(128, 128);
	unsigned i, h;

	assert_non_null(entries);
	dos_put(im, 0, 0, 0xee, 1, (uint32_t)(last > 0xffffffff ? 0xffffffff : last));
	for (i = 0; i < n; i++) {
		uint8_t *e = entries + i * 128;

		memset(e, 0x11 + i, 16);	/* type */
		memset(e + 16, 0x80 + i, 16);	/* unique */
		put_le64(e + 32, parts[i].first);
		put_le64(e + 40, parts[i].last);
	}
	for (h = 0; h < 2; h++) {
		uint64_t my = h ? last : 1, alt = h ? 1 : last;
		uint64_t elba = h ? last - entries_sectors : 2;
		uint8_t *p = im->buf + my * ss;

		memcpy(im->buf + elba * ss, entries, 128 * 128);
		memcpy(p, "EFI PART", 8);
		put_le32(p + 8, 0x10000);
		put_le32(p + 12, 92);
		put_le64(p + 24, my);
		put_le64(p + 32, alt);
		put_le64(p + 40, 2 + entries_sectors);
		put_le64(p + 48, last - entries_sectors - 1);
		memset(p + 56, 0x42, 16);
		put_le64(p + 72, elba);
		put_le32(p + 80, 128);
		put_le32(p + 84, 128);
		put_le32(p + 88, pt_crc32(entries, 128 * 128));
		put_le32(p + 16, 0);
		put_le32(p + 16, pt_crc32(p, 92));
	}
	free(entries);
}

/* Rewrite the CRC of the header at lba after a change to it */
static void gpt_rehash(struct image *im, uint64_t lba)
{
	uint8_t *p = im->buf + lba * im->d.sector_size;

	put_le32(p + 16, 0);
	put_le32(p + 16, pt_crc32(p, 92));
}

static const struct gpt_part two_parts[] = { { 2048, 10239 }, { 10240, 40959 } };

static void test_gpt_valid(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "gpt");
	expect(im, 1, 2048, 8192, 0);
	expect(im, 2, 10240, 30720, 0);
	expect(im, 3, 0, 0, 0);
	assert_int_equal(im->t.n, 128);
	assert_int_equal(mapped(im), 2);
	image_free(im);
}

static void test_gpt_4k(void **state)
{
	struct image *im = image_new(64 * MiB, 4096);
	const struct gpt_part parts[] = { { 256, 1279 } };

	(void)state;
	gpt_build(im, parts, 1);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 256 * 8, 1024 * 8, 0);
	image_free(im);
}

static void test_gpt_primary_header_crc(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	im->buf[512 + 40] ^= 1;	/* first usable LBA, CRC not updated */
	assert_int_equal(probe(im), 1);
	expect(im, 2, 10240, 30720, 0);
	assert_str_contains(log_captured(), "img: the primary GPT header is "
			    "invalid, using the backup at LBA 65535");
	image_free(im);
}

static void test_gpt_primary_entries_crc(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	im->buf[2 * 512 + 32] ^= 0xff;	/* entry 1's first LBA */
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 8192, 0);
	assert_str_contains(log_captured(), "using the backup");
	image_free(im);
}

static void test_gpt_backup_only_bad(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	im->buf[(32 * MiB) - 512 + 40] ^= 1;
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 8192, 0);
	assert_str_contains(log_captured(), "backup GPT header is invalid");
	image_free(im);
}

/* Both headers bad: no GPT; the protective MBR is no dos table either */
static void test_gpt_both_bad(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	im->buf[512] = 'X';
	im->buf[(32 * MiB) - 512] = 'X';
	assert_int_equal(probe(im), 0);
	image_free(im);
}

static void test_gpt_no_pmbr(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	memset(im->buf + 0x1be, 0, 64);
	/* the leftover MBR is taken as an empty dos table */
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "dos");
	assert_int_equal(mapped(im), 0);
	assert_str_contains(log_captured(), "no protective MBR");
	im->d.force_gpt = true;
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "gpt");
	assert_int_equal(mapped(im), 2);
	image_free(im);
}

/* A header claiming four billion entries is rejected, not allocated */
static void test_gpt_absurd_count(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	put_le32(im->buf + 512 + 80, 0xffffffffu);
	gpt_rehash(im, 1);
	assert_int_equal(probe(im), 1);
	expect(im, 2, 10240, 30720, 0);
	assert_str_contains(log_captured(), "using the backup");
	image_free(im);
}

static void test_gpt_bad_entries(void **state)
{
	struct image *im = image_new(32 * MiB, 512);
	const struct gpt_part parts[] = {
		{ 2048, 10239 },
		{ 9000, 12000 },	/* overlaps 1 */
		{ 30000, 20000 },	/* ends before it starts */
		{ 40000, 99999999 },	/* past the usable area */
		{ 50000, 50000 },	/* one sector: fine */
	};

	(void)state;
	gpt_build(im, parts, 5);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 8192, 0);
	expect(im, 2, 0, 0, 0);
	expect(im, 3, 0, 0, 0);
	expect(im, 4, 0, 0, 0);
	expect(im, 5, 50000, 1, 0);
	assert_str_contains(log_captured(), "img: partition 2 (sectors 9000-12000) overlaps");
	assert_str_contains(log_captured(), "img: GPT partition 4 (LBA 40000-99999999) lies outside");
	image_free(im);
}

/* A disk shorter than its GPT says (an image cut short): like the
 * kernel, a header whose usable area passes the end is not trusted, and
 * the protective MBR is no dos table: nothing is mapped. */
static void test_gpt_truncated(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	im->d.size = im->size = 16 * MiB;
	assert_int_equal(probe(im), 0);
	image_free(im);
}

/* ---- other labels ------------------------------------------------------ */

static void test_bsd_standalone(void **state)
{
	struct image *im = image_new(16 * MiB, 512);
	const uint32_t parts[][2] = {
		{ 16, 8000 }, { 8016, 4000 }, { 0, 32768 }, { 10000, 4000 },
	};

	(void)state;
	put_bsd_label(im, 1, 4, parts);
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "bsd");
	expect(im, 1, 16, 8000, 3);
	expect(im, 2, 8016, 4000, 3);
	expect(im, 3, 0, 32768, 0);
	expect(im, 4, 0, 0, 3);	/* overlaps b: dropped */
	image_free(im);
}

static void sun_build(struct image *im, const uint32_t (*parts)[2])
{
	uint8_t *l = im->buf;
	uint16_t x = 0;
	unsigned i;

	put_be16(l + 436, 16);	/* tracks per cylinder */
	put_be16(l + 438, 63);	/* sectors per track */
	for (i = 0; i < 8; i++) {
		put_be32(l + 444 + i * 8, parts[i][0]);
		put_be32(l + 444 + i * 8 + 4, parts[i][1]);
	}
	put_be16(l + 508, 0xdabe);
	for (i = 0; i < 510; i += 2)
		x ^= get_be16(l + i);
	put_be16(l + 510, x);
}

static void test_sun(void **state)
{
	struct image *im = image_new(64 * MiB, 512);
	const uint32_t parts[8][2] = {
		{ 0, 1008 * 10 }, { 10, 1008 * 20 }, { 0, 1008 * 100 },
	};

	(void)state;
	sun_build(im, parts);
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "sun");
	expect(im, 1, 0, 10080, 3);
	expect(im, 2, 10080, 20160, 3);
	expect(im, 3, 0, 100800, 0);
	assert_int_equal(mapped(im), 3);
	/* a bad checksum: not a Sun label */
	im->buf[5] ^= 1;
	assert_int_equal(probe(im), 0);
	assert_str_contains(log_captured(), "bad checksum");
	image_free(im);
}

static void solaris_vtoc(struct image *im, uint64_t sector)
{
	uint8_t *v = im->buf + sector * 512;

	put_le32(v + 12, 0x600ddeeeu);
	put_le32(v + 16, 1);
	put_le16(v + 30, 8);
	/* slice 0 at +100, slice 2 the whole partition */
	put_le32(v + 72 + 4, 100);
	put_le32(v + 72 + 8, 500);
	put_le32(v + 72 + 2 * 12 + 4, 0);
	put_le32(v + 72 + 2 * 12 + 8, 4000);
}

static void test_solaris(void **state)
{
	struct image *im = image_new(16 * MiB, 512);

	(void)state;
	dos_put(im, 0, 0, 0x82, 2048, 4000);
	solaris_vtoc(im, 2049);
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 4000, 0);
	expect(im, 5, 2148, 500, 1);
	assert_null(pt_find(&im->t, 6));	/* slice 2 = partition 1 */
	/* on its own at sector 1 of a disk without a dos table */
	memset(im->buf, 0, 1024);
	im->buf[510] = 0;
	solaris_vtoc(im, 1);
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "solaris");
	expect(im, 1, 100, 500, 2);	/* in the backup slice */
	expect(im, 2, 0, 4000, 0);
	image_free(im);
}

static void test_solaris_swap_is_not(void **state)
{
	struct image *im = image_new(16 * MiB, 512);

	(void)state;
	dos_put(im, 0, 0, 0x82, 2048, 4000);	/* Linux swap */
	assert_int_equal(probe(im), 1);
	assert_int_equal(mapped(im), 1);
	image_free(im);
}

static void test_unixware(void **state)
{
	struct image *im = image_new(16 * MiB, 512);
	uint8_t *l = im->buf + (2048 + 29) * 512;

	(void)state;
	dos_put(im, 0, 0, 0x63, 2048, 20000);
	put_le32(l + 4, 0xca5e600du);
	put_le32(l + 156, 0x600ddeeeu);
	/* slice 0 (whole disk) is skipped; 1 and 2 are used */
	put_le16(l + 216, 1);
	put_le32(l + 216 + 8, 30000);
	put_le16(l + 216 + 12, 2);
	put_le32(l + 216 + 12 + 4, 3000);
	put_le32(l + 216 + 12 + 8, 1000);
	put_le16(l + 216 + 24, 3);
	put_le32(l + 216 + 24 + 4, 4000);
	put_le32(l + 216 + 24 + 8, 1000);
	assert_int_equal(probe(im), 1);
	expect(im, 5, 3000, 1000, 1);
	expect(im, 6, 4000, 1000, 1);
	image_free(im);
}

static void test_mac(void **state)
{
	struct image *im = image_new(16 * MiB, 512);
	unsigned i;

	(void)state;
	put_be16(im->buf, 0x4552);
	put_be16(im->buf + 2, 512);
	for (i = 1; i <= 3; i++) {
		uint8_t *e = im->buf + i * 512;

		put_be16(e, 0x504d);
		put_be32(e + 4, 3);
		put_be32(e + 8, i == 1 ? 1 : 1000 * i);
		put_be32(e + 12, i == 1 ? 63 : 500);
	}
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "mac");
	expect(im, 1, 1, 63, 0);
	expect(im, 2, 2000, 500, 0);
	expect(im, 3, 3000, 500, 0);
	/* a map entry count beyond what is there stops at the first gap */
	put_be32(im->buf + 512 + 4, 0xffffffffu);
	assert_int_equal(probe(im), 1);
	assert_int_equal(mapped(im), 3);
	/* a nonsense block size */
	put_be16(im->buf + 2, 100);
	assert_int_equal(probe(im), 0);
	image_free(im);
}

static void test_ps3(void **state)
{
	struct image *im = image_new(16 * MiB, 512);

	(void)state;
	put_be64(im->buf + 16, 0x0face0ffull);
	put_be64(im->buf + 24, 0xdeadfaceull);
	put_be64(im->buf + 48, 8);
	put_be64(im->buf + 48 + 8, 1000);
	/* region 2 empty, region 3 used: numbered 2 */
	put_be64(im->buf + 48 + 2 * 144, 2000);
	put_be64(im->buf + 48 + 2 * 144 + 8, 1000);
	/* region 4 absurdly far: dropped */
	put_be64(im->buf + 48 + 3 * 144, 0xffffffffffffff00ull);
	put_be64(im->buf + 48 + 3 * 144 + 8, 0xff);
	assert_int_equal(probe(im), 1);
	assert_string_equal(im->t.label, "ps3");
	expect(im, 1, 8, 1000, 0);
	expect(im, 2, 2000, 1000, 0);
	expect(im, 3, 0, 0, 0);
	image_free(im);
}

/* -t: only the given type is tried */
static void test_only_type(void **state)
{
	struct image *im = image_new(32 * MiB, 512);

	(void)state;
	gpt_build(im, two_parts, 2);
	assert_int_equal(pt_probe(&im->d, "dos", &im->t), 0);
	assert_int_equal(pt_probe(&im->d, "gpt", &im->t), 1);
	assert_null(pt_label_find("nonesuch"));
	image_free(im);
}

/* Read errors are not "no label" */
static int failing_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	(void)ctx;
	(void)off;
	(void)buf;
	(void)len;
	return -EIO;
}

static void test_read_error(void **state)
{
	struct image *im = image_new(1 * MiB, 512);

	(void)state;
	im->d.read = failing_read;
	assert_int_equal(probe(im), -EIO);
	image_free(im);
}

/* ---- images written by sfdisk ------------------------------------------ */

static struct image *sfdisk_image(size_t size, const char *script)
{
	/* a name ending in a digit would make sfdisk call partitions "p5" */
	char path[] = "/tmp/kpartx-test-XXXXXX.img", cmd[512];
	struct image *im;
	FILE *f;
	int fd;

	if (system("command -v sfdisk >/dev/null 2>&1") != 0)
		return NULL;
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)size), 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "sfdisk -q %s >/dev/null 2>&1", path);
	f = popen(cmd, "w");
	assert_non_null(f);
	/* "IMG" in the script names the image file */
	for (; *script; script++) {
		if (strncmp(script, "IMG", 3) == 0) {
			fputs(path, f);
			script += 2;
		} else {
			fputc(*script, f);
		}
	}
	assert_int_equal(pclose(f), 0);
	im = image_new(size, 512);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fread(im->buf, 1, size, f), size);
	fclose(f);
	unlink(path);
	return im;
}

static void test_sfdisk_dos(void **state)
{
	struct image *im = sfdisk_image(64 * MiB,
		"label: dos\n"
		"IMG1: start=2048, size=10MiB, type=83\n"
		"IMG2: size=40MiB, type=5\n"
		"IMG5: size=5MiB, type=83\n"
		"IMG6: size=5MiB, type=82\n"
		"IMG7: size=5MiB, type=83\n");

	(void)state;
	if (!im)
		skip();
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 20480, 0);
	expect(im, 2, 22528, 2, 0);
	expect(im, 5, 24576, 10240, 2);
	expect(im, 6, 36864, 10240, 2);
	expect(im, 7, 49152, 10240, 2);
	assert_int_equal(mapped(im), 5);
	image_free(im);
}

static void test_sfdisk_gpt(void **state)
{
	struct image *im = sfdisk_image(64 * MiB,
		"label: gpt\n"
		"start=2048, size=10MiB\n"
		"size=20MiB\n"
		"size=5MiB\n");

	(void)state;
	if (!im)
		skip();
	assert_int_equal(probe(im), 1);
	expect(im, 1, 2048, 20480, 0);
	expect(im, 2, 22528, 40960, 0);
	expect(im, 3, 63488, 10240, 0);
	image_free(im);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_log, teardown_log)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_dos_primaries),
		T(test_dos_extended),
		T(test_dos_extended_4k),
		T(test_dos_chain_loop),
		T(test_dos_chain_long),
		T(test_dos_ebr_beyond_end),
		T(test_dos_beyond_end),
		T(test_dos_overlap),
		T(test_dos_extended_overlap),
		T(test_dos_logical_outside),
		T(test_dos_not_a_table),
		T(test_dos_truncated_disk),
		T(test_dos_nested_bsd),
		T(test_gpt_valid),
		T(test_gpt_4k),
		T(test_gpt_primary_header_crc),
		T(test_gpt_primary_entries_crc),
		T(test_gpt_backup_only_bad),
		T(test_gpt_both_bad),
		T(test_gpt_no_pmbr),
		T(test_gpt_absurd_count),
		T(test_gpt_bad_entries),
		T(test_gpt_truncated),
		T(test_bsd_standalone),
		T(test_sun),
		T(test_solaris),
		T(test_solaris_swap_is_not),
		T(test_unixware),
		T(test_mac),
		T(test_ps3),
		T(test_only_type),
		T(test_read_error),
		T(test_sfdisk_dos),
		T(test_sfdisk_gpt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
