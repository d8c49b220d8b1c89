/* checkers/plugin: external checkers loaded through checker_plugin.h from
 * a plugin directory (built next to this program by tests/unit/tests.mk):
 * a good plugin runs on the engine with its per-path context; plugins of
 * another ABI version or without the descriptor are refused. */
#include <dlfcn.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "testutil.h"

static char plugin_dir[PATH_MAX];

static int find_plugins(void **state)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	snprintf(plugin_dir, sizeof(plugin_dir), "%s/plugins", dirname(exe));
	return 0;
}

static int *plugin_frees(void)
{
	char path[PATH_MAX + 32];
	void *h;
	int *n;

	snprintf(path, sizeof(path), "%s/checker_fake.so", plugin_dir);
	h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
	assert_non_null(h);
	n = dlsym(h, "fake_frees");
	dlclose(h);
	assert_non_null(n);
	return n;
}

static enum path_state check(struct check_engine *e,
			     const struct checker_ops *ops, const char *dev,
			     char *msg, size_t len)
{
	struct checker c;
	enum path_state st;

	checker_init(&c, ops, dev, 1500);
	checker_set_fd(&c, open("/dev/null", O_RDONLY | O_CLOEXEC));
	st = checker_check_sync(e, &c);
	snprintf(msg, len, "%s", c.message);
	checker_release(&c);
	return st;
}

static void test_good_plugin(void **state)
{
	const struct checker_ops *ops;
	struct check_engine *e;
	char msg[CHECKER_MSG_LEN];
	int *frees;

	log_capture_start(3);
	ops = checker_lookup_in(plugin_dir, "fake");
	assert_non_null(ops);
	assert_str_contains(log_captured(), "loaded checker fake from");
	log_capture_stop();
	assert_string_equal(ops->name, "fake");
	/* loaded once */
	assert_ptr_equal(checker_lookup_in(plugin_dir, "fake"), ops);
	frees = plugin_frees();

	assert_int_equal(check_engine_new(&e, 2), 0);
	assert_int_equal(check(e, ops, "sdu", msg, sizeof(msg)), PATH_UP);
	assert_string_equal(msg, "fake checker reports path is up");
	assert_int_equal(*frees, 1);
	assert_int_equal(check(e, ops, "gsd", msg, sizeof(msg)), PATH_GHOST);
	assert_string_equal(msg, "fake checker reports path is ghost");
	assert_int_equal(check(e, ops, "dsd", msg, sizeof(msg)), PATH_DOWN);
	/* a state outside the ABI leaves the path unchecked */
	log_capture_start(2);
	assert_int_equal(check(e, ops, "xsd", msg, sizeof(msg)), PATH_UNCHECKED);
	assert_str_contains(log_captured(),
			    "xsd: fake checker returned an invalid state 42");
	log_capture_stop();
	/* init() failing leaves the path unchecked */
	assert_int_equal(check(e, ops, "sdinitfails", msg, sizeof(msg)),
			 PATH_UNCHECKED);
	assert_string_equal(msg, "fake checker failed to initialize");
	assert_int_equal(*frees, 4);
	check_engine_free(e);
}

static void test_bad_plugins(void **state)
{
	log_capture_start(0);
	assert_null(checker_lookup_in(plugin_dir, "badabi"));
	assert_str_contains(log_captured(), "checker plugin ABI 2 (size");
	assert_null(checker_lookup_in(plugin_dir, "nosym"));
	assert_str_contains(log_captured(),
			    "not a checker plugin (no mp_checker_plugin)");
	assert_null(checker_lookup_in(plugin_dir, "missing"));
	assert_str_contains(log_captured(), "Checker 'missing' not found in ");
	/* names cannot leave the directory */
	assert_null(checker_lookup_in(plugin_dir, "../plugins/checker_fake"));
	log_capture_stop();
	/* built-in names win */
	assert_ptr_equal(checker_lookup_in(plugin_dir, "tur"), &checker_tur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_plugin),
		cmocka_unit_test(test_bad_plugins),
	};

	return cmocka_run_group_tests(tests, find_plugins, NULL);
}
