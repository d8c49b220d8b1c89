/* dm/mpath_table: the dm-multipath table and status strings. Real strings
 * from a guest (tests/unit's reference), every selector's shapes, the
 * kernel's feature echo, and one test per class of malformed input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/mpath_table.h"
#include "testutil.h"

/* dmsetup table / status of mpatha in /work/shared/reference/dm-and-files.txt */
static const char ref_table[] =
	"0 16384 multipath 0 1 alua 4 1 service-time 0 1 2 8:0 1 1 "
	"service-time 0 1 2 8:144 1 1 service-time 0 1 2 8:48 1 1 "
	"service-time 0 1 2 8:96 1 1 ";
static const char ref_status[] =
	"0 16384 multipath 2 0 1 0 4 1 E 0 1 2 8:0 A 0 0 1 E 0 1 2 8:144 A 0 0 1 "
	"E 0 1 2 8:48 A 0 0 1 E 0 1 2 8:96 A 0 0 1 ";
static const char ref_table_b[] =
	"0 1 alua 4 1 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:160 1 1 "
	"service-time 0 1 2 8:64 1 1 service-time 0 1 2 8:112 1 1 ";
static const char ref_status_b[] =
	"2 0 1 0 4 1 E 0 1 2 8:16 A 0 0 1 E 0 1 2 8:160 A 0 0 1 E 0 1 2 8:64 A 0 0 1 "
	"E 0 1 2 8:112 A 0 0 1 ";

/* Parse s, which must succeed, and check it formats back to itself. */
static void parse_ok(const char *s, struct dmmp_table *t)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	assert_int_equal(dmmp_parse_table(s, t), 0);
	assert_int_equal(dmmp_format_table(t, &sb), 0);
	assert_string_equal(strbuf_str(&sb), s);
}

static void status_ok(const char *s, struct dmmp_table *t)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	assert_int_equal(dmmp_parse_status(s, t), 0);
	assert_true(t->has_status);
	assert_int_equal(dmmp_format_status(t, &sb), 0);
	assert_string_equal(strbuf_str(&sb), s);
}

static void table_bad(const char *s)
{
	struct dmmp_table t;

	if (dmmp_parse_table(s, &t) != -EINVAL)
		fail_msg("accepted as a table: \"%s\"", s);
	assert_int_equal(t.nr_groups, 0);
	assert_null(t.groups);
	assert_int_equal(t.features.n, 0);
}

/* s must be refused as a status for the table tbl, leaving it as it was. */
static void status_bad(const char *tbl, const char *s)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

	assert_int_equal(dmmp_parse_table(tbl, &t), 0);
	if (dmmp_parse_status(s, &t) != -EINVAL)
		fail_msg("accepted as a status: \"%s\"", s);
	assert_false(t.has_status);
	assert_int_equal(t.status_features.n, 0);
	if (t.nr_groups) {
		assert_int_equal(t.groups[0].state, 0);
		assert_int_equal(t.groups[0].paths[0].state, 0);
	}
}

static void assert_words(const struct dmmp_words *w, const char *counted)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	assert_int_equal(dmmp_format_words(w, &sb), 0);
	assert_string_equal(strbuf_str(&sb), counted);
}

static void test_reference_table(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	static const char *devts[] = { "8:0", "8:144", "8:48", "8:96" };
	const char *params = dmmp_skip_target_prefix(ref_table);
	unsigned int i;

	(void)state;
	assert_ptr_equal(params, ref_table + strlen("0 16384 multipath "));
	parse_ok(params, &t);
	assert_words(&t.features, "0");
	assert_words(&t.hwhandler, "1 alua");
	assert_int_equal(t.nr_groups, 4);
	assert_int_equal(t.initial_group, 1);
	for (i = 0; i < 4; i++) {
		const struct dmmp_group *g = &t.groups[i];

		assert_string_equal(g->selector, "service-time");
		assert_int_equal(g->selector_args.n, 0);
		assert_int_equal(g->nr_paths, 1);
		assert_string_equal(g->paths[0].devt, devts[i]);
		assert_int_equal(g->paths[0].major, 8);
		assert_words(&g->paths[0].args, "2 1 1");
		assert_int_equal(g->state, 0);
	}
	assert_false(t.has_status);
	assert_false(dmmp_table_feature(&t, "queue_if_no_path", NULL));
}

