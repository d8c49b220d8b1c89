/* Differential tests of `multipath -t`: every tests/unit/data/config/X.conf
 * is parsed as /etc/multipath.conf and printed the way the multipath
 * program prints it; the result must equal X.expected byte for byte.
 *
 * X.expected is the output of the reference implementation (multipath-tools
 * 0.9.4) for NN-*.conf. For deviation-*.conf it is our own output, for
 * inputs where we differ from the reference on purpose (each file says why).
 * X.ref-warnings (not used here) holds the reference's messages, and
 * deviation-X.ref-diff shows how the reference's output differs from ours.
 * 01-49 cover the keywords, values and grammar broadly; 60 and up each pin
 * down one specific behaviour of the reference.
 *
 * Each file gives two test cases: "X" (compare with X.expected) and
 * "X roundtrip" (our printed output parses back without warnings, the
 * deprecation notices it always gives aside, and prints identically). */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/dump.h"
#include "testutil.h"
#include "util/log.h"

#define CONFIG_NAME "/etc/multipath.conf"
#define CORPUS_DIR "config"
#define DIFF_CONTEXT 3
#define DIFF_MAX_LINES 200

/* ---- running the configuration through parse and print ------------------ */

/* What the multipath program sets on top of the configuration before it
 * prints it (see apply_program_settings() in multipath/main.c). */
static void apply_program_settings(struct config *conf)
{
	assert_int_equal(kvset_put_int(&conf->defaults, KW_FORCE_SYNC, 1), 0);
	assert_int_equal(kvset_put_int(&conf->defaults, KW_RETRIGGER_TRIES, 0), 0);
}

/* Parse text as name, print it like `multipath -t`; free() the result. */
static char *parse_and_print(const char *text, const char *name,
			     unsigned *warnings)
{
	struct strbuf sb = STRBUF_INIT;
	struct config *conf = config_from_string(text, name);

	apply_program_settings(conf);
	assert_int_equal(config_print(conf, &sb, NULL), 0);
	if (warnings)
		*warnings = conf->warnings;
	config_free(conf);
	return strbuf_steal(&sb);
}

static char *read_corpus_file(const char *base, const char *ext)
{
	char rel[512];

	snprintf(rel, sizeof(rel), "%s/%s%s", CORPUS_DIR, base, ext);
	return read_test_file(test_data_path(rel));
}

/* ---- a small line diff for failure messages ----------------------------- */

struct lines {
	const char **start;	/* first byte of each line */
	size_t *len;		/* its length, without the newline */
	size_t n;
};

static void split_lines(const char *text, struct lines *l)
{
	const char *p;
	size_t cap = 1;

	for (p = text; *p; p++)
		cap += *p == '\n';
	l->start = calloc(cap, sizeof(*l->start));
	l->len = calloc(cap, sizeof(*l->len));
	assert_non_null(l->start);
	assert_non_null(l->len);
	l->n = 0;
	for (p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		l->start[l->n] = p;
		l->len[l->n++] = len;
		p += len + (nl ? 1 : 0);
	}
}

static void free_lines(struct lines *l)
{
	free(l->start);
	free(l->len);
}

static int line_eq(const struct lines *a, size_t i, const struct lines *b,
		   size_t j)
{
	return a->len[i] == b->len[j] &&
	       memcmp(a->start[i], b->start[j], a->len[i]) == 0;
}

/* One step of the edit script: ' ' (both), '-' (only a), '+' (only b). */
struct edit {
	char op;
	size_t ai, bi;	/* the position in a and in b */
};

