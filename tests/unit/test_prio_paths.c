/* prio/prio_paths: which paths get a priority and within which bound, and
 * the jobs on the engine's workers: concurrent, cut off at their bound,
 * their messages in path order. The prioritizer is "sleepy" (this file's
 * own, through a wrapped prio_lookup()): it sleeps as long as its path's
 * name says, on fake SCSI disks in a temporary sysfs tree. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "model/path.h"
#include "prio/prio.h"
#include "testutil.h"
#include "util/cleanup.h"
#include "util/file.h"

#define NPATHS 6

struct fx {
	char *root;
	struct config *conf;
	struct discovery d;
	struct path *pp[NPATHS];
};

/* ---- the test's prioritizer ------------------------------------------------ */

static int sleepy_calls;
static pthread_t sleepy_thread;
static pthread_mutex_t sleepy_lock = PTHREAD_MUTEX_INITIALIZER;

/* "sdNNN...": sleep NNN * 10 ms, then priority NNN; the timeout is
 * checked as the job passes it on */
static int sleepy_getprio(const struct prio_ctx *ctx)
{
	int n = atoi(ctx->dev + 2);
	struct timespec ts = { n / 100, (n % 100) * 10000000L };

	pthread_mutex_lock(&sleepy_lock);
	sleepy_calls++;
	sleepy_thread = pthread_self();
	pthread_mutex_unlock(&sleepy_lock);
	prio_log(ctx, 3, "%s: sleepy, timeout %u", ctx->dev, ctx->timeout_ms);
	nanosleep(&ts, NULL);
	return n;
}

static const struct prio_ops prio_sleepy = {
	.name = "sleepy",
	.getprio = sleepy_getprio,
};

const struct prio_ops *__real_prio_lookup(const char *name);
const struct prio_ops *__wrap_prio_lookup(const char *name);
const struct prio_ops *__wrap_prio_lookup(const char *name)
{
	return strcmp(name, "sleepy") ? __real_prio_lookup(name) : &prio_sleepy;
}

static int calls(void)
{
	int n;

	pthread_mutex_lock(&sleepy_lock);
	n = sleepy_calls;
	sleepy_calls = 0;
	pthread_mutex_unlock(&sleepy_lock);
	return n;
}

/* ---- fixture ------------------------------------------------------------------ */

static void write_attr(const char *root, const char *dev, const char *attr,
		       const char *value)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/devices/%s/%s", root, dev, attr);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(file_write_atomic(path, value, strlen(value), 0644), 0);
}

/* A running SCSI disk dev: class/block/<dev>/device -> devices/<dev>. */
static struct path *disk(struct fx *f, const char *dev)
{
	struct path *pp = path_new();
	char link[1024], target[1024];

	assert_non_null(pp);
	write_attr(f->root, dev, "state", "running\n");
	snprintf(link, sizeof(link), "%s/class/block/%s/device", f->root, dev);
	snprintf(target, sizeof(target), "%s/devices/%s", f->root, dev);
	assert_int_equal(mkdir_parents(link, 0755), 0);
	assert_int_equal(symlink(target, link), 0);
	snprintf(pp->dev, sizeof(pp->dev), "%s", dev);
	strcpy(pp->wwid, "3600a0b800011");
	strcpy(pp->sysfs_state, "running");
	pp->bus = BUS_SCSI;
	pp->tpgs = 0;
	pp->state = PATH_UP;
	return pp;
}

static void use_config(struct fx *f, const char *text)
{
	config_free(f->conf);
	f->conf = config_from_string(text, "test.conf");
	f->d.conf = f->conf;
}

