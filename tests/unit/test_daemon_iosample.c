/* multipathd's I/O sampling (marginal_path_*): reads of a file with
 * O_DIRECT on the daemon's loop, counted; a file too short for a block
 * fails every read; a cancelled sample never calls back; a node that
 * cannot be opened gives no sample. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iosample.h"
#include "loop.h"
#include "testutil.h"

struct result {
	unsigned int errors, total, calls;
};

static void done(struct iosample *s, unsigned int errors, unsigned int total,
		 void *arg)
{
	struct result *r = arg;

	(void)s;
	r->errors = errors;
	r->total = total;
	r->calls++;
}

static void stop(struct loop *l, struct loop_timer *t)
{
	(void)t;
	loop_stop(l);
}

/* a file of size bytes in the build directory (tmpfs has no O_DIRECT) */
static char *make_file(size_t size)
{
	char *path = strdup("build/tests/iosample.XXXXXX");
	char block[4096] = { 1 };
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	while (size >= sizeof(block)) {
		assert_int_equal(write(fd, block, sizeof(block)), sizeof(block));
		size -= sizeof(block);
	}
	if (size)
		assert_int_equal(write(fd, block, size), (ssize_t)size);
	close(fd);
	return path;
}

/* run the loop until the sample(s) called back, at most limit_ms */
static void run(struct loop *l, uint64_t limit_ms)
{
	struct loop_timer guard = { .fn = stop };

	loop_timer_in(l, &guard, limit_ms);
	assert_int_equal(loop_run(l), 0);
	loop_timer_cancel(l, &guard);
	l->stop = false;
}

static struct loop *the_loop;

static void done_and_stop(struct iosample *s, unsigned int errors,
			  unsigned int total, void *arg)
{
	done(s, errors, total, arg);
	loop_stop(the_loop);
}

struct fixture {
	struct loop l;
	struct iosampler *sp;
	char *file;
	struct result r;
};

static struct fixture *fixture_new(size_t size)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	assert_int_equal(loop_init(&fx->l), 0);
	the_loop = &fx->l;
	fx->sp = iosampler_new(&fx->l);
	assert_non_null(fx->sp);
	fx->file = make_file(size);
	return fx;
}

static void fixture_free(struct fixture *fx)
{
	iosampler_free(fx->sp);
	loop_release(&fx->l);
	unlink(fx->file);
	free(fx->file);
	free(fx);
}

/* a sample of the fixture's file that stops the loop when done; the test
 * is skipped where the file system takes no O_DIRECT */
static void start_or_skip(struct fixture *fx)
{
	if (iosample_start(fx->sp, fx->file, 1, done_and_stop, &fx->r))
		return;
	fixture_free(fx);
	skip();
}

static void test_good_reads(void **state)
{
	struct fixture *fx = fixture_new(16384);

	(void)state;
	start_or_skip(fx);
	assert_int_equal(iosampler_running(fx->sp), 1);
	run(&fx->l, 5000);
	assert_int_equal(fx->r.calls, 1);
	/* ten a second for one second, give or take the first and last */
	assert_in_range(fx->r.total, 8, 12);
	assert_int_equal(fx->r.errors, 0);
	assert_int_equal(iosampler_running(fx->sp), 0);
	fixture_free(fx);
}

static void test_short_file_fails(void **state)
{
	struct fixture *fx = fixture_new(100);	/* less than a block */

	(void)state;
	start_or_skip(fx);
	run(&fx->l, 5000);
	assert_int_equal(fx->r.calls, 1);
	assert_true(fx->r.total >= 8);
	assert_int_equal(fx->r.errors, fx->r.total);
	fixture_free(fx);
}

static void test_cancel_and_bad_node(void **state)
{
	struct fixture *fx = fixture_new(8192);
	struct iosample *s;

	(void)state;
	assert_null(iosample_start(fx->sp, "build/tests/no-such-device", 1,
				   done, &fx->r));
	assert_int_equal(iosampler_running(fx->sp), 0);
	s = iosample_start(fx->sp, fx->file, 1, done, &fx->r);
	if (s) {
		iosample_cancel(s);
		assert_int_equal(iosampler_running(fx->sp), 0);
		/* the read that was out comes back; no callback after 1.5 s */
		run(&fx->l, 1500);
		assert_int_equal(fx->r.calls, 0);
	}
	/* freed with a sample running: no callback, nothing leaks */
	iosample_start(fx->sp, fx->file, 10, done, &fx->r);
	fixture_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_reads),
		cmocka_unit_test(test_short_file_fails),
		cmocka_unit_test(test_cancel_and_bad_node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
