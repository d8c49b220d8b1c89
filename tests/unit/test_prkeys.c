/* The prkeys file: the reference's format, lookups in odd files, set and
 * remove, setprkey's argument. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "map/prkeys.h"
#include "testutil.h"
#include "util/file.h"

#define fx file_fx

static int setup(void **state)
{
	static struct fx f;

	file_fx_setup(&f, "etc/multipath/prkeys");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	file_fx_teardown(*state);
	return 0;
}

static int lookup(const char *text, const char *wwid, uint64_t *key,
		  unsigned *flags)
{
	return prkeys_lookup(text, strlen(text), wwid, key, flags);
}

static void test_lookup(void **state)
{
	const char *text =
		"# Multipath persistent reservation keys, Version : 1.0\n"
		"0x00000000000012ab 1Linux_a\n"
		"  0X0000000000000abc\t3600b  \r\n"
		"#0x0000000000000001 3600c\n"
		"0x1 3600d\n"
		"0x00000000000000ff 3600d\n"
		"0xzz 3600e\n"
		"0x00000000000000011 3600f\n"
		"3600g\n"
		"0x5 3600h extra\n"
		"0x0000000000000007 3600i";
	unsigned flags = 9;
	uint64_t key = 9;

	(void)state;
	assert_int_equal(lookup(text, "1Linux_a", &key, &flags), 1);
	assert_true(key == 0x12ab);
	assert_int_equal(flags, 0);
	/* "0X": registered with APTPL; blanks and CRLF tolerated */
	assert_int_equal(lookup(text, "3600b", &key, &flags), 1);
	assert_true(key == 0xabc);
	assert_int_equal(flags, PRKEYS_APTPL);
	/* commented out: none */
	assert_int_equal(lookup(text, "3600c", &key, &flags), 0);
	/* the last line of a WWID counts */
	assert_int_equal(lookup(text, "3600d", &key, &flags), 1);
	assert_true(key == 0xff);
	/* not keys, too long a key, no key, a third field: skipped */
	assert_int_equal(lookup(text, "3600e", &key, &flags), 0);
	assert_int_equal(lookup(text, "3600f", &key, &flags), 0);
	assert_int_equal(lookup(text, "3600g", &key, &flags), 0);
	assert_int_equal(lookup(text, "3600h", &key, &flags), 0);
	/* no newline at the end */
	assert_int_equal(lookup(text, "3600i", &key, &flags), 1);
	assert_true(key == 7);
	/* a WWID that is a prefix of another's is not that one */
	assert_int_equal(lookup(text, "1Linux", &key, &flags), 0);
	assert_int_equal(lookup("", "x", &key, &flags), 0);
}

static void test_set_and_remove(void **state)
{
	struct fx *f = *state;
	unsigned flags;
	uint64_t key;
	char *text;

	assert_int_equal(prkeys_get(f->file, "3600a", &key, &flags), 0);
	assert_true(key == 0);
	/* removing from a missing file: still no key */
	assert_true(prkeys_set(f->file, "3600a", 0, 0) >= 0);
	assert_int_equal(prkeys_get(f->file, "3600a", &key, &flags), 0);
	assert_int_equal(prkeys_set(f->file, "3600a", 0x12ab, 0), 1);
	assert_int_equal(prkeys_set(f->file, "3600b", 0xffffffffffffffffULL,
				    PRKEYS_APTPL), 1);
	text = read_test_file(f->file);
	assert_str_contains(text, "# Multipath persistent reservation keys, Version : 1.0\n");
	assert_str_contains(text, "\n0x00000000000012ab 3600a\n");
	assert_str_contains(text, "\n0Xffffffffffffffff 3600b\n");
	free(text);
	/* a new key replaces the old line */
	assert_int_equal(prkeys_set(f->file, "3600a", 0x5, 0), 1);
	assert_int_equal(prkeys_get(f->file, "3600a", &key, &flags), 1);
	assert_true(key == 5);
	text = read_test_file(f->file);
	assert_str_not_contains(text, "12ab");
	free(text);
	assert_int_equal(prkeys_set(f->file, "3600a", 0, 0), 1);
	assert_int_equal(prkeys_get(f->file, "3600a", &key, &flags), 0);
	assert_int_equal(prkeys_get(f->file, "3600b", &key, &flags), 1);
	assert_int_equal(flags, PRKEYS_APTPL);
	assert_int_equal(prkeys_set(f->file, "bad wwid", 1, 0), -EINVAL);
	assert_int_equal(prkeys_set(f->file, "", 1, 0), -EINVAL);
}

static void test_hand_edited(void **state)
{
	struct fx *f = *state;
	unsigned flags;
	uint64_t key;
	char *text;
	const char *mine = "# mine\n0x1 3600a\nnoise";

	assert_int_equal(mkdir_parents(f->file, 0755), 0);
	assert_int_equal(file_write_atomic(f->file, mine, strlen(mine), 0600), 0);
	assert_int_equal(prkeys_set(f->file, "3600b", 2, 0), 1);
	text = read_test_file(f->file);
	assert_string_equal(text, "# mine\n0x1 3600a\nnoise\n0x0000000000000002 3600b\n");
	free(text);
	assert_int_equal(prkeys_get(f->file, "3600a", &key, &flags), 1);
	assert_true(key == 1);
}

static void test_parse_arg(void **state)
{
	unsigned flags;
	uint64_t key;

	(void)state;
	assert_int_equal(prkey_parse_arg("0x12ab", &key, &flags), 0);
	assert_true(key == 0x12ab);
	assert_int_equal(flags, 0);
	assert_int_equal(prkey_parse_arg("12AB", &key, &flags), 0);
	assert_true(key == 0x12ab);
	assert_int_equal(prkey_parse_arg("0x1:aptpl", &key, &flags), 0);
	assert_int_equal(flags, PRKEYS_APTPL);
	assert_int_equal(prkey_parse_arg("0xffffffffffffffff", &key, &flags), 0);
	assert_true(key == UINT64_MAX);
	assert_int_equal(prkey_parse_arg("0x10000000000000000", &key, &flags),
			 -EINVAL);
	assert_int_equal(prkey_parse_arg("0x", &key, &flags), -EINVAL);
	assert_int_equal(prkey_parse_arg("", &key, &flags), -EINVAL);
	assert_int_equal(prkey_parse_arg("0x1:apt", &key, &flags), -EINVAL);
	assert_int_equal(prkey_parse_arg("0x1 ", &key, &flags), -EINVAL);
	assert_int_equal(prkey_parse_arg("xyz", &key, &flags), -EINVAL);
	assert_int_equal(prkey_parse_arg("-1", &key, &flags), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test_setup_teardown(test_set_and_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hand_edited, setup, teardown),
		cmocka_unit_test(test_parse_arg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
