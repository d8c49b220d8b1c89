/* Path grouping policies, group order, and the dm table built for a map
 * (features from no_path_retry, handler, selectors, rr_weight). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "config/values.h"
#include "dm/dmcmd.h"
#include "map/assemble.h"
#include "map/pgpolicy.h"
#include "map/table.h"
#include "model/map.h"
#include "testutil.h"

struct pdesc {
	const char *dev;
	unsigned major, minor;
	int prio;
	const char *serial, *node;
	int tpg;
	enum path_state state;
};

static struct multipath *mkmap(const struct pdesc *d, size_t n)
{
	struct multipath *mpp = multipath_new();
	size_t i;

	strcpy(mpp->wwid, "3600a");
	mpp->alias = strdup("mpatha");
	mpp->size = 16384;
	mpp->selector = strdup("service-time 0");
	mpp->features = strdup("0");
	mpp->hwhandler = strdup("0");
	mpp->minio = 1;
	mpp->rr_weight = RR_WEIGHT_UNIFORM;
	for (i = 0; i < n; i++) {
		struct path *pp = path_new();

		strcpy(pp->dev, d[i].dev);
		pp->devt = makedev(d[i].major, d[i].minor);
		snprintf(pp->dev_t, sizeof(pp->dev_t), "%u:%u", d[i].major,
			 d[i].minor);
		pp->priority = d[i].prio;
		strcpy(pp->serial, d[i].serial ? d[i].serial : "");
		strcpy(pp->tgt_node_name, d[i].node ? d[i].node : "");
		pp->tpg = d[i].tpg;
		pp->state = d[i].state ? d[i].state : PATH_UP;
		vec_push(&mpp->paths, pp);
	}
	return mpp;
}

static const struct pdesc four[] = {
	{ "sda", 8, 0, 50, "s1", "nodeA", 1, 0 },
	{ "sdb", 8, 16, 10, "s1", "nodeB", 2, 0 },
	{ "sdc", 8, 32, 1, "s2", "nodeA", 3, 0 },
	{ "sdd", 8, 48, 50, "s2", "nodeB", 1, 0 },
};

static char *table_of(struct multipath *mpp)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(map_table_params(mpp, &sb), 0);
	return strbuf_steal(&sb);
}

static void expect_table(int policy, const char *expected)
{
	struct multipath *mpp = mkmap(four, 4);
	char *t;

	assert_int_equal(group_paths(mpp, policy), 0);
	t = table_of(mpp);
	assert_string_equal(t, expected);
	free(t);
	multipath_free(mpp);
}

static void test_failover(void **state)
{
	(void)state;
	/* one path per group, best priority first, ties in path order */
	expect_table(PGP_FAILOVER,
		"0 0 4 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:48 1 "
		"service-time 0 1 1 8:16 1 service-time 0 1 1 8:32 1");
}

static void test_multibus(void **state)
{
	(void)state;
	expect_table(PGP_MULTIBUS,
		"0 0 1 1 service-time 0 4 1 8:0 1 8:16 1 8:32 1 8:48 1");
}

static void test_group_by_prio(void **state)
{
	(void)state;
	expect_table(PGP_GROUP_BY_PRIO,
		"0 0 3 1 service-time 0 2 1 8:0 1 8:48 1 "
		"service-time 0 1 1 8:16 1 service-time 0 1 1 8:32 1");
}

static void test_group_by_serial(void **state)
{
	(void)state;
	/* group priority = average of usable paths: (50+10)/2 = 30, (1+50)/2 = 25 */
	expect_table(PGP_GROUP_BY_SERIAL,
		"0 0 2 1 service-time 0 2 1 8:0 1 8:16 1 "
		"service-time 0 2 1 8:32 1 8:48 1");
}

static void test_group_by_node_name(void **state)
{
	(void)state;
	/* nodeA: (50+1)/2 = 25, nodeB: (10+50)/2 = 30: B first */
	expect_table(PGP_GROUP_BY_NODE_NAME,
		"0 0 2 1 service-time 0 2 1 8:16 1 8:48 1 "
		"service-time 0 2 1 8:0 1 8:32 1");
}

static void test_group_by_tpg(void **state)
{
	(void)state;
	expect_table(PGP_GROUP_BY_TPG,
		"0 0 3 1 service-time 0 2 1 8:0 1 8:48 1 "
		"service-time 0 1 1 8:16 1 service-time 0 1 1 8:32 1");
}

/* marginal paths: groups of their own, after every other group, even a
 * better one */
