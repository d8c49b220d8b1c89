/* The console's completion (multipathd/complete.c): the words that may
 * follow what is typed, by the command table; live names for the values
 * of map and path; nothing for garbage; the names in the daemon's raw
 * replies. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "complete.h"
#include "util/cleanup.h"

static const char *const map_names[] = { "mpatha", "mpathb", "other", NULL };
static const char *const path_names[] = { "sda", "sdb", "nvme0n1", NULL };

/* which parameters the completer asked names for, one bit each */
static unsigned int asked;

static const char *const *names(enum cli_param p, void *data)
{
	asked |= 1u << p;
	if (p == CLI_P_MAP)
		return map_names;
	if (p == CLI_P_PATH)
		return path_names;
	return NULL;
}

static const struct cli_complete_src live = { .names = names };

/* The candidates as one string, separated by spaces. */
static char *joined(char **cands, int n)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i ? " " : "", cands[i]);
	assert_null(cands[n]);
	return strbuf_steal(&sb) ?: strdup("");
}

static void check_src(const char *before, const char *partial,
		      const struct cli_complete_src *src, const char *want)
{
	_cleanup_free_ char *got = NULL;
	char **cands;
	int n = cli_complete_line(before, partial, src, &cands);

	assert_true(n >= 0);
	assert_non_null(cands);
	got = joined(cands, n);
	cli_complete_free(cands);
	if (strcmp(got, want))
		fail_msg("\"%s\" + \"%s\": got \"%s\", want \"%s\"", before,
			 partial, got, want);
}

static void check(const char *before, const char *partial, const char *want)
{
	check_src(before, partial, &live, want);
}

struct tcase {
	const char *before, *partial, *want;
};

static void check_cases(const struct tcase *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check(c[i].before, c[i].partial, c[i].want);
}

#define FIRST_WORDS                                                            \
	"add disablequeueing fail forcequeueing getprhold getprkey "          \
	"getprstatus list quit reconfigure reinstate reload remove reset "   \
	"resize restorequeueing resume setmarginal setprhold setprkey "      \
	"setprstatus shutdown suspend switch unsetmarginal unsetprhold "     \
	"unsetprkey unsetprstatus"

/* what may follow show */
#define SHOW_WORDS                                                             \
	"blacklist config daemon devices map maps metrics path paths status " \
	"topology wildcards"

static void test_empty_line(void **state)
{
	check("", "", FIRST_WORDS);
	check("   \t", "", FIRST_WORDS);
	/* an empty partial offers the first spelling of each word */
	check("show ", "", SHOW_WORDS);
}

