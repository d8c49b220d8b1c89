/* util/file: whole-file reads, atomic writes, mkdir -p, and locked
 * read-modify-write updates (including concurrent updaters in separate
 * processes). Each test runs in a fresh temporary directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "util/file.h"

static int setup_dir(void **state)
{
	*state = make_temp_dir();
	return 0;
}

static int teardown_dir(void **state)
{
	remove_tree(*state);
	free(*state);
	return 0;
}

/* dir/rel in a static rotating buffer (enough for a few at a time). */
static const char *in_dir(void **state, const char *rel)
{
	static char bufs[4][4096];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof(bufs[0]), "%s/%s", (char *)*state, rel);
	return b;
}

static void write_raw(const char *path, const char *data, size_t len,
		      mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void write_str(const char *path, const char *s)
{
	write_raw(path, s, strlen(s), 0644);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Assert dir contains exactly the given entries (e.g. no temp files). */
static void assert_entries(const char *dir, const char *const *want,
			   size_t nwant)
{
	char *names[64];
	size_t n = 0, i;
	struct dirent *de;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		assert_true(n < ARRAY_SIZE(names));
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	if (n != nwant) {
		for (i = 0; i < n; i++)
			print_message("entry: %s\n", names[i]);
		fail_msg("%s: %zu entries, expected %zu", dir, n, nwant);
	}
	for (i = 0; i < n; i++) {
		assert_string_equal(names[i], want[i]);
		free(names[i]);
	}
}

static void assert_file_is(const char *path, const char *want)
{
	char *got = read_test_file(path);

	assert_string_equal(got, want);
	free(got);
}

static struct stat stat_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st;
}

/* ---- file_read_all ---------------------------------------------------- */

static void test_read_normal(void **state)
{
	const char *p = in_dir(state, "f");
	char *buf = NULL;
	size_t len = 99;

	write_str(p, "line one\nline two\n");
	assert_int_equal(file_read_all(p, 1024, &buf, &len), 0);
	assert_non_null(buf);
	assert_int_equal(len, 18);
	assert_string_equal(buf, "line one\nline two\n");
	free(buf);
}

static void test_read_empty(void **state)
{
	const char *p = in_dir(state, "empty");
	char *buf = NULL;
	size_t len = 99;

	write_str(p, "");
	assert_int_equal(file_read_all(p, 1024, &buf, &len), 0);
	assert_non_null(buf);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	free(buf);
	/* an empty file fits even a zero limit */
	buf = NULL;
	assert_int_equal(file_read_all(p, 0, &buf, &len), 0);
	assert_non_null(buf);
	assert_int_equal(len, 0);
	free(buf);
}

static void test_read_missing(void **state)
{
	char *buf = NULL;
	size_t len = 0;

	assert_int_equal(file_read_all(in_dir(state, "nope"), 1024, &buf, &len),
			 -ENOENT);
	assert_null(buf);
	assert_int_equal(file_read_all(in_dir(state, "no/such/dir/f"), 1024,
				       &buf, &len), -ENOENT);
	assert_null(buf);
	assert_int_equal(file_read_all("", 1024, &buf, &len), -ENOENT);
	assert_null(buf);
}

static void test_read_bad_kinds(void **state)
{
	char *buf = NULL;
	size_t len = 0;

	/* a directory opens but cannot be read */
	assert_int_equal(file_read_all(*state, 1024, &buf, &len), -EISDIR);
	assert_null(buf);
	/* a path through a regular file */
	write_str(in_dir(state, "reg"), "x");
	assert_int_equal(file_read_all(in_dir(state, "reg/sub"), 1024, &buf,
				       &len), -ENOTDIR);
	assert_null(buf);
}

static void test_read_size_limit(void **state)
{
	const char *p = in_dir(state, "f");
	char data[100];
	char *buf = NULL;
	size_t len = 0;

	memset(data, 'd', sizeof(data));
	write_raw(p, data, sizeof(data), 0644);
	/* exactly the limit is fine */
	assert_int_equal(file_read_all(p, 100, &buf, &len), 0);
	assert_int_equal(len, 100);
	assert_memory_equal(buf, data, 100);
	assert_int_equal(buf[100], '\0');
	free(buf);
	buf = NULL;
	/* one byte over is refused, and nothing is handed out */
	assert_int_equal(file_read_all(p, 99, &buf, &len), -EFBIG);
	assert_null(buf);
	assert_int_equal(file_read_all(p, 1, &buf, &len), -EFBIG);
	assert_null(buf);
	assert_int_equal(file_read_all(p, 0, &buf, &len), -EFBIG);
	assert_null(buf);
}

/* Larger than one read() chunk, with NUL bytes: read exactly; the limit
 * is also enforced when it is crossed in a later chunk. */
static void test_read_large_binary(void **state)
{
	const char *p = in_dir(state, "big");
	const size_t sizes[] = { 8191, 8192, 8193, 100000 };
	_cleanup_free_ char *data = malloc(100000);
	size_t i, k;

	assert_non_null(data);
	for (i = 0; i < 100000; i++)
		data[i] = (char)(i * 31 % 251);	/* includes '\0' */
	for (k = 0; k < ARRAY_SIZE(sizes); k++) {
		char *buf = NULL;
		size_t len = 0;

		write_raw(p, data, sizes[k], 0644);
		assert_int_equal(file_read_all(p, 1 << 20, &buf, &len), 0);
		assert_int_equal(len, sizes[k]);
		assert_memory_equal(buf, data, sizes[k]);
		assert_int_equal(buf[len], '\0');
		free(buf);
		buf = NULL;
		assert_int_equal(file_read_all(p, sizes[k] - 1, &buf, &len),
				 -EFBIG);
		assert_null(buf);
	}
	{
		char *buf = NULL;
		size_t len = 0;

		assert_int_equal(file_read_all(p, 20000, &buf, &len), -EFBIG);
		assert_null(buf);
	}
}

/* ---- file_write_atomic -------------------------------------------------- */

static void test_write_new_file(void **state)
{
	const char *p = in_dir(state, "new");
	const char *const names[] = { "new" };
	struct stat st;

	assert_int_equal(file_write_atomic(p, "hello\n", 6, 0640), 0);
	assert_file_is(p, "hello\n");
	st = stat_of(p);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(st.st_size, 6);
	assert_entries(*state, names, 1);
}

static void test_write_replaces_content_and_mode(void **state)
{
	const char *p = in_dir(state, "f");
	const char *const names[] = { "f" };
	struct stat before, after;
	char old[64];
	int fd;

	write_raw(p, "a much longer original content\n", 31, 0644);
	before = stat_of(p);
	fd = open(p, O_RDONLY);
	assert_true(fd >= 0);

	assert_int_equal(file_write_atomic(p, "short\n", 6, 0600), 0);
	assert_file_is(p, "short\n");	/* no tail of the old content */
	after = stat_of(p);
	assert_int_equal(after.st_mode & 07777, 0600);
	assert_int_equal(after.st_size, 6);
	/* replaced by rename, not rewritten in place: a reader that had the
	 * old file open still sees the complete old content */
	assert_true(after.st_ino != before.st_ino);
	assert_int_equal(read(fd, old, sizeof(old)), 31);
	assert_memory_equal(old, "a much longer original content\n", 31);
	close(fd);
	assert_entries(*state, names, 1);
}

static void test_write_mode_exact(void **state)
{
	const char *p = in_dir(state, "f");
	mode_t old_umask = umask(077);
	struct stat st;

	/* the requested mode is applied as given, not filtered by umask */
	assert_int_equal(file_write_atomic(p, "x", 1, 0644), 0);
	st = stat_of(p);
	umask(old_umask);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(file_write_atomic(p, "y", 1, 0400), 0);
	assert_int_equal(stat_of(p).st_mode & 07777, 0400);
}

static void test_write_empty_and_binary(void **state)
{
	const char *p = in_dir(state, "f");
	char *buf = NULL;
	size_t len = 0;

	write_str(p, "not empty");
	assert_int_equal(file_write_atomic(p, "", 0, 0644), 0);
	assert_int_equal(stat_of(p).st_size, 0);
	assert_int_equal(file_write_atomic(p, "a\0b\0", 4, 0644), 0);
	assert_int_equal(file_read_all(p, 100, &buf, &len), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(buf, "a\0b\0", 4);
	free(buf);
}

static void test_write_large(void **state)
{
	const char *p = in_dir(state, "large");
	const size_t n = 3 << 20;
	_cleanup_free_ char *data = malloc(n);
	char *buf = NULL;
	size_t len = 0, i;

	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i % 253);
	assert_int_equal(file_write_atomic(p, data, n, 0644), 0);
	assert_int_equal(file_read_all(p, n, &buf, &len), 0);
	assert_int_equal(len, n);
	assert_memory_equal(buf, data, n);
	free(buf);
}

static void test_write_missing_dir(void **state)
{
	assert_int_equal(file_write_atomic(in_dir(state, "nodir/f"), "x", 1,
					   0644), -ENOENT);
	assert_entries(*state, NULL, 0);
}

/* When the final rename fails the temporary file must be removed. */
static void test_write_failure_cleans_up(void **state)
{
	const char *p = in_dir(state, "adir");
	const char *const names[] = { "adir" }, *const inner[] = { "keep" };
	int r;

	assert_int_equal(mkdir(p, 0755), 0);
	write_str(in_dir(state, "adir/keep"), "k");
	r = file_write_atomic(p, "data", 4, 0644);
	assert_true(r < 0);
	assert_int_equal(r, -EISDIR);
	assert_entries(*state, names, 1);
	assert_entries(p, inner, 1);
	assert_file_is(in_dir(state, "adir/keep"), "k");
}

static void test_write_relative_path(void **state)
{
	char cwd[4096];
	int r;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(*state), 0);
	r = file_write_atomic("relative", "rel\n", 4, 0644);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(r, 0);
	assert_file_is(in_dir(state, "relative"), "rel\n");
}

