/* prio/plugin: external prioritizers loaded through prio_plugin.h from a
 * plugin directory (built next to this program by tests/unit/tests.mk):
 * a good plugin sees the path's copy and runs on the engine's workers;
 * plugins of another ABI version or without the descriptor are refused
 * with a message naming the file. */
#include <dlfcn.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "model/path.h"
#include "prio/prio.h"
#include "testutil.h"
#include "util/file.h"

static char plugin_dir[PATH_MAX];
static char *root;

/* jobs find the plugins of this test */
const struct prio_ops *__wrap_prio_lookup(const char *name);
const struct prio_ops *__wrap_prio_lookup(const char *name)
{
	return prio_lookup_in(plugin_dir, name);
}

/* The plugins next to this program; a sysfs tree where sdprio is the
 * SCSI device 3:0:2:7. */
static int setup(void **state)
{
	char exe[PATH_MAX], dir[PATH_MAX + 64], link[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	snprintf(plugin_dir, sizeof(plugin_dir), "%s/plugins", dirname(exe));
	root = make_temp_dir();
	snprintf(dir, sizeof(dir), "%s/devices/host3/3:0:2:7/x", root);
	snprintf(link, sizeof(link), "%s/class/block/sdprio/device", root);
	assert_int_equal(mkdir_parents(dir, 0755), 0);
	assert_int_equal(mkdir_parents(link, 0755), 0);
	*strrchr(dir, '/') = '\0';
	assert_int_equal(symlink(dir, link), 0);
	return 0;
}

static int teardown(void **state)
{
	remove_tree(root);
	free(root);
	return 0;
}

static struct path *fake_path(void)
{
	struct path *pp = path_new();

	assert_non_null(pp);
	strcpy(pp->dev, "sdprio");
	pp->devt = makedev(8, 16);
	pp->bus = BUS_SCSI;
	pp->state = PATH_UP;
	return pp;
}

static long plugin_tid(void)
{
	char path[PATH_MAX + 32];
	long *tid;
	void *h;

	snprintf(path, sizeof(path), "%s/prio_fake.so", plugin_dir);
	h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
	assert_non_null(h);
	tid = dlsym(h, "fake_tid");
	dlclose(h);
	assert_non_null(tid);
	return *tid;
}

static void test_good_plugin(void **state)
{
	struct discovery d = { .sysfs_root = root };
	struct path *pp = fake_path();
	const struct prio_ops *ops;
	struct prio_ctx ctx;

	log_capture_start(3);
	ops = prio_lookup_in(plugin_dir, "fake");
	assert_non_null(ops);
	assert_str_contains(log_captured(), "loaded prioritizer fake from ");
	assert_string_equal(ops->name, "fake");
	/* loaded once */
	assert_ptr_equal(prio_lookup_in(plugin_dir, "fake"), ops);

	d.conf = config_from_string("", "test.conf");
	prio_ctx_init(&ctx, &d, pp);
	ctx.ops = ops;
	ctx.args = "base=40";
	ctx.timeout_ms = 1234;
	/* host 3 + base */
	assert_int_equal(ops->getprio(&ctx), 43);
	assert_str_contains(log_captured(),
		"sdprio: fake prio: node /dev/sdprio devt 8:16 timeout 1234 open ");
	ctx.args = "fail";
	assert_int_equal(ops->getprio(&ctx), -EIO);
	log_capture_stop();
	config_free((struct config *)d.conf);
	path_free(pp);
}

static void test_bad_plugins(void **state)
{
	log_capture_start(0);
	assert_null(prio_lookup_in(plugin_dir, "badabi"));
	assert_str_contains(log_captured(), "/prio_badabi.so: prioritizer plugin ABI 2 (size");
	assert_null(prio_lookup_in(plugin_dir, "nosym"));
	assert_str_contains(log_captured(),
		"/prio_nosym.so: not a prioritizer plugin (no mp_prio_plugin)");
	assert_null(prio_lookup_in(plugin_dir, "missing"));
	assert_str_contains(log_captured(), "Prioritizer 'missing' not found in ");
	/* names cannot leave the directory */
	assert_null(prio_lookup_in(plugin_dir, "../plugins/prio_fake"));
	log_capture_stop();
	/* built-in names win */
	assert_ptr_equal(prio_lookup_in(plugin_dir, "alua"), &prio_alua);
	assert_ptr_equal(prio_lookup_in(plugin_dir, "const"), &prio_const);
}

/* "prio fake" in the configuration: the plugin runs on a worker thread,
 * its messages come with the path's; a refused one means const. */
static void test_plugin_job(void **state)
{
	struct discovery d = { .sysfs_root = root };
	struct path *pp = fake_path();

	log_capture_start(3);
	d.conf = config_from_string("defaults {\n detect_prio no\n prio fake\n"
				    " prio_args \"base=5\"\n"
				    " checker_timeout 3\n}\n", "test.conf");
	path_get_priority(&d, pp);
	assert_int_equal(pp->priority, 8);
	assert_string_equal(pp->prio_name, "fake");
	assert_true(plugin_tid() != syscall(SYS_gettid));
	assert_str_contains(log_captured(), "sdprio: prio = fake (setting: multipath.conf defaults/devices section)");
	assert_str_contains(log_captured(), "sdprio: fake prio: node /dev/sdprio devt 8:16 timeout 3000");
	assert_str_contains(log_captured(), "sdprio: fake prio = 8");
	config_free((struct config *)d.conf);

	d.conf = config_from_string("defaults {\n detect_prio no\n prio fake\n"
				    " prio_args fail\n}\n", "test.conf");
	path_get_priority(&d, pp);
	assert_int_equal(pp->priority, -1);
	assert_str_contains(log_captured(), "sdprio: fake prio error: ");
	config_free((struct config *)d.conf);

	d.conf = config_from_string("defaults {\n detect_prio no\n prio badabi\n}\n",
				    "test.conf");
	path_get_priority(&d, pp);
	assert_int_equal(pp->priority, 1);
	assert_string_equal(pp->prio_name, "const");
	config_free((struct config *)d.conf);
	log_capture_stop();
	path_free(pp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_plugin),
		cmocka_unit_test(test_bad_plugins),
		cmocka_unit_test(test_plugin_job),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
