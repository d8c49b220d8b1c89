/* Helpers shared by the unit tests: log capture, configs from strings,
 * test data paths. */
#ifndef TESTS_UNIT_TESTUTIL_H
#define TESTS_UNIT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/strbuf.h"

struct config;

/* Capture log messages (one per line, without timestamps) into a buffer
 * until log_capture_stop(). Verbosity is set to level. */
void log_capture_start(int level);
const char *log_captured(void);
void log_capture_reset(void);
void log_capture_stop(void);

/* Parse text as the content of a file called name on top of the built-in
 * settings, finalize, and return the config (asserts on failure). */
struct config *config_from_string(const char *text, const char *name);

/* Absolute path of a file under tests/unit/data. */
const char *test_data_path(const char *rel);

/* Read a whole file (asserts on failure); free() the result. */
char *read_test_file(const char *path);

/* Create a fresh empty temporary directory; returns its path. */
char *make_temp_dir(void);

/* A file under a fresh temporary directory (the directory itself is not
 * made): file_fx_setup() with the file's path relative to it, e.g.
 * "etc/multipath/wwids"; file_fx_teardown() removes the tree. */
struct file_fx {
	char *dir;
	char file[512];
};
void file_fx_setup(struct file_fx *f, const char *rel);
void file_fx_teardown(struct file_fx *f);
void remove_tree(const char *path);

/* Fake trees (sysfs): root/rel with this content, its directories made;
 * a symlink root/rel -> target. */
void tree_put(const char *root, const char *rel, const void *data, size_t len);
void tree_puts(const char *root, const char *rel, const char *text);
void tree_link(const char *root, const char *target, const char *rel);

#define assert_str_contains(haystack, needle)                                  \
	do {                                                                   \
		const char *_h = (haystack), *_n = (needle);                   \
		if (!strstr(_h, _n))                                           \
			fail_msg("expected to find \"%s\" in:\n%s", _n, _h);   \
	} while (0)

#define assert_str_not_contains(haystack, needle)                              \
	do {                                                                   \
		const char *_h = (haystack), *_n = (needle);                   \
		if (strstr(_h, _n))                                            \
			fail_msg("did not expect \"%s\" in:\n%s", _n, _h);     \
	} while (0)

#endif