static void test_reference_status(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	_cleanup_(dmmp_table_free) struct dmmp_table b = DMMP_TABLE_INIT;
	unsigned int i, count, queue_io = 1;

	(void)state;
	parse_ok(dmmp_skip_target_prefix(ref_table), &t);
	status_ok(dmmp_skip_target_prefix(ref_status), &t);
	assert_words(&t.status_features, "2 0 1");
	assert_words(&t.status_hwhandler, "0");
	assert_int_equal(t.next_group, 1);
	for (i = 0; i < 4; i++) {
		const struct dmmp_path *p = &t.groups[i].paths[0];

		assert_int_equal(t.groups[i].state, 'E');
		assert_words(&t.groups[i].status, "0");
		assert_int_equal(p->state, 'A');
		assert_int_equal(p->fail_count, 0);
		/* service-time: in-flight size, relative throughput */
		assert_words(&p->status, "2 0 1");
	}
	assert_int_equal(dmmp_status_queue_io(&t, &queue_io), 0);
	assert_int_equal(queue_io, 0);
	assert_int_equal(dmmp_status_pg_init_count(&t, &count), 0);
	assert_int_equal(count, 1);

	parse_ok(ref_table_b, &b);
	status_ok(ref_status_b, &b);
	/* the status of one map does not fit the table of another */
	assert_int_equal(dmmp_parse_status(ref_status_b, &t), -EINVAL);
	assert_string_equal(t.groups[0].paths[0].devt, "8:0");
}

static void test_round_robin_groups(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	const char *v;

	(void)state;
	parse_ok("1 queue_if_no_path 0 2 2 round-robin 0 2 1 8:16 1 8:32 1 "
		 "round-robin 0 3 1 8:48 1000 8:64 1000 65:16 1000 ", &t);
	assert_words(&t.features, "1 queue_if_no_path");
	assert_words(&t.hwhandler, "0");
	assert_int_equal(t.initial_group, 2);
	assert_int_equal(t.groups[1].nr_paths, 3);
	assert_string_equal(t.groups[1].paths[2].devt, "65:16");
	assert_int_equal(t.groups[1].paths[2].minor, 16);
	assert_words(&t.groups[1].paths[2].args, "1 1000");
	assert_true(dmmp_table_feature(&t, "queue_if_no_path", &v));
	assert_null(v);
	assert_true(dmmp_table_feature(&t, "QUEUE_IF_NO_PATH", NULL));

	/* round-robin has no per-path status; group 2 in use, a path failed */
	status_ok("2 0 0 0 2 2 E 0 2 0 8:16 A 0 8:32 A 0 "
		  "A 0 3 0 8:48 A 0 8:64 F 7 65:16 A 1 ", &t);
	assert_int_equal(t.next_group, 2);
	assert_int_equal(t.groups[1].state, 'A');
	assert_int_equal(t.groups[1].paths[1].state, 'F');
	assert_int_equal(t.groups[1].paths[1].fail_count, 7);
	assert_int_equal(t.groups[1].paths[2].fail_count, 1);
	assert_int_equal(t.groups[1].paths[0].status.n, 0);
}

static void test_queue_length(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

	(void)state;
	parse_ok("0 1 rdac 1 1 queue-length 0 3 1 8:16 1 8:32 1 259:3 1 ", &t);
	assert_words(&t.hwhandler, "1 rdac");
	assert_string_equal(t.groups[0].paths[2].devt, "259:3");
	/* queue-length: in-flight I/Os per path */
	status_ok("2 1 0 0 1 1 A 0 3 1 8:16 A 0 12 8:32 F 3 0 259:3 A 0 4 ", &t);
	assert_words(&t.groups[0].paths[0].status, "1 12");
	assert_int_equal(t.groups[0].paths[1].fail_count, 3);
}

static void test_historical_service_time(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

	(void)state;
	/* group args "2 <weight> <threshold>", per-path table arg "0" */
	parse_ok("0 0 1 1 historical-service-time 2 972 0 2 1 8:16 0 8:32 0 ",
		 &t);
	assert_words(&t.groups[0].selector_args, "2 972 0");
	status_ok("2 0 0 0 1 1 A 2 972 0 2 3 8:16 A 0 1024 0 0 "
		  "8:32 A 0 18446744073709551615 2 1234567890123 ", &t);
	assert_words(&t.groups[0].status, "2 972 0");
	assert_words(&t.groups[0].paths[1].status,
		     "3 18446744073709551615 2 1234567890123");
}

