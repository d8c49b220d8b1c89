/* util/strbuf: the growable string builder. Every test checks the text,
 * the length, and that the buffer stays NUL-terminated. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/strbuf.h"

/* The invariants every non-empty strbuf must keep. */
static void check_invariants(const struct strbuf *sb)
{
	if (!sb->buf) {
		assert_int_equal(sb->len, 0);
		return;
	}
	assert_true(sb->len < sb->size);
	assert_int_equal(sb->buf[sb->len], '\0');
	assert_ptr_equal(strbuf_str(sb), sb->buf);
}

static void test_empty_buffer(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_non_null(strbuf_str(&sb));
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_len(&sb), 0);
	/* operations on a never-allocated buffer are harmless */
	strbuf_truncate(&sb, 0);
	strbuf_truncate(&sb, 10);
	strbuf_reset(&sb);
	assert_string_equal(strbuf_str(&sb), "");
	assert_null(sb.buf);
	strbuf_free(&sb);
	strbuf_free(&sb);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_len(&sb), 0);
}

static void test_append_basic(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_append(&sb, "abc"), 3);
	assert_string_equal(strbuf_str(&sb), "abc");
	assert_int_equal(strbuf_append(&sb, "defg"), 4);
	assert_string_equal(strbuf_str(&sb), "abcdefg");
	assert_int_equal(strbuf_len(&sb), 7);
	assert_int_equal(strbuf_append(&sb, ""), 0);
	assert_string_equal(strbuf_str(&sb), "abcdefg");
	assert_int_equal(strbuf_len(&sb), 7);
	check_invariants(&sb);
}

static void test_append_empty_string_on_empty(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_append(&sb, ""), 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_len(&sb), 0);
	check_invariants(&sb);
}

static void test_appendn_and_addc(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_appendn(&sb, "hello world", 5), 5);
	assert_string_equal(strbuf_str(&sb), "hello");
	assert_int_equal(strbuf_appendn(&sb, "XYZ", 0), 0);
	assert_string_equal(strbuf_str(&sb), "hello");
	assert_int_equal(strbuf_addc(&sb, ','), 1);
	assert_int_equal(strbuf_addc(&sb, ' '), 1);
	assert_string_equal(strbuf_str(&sb), "hello, ");
	/* appendn copies exactly n bytes, embedded NULs included */
	assert_int_equal(strbuf_appendn(&sb, "a\0b", 3), 3);
	assert_int_equal(strbuf_len(&sb), 10);
	assert_memory_equal(sb.buf, "hello, a\0b", 11);
	check_invariants(&sb);
	assert_int_equal(strbuf_addc(&sb, '\0'), 1);
	assert_int_equal(strbuf_len(&sb), 11);
	check_invariants(&sb);
}

/* Many small appends: the content must equal a reference built by hand,
 * across many reallocations. */
static void test_append_growth(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	static char ref[200000];
	size_t reflen = 0, last_size = 0;
	int i, reallocs = 0;

	(void)state;
	for (i = 0; i < 20000; i++) {
		char piece[16];
		int n = snprintf(piece, sizeof(piece), "%d;", i);

		assert_int_equal(strbuf_append(&sb, piece), n);
		memcpy(ref + reflen, piece, (size_t)n);
		reflen += (size_t)n;
		assert_int_equal(strbuf_len(&sb), reflen);
		if (sb.size != last_size) {
			reallocs++;
			last_size = sb.size;
		}
		check_invariants(&sb);
	}
	ref[reflen] = '\0';
	assert_true(reallocs >= 10);
	assert_int_equal(strlen(strbuf_str(&sb)), reflen);
	assert_string_equal(strbuf_str(&sb), ref);
}

/* A single append much larger than the current capacity. */
static void test_append_large_jump(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	_cleanup_free_ char *big = malloc(100001);
	size_t i;

	(void)state;
	assert_non_null(big);
	for (i = 0; i < 100000; i++)
		big[i] = (char)('a' + i % 26);
	big[100000] = '\0';
	assert_int_equal(strbuf_append(&sb, "x"), 1);
	assert_int_equal(strbuf_append(&sb, big), 100000);
	assert_int_equal(strbuf_len(&sb), 100001);
	assert_int_equal(sb.buf[0], 'x');
	assert_memory_equal(sb.buf + 1, big, 100000);
	check_invariants(&sb);
}

