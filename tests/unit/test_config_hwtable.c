/* The hardware table: built-in entries, matching precedence, merging of
 * user entries with built-in ones, product_blacklist. */
#include <string.h>

#include "config/config.h"
#include "config/hwtable.h"
#include "config/propsel.h"
#include "testutil.h"
#include "util/log.h"

/* Every built-in setting parses cleanly and is allowed in a device entry. */
static void test_builtin_entries_valid(void **state)
{
	size_t i, j;

	(void)state;
	log_capture_start(4);
	assert_int_equal(builtin_hwtable_len, 123);
	for (i = 0; i < builtin_hwtable_len; i++) {
		const struct hwe_builtin *b = &builtin_hwtable[i];
		struct cfg_loc loc = { "builtin", (unsigned)i, NULL };

		assert_non_null(b->vendor);
		assert_non_null(b->product);
		for (j = 0; j < HWE_MAX_SETTINGS && b->settings[j].value; j++) {
			union kwval v;

			if (!kw_allowed(b->settings[j].kw, SEC_DEVICE))
				fail_msg("entry %zu (%s) sets %s", i, b->vendor,
					 kw_get(b->settings[j].kw)->name);
			assert_int_equal(kw_parse_value(b->settings[j].kw,
							b->settings[j].value,
							&v, &loc), 0);
			kw_free_value(b->settings[j].kw, &v);
		}
	}
	assert_string_equal(log_captured(), "");
	log_capture_stop();
}

static size_t find(const struct config *conf, const char *v, const char *p,
		   const char *r, const struct hwentry **out)
{
	return hwtable_find(conf, v, p, r, out, 8);
}

static void test_match_builtin(void **state)
{
	struct config *conf = config_from_string("", "t");
	const struct hwentry *hw[8];
	struct prop_scope s = { .conf = conf, .hwes = hw };
	enum prop_origin o;

	(void)state;
	s.n_hwes = find(conf, "3PARdata", "VV", "3131", hw);
	assert_int_equal(s.n_hwes, 1);
	assert_int_equal(prop_int(&s, KW_NO_PATH_RETRY, 0, &o), 18);
	assert_int_equal(o, ORIGIN_DEVICE);
	assert_int_equal(prop_int(&s, KW_DEV_LOSS_TMO, 0, &o),
			 DEV_LOSS_TMO_INFINITY);
	assert_string_equal(prop_str(&s, KW_HARDWARE_HANDLER, NULL), "1 alua");
	/* not set by the entry: falls to the built-in default */
	assert_string_equal(prop_str(&s, KW_PATH_SELECTOR, &o), "service-time 0");
	assert_int_equal(o, ORIGIN_BUILTIN);

	/* regexes are unanchored and extended */
	assert_int_equal(find(conf, "NVMe", "anything", NULL, hw), 1);
	assert_string_equal(kvset_str(&hw[0]->kv, KW_VENDOR), "NVM[eE]");
	assert_int_equal(find(conf, "xx3PARdataxx", "xVVx", NULL, hw), 1);
	assert_int_equal(find(conf, "COMPAQ", "HSV111", NULL, hw), 1);
	assert_int_equal(find(conf, "Linux", "scsi_debug", NULL, hw), 0);
	/* anchored patterns do not match in the middle */
	assert_int_equal(find(conf, "XDGC", "RAID 5", NULL, hw), 0);
	assert_int_equal(find(conf, "DGC", "RAID 5", NULL, hw), 1);
	config_free(conf);
}