/* ---- mkdir_parents ------------------------------------------------------ */

static void assert_is_dir(const char *path, bool want)
{
	struct stat st;

	if (!want) {
		assert_int_equal(stat(path, &st), -1);
		assert_int_equal(errno, ENOENT);
		return;
	}
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
}

static void test_mkdir_parents(void **state)
{
	assert_int_equal(mkdir_parents(in_dir(state, "a/b/c/file"), 0755), 0);
	assert_is_dir(in_dir(state, "a"), true);
	assert_is_dir(in_dir(state, "a/b"), true);
	assert_is_dir(in_dir(state, "a/b/c"), true);
	/* the last component is the file: not created */
	assert_is_dir(in_dir(state, "a/b/c/file"), false);
	/* idempotent, and extends existing trees */
	assert_int_equal(mkdir_parents(in_dir(state, "a/b/c/file"), 0755), 0);
	assert_int_equal(mkdir_parents(in_dir(state, "a/b/d/e/f"), 0755), 0);
	assert_is_dir(in_dir(state, "a/b/d/e"), true);
}

static void test_mkdir_parents_mode(void **state)
{
	mode_t old_umask = umask(022);
	int r = mkdir_parents(in_dir(state, "m1/m2/f"), 0700);

	umask(old_umask);
	assert_int_equal(r, 0);
	assert_int_equal(stat_of(in_dir(state, "m1")).st_mode & 07777, 0700);
	assert_int_equal(stat_of(in_dir(state, "m1/m2")).st_mode & 07777,
			 0700);
}

