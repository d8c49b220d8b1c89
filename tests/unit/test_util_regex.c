/* util/regex: unanchored POSIX extended regex matching, the plain-text
 * fast path (which must behave exactly like the regex it stands for), "!"
 * negation, bad patterns, and NULL subjects. */
#include <errno.h>
#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/regex.h"

static struct mp_regex *compile(const char *pattern, bool negatable)
{
	int err = 12345;
	struct mp_regex *re = mp_regex_new(pattern, negatable, &err);

	if (!re)
		fail_msg("pattern \"%s\" rejected (%d)", pattern, err);
	assert_int_equal(err, 0);
	return re;
}

static void expect(const char *pattern, bool negatable, const char *s,
		   bool want)
{
	struct mp_regex *re = compile(pattern, negatable);

	if (mp_regex_match(re, s) != want)
		fail_msg("\"%s\"%s vs \"%s\": expected %s", pattern,
			 negatable ? " (negatable)" : "", s ? s : "(null)",
			 want ? "match" : "no match");
	mp_regex_free(re);
}

/* The reference: POSIX regexec with the same flags. */
static bool posix_match(const char *pattern, const char *s)
{
	regex_t re;
	bool m;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	m = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

static const char *const subjects[] = {
	"", "s", "sd", "sda", "sdb", "sda1", "xsday", "SDA", "/dev/sda",
	"loop0", "ram12", "dm-3", "nvme0n1", "nvme10n22p3", "a.b", "axb",
	"a]b", "a}b", "a{b", "x-y", "with space", "tab\there", "!sda",
	"x!sday", "line\nbreak", "caf\xc3\xa9", "IBM", "2810XIV", "3PARdata",
	"ST1000DM003-1CH162",
};

static void test_literal_substring(void **state)
{
	(void)state;
	expect("sda", false, "sda", true);
	expect("sda", false, "/dev/sda1", true);
	expect("sda", false, "xsday", true);
	expect("sda", false, "sdb", false);
	expect("sda", false, "sd", false);
	expect("sda", false, "SDA", false);	/* case-sensitive */
	expect("sda", false, "", false);
	expect("a b", false, "with a b space", true);
	expect("a-b", false, "xa-by", true);
	expect("a-b", false, "ab", false);
}

/* Plain-text patterns must give exactly what regexec would. */
static void test_literal_equals_regex(void **state)
{
	static const char *const patterns[] = {
		"", "s", "sda", "sd", "a", "da1", "loop", "dm-", "-", " ",
		"n1", "nvme", "!", "!sda", "XIV", "PAR", "e\nb", "\xc3\xa9",
		"ST1000", "a,b", "%", "a'b\"", "/", "<>", "~#@",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(patterns); i++) {
		struct mp_regex *re = compile(patterns[i], false);

		for (j = 0; j < ARRAY_SIZE(subjects); j++) {
			bool want = posix_match(patterns[i], subjects[j]);

			if (mp_regex_match(re, subjects[j]) != want)
				fail_msg("literal \"%s\" vs \"%s\": regexec "
					 "says %d", patterns[i], subjects[j],
					 want);
		}
		/* and the same as a metacharacter-bearing equivalent */
		if (patterns[i][0]) {
			char *grp = NULL;
			struct mp_regex *re2;

			assert_true(asprintf(&grp, "(%s)", patterns[i]) > 0);
			re2 = compile(grp, false);
			for (j = 0; j < ARRAY_SIZE(subjects); j++) {
				const char *s = subjects[j];

				assert_int_equal(mp_regex_match(re, s),
						 mp_regex_match(re2, s));
			}
			mp_regex_free(re2);
			free(grp);
		}
		mp_regex_free(re);
	}
}

/* Regex patterns agree with regexec on every subject. */
static void test_regex_equals_posix(void **state)
{
	static const char *const patterns[] = {
		"^sd", "a$", "^sda$", "^$", ".", "^.$", "a.b", "a\\.b",
		"^(sda|sdb)$", "loop|ram", "^sd[a-z]+[0-9]*$",
		"^nvme[0-9]+n[0-9]+(p[0-9]+)?$", "^dm-[0-9]+", "[[:upper:]]{3}",
		"^[0-9]", "x*", "a+", "a?b", "(ab)*c?", "]", "}", "a\\{b",
		"\\!", "^!", "[!]sda", "^(IBM|3PARdata)$", "XIV$",
		"^ST[0-9]+DM", "\\$", "\\^", "[[:space:]]", "^[^s]",
		"e$", "^b", "a{1,2}",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(patterns); i++) {
		struct mp_regex *re = compile(patterns[i], false);

		for (j = 0; j < ARRAY_SIZE(subjects); j++) {
			bool want = posix_match(patterns[i], subjects[j]);

			if (mp_regex_match(re, subjects[j]) != want)
				fail_msg("\"%s\" vs \"%s\": regexec says %d",
					 patterns[i], subjects[j], want);
		}
		mp_regex_free(re);
	}
}

static void test_anchors(void **state)
{
	(void)state;
	expect("^sd", false, "sda", true);
	expect("^sd", false, "xsda", false);
	expect("^sd", false, "/dev/sda", false);
	expect("a$", false, "sda", true);
	expect("a$", false, "sdab", false);
	expect("^sda$", false, "sda", true);
	expect("^sda$", false, "sda1", false);
	expect("^sda$", false, "xsda", false);
	expect("^$", false, "", true);
	expect("^$", false, "x", false);
	/* unanchored patterns match anywhere */
	expect("da", false, "sda1", true);
	expect("d.1", false, "sda1", true);
}

static void test_alternation_and_classes(void **state)
{
	(void)state;
	expect("^(sda|sdb)$", false, "sda", true);
	expect("^(sda|sdb)$", false, "sdb", true);
	expect("^(sda|sdb)$", false, "sdc", false);
	expect("^(sda|sdb)$", false, "sdab", false);
	expect("loop|ram", false, "loop0", true);
	expect("loop|ram", false, "ram1", true);
	expect("loop|ram", false, "sda", false);
	/* alternation binds weaker than the anchors */
	expect("^ram|loop$", false, "xloop", true);
	expect("^ram|loop$", false, "xram", false);
	expect("^sd[a-z]+$", false, "sdaa", true);
	expect("^sd[a-z]+$", false, "sd1", false);
	expect("^nvme[0-9]+n[0-9]+$", false, "nvme0n1", true);
	expect("^nvme[0-9]+n[0-9]+$", false, "nvme0n1p1", false);
	expect("^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]", false, "dm-3",
	       true);
	expect("^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]", false, "sda",
	       false);
	/* '.' is a metacharacter, "\\." is a literal dot */
	expect("a.b", false, "axb", true);
	expect("a\\.b", false, "axb", false);
	expect("a\\.b", false, "a.b", true);
}

static void test_negation(void **state)
{
	struct mp_regex *re;

	(void)state;
	expect("!^sda", true, "sda1", false);
	expect("!^sda", true, "sdb", true);
	expect("!^sda", true, "xsda", true);
	expect("!loop", true, "loop0", false);	/* literal, negated */
	expect("!loop", true, "sda", true);
	expect("!(a|b)", true, "c", true);
	expect("!(a|b)", true, "xbx", false);
	/* "!" alone negates the empty pattern: matches nothing */
	expect("!", true, "", false);
	expect("!", true, "anything", false);
	/* only the first '!' negates */
	expect("!!a", true, "x!ax", false);
	expect("!!a", true, "ax", true);
	/* the pattern keeps its '!' */
	re = compile("!^sda", true);
	assert_string_equal(mp_regex_pattern(re), "!^sda");
	mp_regex_free(re);
}

static void test_bang_without_negatable(void **state)
{
	struct mp_regex *re;

	(void)state;
	/* a plain '!' character when negation is not enabled */
	expect("!sda", false, "x!sday", true);
	expect("!sda", false, "sda", false);
	expect("^!sda", false, "!sda", true);
	expect("^!sda", false, "sda", false);
	expect("!", false, "a!b", true);
	expect("!", false, "ab", false);
	/* a '!' not at the start never negates */
	expect("a!", true, "a!", true);
	expect("a!", true, "b", false);
	re = compile("!x", false);
	assert_string_equal(mp_regex_pattern(re), "!x");
	mp_regex_free(re);
}

static void test_empty_pattern(void **state)
{
	(void)state;
	expect("", false, "", true);
	expect("", false, "anything", true);
	expect("", false, NULL, true);
	expect("", true, "x", true);
}

static void test_invalid_patterns(void **state)
{
	static const char *const bad[] = {
		"(", "(a|b", "[abc", "[a-", "a{1", "a{3,1}", "\\", "a)(",
		"[[:nosuchclass:]]", "[z-a]",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int err = 0;
		struct mp_regex *re = mp_regex_new(bad[i], false, &err);

		if (re)
			fail_msg("bad pattern \"%s\" accepted", bad[i]);
		assert_int_equal(err, -EINVAL);
		/* also rejected (not negated into acceptance) with '!' */
		{
			char *neg = NULL;

			assert_true(asprintf(&neg, "!%s", bad[i]) > 0);
			err = 0;
			assert_null(mp_regex_new(neg, true, &err));
			assert_int_equal(err, -EINVAL);
			free(neg);
		}
	}
}

/* Patterns whose compiled form would be huge are refused before
 * regcomp() builds it; the usual ones pass. */
static void test_too_complex(void **state)
{
	static const char *const big[] = {
		"(x{255}){255}", "((a{100}){100}){100}", "a{32767}{32767}",
		"8+++++++++++++++++++++++++++++", "(((((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+",
		"x{20001}", "(a|b{200}){200}", "2(){29999}9", "(()){15000}", "a)?{22299}", ")x{999}{99}",
		/* regcomp's time, not its memory: 3 s and 3 minutes */
		"((a?)*){1000}", "((a?)*){5000}", "(a?|b?|c?|d?){4000}", "x{2001}",
	};
	static const char *const fine[] = {
		"", "^(sd[a-z]|dasd[a-z]|nvme[0-9])", "^(ram|zram|raw|loop|fd|md|dm-|sr|scd|st|dcssblk)[0-9]",
		"a{255}", "(ab){100}", "[{]+", "\\{1000}", "a{", "a{x}", "((a)",
		"^(IBM|SUN|STK)$", "x{1,100}y{1,100}", ")))", "x{1,1000}", "((a?)*){200}",
	};
	size_t i;
	int err;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(big); i++) {
		if (mp_regex_check(big[i]) != -E2BIG)
			fail_msg("\"%s\" not refused", big[i]);
		err = 0;
		assert_null(mp_regex_new(big[i], false, &err));
		assert_int_equal(err, -E2BIG);
	}
	for (i = 0; i < ARRAY_SIZE(fine); i++)
		if (mp_regex_check(fine[i]) != 0)
			fail_msg("\"%s\" refused", fine[i]);
}