static void test_group_states(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

	(void)state;
	parse_ok("0 0 3 2 service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:32 1 1 "
		 "service-time 0 2 2 8:48 1 1 8:64 1 0 ", &t);
	assert_words(&t.groups[2].paths[1].args, "2 1 0");
	status_ok("2 0 3 0 3 2 D 0 1 2 8:16 F 12 0 1 A 0 1 2 8:32 A 2 3 1 "
		  "E 0 2 2 8:48 A 0 0 1 8:64 F 1 0 0 ", &t);
	assert_int_equal(t.groups[0].state, 'D');
	assert_int_equal(t.groups[1].state, 'A');
	assert_int_equal(t.groups[2].state, 'E');
	assert_int_equal(t.groups[0].paths[0].state, 'F');
	assert_int_equal(t.groups[0].paths[0].fail_count, 12);
	assert_int_equal(t.groups[2].paths[1].state, 'F');
}

static void test_features(void **state)
{
	static const char *const tables[] = {
		"0 0 0 0 ",
		"1 queue_if_no_path 0 0 0 ",
		"2 pg_init_retries 50 0 0 0 ",
		"3 queue_if_no_path pg_init_retries 50 0 0 0 ",
		"1 retain_attached_hw_handler 0 0 0 ",
		("8 queue_if_no_path pg_init_retries 5 pg_init_delay_msecs 100 "
		 "retain_attached_hw_handler queue_mode bio 0 0 0 "),
	};
	const char *v;
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

		parse_ok(tables[i], &t);
	}
	{
		_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

		parse_ok(tables[5], &t);
		assert_true(dmmp_table_feature(&t, "pg_init_retries", &v));
		assert_string_equal(v, "5");
		assert_true(dmmp_table_feature(&t, "pg_init_delay_msecs", &v));
		assert_string_equal(v, "100");
		assert_true(dmmp_table_feature(&t, "queue_mode", &v));
		assert_string_equal(v, "bio");
		assert_true(dmmp_table_feature(&t, "retain_attached_hw_handler",
					       &v));
		assert_null(v);
		/* values are not features */
		assert_false(dmmp_table_feature(&t, "bio", NULL));
		assert_false(dmmp_table_feature(&t, "5", NULL));
	}
	{
		_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

		parse_ok("4 pg_init_retries 3 pg_init_retries 7 0 0 0 ", &t);
		assert_true(dmmp_table_feature(&t, "pg_init_retries", &v));
		assert_string_equal(v, "7");	/* the kernel keeps the last */
	}
}

static void test_hwhandler_args(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

	(void)state;
	/* what we may hand the kernel: the handler's count covers its args */
	parse_ok("0 3 emc 1 0 1 1 round-robin 0 1 1 8:16 1 ", &t);
	assert_words(&t.hwhandler, "3 emc 1 0");
	assert_string_equal(t.groups[0].selector, "round-robin");
	/* the kernel prints the name only */
	assert_int_equal(dmmp_table_normalize(&t), 0);
	assert_words(&t.hwhandler, "1 emc");
}

static void test_zero_groups(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	unsigned int count;

	(void)state;
	parse_ok("1 queue_if_no_path 0 0 0 ", &t);
	assert_int_equal(t.nr_groups, 0);
	assert_null(t.groups);
	status_ok("2 0 0 0 0 0 ", &t);
	assert_int_equal(t.next_group, 0);
	assert_int_equal(dmmp_status_pg_init_count(&t, &count), 0);
	assert_int_equal(count, 0);
	/* spacing is free on input */
	dmmp_table_free(&t);
	assert_int_equal(dmmp_parse_table("\t0  0\n0 0", &t), 0);
	assert_int_equal(dmmp_parse_status(" 2 0 0 0 0 0\n", &t), 0);
}

static void test_all_paths_failed(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	unsigned int queue_io;

	(void)state;
	parse_ok("1 queue_if_no_path 1 alua 2 1 service-time 0 1 2 8:16 1 1 "
		 "service-time 0 1 2 8:32 1 1 ", &t);
	/* queueing, no path left: no group in use, first one reported */
	status_ok("2 1 4 0 2 1 E 0 1 2 8:16 F 3 0 1 E 0 1 2 8:32 F 3 0 1 ", &t);
	assert_int_equal(dmmp_status_queue_io(&t, &queue_io), 0);
	assert_int_equal(queue_io, 1);
	assert_int_equal(t.groups[1].paths[0].state, 'F');
}

