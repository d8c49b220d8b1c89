/* The wwids file: the reference's format, add / remove / replace, bad
 * lines, concurrent updates. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "map/wwids.h"
#include "testutil.h"
#include "util/file.h"

static const char header[] =
	"# Multipath wwids, Version : 1.0\n"
	"# NOTE: This file is automatically maintained by multipath and multipathd.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Valid WWIDs:\n";

#define fx file_fx

static int setup(void **state)
{
	static struct fx f;

	file_fx_setup(&f, "etc/multipath/wwids");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	file_fx_teardown(*state);
	return 0;
}

static void test_add_creates_file(void **state)
{
	struct fx *f = *state;
	char *text;

	assert_int_equal(wwids_check(f->file, "3600a"), 0);
	assert_int_equal(wwids_add(f->file, "3600a"), 1);
	assert_int_equal(wwids_add(f->file, "3600b"), 1);
	assert_int_equal(wwids_add(f->file, "3600a"), 0);
	text = read_test_file(f->file);
	assert_string_equal(text, "# Multipath wwids, Version : 1.0\n"
		"# NOTE: This file is automatically maintained by multipath and multipathd.\n"
		"# You should not need to edit this file in normal circumstances.\n"
		"#\n"
		"# Valid WWIDs:\n"
		"/3600a/\n/3600b/\n");
	free(text);
	assert_int_equal(wwids_check(f->file, "3600a"), 1);
	assert_int_equal(wwids_check(f->file, "3600"), 0);
	assert_int_equal(wwids_check(f->file, "600a"), 0);
}

static void test_remove(void **state)
{
	struct fx *f = *state;
	char *text;

	assert_int_equal(wwids_add(f->file, "a1"), 1);
	assert_int_equal(wwids_add(f->file, "a2"), 1);
	assert_int_equal(wwids_add(f->file, "a3"), 1);
	assert_int_equal(wwids_remove(f->file, "a2"), 1);
	assert_int_equal(wwids_remove(f->file, "a2"), 0);
	assert_int_equal(wwids_remove(f->file, "zz"), 0);
	text = read_test_file(f->file);
	assert_str_contains(text, "/a1/\n/a3/\n");
	assert_str_not_contains(text, "/a2/");
	free(text);
}

static void test_hand_edited_file(void **state)
{
	struct fx *f = *state;
	char *text;

	/* comments, blank lines, spaces, CRLF, garbage, no final newline */
	static const char edited[] =
		"# my comment\n\n  /w1/  \n/w2/\r\ngarbage line\n/w3";

	mkdir_parents(f->file, 0755);
	assert_int_equal(file_write_atomic(f->file, edited, sizeof(edited) - 1,
					   0644), 0);
	assert_int_equal(wwids_check(f->file, "w1"), 1);
	assert_int_equal(wwids_check(f->file, "w2"), 1);
	assert_int_equal(wwids_check(f->file, "w3"), 0);	/* no closing / */
	assert_int_equal(wwids_add(f->file, "w4"), 1);
	text = read_test_file(f->file);
	/* the user's lines are kept as they were */
	assert_string_equal(text, "# my comment\n\n  /w1/  \n/w2/\r\ngarbage line\n/w3\n/w4/\n");
	free(text);
}

/* A damaged file with a NUL byte: the daemon's cached lookups and the
 * plain ones (multipath -c) agree, the lines after the NUL count. */
static void test_nul_byte(void **state)
{
	struct fx *f = *state;
	struct wwids_cache c = WWIDS_CACHE_INIT;
	static const char damaged[] = "/w1/\n\0\0garbage\n/w2/\n/w\0x/\n";

	mkdir_parents(f->file, 0755);
	assert_int_equal(file_write_atomic(f->file, damaged, sizeof(damaged) - 1,
					   0644), 0);
	assert_int_equal(wwids_check(f->file, "w1"), 1);
	assert_int_equal(wwids_check(f->file, "w2"), 1);
	assert_int_equal(wwids_cache_check(&c, f->file, "w1"), 1);
	assert_int_equal(wwids_cache_check(&c, f->file, "w2"), 1);
	assert_int_equal(wwids_cache_check(&c, f->file, "w"), 0);
	assert_int_equal(wwids_check(f->file, "w"), 0);
	wwids_cache_free(&c);
}

static void test_invalid_wwids(void **state)
{
	struct fx *f = *state;

	assert_int_equal(wwids_add(f->file, ""), -EINVAL);
	assert_int_equal(wwids_add(f->file, "a/b"), -EINVAL);
	assert_int_equal(wwids_add(f->file, "a b"), -EINVAL);
	assert_int_equal(wwids_add(f->file, "a\nb"), -EINVAL);
	assert_int_equal(wwids_check(f->file, "a/b"), 0);
	assert_int_equal(access(f->file, F_OK), -1);
}

static void test_replace(void **state)
{
	struct fx *f = *state;
	const char *keep[] = { "k1", "bad/one", "k2" };
	char *text;

	assert_int_equal(wwids_add(f->file, "old"), 1);
	assert_int_equal(wwids_replace(f->file, keep, 3), 0);
	text = read_test_file(f->file);
	assert_int_equal(strncmp(text, header, strlen(header)), 0);
	assert_string_equal(text + strlen(header), "/k1/\n/k2/\n");
	free(text);
}

static void test_concurrent_adds(void **state)
{
	struct fx *f = *state;
	int i, j, status;
	char w[32];

	for (i = 0; i < 4; i++) {
		if (fork() == 0) {
			for (j = 0; j < 25; j++) {
				snprintf(w, sizeof(w), "p%d-%d", i, j);
				if (wwids_add(f->file, w) != 1)
					_exit(1);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++) {
		wait(&status);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	for (i = 0; i < 4; i++)
		for (j = 0; j < 25; j++) {
			snprintf(w, sizeof(w), "p%d-%d", i, j);
			assert_int_equal(wwids_check(f->file, w), 1);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_creates_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hand_edited_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_wwids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nul_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_adds, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