/* paths sd020, sd030 ... (sleeping 200, 300 ... ms) */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char dev[16];
	int i;

	assert_non_null(f);
	f->root = make_temp_dir();
	f->d.sysfs_root = f->root;
	for (i = 0; i < NPATHS; i++) {
		snprintf(dev, sizeof(dev), "sd%03d", 20 + 10 * i);
		f->pp[i] = disk(f, dev);
	}
	use_config(f, "defaults {\n detect_prio no\n prio sleepy\n"
		      " checker_timeout 2\n}\n");
	log_capture_start(3);
	calls();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int i;

	log_capture_stop();
	remove_tree(f->root);
	free(f->root);
	for (i = 0; i < NPATHS; i++)
		path_free(f->pp[i]);
	config_free(f->conf);
	free(f);
	return 0;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000L +
	       (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* ---- which paths, which bound --------------------------------------------------- */

static void test_wants(void **state)
{
	static const struct {
		enum path_state state;
		enum path_bus bus;
		const char *sysfs_state, *wwid;
		bool wants;
	} cases[] = {
		{ PATH_UP, BUS_SCSI, "running", "3600a0b800011", true },
		{ PATH_GHOST, BUS_SCSI, "running", "3600a0b800011", true },
		/* the reference also asks for down paths of running devices */
		{ PATH_DOWN, BUS_SCSI, "running", "3600a0b800011", true },
		{ PATH_DOWN, BUS_NVME, "live", "3600a0b800011", true },
		{ PATH_DOWN, BUS_SCSI, "offline", "3600a0b800011", false },
		{ PATH_DOWN, BUS_SCSI, "running", "", false },
		{ PATH_PENDING, BUS_SCSI, "running", "3600a0b800011", false },
		{ PATH_UNCHECKED, BUS_SCSI, "running", "3600a0b800011", false },
		{ PATH_WILD, BUS_SCSI, "running", "3600a0b800011", false },
	};
	struct fx *f = *state;
	struct path *pp = f->pp[0];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		pp->state = cases[i].state;
		pp->bus = cases[i].bus;
		strcpy(pp->sysfs_state, cases[i].sysfs_state);
		strcpy(pp->wwid, cases[i].wwid);
		if (path_wants_priority(pp) != cases[i].wants)
			fail_msg("case %zu: wants %d", i, !cases[i].wants);
	}
}

static void test_bounds(void **state)
{
	struct fx *f = *state;
	struct path *pp = f->pp[0];

	/* usable: the timeout of the path's commands */
	assert_int_equal(prio_bound_ms(&f->d, pp), 2000);
	use_config(f, "");
	assert_int_equal(prio_bound_ms(&f->d, pp), 30000);
	write_attr(f->root, pp->dev, "timeout", "7\n");
	assert_int_equal(prio_bound_ms(&f->d, pp), 7000);
	/* down on a running device: a short bound */
	pp->state = PATH_DOWN;
	assert_int_equal(prio_bound_ms(&f->d, pp), PRIO_DOWN_BOUND_MS);
	/* down, and offline since it was discovered: none */
	write_attr(f->root, pp->dev, "state", "offline\n");
	assert_int_equal(prio_bound_ms(&f->d, pp), 0);
	assert_str_contains(log_captured(), "sd020: device not running, no prio");
	write_attr(f->root, pp->dev, "state", "blocked\n");
	assert_int_equal(prio_bound_ms(&f->d, pp), 0);
	write_attr(f->root, pp->dev, "state", "running\n");
	assert_int_equal(prio_bound_ms(&f->d, pp), PRIO_DOWN_BOUND_MS);
	/* down and gone */
	strcpy(pp->dev, "sdgone");
	assert_int_equal(prio_bound_ms(&f->d, pp), 0);
	/* up but never to be asked */
	pp->state = PATH_UNCHECKED;
	assert_int_equal(prio_bound_ms(&f->d, pp), 0);
}

/* ---- the jobs -------------------------------------------------------------------- */

/* NPATHS paths sleeping 200 ... 700 ms: all at once on workers, well
 * within the 2.7 s they would take one after the other. */
static void test_concurrent(void **state)
{
	struct fx *f = *state;
	struct timespec t0;
	long ms;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	paths_prioritize(&f->d, f->pp, NPATHS);
	ms = ms_since(&t0);
	print_message("%d paths of 200 to 700 ms: %ld ms\n", NPATHS, ms);
	assert_true(ms >= 700);
	assert_true(ms < 1800);
	assert_int_equal(calls(), NPATHS);
	for (i = 0; i < NPATHS; i++) {
		assert_int_equal(f->pp[i]->priority, 20 + 10 * i);
		assert_string_equal(f->pp[i]->prio_name, "sleepy");
	}
	/* not on the caller's thread */
	assert_false(pthread_equal(sleepy_thread, pthread_self()));
	assert_str_contains(log_captured(), "sd020: sleepy, timeout 2000");
	assert_str_contains(log_captured(), "prioritized 6 paths in ");
}