static void test_status_replaced(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

	(void)state;
	parse_ok(dmmp_skip_target_prefix(ref_table), &t);
	status_ok(dmmp_skip_target_prefix(ref_status), &t);
	status_ok("2 0 5 0 4 3 E 0 1 2 8:0 F 1 0 1 E 0 1 2 8:144 A 0 0 1 "
		  "A 0 1 2 8:48 A 0 4096 1 E 0 1 2 8:96 A 0 0 1 ", &t);
	assert_int_equal(t.next_group, 3);
	assert_words(&t.groups[2].paths[0].status, "2 4096 1");
	/* a bad status leaves the last good one */
	assert_int_equal(dmmp_parse_status("2 0 0 0 4 3 X", &t), -EINVAL);
	assert_int_equal(t.groups[2].state, 'A');
	assert_words(&t.status_features, "2 0 5");
}

static void test_build(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	_cleanup_(dmmp_table_free) struct dmmp_table again = DMMP_TABLE_INIT;
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct dmmp_group *g;
	struct dmmp_path *p;

	(void)state;
	assert_int_equal(dmmp_format_table(&t, &sb), 0);
	assert_string_equal(strbuf_str(&sb), "0 0 0 0 ");
	strbuf_reset(&sb);

	assert_int_equal(dmmp_words_set_counted(&t.features, "1 queue_if_no_path"), 0);
	assert_int_equal(dmmp_words_set_counted(&t.hwhandler, "1 alua"), 0);
	assert_int_equal(dmmp_table_add_group(&t, "service-time", &g), 0);
	assert_int_equal(t.initial_group, 1);
	assert_int_equal(dmmp_group_add_path(g, 8, 16, &p), 0);
	assert_string_equal(p->devt, "8:16");
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);
	assert_int_equal(dmmp_group_add_path(g, 8, 32, &p), 0);
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);
	assert_int_equal(dmmp_table_add_group(&t, "service-time", &g), 0);
	assert_int_equal(dmmp_group_add_path(g, 65, 0, &p), 0);
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);

	assert_int_equal(dmmp_format_table(&t, &sb), 0);
	assert_string_equal(strbuf_str(&sb),
			    "1 queue_if_no_path 1 alua 2 1 service-time 0 2 2 "
			    "8:16 1 1 8:32 1 1 service-time 0 1 2 65:0 1 1 ");
	assert_int_equal(dmmp_parse_table(strbuf_str(&sb), &again), 0);
	assert_true(dmmp_table_equal(&t, &again));
	again.groups[1].paths[0].minor = 1;
	assert_false(dmmp_table_equal(&t, &again));

	/* builders refuse what is not a word or not a device */
	assert_int_equal(dmmp_words_add(&p->args, "two words"), -EINVAL);
	assert_int_equal(dmmp_words_add(&p->args, ""), -EINVAL);
	assert_int_equal(dmmp_words_add(&p->args, "a\\b"), -EINVAL);
	assert_int_equal(dmmp_table_add_group(&t, "", NULL), -EINVAL);
	assert_int_equal(dmmp_group_add_path(g, 4096, 0, NULL), -EINVAL);
	assert_int_equal(dmmp_group_add_path(g, 0, 1048576, NULL), -EINVAL);
	assert_int_equal(dmmp_words_set_counted(&t.features, "2 queue_if_no_path"),
			 -EINVAL);
	assert_int_equal(dmmp_words_set_counted(&t.features, "0 x"), -EINVAL);
	assert_words(&t.features, "1 queue_if_no_path");
	assert_int_equal(dmmp_words_set_counted(&t.features, "0"), 0);
	assert_words(&t.features, "0");
}

