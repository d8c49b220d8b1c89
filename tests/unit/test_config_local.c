/* "show config local" / multipath -T: of the device table, only the
 * user's entries and those the paths use; the maps in multipaths { }. */
#include <string.h>

#include "config/config.h"
#include "config/dump.h"
#include "config/hwtable.h"
#include "model/path.h"
#include "testutil.h"

static void test_local(void **state)
{
	struct config *conf = config_from_string(
		"devices {\n  device {\n    vendor ACME\n    product Box\n  }\n}\n"
		"multipaths {\n  multipath {\n    wwid 3600b\n    alias known\n  }\n}\n",
		"t");
	struct local_map maps[] = {
		{ .wwid = "3600a", .alias = "mpatha" },
		{ .wwid = "3600b", .alias = "known" },
		{ .wwid = "3600c", .alias = "3600c" },
		{ .wwid = "", .alias = "odd" },
	};
	struct strbuf sb = STRBUF_INIT;
	struct vec paths = VEC_INIT;
	struct path *pp = path_new();
	const char *out;

	(void)state;
	assert_non_null(pp);
	pp->n_hwe = (unsigned)hwtable_find(conf, "NETAPP", "LUN C-Mode", "",
					   pp->hwe, PATH_MAX_HWES);
	assert_true(pp->n_hwe > 0);
	assert_int_equal(vec_push(&paths, NULL), 0);	/* a free slot */
	assert_int_equal(vec_push(&paths, pp), 0);
	assert_int_equal(config_print_local(conf, &sb, &paths, maps, 4), 0);
	out = strbuf_str(&sb);
	assert_str_contains(out, "\t\tvendor \"ACME\"\n");
	assert_str_contains(out, "\t\tvendor \"NETAPP\"\n");
	assert_str_not_contains(out, "\t\tvendor \"DGC\"\n");
	assert_str_not_contains(out, "\t\tvendor \"HITACHI\"\n");
	/* a map without an entry: its alias as a comment; one with an entry
	 * is that entry; a map named by its WWID has no alias line */
	assert_str_contains(out, "\tmultipath {\n\t\twwid \"3600a\"\n\t\t# alias \"mpatha\"\n\t}\n");
	assert_str_contains(out, "\t\talias \"known\"\n");
	assert_str_not_contains(out, "# alias \"known\"");
	assert_str_contains(out, "\tmultipath {\n\t\twwid \"3600c\"\n\t}\n");
	assert_str_not_contains(out, "odd");
	strbuf_free(&sb);
	vec_free(&paths, NULL);
	path_free(pp);
	config_free(conf);
}

static void test_no_paths_no_maps(void **state)
{
	struct config *conf = config_from_string("", "t");
	struct strbuf sb = STRBUF_INIT;
	struct vec paths = VEC_INIT;

	(void)state;
	assert_int_equal(config_print_local(conf, &sb, &paths, NULL, 0), 0);
	assert_str_contains(strbuf_str(&sb), "defaults {\n");
	assert_str_not_contains(strbuf_str(&sb), "\t\tvendor \"NETAPP\"\n");
	assert_str_not_contains(strbuf_str(&sb), "multipaths {");
	strbuf_free(&sb);
	config_free(conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_no_paths_no_maps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
