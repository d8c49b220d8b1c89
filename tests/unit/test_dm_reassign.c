/* Replacing a path's device number in a holder's table ("reset map"). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dm/reassign.h"
#include "testutil.h"

static void check(const char *params, const char *want, int count)
{
	char *out = NULL;

	assert_int_equal(dm_params_replace_devt(params, "8:16", "253:0", &out),
			 count);
	if (want)
		assert_string_equal(out, want);
	else
		assert_null(out);
	free(out);
}

static void test_replace(void **state)
{
	(void)state;
	check("8:16 2048", "253:0 2048", 1);
	/* only whole words: not 8:160, not 18:16 */
	check("8:160 0", NULL, 0);
	check("18:16 0", NULL, 0);
	check("", NULL, 0);
	/* every occurrence, spacing kept */
	check("2 8:16 0  8:16\t384", "2 253:0 0  253:0\t384", 2);
	check("  8:16", "  253:0", 1);
	check("8:16  ", "253:0  ", 1);
	check("0 1 8:32 0 8:16 0", "0 1 8:32 0 253:0 0", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