static void test_mkdir_parents_odd_paths(void **state)
{
	char cwd[4096];
	int r1, r2;

	/* no directory part: nothing to do */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(*state), 0);
	r1 = mkdir_parents("plainfile", 0755);
	r2 = mkdir_parents("rel/dir/f", 0755);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(r1, 0);
	assert_int_equal(r2, 0);
	assert_is_dir(in_dir(state, "plainfile"), false);
	assert_is_dir(in_dir(state, "rel/dir"), true);
	assert_int_equal(mkdir_parents("/", 0755), 0);
	assert_int_equal(mkdir_parents("/rootfile", 0755), 0);
	/* doubled and trailing slashes */
	assert_int_equal(mkdir_parents(in_dir(state, "x//y///f"), 0755), 0);
	assert_is_dir(in_dir(state, "x/y"), true);
	assert_int_equal(mkdir_parents(in_dir(state, "t/u/"), 0755), 0);
	assert_is_dir(in_dir(state, "t/u"), true);
}

static void test_mkdir_parents_blocked_by_file(void **state)
{
	write_str(in_dir(state, "reg"), "x");
	assert_int_equal(mkdir_parents(in_dir(state, "reg/sub/f"), 0755),
			 -ENOTDIR);
	assert_int_equal(mkdir_parents(in_dir(state, "reg/sub/deeper/f"), 0755),
			 -ENOTDIR);
}

