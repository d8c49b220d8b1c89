/* checkers/engine with directio against a fake kernel AIO (this program's
 * io_setup() ... io_destroy() stand in for libaio's): one context per
 * process sized down to fs.aio-max-nr, checks beyond its size queued, a
 * timed-out read parked until the kernel completes it, the fallback to
 * workers without AIO. */
#include <errno.h>
#include <fcntl.h>
#include <libaio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "testutil.h"
#include "util/cleanup.h"

#define FAKE_CTX ((io_context_t)0x5eed)

/* ---- the fake kernel ------------------------------------------------------------------------ */

static struct {
	unsigned int aio_max_nr;	/* io_setup() beyond this: EAGAIN */
	int setup_err;			/* io_setup() fails so */
	unsigned int setups, destroys, cancels;
	unsigned int sizes[16], nsizes;
	int submit_err;
	unsigned int nr;		/* the context's size */
	struct iocb *inflight[1024];	/* submitted, not completed */
	unsigned int ninflight, max_inflight;
	struct iocb *done[1024];	/* completed, not reaped */
	long res[1024];
	unsigned int ndone;
} k;

int io_setup(int maxevents, io_context_t *ctxp)
{
	if (k.nsizes < 16)
		k.sizes[k.nsizes++] = maxevents;
	if (k.setup_err)
		return -k.setup_err;
	if ((unsigned)maxevents > k.aio_max_nr)
		return -EAGAIN;
	k.setups++;
	k.nr = maxevents;
	*ctxp = FAKE_CTX;
	return 0;
}

int io_destroy(io_context_t ctx)
{
	assert_ptr_equal(ctx, FAKE_CTX);
	/* the kernel waits for what is in flight */
	k.destroys++;
	k.ninflight = 0;
	return 0;
}

int io_submit(io_context_t ctx, long nr, struct iocb *ios[])
{
	assert_ptr_equal(ctx, FAKE_CTX);
	assert_int_equal(nr, 1);
	if (k.submit_err)
		return -k.submit_err;
	if (k.ninflight >= k.nr)
		return -EAGAIN;
	/* the read goes to a page-aligned buffer through an eventfd */
	assert_int_equal((uintptr_t)ios[0]->u.c.buf % 4096, 0);
	assert_true(ios[0]->u.c.flags & 1);
	k.inflight[k.ninflight++] = ios[0];
	if (k.ninflight > k.max_inflight)
		k.max_inflight = k.ninflight;
	return 1;
}

int io_cancel(io_context_t ctx, struct iocb *iocb, struct io_event *evt)
{
	k.cancels++;
	return -EINVAL;		/* block devices cannot cancel */
}

int io_getevents(io_context_t ctx, long min_nr, long nr,
		 struct io_event *events, struct timespec *timeout)
{
	long i;

	assert_ptr_equal(ctx, FAKE_CTX);
	assert_int_equal(min_nr, 0);
	for (i = 0; i < nr && k.ndone; i++) {
		k.ndone--;
		memset(&events[i], 0, sizeof(events[i]));
		events[i].obj = k.done[k.ndone];
		events[i].data = k.done[k.ndone]->data;
		events[i].res = k.res[k.ndone];
	}
	return i;
}

/* The kernel completes the oldest n reads, each with res (0: the whole
 * read). */
static void complete(unsigned int n, long res)
{
	uint64_t one = 1;
	unsigned int i;
	int efd = -1;

	for (i = 0; i < n && k.ninflight; i++) {
		k.done[k.ndone] = k.inflight[0];
		k.res[k.ndone++] = res ? res : (long)k.inflight[0]->u.c.nbytes;
		efd = k.inflight[0]->u.c.resfd;
		memmove(k.inflight, k.inflight + 1,
			--k.ninflight * sizeof(k.inflight[0]));
	}
	if (efd >= 0)
		assert_int_equal(write(efd, &one, sizeof(one)), sizeof(one));
}

/* ---- checkers ---------------------------------------------------------------------------- */

struct path_check {
	struct checker c;
	int calls;
};

static void on_done(struct checker *c, void *arg)
{
	((struct path_check *)arg)->calls++;
}

static void start(struct check_engine *e, struct path_check *p,
		  unsigned int timeout_ms)
{
	char name[16];
	static int n;

	snprintf(name, sizeof(name), "sd%d", n++);
	checker_init(&p->c, &checker_directio, name, timeout_ms);
	checker_set_fd(&p->c, open("/dev/null", O_RDONLY | O_CLOEXEC));
	p->calls = 0;
	assert_int_equal(checker_start(e, &p->c, on_done, p), 0);
}

static int setup(void **state)
{
	struct check_engine *e;

	memset(&k, 0, sizeof(k));
	k.aio_max_nr = 65536;
	assert_int_equal(check_engine_new(&e, 4), 0);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	check_engine_free(*state);
	return 0;
}

/* fs.aio-max-nr 64, 256 paths: one context of 64 events, every path
 * checked, never an io_setup() failure logged. */
