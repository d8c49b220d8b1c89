/* Holders of block devices on fake sysfs trees (sysfs_foreach_holder,
 * device_in_use, path_is_multipathed) and the mountinfo scan. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "discovery/sysfs.h"
#include "map/holders.h"
#include "testutil.h"
#include "util/file.h"
#include "util/mountinfo.h"

static void put(const char *root, const char *rel, const char *text)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644), 0);
}

static void holder(const char *root, const char *dev, const char *h)
{
	char path[1024], target[1024];

	snprintf(path, sizeof(path), "%s/class/block/%s/holders/%s", root, dev,
		 h);
	snprintf(target, sizeof(target), "../../%s", h);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(symlink(target, path), 0);
}

static int collect(const char *h, void *arg)
{
	struct strbuf *sb = arg;

	strbuf_printf(sb, "%s,", h);
	return 0;
}

static int stop_at_second(const char *h, void *arg)
{
	return ++*(int *)arg == 2 ? 7 : 0;
}

static void test_foreach_holder(void **state)
{
	char *root = make_temp_dir();
	struct strbuf sb = STRBUF_INIT;
	int n = 0;

	put(root, "class/block/sda/dev", "8:0\n");
	put(root, "class/block/sdb/holders/.keep", "");
	holder(root, "sda", "dm-0");
	holder(root, "sda", "dm-1");
	assert_int_equal(sysfs_foreach_holder(root, "sda", collect, &sb), 0);
	assert_true(!strcmp(strbuf_str(&sb), "dm-0,dm-1,") ||
		    !strcmp(strbuf_str(&sb), "dm-1,dm-0,"));
	assert_int_equal(sysfs_foreach_holder(root, "sda", stop_at_second, &n), 7);
	strbuf_truncate(&sb, 0);
	assert_int_equal(sysfs_foreach_holder(root, "sdb", collect, &sb), 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(sysfs_foreach_holder(root, "sdz", collect, &sb), -ENOENT);
	assert_int_equal(sysfs_foreach_holder(root, "../x", collect, &sb), -EINVAL);
	assert_int_equal(sysfs_foreach_holder(root, "", collect, &sb), -EINVAL);
	strbuf_free(&sb);
	remove_tree(root);
	free(root);
}

static void test_multipathed_and_in_use(void **state)
{
	char *root = make_temp_dir();
	char wwid[64] = "";

	/* sda in a multipath map, sdb's partition under LVM, sdc free */
	put(root, "class/block/sda/dev", "8:0\n");
	put(root, "class/block/dm-0/dm/uuid", "mpath-3600a0b8\n");
	holder(root, "sda", "dm-0");
	put(root, "class/block/sdb/dev", "8:16\n");
	put(root, "class/block/sdb/sdb1/partition", "1\n");
	put(root, "class/block/sdb1/dev", "8:17\n");
	put(root, "class/block/dm-1/dm/uuid", "LVM-abc\n");
	holder(root, "sdb1", "dm-1");
	put(root, "class/block/sdc/dev", "250:7\n");
	put(root, "class/block/sdc/holders/.keep", "");

	assert_true(path_is_multipathed(root, "sda", wwid, sizeof(wwid)));
	assert_string_equal(wwid, "3600a0b8");
	assert_false(path_is_multipathed(root, "sdb", NULL, 0));
	assert_false(path_is_multipathed(root, "sdb1", NULL, 0));
	assert_false(path_is_multipathed(root, "nosuch", NULL, 0));
	assert_true(device_in_use(root, "sda"));
	assert_true(device_in_use(root, "sdb"));
	assert_false(device_in_use(root, "sdc"));
	remove_tree(root);
	free(root);
}

static void add_mnt(const char *mnt, void *arg)
{
	strbuf_printf(arg, "%s;", mnt);
}

static void test_mountinfo(void **state)
{
	char text[] =
		"22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
		"30 1 254:2 / /mnt/a rw - ext4 /dev/mapper/mpatha1 rw\n"
		"garbage line\n"
		"\n"
		"31 1 254:2 /sub /mnt/b rw - ext4 /dev/mapper/mpatha1 rw\n"
		"32 1 254:20 / /mnt/c rw - ext4 /dev/dm-20 rw\n"
		"33 1 254";
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(mountinfo_scan(text, 254, 2, add_mnt, &sb), 2);
	assert_string_equal(strbuf_str(&sb), "/mnt/a;/mnt/b;");
	strbuf_free(&sb);
}

static void test_mountinfo_misses(void **state)
{
	char text[] = "30 1 254:2 / /mnt/a rw - ext4 x rw\n";
	char empty[] = "";

	assert_int_equal(mountinfo_scan(text, 254, 3, NULL, NULL), 0);
	assert_int_equal(mountinfo_scan(text, 25, 2, NULL, NULL), 0);
	assert_int_equal(mountinfo_scan(empty, 254, 2, NULL, NULL), 0);
	/* the real file: /proc itself is a mount, not of a block device */
	assert_true(mountinfo_foreach(0, 0, NULL, NULL) >= 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_foreach_holder),
		cmocka_unit_test(test_multipathed_and_in_use),
		cmocka_unit_test(test_mountinfo),
		cmocka_unit_test(test_mountinfo_misses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