/* Longest-common-subsequence edit script from a to b. */
static struct edit *line_edits(const struct lines *a, const struct lines *b,
			       size_t *nedits)
{
	size_t pre = 0, suf = 0, n, m, i, j, k = 0;
	unsigned *lcs;
	struct edit *e = calloc(a->n + b->n + 1, sizeof(*e));

	assert_non_null(e);
	while (pre < a->n && pre < b->n && line_eq(a, pre, b, pre))
		pre++;
	while (suf < a->n - pre && suf < b->n - pre &&
	       line_eq(a, a->n - 1 - suf, b, b->n - 1 - suf))
		suf++;
	n = a->n - pre - suf;
	m = b->n - pre - suf;
	for (i = 0; i < pre; i++)
		e[k++] = (struct edit){ ' ', i, i };
	/* lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..] */
	lcs = calloc((n + 1) * (m + 1), sizeof(*lcs));
	assert_non_null(lcs);
#define LCS(x, y) lcs[(x) * (m + 1) + (y)]
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			LCS(i, j) = line_eq(a, pre + i, b, pre + j) ?
				LCS(i + 1, j + 1) + 1 :
				(LCS(i + 1, j) >= LCS(i, j + 1) ?
				 LCS(i + 1, j) : LCS(i, j + 1));
	for (i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && line_eq(a, pre + i, b, pre + j)) {
			e[k++] = (struct edit){ ' ', pre + i, pre + j };
			i++;
			j++;
		} else if (i < n && (j == m || LCS(i + 1, j) >= LCS(i, j + 1))) {
			e[k++] = (struct edit){ '-', pre + i, pre + j };
			i++;
		} else {
			e[k++] = (struct edit){ '+', pre + i, pre + j };
			j++;
		}
	}
#undef LCS
	free(lcs);
	for (i = 0; i < suf; i++)
		e[k++] = (struct edit){ ' ', a->n - suf + i, b->n - suf + i };
	*nedits = k;
	return e;
}

static void print_line(struct strbuf *sb, char op, const struct lines *l,
		       size_t i)
{
	strbuf_printf(sb, "%c%.*s\n", op, (int)l->len[i], l->start[i]);
}

/* Unified-diff-like text of the changes from a to b. */
static char *unified_diff(const char *a_text, const char *b_text,
			  const char *a_name, const char *b_name)
{
	struct strbuf sb = STRBUF_INIT;
	struct lines a, b;
	struct edit *e;
	size_t ne, i, printed = 0;

	split_lines(a_text, &a);
	split_lines(b_text, &b);
	e = line_edits(&a, &b, &ne);
	strbuf_printf(&sb, "--- %s\n+++ %s\n", a_name, b_name);
	for (i = 0; i < ne;) {
		size_t first, last, k, a0, b0, ac = 0, bc = 0;

		if (e[i].op == ' ') {
			i++;
			continue;
		}
		/* a hunk: changes closer than 2 * context lines together */
		first = i > DIFF_CONTEXT ? i - DIFF_CONTEXT : 0;
		last = i;
		for (k = i; k < ne; k++) {
			if (e[k].op != ' ')
				last = k;
			else if (k - last > 2 * DIFF_CONTEXT)
				break;
		}
		last = last + DIFF_CONTEXT < ne ? last + DIFF_CONTEXT : ne - 1;
		a0 = e[first].ai;
		b0 = e[first].bi;
		for (k = first; k <= last; k++) {
			ac += e[k].op != '+';
			bc += e[k].op != '-';
		}
		strbuf_printf(&sb, "@@ -%zu,%zu +%zu,%zu @@\n", a0 + 1, ac,
			      b0 + 1, bc);
		for (k = first; k <= last; k++) {
			if (++printed > DIFF_MAX_LINES) {
				strbuf_append(&sb, "... (diff truncated)\n");
				goto out;
			}
			if (e[k].op == '+')
				print_line(&sb, '+', &b, e[k].bi);
			else
				print_line(&sb, e[k].op, &a, e[k].ai);
		}
		i = last + 1;
	}
	if (!printed)
		strbuf_append(&sb, "(the texts differ only in the final newline)\n");
out:
	free(e);
	free_lines(&a);
	free_lines(&b);
	return strbuf_steal(&sb);
}

/* Buffers of the running test, freed by its teardown even when it fails. */
static char *held[8];

static char *hold(char *p)
{
	size_t i;

	for (i = 0; i < sizeof(held) / sizeof(held[0]); i++) {
		if (!held[i]) {
			held[i] = p;
			return p;
		}
	}
	fail_msg("too many buffers held");
	return p;
}

static int release_all(void **state)
{
	size_t i;

	(void)state;
	log_capture_stop();
	for (i = 0; i < sizeof(held) / sizeof(held[0]); i++) {
		free(held[i]);
		held[i] = NULL;
	}
	return 0;
}

static void assert_same_text(const char *expected, const char *actual,
			     const char *exp_name, const char *act_name,
			     const char *what)
{
	if (strcmp(expected, actual) == 0)
		return;
	print_error("%s", hold(unified_diff(expected, actual, exp_name,
					     act_name)));
	fail_msg("%s", what);
}

/* ---- the test cases ----------------------------------------------------- */

