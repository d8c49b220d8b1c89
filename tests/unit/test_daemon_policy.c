/* multipathd's decisions: check interval back-off, san_path_err, failback
 * policies, the no_path_retry countdown, marginal_path_*. */
#include "config/values.h"
#include "policy.h"
#include "testutil.h"

#define S 1000000000ULL

static void test_intervals(void **state)
{
	/* healthy and unchanged: doubling up to the maximum */
	assert_int_equal(next_check_interval(5, 5, 20, PATH_UP, PATH_UP, false), 10);
	assert_int_equal(next_check_interval(10, 5, 20, PATH_UP, PATH_UP, false), 20);
	assert_int_equal(next_check_interval(20, 5, 20, PATH_UP, PATH_UP, false), 20);
	assert_int_equal(next_check_interval(20, 5, 20, PATH_GHOST, PATH_GHOST, false), 20);
	/* anything else: the base */
	assert_int_equal(next_check_interval(20, 5, 20, PATH_UP, PATH_DOWN, false), 5);
	assert_int_equal(next_check_interval(20, 5, 20, PATH_DOWN, PATH_DOWN, false), 5);
	assert_int_equal(next_check_interval(20, 5, 20, PATH_UP, PATH_UP, true), 5);
	assert_int_equal(next_check_interval(20, 5, 20, PATH_UP, PATH_GHOST, false), 5);
	assert_int_equal(next_check_interval(0, 5, 20, PATH_UP, PATH_UP, false), 5);
	/* a maximum below the base never shortens it */
	assert_int_equal(next_check_interval(5, 5, 4, PATH_UP, PATH_UP, false), 4);
}

static void test_san_off(void **state)
{
	struct san_params off = { 0, 10, 10 };
	struct san_state s = { 0 };
	enum san_event ev;

	assert_int_equal(san_filter(&s, &off, PATH_UP, PATH_DOWN, 0, &ev), PATH_UP);
	assert_int_equal(ev, SAN_NONE);
	assert_int_equal(s.err_count, 0);
}

static void test_san_hold_and_release(void **state)
{
	struct san_params p = { 2, 3, 10 };
	struct san_state s = { 0 };
	enum san_event ev;
	uint64_t t = 100 * S;

	/* first failure and return: used again at once */
	assert_int_equal(san_filter(&s, &p, PATH_DOWN, PATH_UP, t, &ev), PATH_DOWN);
	assert_int_equal(s.err_count, 1);
	assert_int_equal(san_filter(&s, &p, PATH_UP, PATH_DOWN, t, &ev), PATH_UP);
	assert_int_equal(ev, SAN_NONE);
	/* second failure: the return is held back for 10 s */
	assert_int_equal(san_filter(&s, &p, PATH_DOWN, PATH_UP, t, &ev), PATH_DOWN);
	assert_int_equal(san_filter(&s, &p, PATH_UP, PATH_DOWN, t, &ev), PATH_DELAYED);
	assert_int_equal(ev, SAN_HELD);
	assert_int_equal(san_filter(&s, &p, PATH_UP, PATH_DELAYED, t + 5 * S, &ev),
			 PATH_DELAYED);
	assert_int_equal(ev, SAN_NONE);
	/* failing again while held counts, and stays held */
	assert_int_equal(san_filter(&s, &p, PATH_DOWN, PATH_DELAYED, t + 6 * S, &ev),
			 PATH_DOWN);
	assert_int_equal(s.err_count, 3);
	assert_int_equal(san_filter(&s, &p, PATH_UP, PATH_DOWN, t + 7 * S, &ev),
			 PATH_DELAYED);
	/* the time is over: used, the count forgotten */
	assert_int_equal(san_filter(&s, &p, PATH_UP, PATH_DELAYED, t + 11 * S, &ev),
			 PATH_UP);
	assert_int_equal(ev, SAN_RELEASED);
	assert_int_equal(s.err_count, 0);
}

static void test_san_forget(void **state)
{
	struct san_params p = { 2, 3, 10 };
	struct san_state s = { 0 };
	enum san_event ev;
	int i;

	san_filter(&s, &p, PATH_DOWN, PATH_UP, 0, &ev);
	san_filter(&s, &p, PATH_UP, PATH_DOWN, 0, &ev);
	assert_int_equal(s.err_count, 1);
	/* 3 healthy checks forget one failure */
	for (i = 0; i < 3; i++)
		san_filter(&s, &p, PATH_UP, PATH_UP, 0, &ev);
	assert_int_equal(s.err_count, 0);
	/* so the next failure and return is not held back */
	san_filter(&s, &p, PATH_DOWN, PATH_UP, 0, &ev);
	assert_int_equal(san_filter(&s, &p, PATH_UP, PATH_DOWN, 0, &ev), PATH_UP);
}