static void test_format_refuses(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct dmmp_group *g;
	struct dmmp_path *p;
	char *saved;
	unsigned int i;

	(void)state;
	strbuf_append(&sb, "kept");
	assert_int_equal(dmmp_table_add_group(&t, "round-robin", &g), 0);
	/* a group without paths */
	assert_int_equal(dmmp_format_table(&t, &sb), -EINVAL);
	assert_string_equal(strbuf_str(&sb), "kept");
	assert_int_equal(dmmp_group_add_path(g, 8, 16, &p), 0);
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);
	assert_int_equal(dmmp_group_add_path(g, 8, 32, &p), 0);
	/* per-path args of different counts */
	assert_int_equal(dmmp_format_table(&t, &sb), -EINVAL);
	assert_int_equal(dmmp_words_add(&p->args, "1"), 0);
	assert_int_equal(dmmp_format_table(&t, &sb), 0);
	strbuf_truncate(&sb, 4);
	/* initial group out of range, then 0 with groups */
	t.initial_group = 2;
	assert_int_equal(dmmp_format_table(&t, &sb), -EINVAL);
	t.initial_group = 0;
	assert_int_equal(dmmp_format_table(&t, &sb), -EINVAL);
	t.initial_group = 1;
	/* a word the kernel would split */
	saved = p->args.w[0];
	p->args.w[0] = (char *)"1 1";
	assert_int_equal(dmmp_format_table(&t, &sb), -EINVAL);
	p->args.w[0] = saved;
	/* more features than the kernel takes */
	for (i = 0; i < 9; i++)
		assert_int_equal(dmmp_words_add(&t.features, "queue_if_no_path"), 0);
	assert_int_equal(dmmp_format_table(&t, &sb), -EINVAL);
	/* no status merged */
	assert_int_equal(dmmp_format_status(&t, &sb), -EINVAL);
	assert_string_equal(strbuf_str(&sb), "kept");
}

static void normalized(const char *in, const char *out)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	assert_int_equal(dmmp_parse_table(in, &t), 0);
	assert_int_equal(dmmp_table_normalize(&t), 0);
	assert_int_equal(dmmp_format_table(&t, &sb), 0);
	assert_string_equal(strbuf_str(&sb), out);
}

static void test_normalize(void **state)
{
	(void)state;
	normalized("0 0 0 0", "0 0 0 0 ");
	normalized("1 queue_if_no_path 1 alua 0 0",
		   "1 queue_if_no_path 1 alua 0 0 ");
	/* the kernel's order, whatever ours */
	normalized("3 pg_init_retries 50 queue_if_no_path 0 0 0",
		   "3 queue_if_no_path pg_init_retries 50 0 0 0 ");
	normalized("4 retain_attached_hw_handler pg_init_delay_msecs 0 QUEUE_IF_NO_PATH 0 0 0",
		   "4 queue_if_no_path pg_init_delay_msecs 0 retain_attached_hw_handler 0 0 0 ");
	/* duplicates merged, last value wins */
	normalized("6 queue_if_no_path pg_init_retries 3 queue_if_no_path pg_init_retries 9 0 0 0",
		   "3 queue_if_no_path pg_init_retries 9 0 0 0 ");
	/* request-based is the default and not shown */
	normalized("2 queue_mode rq 0 0 0", "0 0 0 0 ");
	normalized("2 queue_mode MQ 0 0 0", "0 0 0 0 ");
	normalized("4 queue_mode bio queue_mode rq 0 0 0", "0 0 0 0 ");
	/* bio-based: handler dropped, attached one retained */
	normalized("2 queue_mode bio 1 alua 0 0",
		   "3 retain_attached_hw_handler queue_mode bio 0 0 0 ");
	normalized("0 2 rdac x 1 1 round-robin 0 1 1 8:16 1",
		   "0 1 rdac 1 1 round-robin 0 1 1 8:16 1 ");
}

static void normalize_refused(const char *in)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	_cleanup_strbuf_ struct strbuf before = STRBUF_INIT;
	_cleanup_strbuf_ struct strbuf after = STRBUF_INIT;

	assert_int_equal(dmmp_parse_table(in, &t), 0);
	assert_int_equal(dmmp_format_table(&t, &before), 0);
	if (dmmp_table_normalize(&t) != -EINVAL)
		fail_msg("normalized: \"%s\"", in);
	assert_int_equal(dmmp_format_table(&t, &after), 0);
	assert_string_equal(strbuf_str(&before), strbuf_str(&after));
}

static void test_normalize_refuses(void **state)
{
	(void)state;
	normalize_refused("1 no_such_feature 0 0 0");
	normalize_refused("1 pg_init_retries 0 0 0");
	normalize_refused("2 pg_init_retries 0 0 0 0");
	normalize_refused("2 pg_init_retries 51 0 0 0");
	normalize_refused("2 pg_init_retries +5 0 0 0");
	normalize_refused("2 pg_init_delay_msecs 60001 0 0 0");
	normalize_refused("2 queue_mode dax 0 0 0");
	normalize_refused("1 queue_mode 0 0 0");
	normalize_refused("2 queue_if_no_path bio 0 0 0");
}

