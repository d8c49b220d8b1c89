/* checkers/engine: the life of a check (start, complete, timeout, cancel,
 * release) with a checker that blocks on a real pipe until the test
 * writes its verdict; the worker pool; inline checks; directio through
 * the real AIO context on real files. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "testutil.h"
#include "util/cleanup.h"

/* ---- a checker gated by a pipe ---------------------------------------------------------- */

static atomic_int running, started, inits, frees;

static int gated_init(struct check_call *cc)
{
	cc->ctx = malloc(16);
	atomic_fetch_add(&inits, 1);
	return cc->ctx ? 0 : -ENOMEM;
}

static void gated_free(void *ctx)
{
	free(ctx);
	atomic_fetch_add(&frees, 1);
}

/* The verdict is the byte the test writes into the pipe. */
static enum path_state gated_check(struct check_call *cc)
{
	uint8_t v = PATH_DOWN;

	atomic_fetch_add(&started, 1);
	atomic_fetch_add(&running, 1);
	if (read(cc->fd, &v, 1) != 1)
		v = PATH_DOWN;
	atomic_fetch_sub(&running, 1);
	cc->msg = v == PATH_UP ? " reports path is up" : " reports path is down";
	return v;
}

static const struct checker_ops gated_ops = {
	.name = "gated",
	.open_flags = O_RDONLY,
	.run = CHECK_ON_WORKER,
	.init = gated_init,
	.free = gated_free,
	.check = gated_check,
};

struct gated {
	struct checker c;
	int wr;			/* write the verdict here */
	int calls;		/* done callbacks */
	enum path_state seen;
};

static void gated_new(struct gated *g, const char *dev, unsigned timeout_ms)
{
	int p[2];

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	checker_init(&g->c, &gated_ops, dev, timeout_ms);
	checker_set_fd(&g->c, p[0]);
	g->wr = p[1];
	g->calls = 0;
}

static void gated_release(struct gated *g)
{
	checker_release(&g->c);
	close(g->wr);
}

static void verdict(struct gated *g, enum path_state st)
{
	uint8_t v = st;

	assert_int_equal(write(g->wr, &v, 1), 1);
}

static void on_done(struct checker *c, void *arg)
{
	struct gated *g = arg;

	g->calls++;
	g->seen = c->state;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Process the engine until cond holds, at most 5 s. */
#define WAIT_UNTIL(e, cond)                                                    \
	do {                                                                   \
		struct timespec _t0;                                           \
		clock_gettime(CLOCK_MONOTONIC, &_t0);                          \
		while (!(cond)) {                                              \
			if (ms_since(&_t0) > 5000)                             \
				fail_msg("timed out waiting for %s", #cond);   \
			assert_true(check_engine_wait((e), 20) >= 0);          \
		}                                                              \
	} while (0)

static bool fd_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1;
}

static int setup(void **state)
{
	struct check_engine *e;

	atomic_store(&running, 0);
	atomic_store(&started, 0);
	atomic_store(&inits, 0);
	atomic_store(&frees, 0);
	assert_int_equal(check_engine_new(&e, 8), 0);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	check_engine_free(*state);
	return 0;
}

/* ---- the life of a check ------------------------------------------------------------------- */

static void test_complete(void **state)
{
	struct check_engine *e = *state;
	struct gated g;

	gated_new(&g, "sdg", 5000);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), -EBUSY);
	WAIT_UNTIL(e, atomic_load(&running) == 1);
	/* nothing to report while the check runs */
	assert_int_equal(check_engine_process(e), 0);
	verdict(&g, PATH_UP);
	WAIT_UNTIL(e, g.calls == 1);
	assert_int_equal(g.seen, PATH_UP);
	assert_string_equal(g.c.message, "gated checker reports path is up");
	assert_null(g.c.req);
	assert_int_equal(check_engine_live(e), 0);
	/* the path's context is set up once and kept */
	verdict(&g, PATH_DOWN);
	assert_int_equal(checker_check_sync(e, &g.c), PATH_DOWN);
	assert_int_equal(g.calls, 1);
	assert_int_equal(atomic_load(&inits), 1);
	assert_int_equal(atomic_load(&frees), 0);
	gated_release(&g);
	assert_int_equal(atomic_load(&frees), 1);
}

