/* multipathd's event loop: timers in deadline order, re-arming and
 * cancelling, a timer armed from a timer, fd events, deferred calls, no
 * wakeup at all when nothing is due, and callbacks that keep the loop
 * busy logged by name. */
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "loop.h"
#include "testutil.h"

/* each timer's arg points at its letter; fired[] records the order */
static char fired[8];
static size_t nfired;

static void note(struct loop *l, struct loop_timer *t)
{
	fired[nfired++] = *(const char *)t->arg;
	if (nfired == 3)
		loop_stop(l);
}

static void test_timer_order(void **state)
{
	static const char names[] = "abcd";
	struct loop l;
	struct loop_timer t[4] = { 0 };
	uint64_t now;
	int i;

	assert_int_equal(loop_init(&l), 0);
	now = loop_now_ns();
	for (i = 0; i < 4; i++) {
		t[i].fn = note;
		t[i].arg = (void *)&names[i];
	}
	nfired = 0;
	/* armed out of order: a 30 ms, b 10 ms, c 20 ms; d cancelled */
	loop_timer_at(&l, &t[0], now + 30000000ULL);
	loop_timer_at(&l, &t[1], now + 10000000ULL);
	loop_timer_at(&l, &t[2], now + 20000000ULL);
	loop_timer_at(&l, &t[3], now + 5000000ULL);
	loop_timer_cancel(&l, &t[3]);
	assert_false(t[3].armed);
	/* re-arming moves a timer: a now first */
	loop_timer_at(&l, &t[0], now + 1000000ULL);
	assert_int_equal(loop_run(&l), 0);
	assert_int_equal(nfired, 3);
	assert_memory_equal(fired, "abc", 3);
	assert_false(t[0].armed || t[1].armed || t[2].armed);
	loop_release(&l);
}

static int chain_left;

static void chain(struct loop *l, struct loop_timer *t)
{
	if (--chain_left > 0)
		loop_timer_in(l, t, 1);
	else
		loop_stop(l);
}

static void test_timer_from_timer(void **state)
{
	struct loop l;
	struct loop_timer t = { .fn = chain };

	assert_int_equal(loop_init(&l), 0);
	chain_left = 5;
	loop_timer_in(&l, &t, 0);
	assert_int_equal(loop_run(&l), 0);
	assert_int_equal(chain_left, 0);
	loop_release(&l);
}

static int deferred_calls;

static void deferred(void *arg)
{
	deferred_calls += *(int *)arg;
}

static void on_fd(struct loop *l, struct loop_watch *w, uint32_t events)
{
	static int one = 1;
	uint64_t v;

	assert_true(events & EPOLLIN);
	assert_int_equal(read(w->fd, &v, sizeof(v)), sizeof(v));
	assert_int_equal(v, 3);
	/* runs after this batch, before the loop checks stop */
	loop_defer(l, deferred, &one);
	assert_int_equal(deferred_calls, 0);
	loop_stop(l);
}

static void test_fd_and_defer(void **state)
{
	struct loop l;
	struct loop_watch w = { .fn = on_fd };
	uint64_t v = 3;

	assert_int_equal(loop_init(&l), 0);
	w.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	assert_true(w.fd >= 0);
	assert_int_equal(loop_add(&l, &w, EPOLLIN), 0);
	assert_int_equal(write(w.fd, &v, sizeof(v)), sizeof(v));
	deferred_calls = 0;
	assert_int_equal(loop_run(&l), 0);
	assert_int_equal(deferred_calls, 1);
	assert_int_equal(l.wakeups, 1);
	loop_remove(&l, &w);
	close(w.fd);
	loop_release(&l);
}

static void stopper(struct loop *l, struct loop_timer *t)
{
	loop_stop(l);
}

/* Only the timer that is due wakes the loop: one wakeup for a 50 ms
 * wait, none in between (no tick). */
static void test_no_tick(void **state)
{
	struct loop l;
	struct loop_timer t = { .fn = stopper };

	assert_int_equal(loop_init(&l), 0);
	loop_timer_in(&l, &t, 50);
	assert_int_equal(loop_run(&l), 0);
	assert_int_equal(l.wakeups, 1);
	loop_release(&l);
}

static void slow_timer(struct loop *l, struct loop_timer *t)
{
	usleep(30000);
	*(int *)t->arg += 1;
}

static void quick_fd(struct loop *l, struct loop_watch *w, uint32_t events)
{
	uint64_t v;

	assert_int_equal(read(w->fd, &v, sizeof(v)), sizeof(v));
}

/* A 30 ms timer over a 10 ms limit is logged with its name and counted;
 * a quick fd callback is not; the longest time is kept. */
static void test_busy_logged(void **state)
{
	struct loop l;
	int runs = 0;
	struct loop_timer slow = { .fn = slow_timer, .arg = &runs,
				   .name = "slow_timer" };
	struct loop_timer stop = { .fn = stopper };
	struct loop_watch w = { .fn = quick_fd, .name = "quick_fd" };
	uint64_t v = 1;

	assert_int_equal(loop_init(&l), 0);
	l.busy_ms = 10;
	w.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	assert_true(w.fd >= 0);
	assert_int_equal(loop_add(&l, &w, EPOLLIN), 0);
	assert_int_equal(write(w.fd, &v, sizeof(v)), sizeof(v));
	loop_timer_in(&l, &slow, 1);
	loop_timer_in(&l, &stop, 60);
	log_capture_start(2);
	assert_int_equal(loop_run(&l), 0);
	assert_int_equal(runs, 1);
	assert_int_equal(l.busy_calls, 1);
	assert_true(l.busy_max_ns >= 30000000ULL);
	assert_str_contains(log_captured(), "event loop: timer slow_timer kept the loop busy for ");
	assert_null(strstr(log_captured(), "quick_fd"));
	log_capture_stop();
	loop_remove(&l, &w);
	close(w.fd);
	loop_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timer_order),
		cmocka_unit_test(test_timer_from_timer),
		cmocka_unit_test(test_fd_and_defer),
		cmocka_unit_test(test_no_tick),
		cmocka_unit_test(test_busy_logged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
