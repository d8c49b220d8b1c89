/* A struct multipath from a kernel map's table and status (multipath -l):
 * groups and paths, paths no longer in sysfs left out, and groups left
 * empty by that dropped without being used afterwards. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "map/from_dm.h"
#include "model/map.h"
#include "testutil.h"
#include "util/file.h"

struct fx {
	char *root;
	struct config *conf;
	struct discovery d;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	char path[1024];

	fx->root = make_temp_dir();
	/* an empty class/block: no device is there */
	snprintf(path, sizeof(path), "%s/class/block/none", fx->root);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	fx->conf = config_from_string("", "multipath.conf");
	fx->d.conf = fx->conf;
	fx->d.sysfs_root = fx->root;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	config_free(fx->conf);
	remove_tree(fx->root);
	free(fx->root);
	free(fx);
	return 0;
}

static void fill_map(struct dm_map *m, char *table, char *status)
{
	memset(m, 0, sizeof(*m));
	m->name = (char *)"mpatha";
	m->uuid = (char *)"mpath-3600a0b800011";
	m->major = 254;
	m->minor = 3;
	m->exists = true;
	m->size = 16384;
	m->target_type = (char *)DM_TARGET_MULTIPATH;
	m->table = table;
	m->status = status;
	m->target_count = 1;
}

/* Both groups' paths are gone from sysfs: with priorities asked for, the
 * emptied groups must be dropped, not averaged after being freed (ASan
 * catches the use after free). */
static void test_groups_of_gone_paths(void **state)
{
	struct fx *fx = *state;
	struct multipath *mpp = NULL;
	struct dm_map m;

	fill_map(&m, (char *)"0 0 2 1 service-time 0 1 1 8:16 1 service-time 0 1 1 8:32 1",
		 (char *)"2 0 0 0 2 1 A 0 1 2 8:16 A 0 0 1 E 0 1 2 8:32 A 0 0 1");
	assert_int_equal(multipath_from_dm(&fx->d, &m, DI_SYSFS | DI_PRIO, &mpp), 0);
	assert_non_null(mpp);
	assert_int_equal(mpp->pgs.len, 0);
	assert_int_equal(mpp->paths.len, 0);
	assert_string_equal(mpp->alias, "mpatha");
	assert_string_equal(mpp->wwid, "3600a0b800011");
	assert_string_equal(mpp->dm_dev, "dm-3");
	multipath_free(mpp);
}

static void test_bad_table(void **state)
{
	struct fx *fx = *state;
	struct multipath *mpp = NULL;
	struct dm_map m;

	log_capture_start(2);
	fill_map(&m, (char *)"0 0 2 1 service-time 0 1", NULL);
	assert_int_equal(multipath_from_dm(&fx->d, &m, DI_PRIO, &mpp), -EINVAL);
	assert_null(mpp);
	assert_str_contains(log_captured(), "mpatha: cannot parse the map's table");
	log_capture_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_groups_of_gone_paths, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_table, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