static void test_low_aio_max_nr(void **state)
{
	struct check_engine *e = *state;
	static struct path_check p[256];
	unsigned int i, delivered = 0;

	k.aio_max_nr = 64;
	log_capture_start(3);
	for (i = 0; i < 256; i++)
		start(e, &p[i], 5000);
	assert_int_equal(k.setups, 1);
	assert_int_equal(k.nsizes, 5);		/* 1024 512 256 128 64 */
	assert_int_equal(k.sizes[4], 64);
	assert_int_equal(check_engine_aio_events(e), 64);
	assert_int_equal(k.ninflight, 64);
	while (delivered < 256) {
		complete(16, 0);
		delivered += check_engine_wait(e, 1000);
	}
	assert_int_equal(k.max_inflight, 64);
	for (i = 0; i < 256; i++) {
		assert_int_equal(p[i].calls, 1);
		assert_int_equal(p[i].c.state, PATH_UP);
		checker_release(&p[i].c);
	}
	assert_int_equal(k.setups, 1);
	assert_str_contains(log_captured(),
		"directio: one aio context of 64 events for all paths (fs.aio-max-nr is low)");
	assert_str_not_contains(log_captured(), "io_setup");
	log_capture_stop();
	assert_int_equal(check_engine_workers(e), 0);
	assert_int_equal(check_engine_live(e), 0);
}

static void test_short_read(void **state)
{
	struct check_engine *e = *state;
	struct path_check p;

	start(e, &p, 5000);
	complete(1, 512);
	assert_int_equal(check_engine_wait(e, 1000), 1);
	assert_int_equal(p.c.state, PATH_DOWN);
	start(e, &p, 5000);	/* a checker is reused */
	complete(1, -EIO);
	assert_int_equal(check_engine_wait(e, 1000), 1);
	assert_int_equal(p.c.state, PATH_DOWN);
	assert_string_equal(p.c.message, "directio checker reports path is down");
	checker_release(&p.c);
}

/* A read that does not come back in time is reported, then parked with
 * its buffer until the kernel completes it. */
static void test_timeout_parks(void **state)
{
	struct check_engine *e = *state;
	struct path_check p, q;

	start(e, &p, 50);
	while (!p.calls)
		assert_true(check_engine_wait(e, 1000) >= 0);
	assert_int_equal(p.c.state, PATH_TIMEOUT);
	assert_string_equal(p.c.message, "directio checker timed out");
	assert_int_equal(k.cancels, 1);
	assert_int_equal(k.ninflight, 1);
	assert_int_equal(check_engine_live(e), 1);
	/* the path stays busy until its read ends */
	assert_int_equal(checker_start(e, &p.c, on_done, &p), 0);
	assert_int_equal(check_engine_wait(e, 1000), 1);
	assert_int_equal(p.calls, 2);
	assert_int_equal(p.c.state, PATH_TIMEOUT);
	assert_int_equal(k.ninflight, 1);
	/* another path meanwhile */
	start(e, &q, 5000);
	complete(2, 0);
	assert_int_equal(check_engine_wait(e, 1000), 1);
	assert_int_equal(q.c.state, PATH_UP);
	assert_int_equal(p.calls, 2);
	assert_int_equal(check_engine_live(e), 0);
	checker_release(&p.c);
	checker_release(&q.c);
}

/* A path removed while its read is stuck; the engine goes away too. */
static void test_release_and_free_parked(void **state)
{
	struct check_engine *e;
	struct path_check p;

	assert_int_equal(check_engine_new(&e, 1), 0);
	start(e, &p, 5000);
	checker_release(&p.c);
	assert_int_equal(p.calls, 0);
	assert_int_equal(check_engine_live(e), 1);
	check_engine_free(e);
	assert_int_equal(k.destroys, 1);
}

/* Without AIO (io_setup refused, io_submit refused), directio reads on a
 * worker: real reads of a real file. */
static void test_fallback_to_workers(void **state)
{
	struct check_engine *e = *state;
	_cleanup_free_ char *dir = make_temp_dir();
	char path[512];
	struct path_check p;
	int fd;

	snprintf(path, sizeof(path), "%s/disk", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 8192), 0);
	close(fd);
	fd = open(path, O_RDONLY | O_DIRECT | O_CLOEXEC);
	if (fd < 0) {
		remove_tree(dir);
		skip();
	}
	close(fd);
	k.setup_err = ENOSYS;
	log_capture_start(3);
	checker_init(&p.c, &checker_directio, path, 2000);
	assert_int_equal(checker_check_sync(e, &p.c), PATH_UP);
	assert_int_equal(check_engine_aio_events(e), 0);
	assert_true(check_engine_workers(e) >= 1);
	assert_str_contains(log_captured(),
		"directio: no aio context (Function not implemented), reading on worker threads");
	log_capture_stop();
	checker_release(&p.c);
	remove_tree(dir);
}

static void test_submit_refused(void **state)
{
	struct check_engine *e = *state;
	struct path_check p;

	k.submit_err = EINVAL;
	checker_init(&p.c, &checker_directio, "null", 2000);
	checker_set_fd(&p.c, open("/dev/null", O_RDONLY | O_CLOEXEC));
	/* /dev/null reads 0 bytes: down, but checked (on a worker) */
	assert_int_equal(checker_check_sync(e, &p.c), PATH_DOWN);
	assert_int_equal(check_engine_aio_events(e), 1024);
	assert_true(check_engine_workers(e) >= 1);
	checker_release(&p.c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_low_aio_max_nr, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_short_read, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_timeout_parks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_release_and_free_parked,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_fallback_to_workers, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_submit_refused, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