static void test_null_err_pointer(void **state)
{
	struct mp_regex *re;

	(void)state;
	assert_null(mp_regex_new("(", false, NULL));
	re = mp_regex_new("^a", false, NULL);
	assert_non_null(re);
	assert_true(mp_regex_match(re, "abc"));
	mp_regex_free(re);
	re = mp_regex_new("abc", true, NULL);
	assert_non_null(re);
	assert_true(mp_regex_match(re, "xabcx"));
	mp_regex_free(re);
}

/* A NULL subject behaves exactly like "". */
static void test_null_subject(void **state)
{
	static const struct {
		const char *pattern;
		bool negatable;
	} pats[] = {
		{ "", false }, { "^$", false }, { "a", false }, { "^a", false },
		{ "!a", true }, { "!^$", true }, { ".*", false },
		{ "x?", false },
		{ "!", true }, { "!", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pats); i++) {
		struct mp_regex *re = compile(pats[i].pattern,
					      pats[i].negatable);

		assert_int_equal(mp_regex_match(re, NULL),
				 mp_regex_match(re, ""));
		mp_regex_free(re);
	}
	expect("^$", false, NULL, true);
	expect("a", false, NULL, false);
	expect("!a", true, NULL, true);
	expect("!^$", true, NULL, false);
}