static void test_unique_prefix(void **state)
{
	static const struct tcase cases[] = {
		{ "", "li", "list" },
		{ "", "recon", "reconfigure" },
		{ "", "show", "show" },
		{ "show ", "to", "topology" },
		{ "show ", "wild", "wildcards" },
		{ "reconfigure ", "", "all" },
		{ "show config ", "", "local" },
	};

	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_ambiguous_prefix(void **state)
{
	static const struct tcase cases[] = {
		{ "", "s", "setmarginal setprhold setprkey setprstatus show shutdown "
			   "suspend switch" },
		{ "", "sh", "show shutdown" },
		{ "", "re", "reconfigure reinstate reload remove reset resize "
			    "restorequeueing resume" },
		{ "show ", "m", "map maps metrics" },
		/* the other spelling once the first no longer matches */
		{ "show ", "mu", "multipath multipaths" },
		{ "", "switchg", "switchgroup" },
		{ "", "d", "del disablequeueing" },
	};

	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_after_words(void **state)
{
	static const struct tcase cases[] = {
		{ "show maps ", "", "format json raw stats status topology" },
		{ "show maps ", "st", "stats status" },
		{ "list multipaths ", "", "format json raw stats status topology" },
		{ "show paths ", "", "format json raw" },
		{ "show maps raw ", "", "format" },
		{ "remove ", "", "map maps path" },
		{ "del ", "", "map maps path" },
		{ "reset ", "", "map maps" },
		{ "reset maps ", "", "stats" },
		/* abbreviations stand for their words */
		{ "li maps ", "", "format json raw stats status topology" },
		{ "sho paths ", "", "format json raw" },
		{ "sho conf ", "", "local" },
		{ "rec ", "", "all" },
		{ "reset multipaths st", "", "" },
		{ "reset multipaths ", "st", "stats" },
		/* a whole command: nothing more */
		{ "show topology ", "", "" },
		{ "show maps json ", "", "" },
		{ "quit ", "", "" },
	};

	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_after_parameter(void **state)
{
	static const struct tcase cases[] = {
		{ "show map mpatha ", "", "format json raw topology" },
		{ "switch map mpatha ", "", "group" },
		{ "switchgroup multipath mpatha ", "g", "group" },
		{ "switch map mpatha group ", "", "" },
		{ "switch map mpatha group 2 ", "", "" },
		{ "setprkey map mpatha ", "", "key" },
		{ "setprkey map mpatha key ", "", "" },
		{ "reset map mpatha ", "", "stats" },
		/* the word after a parameter word is its value, whatever it is */
		{ "show map show ", "", "format json raw topology" },
		{ "show map format ", "", "format json raw topology" },
	};

	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_live_names(void **state)
{
	asked = 0;
	check("show map ", "", "mpatha mpathb other");
	check("show map ", "mp", "mpatha mpathb");
	check("show map ", "o", "other");
	check("show map ", "x", "");
	check("suspend map ", "mpathb", "mpathb");
	check("switch map ", "", "mpatha mpathb other");
	assert_int_equal(asked, 1u << CLI_P_MAP);
	asked = 0;
	check("fail path ", "", "nvme0n1 sda sdb");
	check("add path ", "sd", "sda sdb");
	check("show path ", "n", "nvme0n1");
	assert_int_equal(asked, 1u << CLI_P_PATH);
	/* no names for the other parameters */
	asked = 0;
	check("switch map mpatha group ", "", "");
	check("show paths format ", "", "");
	check("setprkey map mpatha key ", "0x", "");
	assert_int_equal(asked, (1u << CLI_P_GROUP) | (1u << CLI_P_FORMAT) |
					(1u << CLI_P_KEY));
	/* and none at all without a source */
	check_src("show map ", "", NULL, "");
	check_src("show map ", "", &(struct cli_complete_src){ 0 }, "");
	/* the names are only asked for where a value goes */
	asked = 0;
	check("show ", "", SHOW_WORDS);
	assert_int_equal(asked, 0);
}

static void test_garbage(void **state)
{
	static const struct tcase cases[] = {
		{ "", "x", "" },
		{ "", "SHOW", "" },
		{ "bogus ", "", "" },
		{ "show bogus ", "", "" },
		{ "show ", "bogus", "" },
		/* an ambiguous word is no word */
		{ "sh ", "", "" },
		{ "sw map mpatha ", "", "" },
		/* more words than any command has */
		{ "show maps raw format x ", "", "" },
		{ "show show ", "", "" },
		{ "show paths paths ", "", "" },
		/* non-ASCII bytes separate words, as in a request */
		{ "show\xc3\xa9", "", SHOW_WORDS },
	};

	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_very_long(void **state)
{
	size_t n = 100000, i;
	_cleanup_free_ char *line = malloc(n * 5 + 1);
	_cleanup_free_ char *word = malloc(n + 1);

	assert_non_null(line);
	assert_non_null(word);
	for (i = 0; i < n; i++)
		memcpy(line + 5 * i, "show ", 5);
	line[5 * n] = '\0';
	check(line, "", "");
	memset(word, 'm', n);
	word[n] = '\0';
	check("show ", word, "");
	check(word, "", "");
	check("show map ", word, "");
	/* the map name after "show map" may be as long as it likes */
	memcpy(line, "show map ", 9);
	memset(line + 9, 'a', n);
	strcpy(line + 9 + n, " ");
	check(line, "j", "json");
}

static void test_quoted(void **state)
{
	static const struct tcase cases[] = {
		{ "show maps format \"%n %d\" ", "", "" },
		{ "show maps raw format \"%n %d %w\" ", "", "" },
		{ "show map \"mpatha\" ", "", "format json raw topology" },
		{ "show map \"mpatha\" ", "t", "topology" },
		/* a value with blanks in it is one word */
		{ "show map \"a b c\" ", "", "format json raw topology" },
		/* quotes around a word of the language */
		{ "\"show\" ", "", SHOW_WORDS },
		/* completing inside an opening quote: the value of map */
		{ "show map \"", "mp", "mpatha mpathb" },
		/* "" is no word at all, as in a request: the value is still due */
		{ "show map \"\" ", "", "mpatha mpathb other" },
		/* "" inside quotes stands for one quote */
		{ "show map \"a\"\"b\" ", "j", "json" },
	};

	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_words_api(void **state)
{
	const char *words[] = { "show", "map", "mpatha" };
	char **cands;
	int n;

	n = cli_complete(words, 3, "r", &live, &cands);
	assert_int_equal(n, 1);
	assert_string_equal(cands[0], "raw");
	assert_null(cands[1]);
	cli_complete_free(cands);
	n = cli_complete(words, 2, "", &live, &cands);
	assert_int_equal(n, 3);
	cli_complete_free(cands);
	n = cli_complete(NULL, 0, "qu", &live, &cands);
	assert_int_equal(n, 1);
	assert_string_equal(cands[0], "quit");
	cli_complete_free(cands);
	cli_complete_free(NULL);
}

static void check_names(const char *reply, const char *want)
{
	_cleanup_free_ char *got = NULL;
	char **names_out;
	int n = cli_names_from_reply(reply, &names_out);

	assert_true(n >= 0);
	got = joined(names_out, n);
	cli_complete_free(names_out);
	assert_string_equal(got, want);
}

static void test_names_from_reply(void **state)
{
	/* raw format: no header, the columns padded to the widest */
	check_names("mpatha   \nmpathbcd \nx        \n", "mpatha mpathbcd x");
	check_names("  sda\n\n\t sdb  \t\n", "sda sdb");
	check_names("sdc\nsda\nsdb", "sda sdb sdc");
	check_names("sda\nsda\n", "sda");
	check_names("", "");
	check_names("\n\n  \n", "");
	check_names("fail\n", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_line),
		cmocka_unit_test(test_unique_prefix),
		cmocka_unit_test(test_ambiguous_prefix),
		cmocka_unit_test(test_after_words),
		cmocka_unit_test(test_after_parameter),
		cmocka_unit_test(test_live_names),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_very_long),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_words_api),
		cmocka_unit_test(test_names_from_reply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