/* The messages come in path order, not in the order the jobs end. */
static void test_log_order(void **state)
{
	struct fx *f = *state;
	struct path *pp[3] = { f->pp[2], f->pp[0], f->pp[1] };
	const char *log;

	paths_prioritize(&f->d, pp, 3);
	log = log_captured();
	assert_non_null(strstr(log, "sd040: sleepy prio = 40"));
	assert_true(strstr(log, "sd040: prio = sleepy") <
		    strstr(log, "sd040: sleepy prio = 40"));
	assert_true(strstr(log, "sd040: sleepy prio = 40") <
		    strstr(log, "sd020: prio = sleepy"));
	assert_true(strstr(log, "sd020: sleepy prio = 20") <
		    strstr(log, "sd030: prio = sleepy"));
}

/* A job past its bound: the path's priority is unknown, the caller goes
 * on at the bound, the job ends in the background. */
static void test_bound_cuts_off(void **state)
{
	struct fx *f = *state;
	struct path *slow = disk(f, "sd150"), *pp[2] = { f->pp[0], slow };
	struct timespec t0;
	long ms;

	use_config(f, "defaults {\n detect_prio no\n prio sleepy\n"
		      " checker_timeout 1\n}\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	paths_prioritize(&f->d, pp, 2);
	ms = ms_since(&t0);
	print_message("1.5 s prioritizer, 1 s bound: %ld ms\n", ms);
	assert_true(ms >= 1000);
	assert_true(ms < 1450);
	assert_int_equal(f->pp[0]->priority, 20);
	assert_int_equal(slow->priority, -1);
	assert_string_equal(slow->prio_name, "sleepy");
	assert_str_contains(log_captured(), "sd150: prioritizer timed out after 1000 ms");
	/* its late result does not count; the job frees itself */
	usleep(700 * 1000);
	assert_int_equal(slow->priority, -1);
	path_free(slow);
}

/* Down paths: asked within the short bound, or not at all when their
 * device no longer runs; unusable ones never. */
static void test_down_paths(void **state)
{
	struct fx *f = *state;
	struct path *slow = disk(f, "sd150");
	struct path *pp[4] = { f->pp[0], f->pp[1], f->pp[2], slow };
	struct timespec t0;
	long ms;

	use_config(f, "defaults {\n detect_prio no\n prio sleepy\n"
		      " checker_timeout 30\n}\n");
	f->pp[0]->state = PATH_DOWN;
	f->pp[1]->state = PATH_DOWN;
	write_attr(f->root, f->pp[1]->dev, "state", "offline\n");
	f->pp[2]->state = PATH_PENDING;
	slow->state = PATH_DOWN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	paths_prioritize(&f->d, pp, 4);
	ms = ms_since(&t0);
	assert_true(ms >= PRIO_DOWN_BOUND_MS);
	assert_true(ms < PRIO_DOWN_BOUND_MS + 450);
	/* only sd020 and sd150 were asked */
	assert_int_equal(calls(), 2);
	assert_int_equal(f->pp[0]->priority, 20);
	assert_str_contains(log_captured(), "sd020: sleepy, timeout 1000");
	assert_int_equal(f->pp[1]->priority, -1);
	assert_int_equal(f->pp[1]->prio_name[0], '\0');
	assert_int_equal(f->pp[2]->priority, -1);
	assert_int_equal(slow->priority, -1);
	assert_str_contains(log_captured(), "sd150: prioritizer timed out after 1000 ms");
	usleep(700 * 1000);
	path_free(slow);
}

/* One path whatever its state (pathinfo's DI_PRIO), and failures. */
static void test_one_path(void **state)
{
	struct fx *f = *state;
	struct path *pp = f->pp[0];

	pp->state = PATH_UNCHECKED;
	path_get_priority(&f->d, pp);
	assert_int_equal(pp->priority, 20);
	/* an unknown name: const, as before */
	use_config(f, "defaults {\n detect_prio no\n prio nosuchprio\n}\n");
	path_get_priority(&f->d, pp);
	assert_int_equal(pp->priority, 1);
	assert_string_equal(pp->prio_name, "const");
	assert_str_contains(log_captured(), "Prioritizer 'nosuchprio' not found in ");
	assert_str_contains(log_captured(), "sd020: unknown prioritizer, using const");
	/* a prioritizer's error: -1 */
	use_config(f, "defaults {\n detect_prio no\n prio alua\n}\n");
	pp->tpgs = 1;
	path_get_priority(&f->d, pp);
	assert_int_equal(pp->priority, -1);
	assert_string_equal(pp->prio_name, "alua");
	assert_str_contains(log_captured(), "sd020: alua prio error: ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_wants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound_cuts_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_down_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_path, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