/* A device matching several entries: the later entry is consulted first. */
static void test_match_order(void **state)
{
	struct config *conf = config_from_string(
		"devices {\n"
		"  device {\n    vendor \"LIO-ORG\"\n    product \"FILEIO\"\n"
		"    no_path_retry 7\n  }\n"
		"}\n", "t");
	const struct hwentry *hw[8];
	struct prop_scope s = { .conf = conf, .hwes = hw };

	(void)state;
	s.n_hwes = find(conf, "LIO-ORG", "FILEIO", "4.0", hw);
	assert_int_equal(s.n_hwes, 2);
	assert_false(hw[0]->builtin);
	assert_true(hw[1]->builtin);
	/* user value first, built-in entry supplies the rest */
	assert_int_equal(prop_int(&s, KW_NO_PATH_RETRY, 0, NULL), 7);
	assert_string_equal(prop_str(&s, KW_PRIO, NULL), "alua");
	assert_int_equal(prop_int(&s, KW_PATH_GROUPING_POLICY, 0, NULL),
			 PGP_GROUP_BY_PRIO);
	config_free(conf);
}

static void test_revision_match(void **state)
{
	struct config *conf = config_from_string(
		"devices {\n"
		"  device {\n    vendor ACME\n    product Box\n"
		"    revision \"^2\\.\"\n    path_checker directio\n  }\n"
		"}\n", "t");
	const struct hwentry *hw[8];

	(void)state;
	assert_int_equal(find(conf, "ACME", "Box", "2.1", hw), 1);
	assert_int_equal(find(conf, "ACME", "Box", "1.2", hw), 0);
	config_free(conf);
}

/* A user entry with the same vendor/product/revision as a built-in one
 * replaces it, keeping the built-in values it does not override. */
static void test_merge_with_builtin(void **state)
{
	struct config *conf = config_from_string(
		"devices {\n"
		"  device {\n    vendor 3PARdata\n    product VV\n"
		"    no_path_retry queue\n  }\n"
		"}\n", "t");
	struct config *plain = config_from_string("", "t");
	const struct hwentry *hw[8], *last;

	(void)state;
	assert_int_equal(conf->hwtable.len, plain->hwtable.len);
	assert_int_equal(find(conf, "3PARdata", "VV", NULL, hw), 1);
	assert_int_equal(kvset_int(&hw[0]->kv, KW_NO_PATH_RETRY, 0),
			 NO_PATH_RETRY_QUEUE);
	assert_string_equal(kvset_str(&hw[0]->kv, KW_PRIO), "alua");
	assert_false(hw[0]->builtin);
	/* the merged entry takes the user's place: last in the table */
	last = vec_last(&conf->hwtable);
	assert_ptr_equal(last, hw[0]);
	config_free(plain);
	config_free(conf);
}

/* Entries that differ only in revision are different entries. */
static void test_no_merge_different_revision(void **state)
{
	struct config *conf = config_from_string(
		"devices {\n"
		"  device {\n    vendor 3PARdata\n    product VV\n"
		"    revision 1\n  }\n"
		"}\n", "t");
	struct config *plain = config_from_string("", "t");

	(void)state;
	assert_int_equal(conf->hwtable.len, plain->hwtable.len + 1);
	config_free(plain);
	config_free(conf);
}

static void test_product_blacklist(void **state)
{
	struct config *conf = config_from_string(
		"devices {\n"
		"  device {\n    vendor ACME\n    product Box\n"
		"    product_blacklist \"Gateway\"\n  }\n"
		"}\n", "t");

	(void)state;
	assert_true(filter_device(conf, "ACME", "Gateway LUN") > 0);
	assert_int_equal(filter_device(conf, "ACME", "Box"), 0);
	/* built-in ones: e.g. EMC LUNZ, "Universal Xport" of several vendors */
	assert_true(filter_device(conf, "DGC", "LUNZ") > 0);
	assert_true(filter_device(conf, "DELL", "Universal Xport") > 0);
	config_free(conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_entries_valid),
		cmocka_unit_test(test_match_builtin),
		cmocka_unit_test(test_match_order),
		cmocka_unit_test(test_revision_match),
		cmocka_unit_test(test_merge_with_builtin),
		cmocka_unit_test(test_no_merge_different_revision),
		cmocka_unit_test(test_product_blacklist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