static void test_skip_prefix(void **state)
{
	static const char *const same[] = {
		"0 1 alua 1 1 round-robin 0 1 1 8:16 1",
		"0 16384 linear 8:16 0",
		"0 16384 multipathx 0 0 0 0",
		"0 multipath 0 0 0 0",
		"",
	};
	const char *s = "  0\t16384 multipath\n0 0 0 0";
	unsigned int i;

	(void)state;
	assert_string_equal(dmmp_skip_target_prefix(s), "0 0 0 0");
	assert_string_equal(dmmp_skip_target_prefix("0 8 multipath"), "");
	for (i = 0; i < ARRAY_SIZE(same); i++)
		assert_ptr_equal(dmmp_skip_target_prefix(same[i]), same[i]);
}

/* Every proper prefix of a valid string lacks words its counts promise. */
static void test_truncated(void **state)
{
	const char *tbl = dmmp_skip_target_prefix(ref_table);
	const char *st = dmmp_skip_target_prefix(ref_status);
	char *buf = strdup(ref_table);
	size_t i;

	(void)state;
	assert_non_null(buf);
	for (i = 0; tbl[i + 1]; i++) {
		if (tbl[i] != ' ')
			continue;
		memcpy(buf, tbl, i);
		buf[i] = '\0';
		table_bad(buf);
	}
	free(buf);
	buf = strdup(ref_status);
	assert_non_null(buf);
	for (i = 0; st[i + 1]; i++) {
		if (st[i] != ' ')
			continue;
		memcpy(buf, st, i);
		buf[i] = '\0';
		status_bad(tbl, buf);
	}
	free(buf);
	table_bad("");
	table_bad(" \t\n");
	table_bad(NULL);
}

static void test_absurd_counts(void **state)
{
	(void)state;
	table_bad("0 0 4294967295 1 round-robin 0 1 0 8:16");
	table_bad("0 0 4294967296 1 round-robin 0 1 0 8:16");
	table_bad("0 0 99999999999999999999 1");
	table_bad("4294967295 queue_if_no_path 0 0 0");
	table_bad("0 4294967295 alua 0 0");
	table_bad("0 0 1 1 round-robin 4294967295 1 0 8:16");
	table_bad("0 0 1 1 round-robin 0 4294967295 0 8:16");
	table_bad("0 0 1 1 round-robin 0 1 4294967295 8:16");
	table_bad("0 0 1 1 round-robin 0 1025 0 8:16");
	table_bad("0 0 1025 1");
	table_bad("0 0 1024 1");	/* in range, but the words are missing */
	table_bad("9 a b c d e f g h i 0 0 0");	/* over the kernel's 8 */
	status_bad("0 0 1 1 round-robin 0 1 0 8:16",
		   "4294967295 0 0 1 1 A 0 1 0 8:16 A 0");
	status_bad("0 0 1 1 round-robin 0 1 0 8:16",
		   "2 0 0 0 1 1 A 0 4294967295 0 8:16 A 0");
	status_bad("0 0 1 1 round-robin 0 1 0 8:16",
		   "2 0 0 0 1 1 A 0 1 4294967295 8:16 A 0");
	status_bad("0 0 1 1 round-robin 0 1 0 8:16",
		   "2 0 0 0 1 1 A 0 1 0 8:16 A 4294967296");
}

static void test_counts_beyond_words(void **state)
{
	(void)state;
	table_bad("2 queue_if_no_path");
	table_bad("0 2 alua");
	table_bad("0 0 2 1 round-robin 0 1 0 8:16");
	table_bad("0 0 1 1 round-robin 3 a b");
	table_bad("0 0 1 1 round-robin 0 2 1 8:16 1 8:32");
	status_bad("0 0 1 1 round-robin 0 1 0 8:16",
		   "2 0 0 0 1 1 A 0 1 2 8:16 A 0 5");
	status_bad("0 0 1 1 round-robin 0 1 0 8:16", "3 0 0");
}