static void test_marginal_groups(void **state)
{
	struct multipath *mpp = mkmap(four, 4);
	char *t;

	(void)state;
	((struct path *)mpp->paths.items[0])->marginal = true;	/* sda, 50 */
	assert_int_equal(group_paths(mpp, PGP_GROUP_BY_PRIO), 0);
	t = table_of(mpp);
	assert_string_equal(t,
		"0 0 4 1 service-time 0 1 1 8:48 1 service-time 0 1 1 8:16 1 "
		"service-time 0 1 1 8:32 1 service-time 0 1 1 8:0 1");
	free(t);
	assert_true(((struct pathgroup *)mpp->pgs.items[3])->marginal);
	assert_false(((struct pathgroup *)mpp->pgs.items[0])->marginal);
	/* multibus: the marginal ones together, after the rest */
	((struct path *)mpp->paths.items[2])->marginal = true;	/* sdc */
	assert_int_equal(group_paths(mpp, PGP_MULTIBUS), 0);
	t = table_of(mpp);
	assert_string_equal(t,
		"0 0 2 1 service-time 0 2 1 8:16 1 8:48 1 "
		"service-time 0 2 1 8:0 1 8:32 1");
	free(t);
	multipath_free(mpp);
}

static void test_unknown_policy(void **state)
{
	struct multipath *mpp = mkmap(four, 4);

	(void)state;
	assert_int_equal(group_paths(mpp, 42), -EINVAL);
	multipath_free(mpp);
}

/* down paths count for nothing in a group's priority */
static void test_down_paths_and_order(void **state)
{
	static const struct pdesc d[] = {
		{ "sda", 8, 0, 50, "x", "", 1, PATH_DOWN },
		{ "sdb", 8, 16, 10, "x", "", 2, PATH_UP },
		{ "sdc", 8, 32, 10, "y", "", 3, PATH_GHOST },
	};
	struct multipath *mpp = mkmap(d, 3);
	struct pathgroup *pg;

	(void)state;
	assert_int_equal(group_paths(mpp, PGP_FAILOVER), 0);
	pg = mpp->pgs.items[0];
	assert_int_equal(pg->priority, 10);
	pg = mpp->pgs.items[2];
	assert_int_equal(pg->priority, 0);	/* sda: down */
	assert_string_equal(((struct path *)pg->paths.items[0])->dev, "sda");
	multipath_free(mpp);
}

static void test_features_from_no_path_retry(void **state)
{
	struct multipath *mpp = mkmap(four, 1);
	char *t;

	(void)state;
	group_paths(mpp, PGP_FAILOVER);
	mpp->no_path_retry = NO_PATH_RETRY_QUEUE;
	t = table_of(mpp);
	assert_string_equal(t, "1 queue_if_no_path 0 1 1 service-time 0 1 1 8:0 1");
	free(t);
	mpp->no_path_retry = 12;
	free(mpp->features);
	mpp->features = strdup("2 pg_init_retries 50");
	t = table_of(mpp);
	assert_string_equal(t, "3 pg_init_retries 50 queue_if_no_path 0 1 1 service-time 0 1 1 8:0 1");
	free(t);
	/* fail: the feature goes, whatever features said */
	mpp->no_path_retry = NO_PATH_RETRY_FAIL;
	free(mpp->features);
	mpp->features = strdup("1 queue_if_no_path");
	t = table_of(mpp);
	assert_string_equal(t, "0 0 1 1 service-time 0 1 1 8:0 1");
	free(t);
	/* unset: features as configured */
	mpp->no_path_retry = 0;
	t = table_of(mpp);
	assert_string_equal(t, "1 queue_if_no_path 0 1 1 service-time 0 1 1 8:0 1");
	free(t);
	multipath_free(mpp);
}

static void test_handler_selector_weights(void **state)
{
	struct multipath *mpp = mkmap(four, 2);
	char *t;

	(void)state;
	free(mpp->hwhandler);
	mpp->hwhandler = strdup("1 alua");
	free(mpp->selector);
	mpp->selector = strdup("round-robin 0");
	mpp->rr_weight = RR_WEIGHT_PRIORITIES;
	mpp->minio = 2;
	group_paths(mpp, PGP_MULTIBUS);
	t = table_of(mpp);
	/* repeat count = rr_min_io_rq x priority */
	assert_string_equal(t, "0 1 alua 1 1 round-robin 0 2 1 8:0 100 8:16 20");
	free(t);
	multipath_free(mpp);
}

