/* Helpers shared by the unit tests. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "testutil.h"
#include "util/file.h"
#include "util/log.h"

static struct strbuf captured = STRBUF_INIT;

static void capture_sink(int level, const char *msg, void *ud)
{
	(void)level;
	(void)ud;
	strbuf_append(&captured, msg);
	strbuf_addc(&captured, '\n');
}

void log_capture_start(int level)
{
	strbuf_reset(&captured);
	log_set_verbosity(level);
	log_set_sink(capture_sink, NULL);
}

const char *log_captured(void)
{
	return strbuf_str(&captured);
}

void log_capture_reset(void)
{
	strbuf_reset(&captured);
}

void log_capture_stop(void)
{
	log_set_sink(NULL, NULL);
	strbuf_free(&captured);
	log_set_verbosity(LOG_VERBOSITY_DEFAULT);
}

struct config *config_from_string(const char *text, const char *name)
{
	struct config *conf = config_new();

	assert_non_null(conf);
	assert_int_equal(config_parse_buffer(conf, text, strlen(text), name), 0);
	assert_int_equal(config_finalize(conf), 0);
	return conf;
}

const char *test_data_path(const char *rel)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", TEST_DATA_DIR, rel);
	return buf;
}

char *read_test_file(const char *path)
{
	char *buf = NULL;
	size_t len;
	int r = file_read_all(path, 64 << 20, &buf, &len);

	if (r < 0)
		fail_msg("cannot read %s: %s", path, strerror(-r));
	return buf;
}

char *make_temp_dir(void)
{
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = NULL;

	assert_true(asprintf(&path, "%s/mptest.XXXXXX", base) > 0);
	assert_non_null(mkdtemp(path));
	return path;
}

void file_fx_setup(struct file_fx *f, const char *rel)
{
	f->dir = make_temp_dir();
	snprintf(f->file, sizeof(f->file), "%s/%s", f->dir, rel);
}

void file_fx_teardown(struct file_fx *f)
{
	remove_tree(f->dir);
	free(f->dir);
	f->dir = NULL;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void remove_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void tree_put(const char *root, const char *rel, const void *data, size_t len)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(file_write_atomic(path, data, len, 0644), 0);
}

void tree_puts(const char *root, const char *rel, const char *text)
{
	tree_put(root, rel, text, strlen(text));
}

void tree_link(const char *root, const char *target, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(symlink(target, path), 0);
}