static void test_not_numbers(void **state)
{
	static const char *const nums[] = { "x", "-1", "+1", "1a", "0x10", "1.0",
					    "" };
	char buf[128];
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(nums); i++) {
		snprintf(buf, sizeof(buf), "%s 0 0 0", nums[i]);
		table_bad(buf);
		snprintf(buf, sizeof(buf), "0 0 %s 1", nums[i]);
		table_bad(buf);
		snprintf(buf, sizeof(buf), "0 0 1 %s round-robin 0 1 0 8:16", nums[i]);
		table_bad(buf);
		snprintf(buf, sizeof(buf), "0 0 1 1 round-robin 0 %s 0 8:16", nums[i]);
		table_bad(buf);
		snprintf(buf, sizeof(buf), "2 0 0 0 1 1 A 0 1 0 8:16 A %s", nums[i]);
		status_bad("0 0 1 1 round-robin 0 1 0 8:16", buf);
	}
	/* leading zeros are still numbers */
	{
		_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

		assert_int_equal(dmmp_parse_table("00 0 01 001 round-robin 0 1 0 008:016", &t), 0);
		assert_string_equal(t.groups[0].paths[0].devt, "8:16");
	}
}

static void test_bad_devices(void **state)
{
	static const char *const devs[] = { "8", "8:", ":16", "8:16:1", "8-16",
					    "4096:0", "0:1048576", "sda",
					    "/dev/sda", "8:-1" };
	char buf[128];
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		snprintf(buf, sizeof(buf), "0 0 1 1 round-robin 0 1 0 %s", devs[i]);
		table_bad(buf);
		snprintf(buf, sizeof(buf), "2 0 0 0 1 1 A 0 1 0 %s A 0", devs[i]);
		status_bad("0 0 1 1 round-robin 0 1 0 8:16", buf);
	}
	{
		_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

		parse_ok("0 0 1 1 round-robin 0 1 0 4095:1048575 ", &t);
		assert_string_equal(t.groups[0].paths[0].devt, "4095:1048575");
	}
}

static void test_bad_states(void **state)
{
	static const char *const tbl = "0 0 1 1 round-robin 0 1 0 8:16";

	(void)state;
	status_bad(tbl, "2 0 0 0 1 1 X 0 1 0 8:16 A 0");
	status_bad(tbl, "2 0 0 0 1 1 a 0 1 0 8:16 A 0");
	status_bad(tbl, "2 0 0 0 1 1 AE 0 1 0 8:16 A 0");
	status_bad(tbl, "2 0 0 0 1 1 A 0 1 0 8:16 E 0");
	status_bad(tbl, "2 0 0 0 1 1 A 0 1 0 8:16 AF 0");
	status_bad(tbl, "2 0 0 0 1 1 A 0 1 0 8:16 0 0");
}

static void test_group_numbers(void **state)
{
	static const char *const tbl = "0 0 1 1 round-robin 0 1 0 8:16";

	(void)state;
	table_bad("0 0 0 1");
	table_bad("0 0 1 0 round-robin 0 1 0 8:16");
	table_bad("0 0 1 2 round-robin 0 1 0 8:16");
	table_bad("0 0 1 1 round-robin 0 0 0");	/* a group needs a path */
	status_bad(tbl, "2 0 0 0 1 0 A 0 1 0 8:16 A 0");
	status_bad(tbl, "2 0 0 0 1 2 A 0 1 0 8:16 A 0");
	status_bad("0 0 0 0", "2 0 0 0 0 1");
}

static void test_overlong_words(void **state)
{
	size_t len = DMMP_MAX_WORD + 64;
	char *buf = malloc(len);
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	int n;

	(void)state;
	assert_non_null(buf);
	n = snprintf(buf, len, "0 0 1 1 ");
	memset(buf + n, 's', DMMP_MAX_WORD);
	strcpy(buf + n + DMMP_MAX_WORD, " 0 1 0 8:16");
	assert_int_equal(dmmp_parse_table(buf, &t), 0);
	assert_int_equal(strlen(t.groups[0].selector), DMMP_MAX_WORD);
	dmmp_table_free(&t);
	memset(buf + n, 's', DMMP_MAX_WORD + 1);
	strcpy(buf + n + DMMP_MAX_WORD + 1, " 0 1 0 8:16");
	table_bad(buf);
	free(buf);
}