/* The udev flags of a create or reload, and ghost_delay's condition. */
static void test_udev_flags_ghosts(void **state)
{
	static const struct pdesc up_ghost[] = {
		{ "sda", 8, 0, 50, NULL, NULL, 1, PATH_UP },
		{ "sdb", 8, 16, 1, NULL, NULL, 2, PATH_GHOST },
	};
	static const struct pdesc ghost_down[] = {
		{ "sda", 8, 0, 1, NULL, NULL, 1, PATH_GHOST },
		{ "sdb", 8, 16, 1, NULL, NULL, 2, PATH_DOWN },
	};
	static const struct pdesc all_down[] = {
		{ "sda", 8, 0, 1, NULL, NULL, 1, PATH_DOWN },
		{ "sdb", 8, 16, 1, NULL, NULL, 2, PATH_DOWN },
	};
	struct multipath *mpp;

	(void)state;
	mpp = mkmap(up_ghost, 2);
	assert_false(map_only_ghosts(mpp));
	assert_int_equal(map_udev_flags(mpp), 0);
	mpp->skip_kpartx = true;
	assert_int_equal(map_udev_flags(mpp), MPATH_UDEV_NO_KPARTX_FLAG);
	multipath_free(mpp);

	/* a ghost is usable: no flag until the daemon holds the map back */
	mpp = mkmap(ghost_down, 2);
	assert_true(map_only_ghosts(mpp));
	assert_int_equal(map_udev_flags(mpp), 0);
	mpp->ghost_wait = true;
	assert_int_equal(map_udev_flags(mpp), MPATH_UDEV_NO_PATHS_FLAG);
	multipath_free(mpp);

	/* nothing usable: "no paths", but no ghost to wait for */
	mpp = mkmap(all_down, 2);
	assert_false(map_only_ghosts(mpp));
	assert_int_equal(map_udev_flags(mpp), MPATH_UDEV_NO_PATHS_FLAG);
	multipath_free(mpp);

	mpp = mkmap(NULL, 0);
	assert_false(map_only_ghosts(mpp));
	assert_int_equal(map_udev_flags(mpp), MPATH_UDEV_NO_PATHS_FLAG);
	multipath_free(mpp);
}

static void test_bad_settings(void **state)
{
	struct multipath *mpp = mkmap(four, 1);
	struct dmmp_table t;

	(void)state;
	group_paths(mpp, PGP_FAILOVER);
	log_capture_start(1);
	free(mpp->features);
	mpp->features = strdup("2 queue_if_no_path");
	assert_int_equal(build_map_table(mpp, &t), -EINVAL);
	assert_str_contains(log_captured(), "mpatha: invalid features \"2 queue_if_no_path\"");
	free(mpp->features);
	mpp->features = strdup("0");
	free(mpp->selector);
	mpp->selector = strdup("round-robin x");
	assert_int_equal(build_map_table(mpp, &t), -EINVAL);
	assert_str_contains(log_captured(), "invalid path_selector");
	log_capture_stop();
	multipath_free(mpp);
}

/* "no reload needed": the kernel echoes tables back in its own way */
static void test_table_matches_kernel(void **state)
{
	struct multipath *mpp = mkmap(four, 2);
	struct dmmp_table t;

	(void)state;
	free(mpp->hwhandler);
	mpp->hwhandler = strdup("1 alua");
	mpp->no_path_retry = 5;
	free(mpp->features);
	mpp->features = strdup("2 pg_init_retries 50");
	group_paths(mpp, PGP_FAILOVER);
	assert_int_equal(build_map_table(mpp, &t), 0);
	/* what the kernel prints for that table */
	assert_true(map_table_matches(&t,
		"3 queue_if_no_path pg_init_retries 50 1 alua 2 1 "
		"service-time 0 1 2 8:0 1 1 service-time 0 1 2 8:16 1 1 "));
	/* another order of groups, another path, another feature */
	assert_false(map_table_matches(&t,
		"3 queue_if_no_path pg_init_retries 50 1 alua 2 1 "
		"service-time 0 1 2 8:16 1 1 service-time 0 1 2 8:0 1 1 "));
	assert_false(map_table_matches(&t,
		"3 queue_if_no_path pg_init_retries 50 1 alua 2 1 "
		"service-time 0 1 2 8:0 1 1 service-time 0 1 2 8:32 1 1 "));
	assert_false(map_table_matches(&t,
		"1 pg_init_retries 0 1 alua 2 1 "
		"service-time 0 1 2 8:0 1 1 service-time 0 1 2 8:16 1 1 "));
	assert_false(map_table_matches(&t, "garbage"));
	dmmp_table_free(&t);
	multipath_free(mpp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failover),
		cmocka_unit_test(test_multibus),
		cmocka_unit_test(test_group_by_prio),
		cmocka_unit_test(test_group_by_serial),
		cmocka_unit_test(test_group_by_node_name),
		cmocka_unit_test(test_group_by_tpg),
		cmocka_unit_test(test_marginal_groups),
		cmocka_unit_test(test_unknown_policy),
		cmocka_unit_test(test_down_paths_and_order),
		cmocka_unit_test(test_features_from_no_path_retry),
		cmocka_unit_test(test_handler_selector_weights),
		cmocka_unit_test(test_udev_flags_ghosts),
		cmocka_unit_test(test_bad_settings),
		cmocka_unit_test(test_table_matches_kernel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