static void test_failback(void **state)
{
	assert_int_equal(failback_decide(FAILBACK_IMMEDIATE, 1, 2, false), FAILBACK_SWITCH);
	assert_int_equal(failback_decide(FAILBACK_IMMEDIATE, 1, 1, false), FAILBACK_NONE);
	assert_int_equal(failback_decide(FAILBACK_IMMEDIATE, 0, 2, false), FAILBACK_NONE);
	assert_int_equal(failback_decide(FAILBACK_MANUAL, 1, 2, true), FAILBACK_NONE);
	assert_int_equal(failback_decide(0, 1, 2, true), FAILBACK_NONE);
	assert_int_equal(failback_decide(FAILBACK_FOLLOWOVER, 1, 2, false), FAILBACK_NONE);
	assert_int_equal(failback_decide(FAILBACK_FOLLOWOVER, 1, 2, true), FAILBACK_SWITCH);
	assert_int_equal(failback_decide(30, 1, 2, false), FAILBACK_LATER);
	assert_int_equal(failback_decide(30, 2, 2, false), FAILBACK_NONE);
}

static void test_no_path_retry(void **state)
{
	assert_int_equal(no_path_retry_ms(2, 5), 10000);
	assert_int_equal(no_path_retry_ms(12, 2), 24000);
	assert_int_equal(no_path_retry_ms(NO_PATH_RETRY_QUEUE, 5), 0);
	assert_int_equal(no_path_retry_ms(NO_PATH_RETRY_FAIL, 5), 0);
	assert_int_equal(no_path_retry_ms(0, 5), 0);
	assert_int_equal(no_path_retry_ms(3, 0), 0);
}

static void test_marginal_off(void **state)
{
	struct marginal_params p = { 120, 10, 30, 0 };	/* one missing */
	struct marginal_state s = { 0 };

	(void)state;
	assert_false(marginal_on(&p));
	assert_false(marginal_path_failed(&s, &p, 1 * S));
	assert_false(marginal_path_failed(&s, &p, 2 * S));
	assert_int_equal(s.phase, MARGINAL_NO);
	p.double_failed_s = 60;
	assert_true(marginal_on(&p));
}

static void test_marginal_double_failure(void **state)
{
	struct marginal_params p = { 120, 10, 30, 60 };
	struct marginal_state s = { 0 };

	(void)state;
	/* two failures 61 s apart: not suspect, the window starts again */
	assert_false(marginal_path_failed(&s, &p, 100 * S));
	assert_false(marginal_path_failed(&s, &p, 161 * S));
	assert_int_equal(s.phase, MARGINAL_NO);
	assert_int_equal(s.first_fail_ns, 161 * S);
	/* the next one within 60 s of that: suspect */
	assert_true(marginal_path_failed(&s, &p, 200 * S));
	assert_int_equal(s.phase, MARGINAL_SUSPECT);
	/* more failures while suspect change nothing */
	assert_false(marginal_path_failed(&s, &p, 201 * S));
	assert_int_equal(s.phase, MARGINAL_SUSPECT);
	/* sampled once it is usable, not while it is down */
	assert_false(marginal_wants_sample(&s, PATH_DOWN, 202 * S));
	assert_true(marginal_wants_sample(&s, PATH_UP, 202 * S));
	assert_true(marginal_wants_sample(&s, PATH_GHOST, 202 * S));
}

static void test_marginal_rate(void **state)
{
	(void)state;
	assert_int_equal(marginal_rate(0, 1200), 0);
	assert_int_equal(marginal_rate(12, 1200), 10);
	assert_int_equal(marginal_rate(13, 1200), 10);	/* rounded down */
	assert_int_equal(marginal_rate(600, 1200), 500);
	assert_int_equal(marginal_rate(1200, 1200), 1000);
	/* no read came back at all: as bad as it gets */
	assert_int_equal(marginal_rate(0, 0), 1000);
	assert_int_equal(marginal_rate(5, 3), 1000);
}

static void test_marginal_sample(void **state)
{
	struct marginal_params p = { 120, 10, 30, 60 };
	struct marginal_state s = { .phase = MARGINAL_SAMPLING, .fails = 0 };

	(void)state;
	/* 15 of 1200 failed: 12 per thousand > 10: held for the gap */
	assert_false(marginal_sample_done(&s, &p, 15, 1200, 500 * S));
	assert_int_equal(s.phase, MARGINAL_HELD);
	assert_int_equal(s.last_rate, 12);
	assert_false(marginal_wants_sample(&s, PATH_UP, 529 * S));
	assert_true(marginal_wants_sample(&s, PATH_UP, 530 * S));
	assert_false(marginal_wants_sample(&s, PATH_DOWN, 530 * S));
	/* sampled again: exactly the threshold is good enough */
	s.phase = MARGINAL_SAMPLING;
	assert_true(marginal_sample_done(&s, &p, 12, 1200, 700 * S));
	assert_int_equal(s.phase, MARGINAL_NO);
	assert_false(marginal_wants_sample(&s, PATH_UP, 701 * S));
	/* and a new pair of failures starts it all over */
	assert_false(marginal_path_failed(&s, &p, 800 * S));
	assert_true(marginal_path_failed(&s, &p, 801 * S));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intervals),
		cmocka_unit_test(test_san_off),
		cmocka_unit_test(test_san_hold_and_release),
		cmocka_unit_test(test_san_forget),
		cmocka_unit_test(test_failback),
		cmocka_unit_test(test_no_path_retry),
		cmocka_unit_test(test_marginal_off),
		cmocka_unit_test(test_marginal_double_failure),
		cmocka_unit_test(test_marginal_rate),
		cmocka_unit_test(test_marginal_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
