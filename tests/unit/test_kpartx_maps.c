/* Partition map naming and matching: dm/partmaps' uuid and table tests,
 * kpartx's map names, delimiters, uuids of plain devices, and the -l
 * listing in the reference's format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dm/partmaps.h"
#include "testutil.h"

#include "../../kpartx/label.c"
#include "../../kpartx/maps.c"

/* the label list of label.c, without the parsers: none is probed here */
const struct pt_label_ops pt_gpt, pt_dos, pt_bsd, pt_solaris, pt_unixware,
	pt_mac, pt_sun, pt_ps3;

static void test_uuid_part(void **state)
{
	(void)state;
	assert_int_equal(partmap_uuid_part("part1-mpath-3600a", "mpath-3600a"), 1);
	assert_int_equal(partmap_uuid_part("part12-mpath-3600a", NULL), 12);
	assert_int_equal(partmap_uuid_part("part12-mpath-3600a", "mpath-3600b"), 0);
	assert_int_equal(partmap_uuid_part("part1-mpath-3600a", "mpath-3600"), 0);
	assert_int_equal(partmap_uuid_part("part-mpath-3600a", NULL), 0);
	assert_int_equal(partmap_uuid_part("partx1-mpath", NULL), 0);
	assert_int_equal(partmap_uuid_part("part0-mpath", NULL), 0);
	assert_int_equal(partmap_uuid_part("part1mpath", NULL), 0);
	assert_int_equal(partmap_uuid_part("mpath-3600a", NULL), 0);
	assert_int_equal(partmap_uuid_part("", NULL), 0);
	assert_int_equal(partmap_uuid_part(NULL, NULL), 0);
	assert_int_equal(partmap_uuid_part("part99999999999999999999-x", NULL), 0);
	/* a partition of a partition */
	assert_int_equal(partmap_uuid_part("part2-part1-mpath-x", "part1-mpath-x"), 2);
}

static void test_uuid_make(void **state)
{
	char *u = partmap_uuid(3, "mpath-3600a");

	(void)state;
	assert_string_equal(u, "part3-mpath-3600a");
	assert_int_equal(partmap_uuid_part(u, "mpath-3600a"), 3);
	free(u);
	u = kpx_nondm_uuid(7, 0);
	assert_string_equal(u, "devnode_7:0_Wh5pYvM");
	free(u);
}

static void test_linear_table(void **state)
{
	uint64_t start = 0;

	(void)state;
	assert_true(linear_table_on("253:0 2048", 253, 0, &start));
	assert_int_equal(start, 2048);
	assert_true(linear_table_on("8:16 0", 8, 16, NULL));
	/* the reference's substring match took 8:1 for 8:16 */
	assert_false(linear_table_on("8:16 0", 8, 1, NULL));
	assert_false(linear_table_on("8:1 0", 8, 16, NULL));
	assert_false(linear_table_on("253:0 2048 1", 253, 0, NULL));
	assert_false(linear_table_on("253:0", 253, 0, NULL));
	assert_false(linear_table_on("", 253, 0, NULL));
	assert_false(linear_table_on(NULL, 253, 0, NULL));
	assert_false(linear_table_on("0 1 round-robin", 253, 0, NULL));
}

static void test_delim(void **state)
{
	(void)state;
	assert_string_equal(kpx_default_delim("mpatha"), "");
	assert_string_equal(kpx_default_delim("loop0"), "p");
	assert_string_equal(kpx_default_delim("3600a0b80001"), "p");
	assert_string_equal(kpx_default_delim(""), "");
}

static void test_part_name(void **state)
{
	struct kpx_parent p = { .name = "mpatha", .delim = "-part" };
	char buf[16];

	(void)state;
	assert_int_equal(kpx_part_name(&p, 1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "mpatha-part1");
	snprintf(p.name, sizeof(p.name), "cciss/c0d0");
	snprintf(p.delim, sizeof(p.delim), "p");
	assert_int_equal(kpx_part_name(&p, 12, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "cciss!c0d0p12");
	snprintf(p.name, sizeof(p.name), "a-rather-long-name");
	assert_int_equal(kpx_part_name(&p, 1, buf, sizeof(buf)), -ENAMETOOLONG);
}

/* kpx_list()'s output, captured from stdout */
static char *list_output(const struct kpx_parent *p, const struct pt_table *t)
{
	char path[] = "/tmp/kpartx-list-XXXXXX";
	int fd = mkstemp(path), saved;
	char *out;

	assert_true(fd >= 0);
	fflush(stdout);
	saved = dup(1);
	dup2(fd, 1);
	kpx_list(p, t);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(fd);
	out = read_test_file(path);
	unlink(path);
	return out;
}

/* As the reference prints a dos table with logical partitions: those in
 * the extended partition last, on "/dev/dm-<place of the container in the
 * list>", their start relative to it. */
static void test_list_dos(void **state)
{
	struct kpx_parent p = {
		.path = "/dev/mapper/mpatha", .name = "mpatha", .delim = "",
	};
	struct pt_table t = { 0 };
	char *out;

	(void)state;
	pt_add(&t, 1, 2048, 20480, 0);
	pt_add(&t, 2, 22528, 2, 0)->extent = 81920;
	pt_add(&t, 3, 0, 0, 0);
	pt_add(&t, 4, 0, 0, 0);
	pt_add(&t, 5, 24576, 10240, 2);
	pt_add(&t, 6, 36864, 10240, 2);
	pt_add(&t, 7, 0, 0, 2);
	out = list_output(&p, &t);
	assert_string_equal(out,
		"mpatha1 : 0 20480 /dev/mapper/mpatha 2048\n"
		"mpatha2 : 0 2 /dev/mapper/mpatha 22528\n"
		"mpatha5 : 0 10240 /dev/dm-1 2048\n"
		"mpatha6 : 0 10240 /dev/dm-1 14336\n");
	free(out);
	pt_table_free(&t);
}

static void test_list_empty(void **state)
{
	struct kpx_parent p = { .path = "/dev/loop0", .name = "loop0",
				.delim = "p" };
	struct pt_table t = { 0 };
	char *out;

	(void)state;
	out = list_output(&p, &t);
	assert_string_equal(out, "");
	free(out);
	pt_add(&t, 3, 100, 200, 0);
	out = list_output(&p, &t);
	assert_string_equal(out, "loop0p3 : 0 200 /dev/loop0 100\n");
	free(out);
	pt_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid_part),
		cmocka_unit_test(test_uuid_make),
		cmocka_unit_test(test_linear_table),
		cmocka_unit_test(test_delim),
		cmocka_unit_test(test_part_name),
		cmocka_unit_test(test_list_dos),
		cmocka_unit_test(test_list_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