/* ---- file_update_locked ------------------------------------------------- */

struct edit_ctx {
	int calls;
	int ret;		/* what edit() returns */
	const char *append;	/* appended to the old content */
	const char *junk;	/* written to out regardless of ret */
	char *seen;		/* copy of the old content seen */
	size_t seen_len;
	bool seen_null;
};

static int edit_fn(const char *old, size_t len, struct strbuf *out, void *ud)
{
	struct edit_ctx *c = ud;

	c->calls++;
	c->seen_null = old == NULL;
	c->seen_len = len;
	free(c->seen);
	c->seen = NULL;
	if (old) {
		c->seen = malloc(len + 1);
		memcpy(c->seen, old, len + 1);	/* old is NUL-terminated */
	}
	if (c->junk) {
		strbuf_append(out, c->junk);
		return c->ret;
	}
	if (old)
		strbuf_appendn(out, old, len);
	if (c->append)
		strbuf_append(out, c->append);
	return c->ret;
}

static void test_update_creates_parents(void **state)
{
	const char *p = in_dir(state, "d1/d2/d3/file");
	struct edit_ctx c = { .ret = 7, .append = "first\n" };
	const char *const names[] = { "file" };

	assert_int_equal(file_update_locked(p, 0640, edit_fn, &c), 7);
	assert_int_equal(c.calls, 1);
	assert_true(c.seen_null);
	assert_int_equal(c.seen_len, 0);
	assert_is_dir(in_dir(state, "d1/d2/d3"), true);
	assert_file_is(p, "first\n");
	assert_int_equal(stat_of(p).st_mode & 07777, 0640);
	assert_entries(in_dir(state, "d1/d2/d3"), names, 1);
	free(c.seen);
}

static void test_update_sees_old_content(void **state)
{
	const char *p = in_dir(state, "f");
	struct edit_ctx c = { .ret = 1, .append = "three\n" };

	write_str(p, "one\ntwo\n");
	assert_int_equal(file_update_locked(p, 0644, edit_fn, &c), 1);
	assert_int_equal(c.calls, 1);
	assert_false(c.seen_null);
	assert_int_equal(c.seen_len, 8);
	assert_string_equal(c.seen, "one\ntwo\n");
	assert_file_is(p, "one\ntwo\nthree\n");
	/* and the next update sees the result of the previous one */
	c.append = "four\n";
	assert_int_equal(file_update_locked(p, 0644, edit_fn, &c), 1);
	assert_string_equal(c.seen, "one\ntwo\nthree\n");
	assert_file_is(p, "one\ntwo\nthree\nfour\n");
	free(c.seen);
}

static void test_update_empty_existing(void **state)
{
	const char *p = in_dir(state, "f");
	struct edit_ctx c = { .ret = 1, .append = "x\n" };

	write_str(p, "");
	assert_int_equal(file_update_locked(p, 0644, edit_fn, &c), 1);
	assert_int_equal(c.seen_len, 0);
	assert_file_is(p, "x\n");
	free(c.seen);
}

/* Set a recognisable old mtime so that any rewrite would show. */
static void age_file(const char *path)
{
	const struct timespec ts[2] = { { 1000000000, 123456789 },
					{ 1000000000, 123456789 } };

	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static void check_untouched(void **state, const char *p, int edit_ret)
{
	const char *const names[] = { "f" };
	struct edit_ctx c = { .ret = edit_ret, .junk = "MUST NOT BE WRITTEN" };
	struct stat before, after;

	write_raw(p, "original\n", 9, 0600);
	age_file(p);
	before = stat_of(p);
	assert_int_equal(file_update_locked(p, 0644, edit_fn, &c), edit_ret);
	assert_int_equal(c.calls, 1);
	assert_string_equal(c.seen, "original\n");
	after = stat_of(p);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_dev, before.st_dev);
	assert_int_equal(after.st_mtim.tv_sec, 1000000000);
	assert_int_equal(after.st_mtim.tv_nsec, 123456789);
	assert_int_equal(after.st_size, 9);
	assert_int_equal(after.st_mode & 07777, 0600);	/* mode not applied */
	assert_file_is(p, "original\n");
	assert_entries(*state, names, 1);
	free(c.seen);
}