static void test_timeout(void **state)
{
	struct check_engine *e = *state;
	struct timespec t0;
	struct gated g;
	long ms;

	gated_new(&g, "sdt", 100);
	log_capture_start(3);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	WAIT_UNTIL(e, g.calls == 1);
	ms = ms_since(&t0);
	assert_true(ms >= 95 && ms < 3000);
	assert_int_equal(g.seen, PATH_TIMEOUT);
	assert_string_equal(g.c.message, "gated checker timed out");
	assert_str_contains(log_captured(),
			    "sdt: gated checker timed out after 100 ms");
	log_capture_stop();
	/* the check is still stuck: the next one times out at once */
	assert_non_null(g.c.stalled);
	assert_int_equal(check_engine_live(e), 1);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	WAIT_UNTIL(e, g.calls == 2);
	assert_int_equal(g.seen, PATH_TIMEOUT);
	assert_int_equal(atomic_load(&started), 1);
	/* it ends: its late result is dropped, the context comes back */
	verdict(&g, PATH_UP);
	WAIT_UNTIL(e, check_engine_live(e) == 0);
	assert_int_equal(g.calls, 2);
	assert_null(g.c.stalled);
	verdict(&g, PATH_UP);
	assert_int_equal(checker_check_sync(e, &g.c), PATH_UP);
	assert_int_equal(atomic_load(&inits), 1);
	gated_release(&g);
	assert_int_equal(atomic_load(&frees), 1);
}

static void test_cancel(void **state)
{
	struct check_engine *e = *state;
	struct gated g;

	gated_new(&g, "sdc", 5000);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	WAIT_UNTIL(e, atomic_load(&running) == 1);
	checker_cancel(&g.c);
	assert_null(g.c.req);
	verdict(&g, PATH_UP);
	WAIT_UNTIL(e, check_engine_live(e) == 0);
	assert_int_equal(g.calls, 0);
	/* cancelled before or while it runs: the end of input ends it */
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	checker_cancel(&g.c);
	gated_release(&g);
	WAIT_UNTIL(e, check_engine_live(e) == 0);
	assert_int_equal(g.calls, 0);
	assert_int_equal(atomic_load(&frees), 1);
}

static void test_release_running(void **state)
{
	struct check_engine *e = *state;
	struct gated g;
	int wr;

	gated_new(&g, "sdr", 5000);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	WAIT_UNTIL(e, atomic_load(&running) == 1);
	/* the path goes away while its check runs */
	wr = g.wr;
	checker_release(&g.c);
	assert_int_equal(atomic_load(&frees), 0);
	g.wr = wr;
	verdict(&g, PATH_UP);
	close(wr);
	WAIT_UNTIL(e, check_engine_live(e) == 0);
	assert_int_equal(g.calls, 0);
	assert_int_equal(atomic_load(&frees), 1);
}

/* A check queued behind a stuck one times out without ever running. */
static void test_queued_timeout(void **state)
{
	struct check_engine *e;
	struct gated stuck, queued;

	assert_int_equal(check_engine_new(&e, 1), 0);
	gated_new(&stuck, "sds", 5000);
	gated_new(&queued, "sdq", 100);
	assert_int_equal(checker_start(e, &stuck.c, on_done, &stuck), 0);
	assert_int_equal(checker_start(e, &queued.c, on_done, &queued), 0);
	WAIT_UNTIL(e, queued.calls == 1);
	assert_int_equal(queued.seen, PATH_TIMEOUT);
	assert_null(queued.c.stalled);
	assert_int_equal(atomic_load(&started), 1);
	assert_int_equal(check_engine_workers(e), 1);
	verdict(&stuck, PATH_UP);
	WAIT_UNTIL(e, stuck.calls == 1);
	assert_int_equal(stuck.seen, PATH_UP);
	verdict(&queued, PATH_UP);
	assert_int_equal(checker_check_sync(e, &queued.c), PATH_UP);
	gated_release(&stuck);
	gated_release(&queued);
	check_engine_free(e);
}