static void test_pattern_is_copied(void **state)
{
	char pat[] = "sda";
	char neg[] = "!^sd";
	struct mp_regex *re = compile(pat, false);
	struct mp_regex *re2 = compile(neg, true);

	(void)state;
	memset(pat, 'z', 3);
	memset(neg, 'z', 4);
	assert_string_equal(mp_regex_pattern(re), "sda");
	assert_true(mp_regex_match(re, "sda"));
	assert_false(mp_regex_match(re, "zzz"));
	assert_string_equal(mp_regex_pattern(re2), "!^sd");
	assert_false(mp_regex_match(re2, "sda"));
	assert_true(mp_regex_match(re2, "zzz"));
	mp_regex_free(re);
	mp_regex_free(re2);
}

static void test_free_null(void **state)
{
	(void)state;
	mp_regex_free(NULL);
}

/* Many matches against one compiled regex: it is not consumed. */
static void test_reuse(void **state)
{
	struct mp_regex *lit = compile("sd", false);
	struct mp_regex *rx = compile("^sd[a-z]$", false);
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		assert_true(mp_regex_match(lit, "sdq"));
		assert_false(mp_regex_match(lit, "dm-1"));
		assert_true(mp_regex_match(rx, "sdq"));
		assert_false(mp_regex_match(rx, "sdqq"));
	}
	mp_regex_free(lit);
	mp_regex_free(rx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_substring),
		cmocka_unit_test(test_literal_equals_regex),
		cmocka_unit_test(test_regex_equals_posix),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_alternation_and_classes),
		cmocka_unit_test(test_negation),
		cmocka_unit_test(test_bang_without_negatable),
		cmocka_unit_test(test_empty_pattern),
		cmocka_unit_test(test_invalid_patterns),
		cmocka_unit_test(test_too_complex),
		cmocka_unit_test(test_null_err_pointer),
		cmocka_unit_test(test_null_subject),
		cmocka_unit_test(test_pattern_is_copied),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
