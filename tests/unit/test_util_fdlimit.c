/* max_fds: the open files limit the daemon asks for. */
#include <sys/resource.h>

#include "config/values.h"
#include "testutil.h"
#include "util/fdlimit.h"

static void test_plan(void **state)
{
	struct rlimit cur = { 1024, 4096 }, out;

	(void)state;
	/* "max": the system's most, the hard limit raised to it */
	assert_int_equal(fdlimit_plan(MAX_FDS_MAX, &cur, 1048576, &out), 1);
	assert_true(out.rlim_cur == 1048576 && out.rlim_max == 1048576);
	/* a number under the hard limit: only the soft one */
	assert_int_equal(fdlimit_plan(2048, &cur, 1048576, &out), 1);
	assert_true(out.rlim_cur == 2048 && out.rlim_max == 4096);
	/* lower than now: lowered, as asked */
	assert_int_equal(fdlimit_plan(512, &cur, 1048576, &out), 1);
	assert_true(out.rlim_cur == 512 && out.rlim_max == 4096);
	/* what it is already, or unset: nothing */
	assert_int_equal(fdlimit_plan(1024, &cur, 1048576, &out), 0);
	assert_int_equal(fdlimit_plan(0, &cur, 1048576, &out), 0);
	assert_true(out.rlim_cur == 1024 && out.rlim_max == 4096);
	/* an unlimited hard limit stays unlimited */
	cur.rlim_max = RLIM_INFINITY;
	assert_int_equal(fdlimit_plan(MAX_FDS_MAX, &cur, 65536, &out), 1);
	assert_true(out.rlim_cur == 65536 && out.rlim_max == RLIM_INFINITY);
}

static void test_apply_self(void **state)
{
	struct rlimit before, after;

	(void)state;
	/* within the hard limit any process may change its soft limit */
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &before), 0);
	assert_int_equal(fdlimit_apply(before.rlim_max == RLIM_INFINITY ?
				       4096 : (long long)before.rlim_max), 0);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &after), 0);
	assert_true(after.rlim_cur == (before.rlim_max == RLIM_INFINITY ?
					4096 : before.rlim_max));
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &before), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_apply_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
