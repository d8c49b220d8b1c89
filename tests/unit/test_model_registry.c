/* The daemon's model: paths and maps indexed by name, dev_t, WWID and dm
 * device; removal holes and compaction; orphans; map replacement. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/registry.h"
#include "testutil.h"

static struct path *mkpath(const char *dev, const char *devt, const char *wwid)
{
	struct path *pp = path_new();

	snprintf(pp->dev, sizeof(pp->dev), "%s", dev);
	snprintf(pp->dev_t, sizeof(pp->dev_t), "%s", devt);
	snprintf(pp->wwid, sizeof(pp->wwid), "%s", wwid);
	return pp;
}

static struct multipath *mkmap(const char *alias, const char *wwid,
			       struct path **pps, size_t n)
{
	struct multipath *mpp = multipath_new();
	struct pathgroup *pg = pathgroup_new();
	size_t i;

	mpp->alias = strdup(alias);
	snprintf(mpp->wwid, sizeof(mpp->wwid), "%s", wwid);
	mpp->owns_paths = false;
	vec_push(&mpp->pgs, pg);
	for (i = 0; i < n; i++) {
		vec_push(&mpp->paths, pps[i]);
		vec_push(&pg->paths, pps[i]);
		pps[i]->mpp = mpp;
		pps[i]->pg = pg;
	}
	return mpp;
}

static void test_paths(void **state)
{
	struct registry r = REGISTRY_INIT;
	struct path *a = mkpath("sda", "8:0", "W1"), *b = mkpath("sdb", "8:16", "W1");
	struct path *c = mkpath("sdc", "8:32", "W2"), *dup = mkpath("sda", "8:99", "W9");

	assert_int_equal(registry_add_path(&r, a), 0);
	assert_int_equal(registry_add_path(&r, b), 0);
	assert_int_equal(registry_add_path(&r, c), 0);
	assert_int_equal(registry_add_path(&r, dup), -EEXIST);
	path_free(dup);
	assert_ptr_equal(registry_path(&r, "sdb"), b);
	assert_ptr_equal(registry_path_by_devt(&r, "8:32"), c);
	assert_int_equal(registry_wwid_paths(&r, "W1")->len, 2);
	assert_int_equal(registry_wwid_paths(&r, "nope")->len, 0);
	assert_int_equal(registry_npaths(&r), 3);
	/* a WWID change moves the path between lists */
	assert_int_equal(registry_set_wwid(&r, b, "W2"), 0);
	assert_int_equal(registry_wwid_paths(&r, "W1")->len, 1);
	assert_int_equal(registry_wwid_paths(&r, "W2")->len, 2);
	registry_remove_path(&r, a);
	assert_null(registry_path(&r, "sda"));
	assert_null(registry_path_by_devt(&r, "8:0"));
	assert_int_equal(registry_wwid_paths(&r, "W1")->len, 0);
	assert_int_equal(registry_npaths(&r), 2);
	path_free(a);
	registry_free(&r);
}

static void test_maps(void **state)
{
	struct registry r = REGISTRY_INIT;
	struct path *a = mkpath("sda", "8:0", "W1"), *b = mkpath("sdb", "8:16", "W1");
	struct path *ab[] = { a, b };
	struct multipath *m, *m2, *old;

	registry_add_path(&r, a);
	registry_add_path(&r, b);
	m = mkmap("mpatha", "W1", ab, 2);
	assert_int_equal(registry_add_map(&r, m), 0);
	assert_int_equal(registry_set_dmdev(&r, m, 3), 0);
	assert_ptr_equal(registry_map(&r, "mpatha"), m);
	assert_ptr_equal(registry_map_by_wwid(&r, "W1"), m);
	assert_ptr_equal(registry_map_by_dmdev(&r, "dm-3"), m);
	assert_int_equal(registry_rename_map(&r, m, "system"), 0);
	assert_null(registry_map(&r, "mpatha"));
	assert_ptr_equal(registry_map(&r, "system"), m);
	/* a path removed from the model leaves its map's lists */
	registry_remove_path(&r, b);
	assert_int_equal(m->paths.len, 1);
	assert_int_equal(((struct pathgroup *)m->pgs.items[0])->paths.len, 1);
	assert_null(b->mpp);
	path_free(b);
	/* a new map of the same WWID takes the old one's place */
	m2 = mkmap("system", "W1", ab, 1);
	old = registry_replace_map(&r, m, m2);
	assert_ptr_equal(old, m);
	assert_ptr_equal(registry_map_by_wwid(&r, "W1"), m2);
	assert_ptr_equal(a->mpp, m2);
	multipath_free(old);
	registry_remove_map(&r, m2);
	assert_null(a->mpp);
	assert_int_equal(registry_nmaps(&r), 0);
	multipath_free(m2);
	registry_free(&r);
}

static void test_holes_and_compaction(void **state)
{
	enum { N = 1000 };
	struct registry r = REGISTRY_INIT;
	struct path *pp, *ps[N];
	char dev[16], devt[16];
	size_t i, seen = 0;

	for (i = 0; i < N; i++) {
		snprintf(dev, sizeof(dev), "sd%zu", i);
		snprintf(devt, sizeof(devt), "8:%zu", i);
		ps[i] = mkpath(dev, devt, "W");
		assert_int_equal(registry_add_path(&r, ps[i]), 0);
	}
	for (i = 0; i < N; i += 3) {
		registry_remove_path(&r, ps[i]);
		path_free(ps[i]);
		ps[i] = NULL;
	}
	registry_foreach_path(&r, pp, i)
		seen++;
	assert_int_equal(seen, registry_npaths(&r));
	registry_compact(&r);
	assert_int_equal(r.paths.len, registry_npaths(&r));
	/* order kept, slots renumbered */
	registry_foreach_path(&r, pp, i)
		assert_int_equal(pp->reg_idx, i);
	for (i = 0; i < N; i++)
		if (ps[i])
			assert_ptr_equal(registry_path(&r, ps[i]->dev), ps[i]);
	registry_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_maps),
		cmocka_unit_test(test_holes_and_compaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