static void test_append_too_large(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_append(&sb, "keep"), 4);
	/* sizes that cannot possibly fit are refused up front */
	assert_int_equal(strbuf_appendn(&sb, "x", SIZE_MAX), -ENOMEM);
	assert_int_equal(strbuf_appendn(&sb, "x", SIZE_MAX / 2 + 1), -ENOMEM);
	assert_int_equal(strbuf_fill(&sb, 'x', SIZE_MAX), -ENOMEM);
	assert_int_equal(strbuf_fill(&sb, 'x', SIZE_MAX - 3), -ENOMEM);
	assert_string_equal(strbuf_str(&sb), "keep");
	assert_int_equal(strbuf_len(&sb), 4);
	check_invariants(&sb);
}

static void test_printf_basic(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_printf(&sb, "%d-%s", 42, "x"), 4);
	assert_string_equal(strbuf_str(&sb), "42-x");
	assert_int_equal(strbuf_printf(&sb, "|%5s|%-3d|%%|", "ab", 7), 13);
	assert_string_equal(strbuf_str(&sb), "42-x|   ab|7  |%|");
	assert_int_equal(strbuf_printf(&sb, "%s", ""), 0);
	assert_string_equal(strbuf_str(&sb), "42-x|   ab|7  |%|");
	assert_int_equal(strbuf_len(&sb), 17);
	check_invariants(&sb);
}

static void test_printf_empty_on_empty(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_printf(&sb, "%s", ""), 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_len(&sb), 0);
	check_invariants(&sb);
}

static void test_printf_growth(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	static char ref[512 * 1024];
	size_t reflen = 0;
	int i;

	(void)state;
	for (i = 0; i < 15000; i++) {
		assert_true(reflen + 32 < sizeof(ref));
		int n = snprintf(ref + reflen, sizeof(ref) - reflen,
				 "[%05d:%x]", i, (unsigned)i * 7919u);

		assert_int_equal(strbuf_printf(&sb, "[%05d:%x]", i,
					       (unsigned)i * 7919u), n);
		reflen += (size_t)n;
		assert_int_equal(strbuf_len(&sb), reflen);
	}
	assert_string_equal(strbuf_str(&sb), ref);
	check_invariants(&sb);
}

/* One printf whose output crosses several doublings at once, landing
 * exactly on and around the power-of-two boundaries. */
static void test_printf_large_and_boundaries(void **state)
{
	size_t lens[] = { 62, 63, 64, 65, 127, 128, 129, 4095, 70000 };
	_cleanup_free_ char *big = malloc(70001);
	size_t k;

	(void)state;
	assert_non_null(big);
	memset(big, 'q', 70000);
	big[70000] = '\0';
	for (k = 0; k < ARRAY_SIZE(lens); k++) {
		_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

		assert_int_equal(strbuf_printf(&sb, "%.*s", (int)lens[k], big),
				 (int)lens[k]);
		assert_int_equal(strbuf_len(&sb), lens[k]);
		assert_int_equal(strlen(strbuf_str(&sb)), lens[k]);
		check_invariants(&sb);
		assert_int_equal(strbuf_printf(&sb, "%c", 'E'), 1);
		assert_int_equal(sb.buf[lens[k]], 'E');
		assert_int_equal(strbuf_len(&sb), lens[k] + 1);
		check_invariants(&sb);
	}
}

static int __attribute__((format(printf, 2, 3)))
call_vprintf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vprintf(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	char longarg[300];

	(void)state;
	memset(longarg, 'L', sizeof(longarg) - 1);
	longarg[sizeof(longarg) - 1] = '\0';
	assert_int_equal(call_vprintf(&sb, "<%s>", "v"), 3);
	/* the va_list is consumed twice internally (measure, then format) */
	assert_int_equal(call_vprintf(&sb, "%s/%d", longarg, 5), 301);
	assert_int_equal(strbuf_len(&sb), 304);
	assert_memory_equal(sb.buf, "<v>LLL", 6);
	assert_string_equal(sb.buf + 302, "/5");
	check_invariants(&sb);
}