static void test_update_noop_untouched(void **state)
{
	check_untouched(state, in_dir(state, "f"), 0);
}

static void test_update_abort_untouched(void **state)
{
	check_untouched(state, in_dir(state, "f"), -EIO);
}

static void test_update_positive_writes(void **state)
{
	const char *p = in_dir(state, "f");
	const char *const names[] = { "f" };
	struct edit_ctx c = { .ret = 3, .junk = "replaced\n" };
	struct stat before, after;

	write_raw(p, "original content\n", 17, 0600);
	age_file(p);
	before = stat_of(p);
	assert_int_equal(file_update_locked(p, 0644, edit_fn, &c), 3);
	after = stat_of(p);
	assert_file_is(p, "replaced\n");
	assert_int_equal(after.st_mode & 07777, 0644);
	assert_true(after.st_mtim.tv_sec != 1000000000);
	assert_true(after.st_ino != before.st_ino);	/* atomic replacement */
	assert_entries(*state, names, 1);
	free(c.seen);
}

static void test_update_to_empty(void **state)
{
	const char *p = in_dir(state, "f");
	struct edit_ctx c = { .ret = 1, .junk = "" };

	write_str(p, "some content\n");
	assert_int_equal(file_update_locked(p, 0644, edit_fn, &c), 1);
	assert_int_equal(stat_of(p).st_size, 0);
	free(c.seen);
}

static void test_update_parent_is_file(void **state)
{
	struct edit_ctx c = { .ret = 1, .append = "x" };

	write_str(in_dir(state, "reg"), "x");
	assert_int_equal(file_update_locked(in_dir(state, "reg/sub/f"), 0644,
					    edit_fn, &c), -ENOTDIR);
	assert_int_equal(c.calls, 0);
	assert_int_equal(file_update_locked(in_dir(state, "reg/f"), 0644,
					    edit_fn, &c), -ENOTDIR);
	assert_int_equal(c.calls, 0);
	assert_file_is(in_dir(state, "reg"), "x");
}

static void test_update_on_directory(void **state)
{
	struct edit_ctx c = { .ret = 1, .append = "x" };
	int r;

	assert_int_equal(mkdir(in_dir(state, "dir"), 0755), 0);
	r = file_update_locked(in_dir(state, "dir"), 0644, edit_fn, &c);
	assert_true(r < 0);
	assert_int_equal(c.calls, 0);
	assert_is_dir(in_dir(state, "dir"), true);
}

static int append_line(const char *old, size_t len, struct strbuf *out,
		       void *ud)
{
	if (old && strbuf_appendn(out, old, len) < 0)
		return -ENOMEM;
	if (strbuf_append(out, ud) < 0)
		return -ENOMEM;
	return 1;
}

static void test_update_sequential(void **state)
{
	const char *p = in_dir(state, "seq");
	struct strbuf want = STRBUF_INIT;
	char line[32];
	int i;

	for (i = 0; i < 200; i++) {
		snprintf(line, sizeof(line), "line %d\n", i);
		strbuf_append(&want, line);
		assert_int_equal(file_update_locked(p, 0644, append_line, line),
				 1);
	}
	assert_file_is(p, strbuf_str(&want));
	strbuf_free(&want);
}

#define NCHILD 5
#define NUPDATES 40