/* Stuck checks do not hold back the others: the pool grows. */
static void test_pool_grows(void **state)
{
	struct check_engine *e = *state;
	struct gated g[8];
	int i;

	for (i = 0; i < 8; i++) {
		gated_new(&g[i], "sdp", 5000);
		assert_int_equal(checker_start(e, &g[i].c, on_done, &g[i]), 0);
	}
	WAIT_UNTIL(e, atomic_load(&running) == 8);
	assert_int_equal(check_engine_workers(e), 8);
	for (i = 0; i < 8; i++)
		verdict(&g[i], PATH_UP);
	for (i = 0; i < 8; i++) {
		WAIT_UNTIL(e, g[i].calls == 1);
		assert_int_equal(g[i].seen, PATH_UP);
		gated_release(&g[i]);
	}
}

/* A budget of time per processing: results are delivered a few at a time,
 * the fd stays readable while some are left, a path released meanwhile
 * gets no callback. */
static void slow_done(struct checker *c, void *arg)
{
	on_done(c, arg);
	usleep(5 * 1000);
}

static void test_budget(void **state)
{
	struct check_engine *e = *state;
	struct gated g[6];
	int i, n, total = 0, calls = 0, wr;

	for (i = 0; i < 6; i++) {
		gated_new(&g[i], "sdb", 5000);
		assert_int_equal(checker_start(e, &g[i].c, slow_done, &g[i]), 0);
	}
	WAIT_UNTIL(e, atomic_load(&running) == 6);
	for (i = 0; i < 6; i++)
		verdict(&g[i], PATH_UP);
	while (atomic_load(&running))
		usleep(1000);
	usleep(100 * 1000);	/* the workers post their results */
	n = check_engine_process_for(e, 1);
	assert_int_equal(n, 1);
	assert_true(fd_readable(check_engine_fd(e)));
	total = n;
	/* one path goes away with its result not yet taken */
	for (i = 0; i < 6 && g[i].calls; i++)
		;
	assert_true(i < 6);
	wr = g[i].wr;
	checker_release(&g[i].c);
	while (check_engine_live(e) > 0 && calls++ < 100) {
		n = check_engine_process_for(e, 1);
		assert_in_range(n, 0, 1);
		total += n;
	}
	assert_int_equal(check_engine_live(e), 0);
	assert_int_equal(total, 5);
	assert_int_equal(g[i].calls, 0);
	assert_int_equal(check_engine_process(e), 0);
	assert_false(fd_readable(check_engine_fd(e)));
	close(wr);
	for (n = 0; n < 6; n++) {
		if (n == i)
			continue;
		assert_int_equal(g[n].calls, 1);
		assert_int_equal(g[n].seen, PATH_UP);
		gated_release(&g[n]);
	}
	assert_int_equal(atomic_load(&frees), 6);
}

/* An engine freed with a check stuck waits for it and frees its context. */
static void *late_verdict(void *arg)
{
	struct gated *g = arg;

	usleep(100 * 1000);
	verdict(g, PATH_UP);
	return NULL;
}

static void test_free_with_stuck_check(void **state)
{
	struct check_engine *e;
	struct gated g;
	pthread_t t;

	assert_int_equal(check_engine_new(&e, 2), 0);
	gated_new(&g, "sdf", 50);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	WAIT_UNTIL(e, g.calls == 1);
	assert_int_equal(pthread_create(&t, NULL, late_verdict, &g), 0);
	check_engine_free(e);
	pthread_join(t, NULL);
	assert_null(g.c.stalled);
	gated_release(&g);
	assert_int_equal(atomic_load(&frees), 1);
}

