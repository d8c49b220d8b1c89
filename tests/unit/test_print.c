/* The %-wildcard formatter and the topology layout, against the
 * reference's output (shared/reference/multipath.txt). */
#include <string.h>

#include "config/values.h"
#include "model/map.h"
#include "print/topology.h"
#include "testutil.h"

struct hp {
	const char *hcil, *dev, *devt;
	int prio;
};

static struct path *mkpath(const struct hp *h, struct multipath *mpp)
{
	struct path *pp = path_new();
	unsigned long long lun;

	assert_non_null(pp);
	sscanf(h->hcil, "%d:%d:%d:%llu", &pp->hcil.host, &pp->hcil.channel,
	       &pp->hcil.target, &lun);
	pp->hcil.lun = lun;
	pp->has_hcil = true;
	strcpy(pp->dev, h->dev);
	strcpy(pp->dev_t, h->devt);
	strcpy(pp->vendor, "Linux");
	strcpy(pp->product, "scsi_debug");
	strcpy(pp->sysfs_state, "running");
	strcpy(pp->wwid, mpp->wwid);
	pp->dmstate = DMP_ACTIVE;
	pp->state = PATH_UP;
	pp->priority = h->prio;
	pp->mpp = mpp;
	pp->size = 16384;
	return pp;
}

/* mpatha of the reference: 4 groups of one path, prio 50 50 10 1 */
static struct multipath *mpatha(bool long_listing)
{
	static const struct hp paths[] = {
		{ "0:0:0:0", "sda", "8:0", 50 },
		{ "3:0:0:0", "sdj", "8:144", 50 },
		{ "1:0:0:0", "sdd", "8:48", 10 },
		{ "2:0:0:0", "sdg", "8:96", 1 },
	};
	struct multipath *mpp = multipath_new();
	size_t i;

	strcpy(mpp->wwid, "1Linux_scsi_debug_2000");
	mpp->alias = strdup("mpatha");
	strcpy(mpp->dm_dev, "dm-0");
	mpp->minor = 0;
	mpp->size = 16384;
	mpp->features = strdup("0");
	mpp->hwhandler = strdup("1 alua");
	mpp->wp_known = true;
	for (i = 0; i < 4; i++) {
		struct pathgroup *pg = pathgroup_new();
		struct path *pp = mkpath(&paths[i], mpp);

		if (!long_listing) {
			pp->state = PATH_UNCHECKED;
			pp->priority = -1;
		}
		pg->selector = strdup("service-time 0");
		pg->state = PGS_ENABLED;
		vec_push(&pg->paths, pp);
		vec_push(&mpp->paths, pp);
		vec_push(&mpp->pgs, pg);
		if (long_listing)
			pathgroup_update_priority(pg);
	}
	return mpp;
}

static void test_topology_ll(void **state)
{
	struct multipath *mpp = mpatha(true);
	struct strbuf sb = STRBUF_INIT;
	struct layout lo;
	size_t i;

	(void)state;
	layout_init(&lo, PRINT_PATH, false);
	for (i = 0; i < mpp->paths.len; i++)
		layout_add(&lo, mpp->paths.items[i]);
	assert_int_equal(print_topology(&sb, mpp, &lo, 2, NULL), 0);
	assert_string_equal(strbuf_str(&sb),
		"mpatha (1Linux_scsi_debug_2000) dm-0 Linux,scsi_debug\n"
		"size=8.0M features='0' hwhandler='1 alua' wp=rw\n"
		"|-+- policy='service-time 0' prio=50 status=enabled\n"
		"| `- 0:0:0:0 sda 8:0   active ready running\n"
		"|-+- policy='service-time 0' prio=50 status=enabled\n"
		"| `- 3:0:0:0 sdj 8:144 active ready running\n"
		"|-+- policy='service-time 0' prio=10 status=enabled\n"
		"| `- 1:0:0:0 sdd 8:48  active ready running\n"
		"`-+- policy='service-time 0' prio=1 status=enabled\n"
		"  `- 2:0:0:0 sdg 8:96  active ready running\n");
	strbuf_free(&sb);
	multipath_free(mpp);
}