static void test_trailing_words(void **state)
{
	static const char *const tbl = "0 0 1 1 round-robin 0 1 0 8:16";
	char buf[512];

	(void)state;
	snprintf(buf, sizeof(buf), "%s x", dmmp_skip_target_prefix(ref_table));
	table_bad(buf);
	table_bad("0 0 0 0 0");
	table_bad("0 0 1 1 round-robin 0 1 0 8:16 8:32");
	status_bad(tbl, "2 0 0 0 1 1 A 0 1 0 8:16 A 0 junk");
	status_bad("0 0 0 0", "2 0 0 0 0 0 0");
}

static void test_bad_bytes(void **state)
{
	(void)state;
	table_bad("0 0 1 1 round\x01robin 0 1 0 8:16");
	table_bad("0 0 1 1 round-r\xc3\xb6" "bin 0 1 0 8:16");
	table_bad("0 0 1 1 round\\ robin 0 1 0 8:16");
	table_bad("0 0 1 1 round-robin 0 1 0 8:16\x7f");
	status_bad("0 0 0 0", "2 0 \xff 0 0 0");
}

static void test_status_shape_mismatch(void **state)
{
	static const char *const tbl =
		"0 0 2 1 round-robin 0 2 0 8:16 8:32 round-robin 0 1 0 8:48";

	(void)state;
	/* fewer groups, a path fewer, paths swapped, another device */
	status_bad(tbl, "2 0 0 0 1 1 A 0 2 0 8:16 A 0 8:32 A 0");
	status_bad(tbl, "2 0 0 0 2 1 A 0 1 0 8:16 A 0 E 0 1 0 8:48 A 0");
	status_bad(tbl, "2 0 0 0 2 1 A 0 2 0 8:32 A 0 8:16 A 0 E 0 1 0 8:48 A 0");
	status_bad(tbl, "2 0 0 0 2 1 A 0 2 0 8:16 A 0 8:32 A 0 E 0 1 0 8:64 A 0");
	{
		_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;

		assert_int_equal(dmmp_parse_table(tbl, &t), 0);
		assert_int_equal(dmmp_parse_status(
			"2 0 0 0 2 1 A 0 2 0 8:16 A 0 8:32 A 0 E 0 1 0 8:48 A 0", &t), 0);
	}
}

static void test_status_accessors(void **state)
{
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	unsigned int count, q;

	(void)state;
	parse_ok("0 0 0 0 ", &t);
	assert_int_equal(dmmp_status_queue_io(&t, &q), -ENODATA);
	assert_int_equal(dmmp_status_pg_init_count(&t, &count), -ENODATA);
	assert_int_equal(dmmp_parse_status("1 0 0 0 0", &t), 0);
	assert_int_equal(dmmp_status_queue_io(&t, &q), -ENODATA);
	assert_int_equal(dmmp_parse_status("3 0 0 0 0 0 0", &t), 0);
	assert_int_equal(dmmp_status_queue_io(&t, &q), -ENODATA);
	assert_int_equal(dmmp_parse_status("2 x 3 0 0 0", &t), 0);
	assert_int_equal(dmmp_status_queue_io(&t, &q), -ENODATA);
	assert_int_equal(dmmp_status_pg_init_count(&t, &count), 0);
	assert_int_equal(count, 3);
	/* older kernels: the number of queued I/Os */
	assert_int_equal(dmmp_parse_status("2 17 0 0 0 0", &t), 0);
	assert_int_equal(dmmp_status_queue_io(&t, &q), 0);
	assert_int_equal(q, 17);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_table),
		cmocka_unit_test(test_reference_status),
		cmocka_unit_test(test_round_robin_groups),
		cmocka_unit_test(test_queue_length),
		cmocka_unit_test(test_historical_service_time),
		cmocka_unit_test(test_group_states),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_hwhandler_args),
		cmocka_unit_test(test_zero_groups),
		cmocka_unit_test(test_all_paths_failed),
		cmocka_unit_test(test_status_replaced),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_format_refuses),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_normalize_refuses),
		cmocka_unit_test(test_skip_prefix),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_absurd_counts),
		cmocka_unit_test(test_counts_beyond_words),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_bad_devices),
		cmocka_unit_test(test_bad_states),
		cmocka_unit_test(test_group_numbers),
		cmocka_unit_test(test_overlong_words),
		cmocka_unit_test(test_trailing_words),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_status_shape_mismatch),
		cmocka_unit_test(test_status_accessors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