/* X.conf printed equals X.expected. */
static void test_expected(void **state)
{
	const char *base = *state;
	char *text = hold(read_corpus_file(base, ".conf"));
	char *expected = hold(read_corpus_file(base, ".expected"));
	char *actual, exp_name[512], what[600];

	log_capture_start(2);	/* the corpus warns on purpose: keep quiet */
	actual = hold(parse_and_print(text, CONFIG_NAME, NULL));
	log_capture_stop();
	snprintf(exp_name, sizeof(exp_name), "%s.expected", base);
	snprintf(what, sizeof(what), "%s: multipath -t output differs from %s",
		 base, exp_name);
	assert_same_text(expected, actual, exp_name, "ours", what);
}

/* The captured messages but the deprecation notices every printed
 * configuration gives (it names bindings_file, wwids_file, prkeys_file and
 * disable_changed_wwids, like the reference's output). */
static char *unexpected_messages(const char *log)
{
	static const char *const notices[] = {
		"\" is deprecated and will be disabled in a future release",
		"ignoring deprecated option \"",
	};
	struct strbuf sb = STRBUF_INIT;
	const char *p, *nl;
	size_t i;

	for (p = log; *p; p = nl + 1) {
		bool notice = false;
		char *line;

		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p) - 1;
		line = strndup(p, (size_t)(nl - p) + 1);
		assert_non_null(line);
		for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
			notice |= strstr(line, notices[i]) != NULL;
		if (!notice)
			strbuf_append(&sb, line);
		free(line);
	}
	return strbuf_steal(&sb);
}

/* Our printed output of X.conf parses back without warnings (deprecation
 * notices aside) and prints the same. */
static void test_roundtrip(void **state)
{
	const char *base = *state;
	char *text = hold(read_corpus_file(base, ".conf"));
	char *first, *second, *msgs, what[600];
	unsigned warnings = 0;

	log_capture_start(2);
	first = hold(parse_and_print(text, CONFIG_NAME, NULL));
	log_capture_reset();
	second = hold(parse_and_print(first, "printed", &warnings));
	msgs = hold(unexpected_messages(log_captured()));
	assert_non_null(msgs);
	if (warnings || *msgs)
		fail_msg("%s: the printed configuration gives %u warning(s) when parsed again:\n%s",
			 base, warnings, msgs);
	log_capture_stop();
	snprintf(what, sizeof(what),
		 "%s: printing the printed configuration again changes it",
		 base);
	assert_same_text(first, second, "first print", "second print", what);
}

/* ---- building the test list from the corpus directory ------------------- */

static int conf_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 &&
	       strcmp(d->d_name + n - 5, ".conf") == 0;
}

int main(void)
{
	struct dirent **list = NULL;
	struct CMUnitTest *tests;
	char **names, **bases;
	int i, n, r;

	n = scandir(test_data_path(CORPUS_DIR), &list, conf_filter, alphasort);
	if (n <= 0) {
		fprintf(stderr, "no *.conf files in %s\n",
			test_data_path(CORPUS_DIR));
		return 1;
	}
	tests = calloc(2 * (size_t)n, sizeof(*tests));
	names = calloc(2 * (size_t)n, sizeof(*names));
	bases = calloc((size_t)n, sizeof(*bases));
	if (!tests || !names || !bases)
		return 1;
	for (i = 0; i < n; i++) {
		size_t len = strlen(list[i]->d_name) - 5;

		bases[i] = strndup(list[i]->d_name, len);
		if (!bases[i] ||
		    asprintf(&names[2 * i], "%s", bases[i]) < 0 ||
		    asprintf(&names[2 * i + 1], "%s roundtrip", bases[i]) < 0)
			return 1;
		tests[2 * i] = (struct CMUnitTest){
			.name = names[2 * i],
			.test_func = test_expected,
			.teardown_func = release_all,
			.initial_state = bases[i],
		};
		tests[2 * i + 1] = (struct CMUnitTest){
			.name = names[2 * i + 1],
			.test_func = test_roundtrip,
			.teardown_func = release_all,
			.initial_state = bases[i],
		};
		free(list[i]);
	}
	free(list);
	r = _cmocka_run_group_tests("config_reference", tests, 2 * (size_t)n,
				    NULL, NULL);
	for (i = 0; i < 2 * n; i++)
		free(names[i]);
	for (i = 0; i < n; i++)
		free(bases[i]);
	free(names);
	free(bases);
	free(tests);
	return r;
}