static void test_topology_l(void **state)
{
	struct multipath *mpp = mpatha(false);
	struct strbuf sb = STRBUF_INIT;
	struct layout lo;
	size_t i;

	(void)state;
	layout_init(&lo, PRINT_PATH, false);
	for (i = 0; i < mpp->paths.len; i++)
		layout_add(&lo, mpp->paths.items[i]);
	assert_int_equal(print_topology(&sb, mpp, &lo, 2, NULL), 0);
	assert_string_equal(strbuf_str(&sb),
		"mpatha (1Linux_scsi_debug_2000) dm-0 Linux,scsi_debug\n"
		"size=8.0M features='0' hwhandler='1 alua' wp=rw\n"
		"|-+- policy='service-time 0' prio=0 status=enabled\n"
		"| `- 0:0:0:0 sda 8:0   active undef running\n"
		"|-+- policy='service-time 0' prio=0 status=enabled\n"
		"| `- 3:0:0:0 sdj 8:144 active undef running\n"
		"|-+- policy='service-time 0' prio=0 status=enabled\n"
		"| `- 1:0:0:0 sdd 8:48  active undef running\n"
		"`-+- policy='service-time 0' prio=0 status=enabled\n"
		"  `- 2:0:0:0 sdg 8:96  active undef running\n");
	strbuf_free(&sb);
	multipath_free(mpp);
}

static void test_topology_variants(void **state)
{
	struct multipath *mpp = mpatha(true);
	struct strbuf sb = STRBUF_INIT;
	struct pathgroup *pg;
	struct path *pp;

	(void)state;
	/* -v1: names only */
	assert_int_equal(print_topology(&sb, mpp, NULL, 1, NULL), 0);
	assert_string_equal(strbuf_str(&sb), "mpatha\n");
	strbuf_reset(&sb);
	/* no alias: the WWID once; two paths in a group; failed path */
	free(mpp->alias);
	mpp->alias = NULL;
	pg = mpp->pgs.items[0];
	pp = mpp->paths.items[1];
	vec_push(&pg->paths, pp);
	pp->dmstate = DMP_FAILED;
	pp->state = PATH_DOWN;
	strcpy(pp->sysfs_state, "offline");
	print_topology(&sb, mpp, NULL, 2, "create: ");
	assert_str_contains(strbuf_str(&sb),
		"create: 1Linux_scsi_debug_2000 dm-0 Linux,scsi_debug\n");
	assert_str_contains(strbuf_str(&sb),
		"|-+- policy='service-time 0' prio=50 status=enabled\n"
		"| |- 0:0:0:0 sda 8:0   active ready  running\n"
		"| `- 3:0:0:0 sdj 8:144 failed faulty offline\n");
	strbuf_free(&sb);
	multipath_free(mpp);
}