static void test_append_quoted(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "\"\"" },
		{ "abc", "\"abc\"" },
		{ "a\"b", "\"a\"\"b\"" },
		{ "\"", "\"\"\"\"" },
		{ "\"\"", "\"\"\"\"\"\"" },
		{ "\"lead", "\"\"\"lead\"" },
		{ "trail\"", "\"trail\"\"\"" },
		{ "x\"y\"z", "\"x\"\"y\"\"z\"" },
		{ "with space", "\"with space\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

		assert_int_equal(strbuf_append_quoted(&sb, cases[i].in),
				 (int)strlen(cases[i].out));
		assert_string_equal(strbuf_str(&sb), cases[i].out);
		check_invariants(&sb);
	}
}

static void test_append_quoted_after_content(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_append(&sb, "alias ");
	assert_int_equal(strbuf_append_quoted(&sb, "my \"db\""), 11);
	assert_string_equal(strbuf_str(&sb), "alias \"my \"\"db\"\"\"");
	strbuf_addc(&sb, ' ');
	assert_int_equal(strbuf_append_quoted(&sb, "z"), 3);
	assert_string_equal(strbuf_str(&sb), "alias \"my \"\"db\"\"\" \"z\"");
	check_invariants(&sb);
}

/* Many quotes: the doubled output crosses several reallocations. */
static void test_append_quoted_many(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	char in[2001];
	size_t i;

	(void)state;
	for (i = 0; i < 2000; i++)
		in[i] = i % 2 ? '"' : 'a';
	in[2000] = '\0';
	/* 1000 'a' + 1000 quotes doubled + 2 surrounding quotes */
	assert_int_equal(strbuf_append_quoted(&sb, in), 3002);
	assert_int_equal(strbuf_len(&sb), 3002);
	assert_int_equal(sb.buf[0], '"');
	assert_int_equal(sb.buf[3001], '"');
	for (i = 0; i < 1000; i++) {
		assert_int_equal(sb.buf[1 + 3 * i], 'a');
		assert_int_equal(sb.buf[2 + 3 * i], '"');
		assert_int_equal(sb.buf[3 + 3 * i], '"');
	}
	check_invariants(&sb);
}

static void test_truncate(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_append(&sb, "0123456789");
	strbuf_truncate(&sb, 20);
	assert_string_equal(strbuf_str(&sb), "0123456789");
	assert_int_equal(strbuf_len(&sb), 10);
	strbuf_truncate(&sb, 10);
	assert_string_equal(strbuf_str(&sb), "0123456789");
	strbuf_truncate(&sb, 4);
	assert_string_equal(strbuf_str(&sb), "0123");
	assert_int_equal(strbuf_len(&sb), 4);
	check_invariants(&sb);
	/* appending continues at the new end */
	strbuf_append(&sb, "xy");
	assert_string_equal(strbuf_str(&sb), "0123xy");
	strbuf_truncate(&sb, 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_len(&sb), 0);
	check_invariants(&sb);
	strbuf_append(&sb, "z");
	assert_string_equal(strbuf_str(&sb), "z");
}

static void test_reset_keeps_capacity(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	size_t size;

	(void)state;
	strbuf_fill(&sb, 'r', 500);
	size = sb.size;
	assert_true(size > 500);
	strbuf_reset(&sb);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_len(&sb), 0);
	assert_int_equal(sb.size, size);
	check_invariants(&sb);
	strbuf_append(&sb, "again");
	assert_string_equal(strbuf_str(&sb), "again");
	assert_int_equal(sb.size, size);
}

static void test_free_and_reuse(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_append(&sb, "something");
	strbuf_free(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.size, 0);
	assert_string_equal(strbuf_str(&sb), "");
	/* usable again after free */
	strbuf_append(&sb, "more");
	assert_string_equal(strbuf_str(&sb), "more");
	strbuf_free(&sb);
}

static void test_steal(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	strbuf_printf(&sb, "stolen %d", 1);
	s = strbuf_steal(&sb);
	assert_non_null(s);
	assert_string_equal(s, "stolen 1");
	/* the strbuf is empty and independent of the stolen string */
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.size, 0);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_append(&sb, "new");
	assert_string_equal(strbuf_str(&sb), "new");
	assert_string_equal(s, "stolen 1");
	free(s);
	strbuf_free(&sb);
}