/* ---- inline checks and failures to start ------------------------------------------------------ */

static void test_none_inline(void **state)
{
	struct check_engine *e = *state;
	struct gated g = { .wr = -1 };

	checker_init(&g.c, &checker_none, "sdn", 1000);
	assert_int_equal(checker_start(e, &g.c, on_done, &g), 0);
	/* results arrive through the engine, never from checker_start() */
	assert_int_equal(g.calls, 0);
	assert_true(fd_readable(check_engine_fd(e)));
	assert_int_equal(check_engine_process(e), 1);
	assert_int_equal(g.calls, 1);
	assert_int_equal(g.seen, PATH_UP);
	assert_string_equal(g.c.message, "");
	assert_int_equal(g.c.fd, -1);
	checker_release(&g.c);
}

static void test_open_fails(void **state)
{
	struct check_engine *e = *state;
	struct checker c;

	checker_init(&c, &checker_tur, "/nonexistent/sdx", 1000);
	log_capture_start(3);
	assert_int_equal(checker_check_sync(e, &c), PATH_DOWN);
	assert_string_equal(c.message, "tur checker has no usable fd");
	assert_str_contains(log_captured(),
		"/nonexistent/sdx: cannot open the device: No such file or directory");
	log_capture_stop();
	checker_release(&c);
	/* a worker opened the device; the checker keeps it for next time */
	checker_init(&c, &checker_tur, "/dev/null", 1000);
	assert_int_equal(checker_check_sync(e, &c), PATH_DOWN);
	assert_true(c.fd >= 0);
	checker_release(&c);
}

/* ---- directio on the real AIO context --------------------------------------------------------- */

static char *make_file(const char *dir, const char *name, size_t size)
{
	char *path;
	int fd;

	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0);
	close(fd);
	return path;
}

static void test_directio_files(void **state)
{
	struct check_engine *e = *state;
	_cleanup_free_ char *dir = make_temp_dir();
	_cleanup_free_ char *full = make_file(dir, "full", 8192);
	_cleanup_free_ char *empty = make_file(dir, "empty", 0);
	struct gated g[16];
	int fd, i;

	fd = open(full, O_RDONLY | O_DIRECT | O_CLOEXEC);
	if (fd < 0) {
		remove_tree(dir);
		skip();		/* no O_DIRECT on this file system */
	}
	close(fd);
	checker_init(&g[0].c, &checker_directio, full, 2000);
	assert_int_equal(checker_check_sync(e, &g[0].c), PATH_UP);
	assert_string_equal(g[0].c.message,
			    "directio checker reports path is up");
	checker_init(&g[1].c, &checker_directio, empty, 2000);
	assert_int_equal(checker_check_sync(e, &g[1].c), PATH_DOWN);
	assert_string_equal(g[1].c.message,
			    "directio checker reports path is down");
	checker_release(&g[0].c);
	checker_release(&g[1].c);
	/* one AIO context for every path and check of the process */
	assert_true(check_engine_aio_events(e) > 0);
	for (i = 0; i < 16; i++) {
		checker_init(&g[i].c, &checker_directio, i % 2 ? empty : full,
			     2000);
		g[i].calls = 0;
		assert_int_equal(checker_start(e, &g[i].c, on_done, &g[i]), 0);
	}
	for (i = 0; i < 16; i++) {
		WAIT_UNTIL(e, g[i].calls == 1);
		assert_int_equal(g[i].seen, i % 2 ? PATH_DOWN : PATH_UP);
		checker_release(&g[i].c);
	}
	/* no worker was needed */
	assert_int_equal(check_engine_workers(e), 0);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_complete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release_running, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_queued_timeout, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_grows, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_free_with_stuck_check,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_none_inline, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_open_fails, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_directio_files, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