static void test_sizes(void **state)
{
	static const struct {
		unsigned long long sectors;
		const char *text;
	} cases[] = {
		{ 0, "0.0K" }, { 2, "1.0K" }, { 16384, "8.0M" },
		{ 20479, "10.0M" }, { 20480, "10M" }, { 2097152, "1.0G" }, { 209715200, "100G" },
		{ 4294967296ULL, "2.0T" }, { 1ULL << 62, "2097152P" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;

		print_size(&sb, cases[i].sectors);
		assert_string_equal(strbuf_str(&sb), cases[i].text);
		strbuf_free(&sb);
	}
}

static void test_path_format_and_header(void **state)
{
	struct multipath *mpp = mpatha(true);
	struct strbuf sb = STRBUF_INIT;
	struct layout lo;
	size_t i;

	(void)state;
	layout_init(&lo, PRINT_PATH, true);
	for (i = 0; i < mpp->paths.len; i++)
		layout_add(&lo, mpp->paths.items[i]);
	print_header(&sb, PRINT_PATH, "%i %d %D %p %t %T %o", &lo);
	assert_string_equal(strbuf_str(&sb),
			    "hcil    dev dev_t pri dm_st  chk_st dev_st ");
	strbuf_reset(&sb);
	print_format(&sb, PRINT_PATH, "%i %d %D %p %t %T %o|%L|%m|%P %x%%",
		     mpp->paths.items[2], &lo);
	assert_string_equal(strbuf_str(&sb),
		"1:0:0:0 sdd 8:48  10  active ready  running|0x0000000000000000|mpatha   |undef    %x%%");
	strbuf_free(&sb);
	multipath_free(mpp);
}

static void test_lun_hex(void **state)
{
	struct multipath *mpp = mpatha(true);
	struct path *pp = mpp->paths.items[0];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	pp->hcil.lun = 1;
	print_format(&sb, PRINT_PATH, "%L", pp, NULL);
	assert_string_equal(strbuf_str(&sb), "0x0001000000000000");
	strbuf_reset(&sb);
	pp->hcil.lun = 0x4001;	/* flat space addressing */
	print_format(&sb, PRINT_PATH, "%L", pp, NULL);
	assert_string_equal(strbuf_str(&sb), "0x4001000000000000");
	strbuf_free(&sb);
	multipath_free(mpp);
}

static void test_wildcards_list(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *ref = read_test_file(test_data_path("reference-wildcards.txt"));

	(void)state;
	assert_int_equal(print_wildcards(&sb), 0);
	assert_string_equal(strbuf_str(&sb), ref);
	free(ref);
	strbuf_free(&sb);
}

/* measuring only the format's wildcards prints the same columns */
static void test_layout_of_format(void **state)
{
	struct multipath *mpp = mpatha(true);
	struct strbuf all = STRBUF_INIT, some = STRBUF_INIT;
	const char *fmt = "%d %D %T %o";
	struct layout lo_all, lo_some;
	size_t i;
	unsigned used = 0;

	(void)state;
	layout_init(&lo_all, PRINT_PATH, true);
	layout_init(&lo_some, PRINT_PATH, true);
	layout_use_format(&lo_some, fmt);
	for (i = 0; i < mpp->paths.len; i++) {
		layout_add(&lo_all, mpp->paths.items[i]);
		layout_add(&lo_some, mpp->paths.items[i]);
	}
	for (i = 0; i < 64; i++)
		used += lo_some.only >> i & 1;
	assert_int_equal(used, 4);
	assert_int_equal(print_header(&all, PRINT_PATH, fmt, &lo_all), 0);
	assert_int_equal(print_header(&some, PRINT_PATH, fmt, &lo_some), 0);
	for (i = 0; i < mpp->paths.len; i++) {
		assert_int_equal(print_format(&all, PRINT_PATH, fmt,
					      mpp->paths.items[i], &lo_all), 0);
		assert_int_equal(print_format(&some, PRINT_PATH, fmt,
					      mpp->paths.items[i], &lo_some), 0);
	}
	assert_string_equal(strbuf_str(&some), strbuf_str(&all));
	/* a format without wildcards measures nothing */
	layout_init(&lo_some, PRINT_PATH, false);
	layout_use_format(&lo_some, "plain");
	layout_add(&lo_some, mpp->paths.items[0]);
	for (i = 0; i < 54; i++)
		assert_int_equal(lo_some.width[i], 0);
	strbuf_free(&all);
	strbuf_free(&some);
	multipath_free(mpp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_topology_ll),
		cmocka_unit_test(test_layout_of_format),
		cmocka_unit_test(test_topology_l),
		cmocka_unit_test(test_topology_variants),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_path_format_and_header),
		cmocka_unit_test(test_lun_hex),
		cmocka_unit_test(test_wildcards_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