static void test_steal_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	s = strbuf_steal(&sb);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);		/* must be a heap string */
	/* after a reset the buffer is allocated but empty */
	strbuf_append(&sb, "abc");
	strbuf_reset(&sb);
	s = strbuf_steal(&sb);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_null(sb.buf);
}

static void test_fill(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	size_t i;

	(void)state;
	assert_int_equal(strbuf_fill(&sb, 'x', 0), 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_len(&sb), 0);
	assert_int_equal(strbuf_fill(&sb, '-', 5), 5);
	assert_string_equal(strbuf_str(&sb), "-----");
	strbuf_append(&sb, "|");
	assert_int_equal(strbuf_fill(&sb, ' ', 3), 3);
	assert_string_equal(strbuf_str(&sb), "-----|   ");
	/* a large fill crossing several reallocations */
	assert_int_equal(strbuf_fill(&sb, '#', 10000), 10000);
	assert_int_equal(strbuf_len(&sb), 10009);
	assert_memory_equal(sb.buf, "-----|   #", 10);
	for (i = 9; i < 10009; i++)
		assert_int_equal(sb.buf[i], '#');
	check_invariants(&sb);
}

static void test_fill_nul(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_append(&sb, "ab");
	assert_int_equal(strbuf_fill(&sb, '\0', 3), 3);
	assert_int_equal(strbuf_len(&sb), 5);
	assert_memory_equal(sb.buf, "ab\0\0\0", 6);
	strbuf_append(&sb, "c");
	assert_int_equal(strbuf_len(&sb), 6);
	assert_int_equal(sb.buf[5], 'c');
	check_invariants(&sb);
}

/* Mixed operations against a reference string kept by hand. */
static void test_mixed_sequence(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	char ref[64 * 1024];
	size_t reflen = 0;
	unsigned seed = 12345;
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		unsigned op;

		seed = seed * 1103515245u + 12345u;
		op = (seed >> 16) % 5;
		if (reflen > sizeof(ref) - 64)
			op = 4;
		switch (op) {
		case 0:
			strbuf_append(&sb, "ab");
			memcpy(ref + reflen, "ab", 2);
			reflen += 2;
			break;
		case 1:
			strbuf_printf(&sb, "%u", seed % 1000);
			reflen += (size_t)sprintf(ref + reflen, "%u",
						  seed % 1000);
			break;
		case 2:
			strbuf_fill(&sb, '.', seed % 7);
			memset(ref + reflen, '.', seed % 7);
			reflen += seed % 7;
			break;
		case 3:
			strbuf_append_quoted(&sb, "q\"");
			memcpy(ref + reflen, "\"q\"\"\"", 5);
			reflen += 5;
			break;
		default:
			strbuf_truncate(&sb, reflen / 2);
			reflen /= 2;
			break;
		}
		ref[reflen] = '\0';
		assert_int_equal(strbuf_len(&sb), reflen);
		assert_string_equal(strbuf_str(&sb), ref);
	}
	check_invariants(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_buffer),
		cmocka_unit_test(test_append_basic),
		cmocka_unit_test(test_append_empty_string_on_empty),
		cmocka_unit_test(test_appendn_and_addc),
		cmocka_unit_test(test_append_growth),
		cmocka_unit_test(test_append_large_jump),
		cmocka_unit_test(test_append_too_large),
		cmocka_unit_test(test_printf_basic),
		cmocka_unit_test(test_printf_empty_on_empty),
		cmocka_unit_test(test_printf_growth),
		cmocka_unit_test(test_printf_large_and_boundaries),
		cmocka_unit_test(test_vprintf),
		cmocka_unit_test(test_append_quoted),
		cmocka_unit_test(test_append_quoted_after_content),
		cmocka_unit_test(test_append_quoted_many),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_reset_keeps_capacity),
		cmocka_unit_test(test_free_and_reuse),
		cmocka_unit_test(test_steal),
		cmocka_unit_test(test_steal_empty),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_fill_nul),
		cmocka_unit_test(test_mixed_sequence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