static void wait_children(pid_t *pids, int n)
{
	int i, status;

	for (i = 0; i < n; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
}

/* Several processes append concurrently; no update may be lost, and each
 * process's lines appear in its own order. */
static void test_update_concurrent(void **state)
{
	const char *p = in_dir(state, "sub/shared");
	const char *const names[] = { "shared" };
	pid_t pids[NCHILD];
	int next[NCHILD] = { 0 };
	char *content, *line, *save = NULL;
	int i, total = 0;

	for (i = 0; i < NCHILD; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			char buf[64];
			int j;

			for (j = 0; j < NUPDATES; j++) {
				snprintf(buf, sizeof(buf),
					 "child %d update %d\n", i, j);
				if (file_update_locked(p, 0644, append_line,
						       buf) != 1)
					_exit(1);
			}
			_exit(0);
		}
	}
	wait_children(pids, NCHILD);

	content = read_test_file(p);
	for (line = strtok_r(content, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		int c, u;

		assert_int_equal(sscanf(line, "child %d update %d", &c, &u), 2);
		assert_true(c >= 0 && c < NCHILD);
		assert_int_equal(u, next[c]);	/* in order, none missing */
		next[c]++;
		total++;
	}
	free(content);
	assert_int_equal(total, NCHILD * NUPDATES);
	for (i = 0; i < NCHILD; i++)
		assert_int_equal(next[i], NUPDATES);
	assert_entries(in_dir(state, "sub"), names, 1);
}

/* An updater blocks while another holds the lock; when the holder replaces
 * the file before unlocking, the waiter must edit the new file, not the
 * stale inode it first opened. */
static void test_update_waits_and_follows_replacement(void **state)
{
	const char *p = in_dir(state, "f");
	struct timespec ms10 = { 0, 10 * 1000 * 1000 };
	pid_t pid;
	int fd, i;

	write_str(p, "old\n");
	fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd);
		_exit(file_update_locked(p, 0644, append_line, "child\n") == 1
		      ? 0 : 1);
	}
	/* the child must not get through while we hold the lock */
	for (i = 0; i < 20; i++) {
		assert_int_equal(waitpid(pid, NULL, WNOHANG), 0);
		nanosleep(&ms10, NULL);
	}
	assert_file_is(p, "old\n");
	/* replace the file while still holding the lock on the old inode */
	assert_int_equal(file_write_atomic(p, "new\n", 4, 0644), 0);
	close(fd);
	wait_children(&pid, 1);
	assert_file_is(p, "new\nchild\n");
}

/* The same, with several waiters queued behind the lock. */
static void test_update_many_waiters(void **state)
{
	const char *p = in_dir(state, "f");
	struct timespec ms50 = { 0, 50 * 1000 * 1000 };
	pid_t pids[4];
	char *content;
	int fd, i, lines = 0;

	write_str(p, "");
	fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	for (i = 0; i < 4; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			char buf[16];

			close(fd);
			snprintf(buf, sizeof(buf), "w%d\n", i);
			_exit(file_update_locked(p, 0644, append_line, buf) == 1
			      ? 0 : 1);
		}
	}
	nanosleep(&ms50, NULL);
	assert_file_is(p, "");
	close(fd);
	wait_children(pids, 4);
	content = read_test_file(p);
	for (i = 0; i < 4; i++) {
		char buf[16];

		snprintf(buf, sizeof(buf), "w%d\n", i);
		assert_str_contains(content, buf);
	}
	for (i = 0; content[i]; i++)
		lines += content[i] == '\n';
	assert_int_equal(lines, 4);
	free(content);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_dir, teardown_dir)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_read_normal),
		T(test_read_empty),
		T(test_read_missing),
		T(test_read_bad_kinds),
		T(test_read_size_limit),
		T(test_read_large_binary),
		T(test_write_new_file),
		T(test_write_replaces_content_and_mode),
		T(test_write_mode_exact),
		T(test_write_empty_and_binary),
		T(test_write_large),
		T(test_write_missing_dir),
		T(test_write_failure_cleans_up),
		T(test_write_relative_path),
		T(test_mkdir_parents),
		T(test_mkdir_parents_mode),
		T(test_mkdir_parents_odd_paths),
		T(test_mkdir_parents_blocked_by_file),
		T(test_update_creates_parents),
		T(test_update_sees_old_content),
		T(test_update_empty_existing),
		T(test_update_noop_untouched),
		T(test_update_abort_untouched),
		T(test_update_positive_writes),
		T(test_update_to_empty),
		T(test_update_parent_is_file),
		T(test_update_on_directory),
		T(test_update_sequential),
		T(test_update_concurrent),
		T(test_update_waits_and_follows_replacement),
		T(test_update_many_waiters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
