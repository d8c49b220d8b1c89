/* The bindings file: name sequence, allocation (gaps, prefixes, names in
 * use), corrupt lines, read-only mode, existing maps, repair, concurrent
 * allocation by several processes. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "map/alias.h"
#include "testutil.h"
#include "util/file.h"

static const char header[] =
	"# Multipath bindings, Version : 1.0\n"
	"# NOTE: this file is automatically maintained by the multipath program.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Format:\n"
	"# alias wwid\n"
	"#\n";

#define fx file_fx

static int setup(void **state)
{
	static struct fx f;

	file_fx_setup(&f, "etc/multipath/bindings");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	log_capture_stop();
	file_fx_teardown(*state);
	return 0;
}

static void put_file(const struct fx *f, const char *text)
{
	assert_int_equal(mkdir_parents(f->file, 0755), 0);
	assert_int_equal(file_write_atomic(f->file, text, strlen(text), 0600), 0);
}

static void assert_file(const struct fx *f, const char *text)
{
	char *got = read_test_file(f->file);

	assert_string_equal(got, text);
	free(got);
}

/* allocate and compare the name */
static void alloc_is(const struct fx *f, const char *wwid, const char *prefix,
		     const char *want)
{
	char *alias;

	assert_int_equal(alias_allocate(f->file, wwid, prefix, NULL, NULL,
					&alias), 0);
	assert_string_equal(alias, want);
	free(alias);
}

static void parse(const char *text, struct bindings *b)
{
	assert_int_equal(bindings_parse(text, strlen(text), NULL, NULL, b), 0);
}

static void test_format_index(void **state)
{
	static const struct {
		unsigned int idx;
		const char *name;
	} t[] = {
		{ 0, "mpatha" }, { 1, "mpathb" }, { 25, "mpathz" },
		{ 26, "mpathaa" }, { 27, "mpathab" }, { 51, "mpathaz" },
		{ 52, "mpathba" }, { 701, "mpathzz" }, { 702, "mpathaaa" },
		{ 18277, "mpathzzz" }, { 18278, "mpathaaaa" },
		{ ALIAS_INDEX_MAX - 1, "mpathfxshrxv" },
		{ ALIAS_INDEX_MAX, "mpathfxshrxw" },
	};
	char buf[64];
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		assert_int_equal(alias_format("mpath", t[i].idx, buf, sizeof(buf)), 0);
		assert_string_equal(buf, t[i].name);
		assert_int_equal(alias_index("mpath", t[i].name), (int)t[i].idx);
	}
	for (i = 0; i < 20000; i++) {
		assert_int_equal(alias_format("p", i, buf, sizeof(buf)), 0);
		assert_int_equal(alias_index("p", buf), (int)i);
	}
	assert_int_equal(alias_format("mpath", ALIAS_INDEX_MAX + 1u, buf, 64), -ERANGE);
	assert_int_equal(alias_format("mpath", 26, buf, 7), -ENOSPC);
	assert_int_equal(alias_format("mpath", 26, buf, 8), 0);
	assert_int_equal(alias_format("", 0, buf, 2), 0);
	assert_string_equal(buf, "a");

	assert_int_equal(alias_index("mpath", "mpathfxshrxx"), -1);
	assert_int_equal(alias_index("mpath", "mpathaaaaaaaa"), -1);
	assert_int_equal(alias_index("mpath", "mpath"), -1);
	assert_int_equal(alias_index("mpath", "mpathA"), -1);
	assert_int_equal(alias_index("mpath", "mpatha1"), -1);
	assert_int_equal(alias_index("mpath", "mpath-a"), -1);
	assert_int_equal(alias_index("mpath", "mpatha "), -1);
	assert_int_equal(alias_index("mpath", "diska"), -1);
	assert_int_equal(alias_index("mpath", "mpat"), -1);
	assert_int_equal(alias_index("", "ab"), 27);
	assert_int_equal(alias_index(NULL, "mpatha"), -1);
}

static void test_first_allocation_creates_file(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *text;

	assert_int_equal(access(f->file, F_OK), -1);
	alloc_is(f, "1Linux_scsi_debug_2000", "mpath", "mpatha");
	assert_true(asprintf(&text, "%smpatha 1Linux_scsi_debug_2000\n",
			     header) > 0);
	assert_file(f, text);
	free(text);
	assert_int_equal(stat(f->file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void test_empty_file_gets_header(void **state)
{
	struct fx *f = *state;
	char *text;

	put_file(f, "");
	alloc_is(f, "W1", "mpath", "mpatha");
	assert_true(asprintf(&text, "%smpatha W1\n", header) > 0);
	assert_file(f, text);
	free(text);
}

static void test_sequential_names(void **state)
{
	struct fx *f = *state;
	char wwid[32], want[32], *before;
	unsigned int i;

	for (i = 0; i < 60; i++) {
		snprintf(wwid, sizeof(wwid), "3600%04u", i);
		assert_int_equal(alias_format("mpath", i, want, sizeof(want)), 0);
		alloc_is(f, wwid, "mpath", want);
	}
	/* a bound WWID keeps its name and the file is left alone */
	before = read_test_file(f->file);
	alloc_is(f, "36000000", "mpath", "mpatha");
	alloc_is(f, "36000026", "mpath", "mpathaa");
	alloc_is(f, "36000059", "mpath", "mpathbh");
	assert_file(f, before);
	free(before);
}

static void test_gaps_reused(void **state)
{
	struct fx *f = *state;

	put_file(f, "mpatha W0\nmpathc W2\nmpathd W3\n");
	alloc_is(f, "W1", "mpath", "mpathb");
	alloc_is(f, "W4", "mpath", "mpathe");
	assert_file(f, "mpatha W0\nmpathc W2\nmpathd W3\nmpathb W1\nmpathe W4\n");

	/* unsorted: still the lowest free name (the reference took "e") */
	put_file(f, "mpathb W1\nmpathd W3\nmpatha W0\n");
	alloc_is(f, "W2", "mpath", "mpathc");
	alloc_is(f, "W4", "mpath", "mpathe");

	/* only a high name bound */
	put_file(f, "mpathzz W701\n");
	alloc_is(f, "W0", "mpath", "mpatha");
}

static void test_big_indexes(void **state)
{
	struct fx *f = *state;
	struct strbuf sb = STRBUF_INIT;
	char name[32];
	unsigned int i;

	for (i = 0; i < 26; i++) {
		assert_int_equal(alias_format("mpath", i, name, sizeof(name)), 0);
		assert_true(strbuf_printf(&sb, "%s W%u\n", name, i) > 0);
	}
	put_file(f, strbuf_str(&sb));
	alloc_is(f, "W26", "mpath", "mpathaa");
	for (i = 27; i < 702; i++) {
		assert_int_equal(alias_format("mpath", i, name, sizeof(name)), 0);
		assert_true(strbuf_printf(&sb, "%s W%u\n", name, i) > 0);
	}
	put_file(f, strbuf_str(&sb));
	alloc_is(f, "W26", "mpath", "mpathaa");
	alloc_is(f, "W702", "mpath", "mpathaaa");
	alloc_is(f, "W703", "mpath", "mpathaab");
	strbuf_free(&sb);

	/* the highest name is an ordinary one */
	put_file(f, "mpathfxshrxw Wmax\nmpathfxshrxx Wover\n");
	alloc_is(f, "W0", "mpath", "mpatha");
}

static void test_other_prefix(void **state)
{
	struct fx *f = *state;
	char *alias;

	put_file(f, "mpatha W0\nmpathb W1\n");
	alloc_is(f, "W2", "disk", "diska");
	alloc_is(f, "W3", "disk", "diskb");
	/* bindings made under the old prefix still apply */
	alloc_is(f, "W1", "disk", "mpathb");
	assert_int_equal(alias_lookup(f->file, "W0", "disk", &alias), 0);
	assert_string_equal(alias, "mpatha");
	free(alias);
	alloc_is(f, "W4", "mpath", "mpathc");
	alloc_is(f, "W5", "", "a");
	alloc_is(f, "W6", "", "b");
	assert_file(f, "mpatha W0\nmpathb W1\ndiska W2\ndiskb W3\nmpathc W4\na W5\nb W6\n");

	assert_int_equal(alias_allocate(f->file, "W9", "a b", NULL, NULL, &alias), -EINVAL);
	assert_int_equal(alias_allocate(f->file, "W9", "a/", NULL, NULL, &alias), -EINVAL);
	assert_int_equal(alias_allocate(f->file, "W9", "a#", NULL, NULL, &alias), -EINVAL);
	assert_null(alias);
}

static void test_existing_bindings(void **state)
{
	struct fx *f = *state;
	char *s;

	/* no file: nothing found, nothing created */
	assert_int_equal(alias_lookup(f->file, "W0", "mpath", &s), -ENOENT);
	assert_int_equal(alias_lookup_wwid(f->file, "mpatha", &s), -ENOENT);
	assert_null(s);
	assert_int_equal(access(f->file, F_OK), -1);

	/* the file of a real host (reference/dm-and-files.txt) */
	put_file(f, "# Multipath bindings, Version : 1.0\n"
		 "# NOTE: this file is automatically maintained by the multipath program.\n"
		 "# You should not need to edit this file in normal circumstances.\n"
		 "#\n# Format:\n# alias wwid\n#\n"
		 "mpatha 1Linux_scsi_debug_2000\n"
		 "mpathb 1Linux_scsi_debug_2001\n"
		 "mpathc 1Linux_scsi_debug_2002\n");
	assert_int_equal(alias_lookup(f->file, "1Linux_scsi_debug_2001", "mpath", &s), 0);
	assert_string_equal(s, "mpathb");
	free(s);
	assert_int_equal(alias_lookup_wwid(f->file, "mpathc", &s), 0);
	assert_string_equal(s, "1Linux_scsi_debug_2002");
	free(s);
	assert_int_equal(alias_lookup(f->file, "1Linux_scsi_debug_200", "mpath", &s), -ENOENT);
	assert_int_equal(alias_lookup_wwid(f->file, "mpathd", &s), -ENOENT);
	assert_int_equal(alias_lookup_wwid(f->file, "mpath", &s), -ENOENT);
	assert_int_equal(alias_lookup(f->file, "", "mpath", &s), -EINVAL);
	assert_int_equal(alias_lookup(f->file, "a b", "mpath", &s), -EINVAL);
	assert_int_equal(alias_lookup_wwid(f->file, "", &s), -EINVAL);
	alloc_is(f, "1Linux_scsi_debug_2003", "mpath", "mpathd");
}

static void test_comments_and_blanks(void **state)
{
	struct bindings b = BINDINGS_INIT;

	(void)state;
	parse("# mpathz Wz\n\n   \n\t\nmpatha W0 # a comment\n"
	      "  mpathb\tW1  \r\nmpathc W2#c\n#\nmpathd W3\r junk\nmpathe W4", &b);
	assert_int_equal(b.n, 5);
	assert_string_equal(bindings_find_wwid(&b, "W0")->alias, "mpatha");
	assert_string_equal(bindings_find_wwid(&b, "W1")->alias, "mpathb");
	assert_string_equal(bindings_find_wwid(&b, "W2")->alias, "mpathc");
	assert_string_equal(bindings_find_wwid(&b, "W3")->alias, "mpathd");
	assert_string_equal(bindings_find_alias(&b, "mpathe")->wwid, "W4");
	assert_int_equal(bindings_find_alias(&b, "mpathe")->line, 10);
	assert_null(bindings_find_alias(&b, "mpathz"));
	assert_null(b.v[3].extra);	/* "\r" ends the line */
	assert_int_equal(bindings_conflicts(&b), 0);
	bindings_free(&b);
}

static void test_missing_wwid(void **state)
{
	struct fx *f = *state;
	struct bindings b = BINDINGS_INIT;

	parse("mpatha\nmpathb W1\n", &b);
	assert_int_equal(b.v[0].status, BINDING_NO_WWID);
	assert_null(b.v[0].wwid);
	assert_int_equal(b.v[1].status, BINDING_OK);
	log_capture_start(3);
	bindings_report(&b, 0);
	assert_string_equal(log_captured(),
			    "invalid line 1 in bindings file, missing WWID\n");
	bindings_free(&b);

	/* the name of a broken line stays reserved, as in the reference */
	put_file(f, "mpatha\nmpathb W1\n");
	alloc_is(f, "W2", "mpath", "mpathc");
	assert_file(f, "mpatha\nmpathb W1\nmpathc W2\n");
}

static void test_extra_fields(void **state)
{
	struct fx *f = *state;
	struct bindings b = BINDINGS_INIT;
	char *s;

	parse("mpatha W0 extra more\n", &b);
	assert_int_equal(b.v[0].status, BINDING_OK);
	assert_string_equal(b.v[0].extra, "extra");
	log_capture_start(3);
	bindings_report(&b, 0);
	assert_string_equal(log_captured(),
			    "invalid line 1 in bindings file, extra args \"extra\"\n");
	bindings_free(&b);

	/* the binding stands */
	put_file(f, "mpatha W0 extra\n");
	assert_int_equal(alias_lookup(f->file, "W0", "mpath", &s), 0);
	assert_string_equal(s, "mpatha");
	free(s);
}

static void test_duplicate_alias(void **state)
{
	struct fx *f = *state;
	struct bindings b = BINDINGS_INIT;
	char *s;

	parse("mpatha W0\nmpatha W0\nmpatha W1\n", &b);
	assert_int_equal(b.v[0].status, BINDING_OK);
	assert_int_equal(b.v[1].status, BINDING_DUPLICATE);
	assert_int_equal(b.v[2].status, BINDING_ALIAS_TAKEN);
	assert_string_equal(b.v[2].other, "W0");
	assert_int_equal(bindings_conflicts(&b), 1);
	log_capture_start(3);
	bindings_report(&b, 0);
	assert_string_equal(log_captured(),
		"duplicate line for alias mpatha in bindings file on line 2\n"
		"ERROR: multiple bindings for alias \"mpatha\" in bindings file on line 3, discarding binding to WWID W1\n");
	bindings_free(&b);

	/* the first line wins; the discarded WWID gets a name of its own */
	put_file(f, "mpatha W0\nmpatha W1\n");
	assert_int_equal(alias_lookup_wwid(f->file, "mpatha", &s), 0);
	assert_string_equal(s, "W0");
	free(s);
	assert_int_equal(alias_lookup(f->file, "W1", "mpath", &s), -ENOENT);
	alloc_is(f, "W1", "mpath", "mpathb");
}

static void test_duplicate_wwid(void **state)
{
	struct fx *f = *state;
	struct bindings b = BINDINGS_INIT;
	char *s;

	parse("mpatha W0\nmpathb W0\n", &b);
	assert_int_equal(b.v[1].status, BINDING_WWID_TAKEN);
	assert_string_equal(b.v[1].other, "mpatha");
	assert_int_equal(bindings_conflicts(&b), 0);
	log_capture_start(3);
	bindings_report(&b, 0);
	assert_string_equal(log_captured(),
		"ERROR: multiple bindings for WWID W0 in bindings file on line 2, discarding binding to alias \"mpathb\" (bound to \"mpatha\")\n");
	bindings_free(&b);

	put_file(f, "mpatha W0\nmpathb W0\n");
	assert_int_equal(alias_lookup(f->file, "W0", "mpath", &s), 0);
	assert_string_equal(s, "mpatha");
	free(s);
	assert_int_equal(alias_lookup_wwid(f->file, "mpathb", &s), -ENOENT);
	/* mpathb stays reserved */
	alloc_is(f, "W1", "mpath", "mpathc");
}

static void test_alias_of_other_form(void **state)
{
	struct fx *f = *state;
	char *s;

	put_file(f, "data01 W0\nmpath_x W1\nmpathA W2\n");
	assert_int_equal(alias_lookup(f->file, "W0", "mpath", &s), 0);
	assert_string_equal(s, "data01");
	free(s);
	assert_int_equal(alias_lookup_wwid(f->file, "mpathA", &s), 0);
	assert_string_equal(s, "W2");
	free(s);
	alloc_is(f, "W3", "mpath", "mpatha");
}

static void test_long_lines(void **state)
{
	struct fx *f = *state;
	struct bindings b = BINDINGS_INIT;
	struct strbuf sb = STRBUF_INIT;
	char *s;

	assert_true(strbuf_fill(&sb, 'x', 127) > 0);
	assert_true(strbuf_append(&sb, " W127\nmpathb ") > 0);
	assert_true(strbuf_fill(&sb, 'w', 128) > 0);
	assert_true(strbuf_append(&sb, "\nmpathc ") > 0);
	assert_true(strbuf_fill(&sb, 'v', 100000) > 0);
	assert_true(strbuf_append(&sb, "\n") > 0);
	assert_true(strbuf_fill(&sb, 'y', 128) > 0);
	assert_true(strbuf_append(&sb, " W128\nmpathd W3\n") > 0);
	parse(strbuf_str(&sb), &b);
	assert_int_equal(b.n, 5);
	assert_int_equal(b.v[0].status, BINDING_OK);
	assert_int_equal(b.v[1].status, BINDING_TOO_LONG);
	assert_int_equal(b.v[2].status, BINDING_TOO_LONG);
	assert_int_equal(b.v[3].status, BINDING_TOO_LONG);
	assert_int_equal(b.v[4].status, BINDING_OK);
	assert_int_equal(b.v[4].line, 5);
	log_capture_start(3);
	bindings_report(&b, 0);
	assert_str_contains(log_captured(),
			    "invalid line 2 in bindings file, field longer than 127 bytes\n");
	bindings_free(&b);

	put_file(f, strbuf_str(&sb));
	assert_int_equal(alias_lookup(f->file, "W3", "mpath", &s), 0);
	assert_string_equal(s, "mpathd");
	free(s);
	alloc_is(f, "W0", "mpath", "mpatha");
	strbuf_free(&sb);
	/* a WWID the file cannot hold is refused */
	assert_int_equal(alias_allocate(f->file, "0123456789012345678901234567890123456789"
					"0123456789012345678901234567890123456789"
					"0123456789012345678901234567890123456789"
					"01234567", "mpath", NULL, NULL, &s), -EINVAL);
}

static void test_binary_garbage(void **state)
{
	struct fx *f = *state;
	struct bindings b = BINDINGS_INIT;
	static const char text[] = "\x01\x02\xff \x7f\n"
		"mpatha W0\0junk\n"
		"mpathb W\x1b[1m\n"
		"mpa/thc W2\n"
		"\xc3\xa9 W\xc3\xa9\n"
		"mpathd\vW3\n"
		"mpathe W4\n";

	assert_int_equal(bindings_parse(text, sizeof(text) - 1, NULL, NULL, &b), 0);
	assert_int_equal(b.n, 7);
	assert_int_equal(b.v[0].status, BINDING_BAD_CHAR);
	assert_int_equal(b.v[1].status, BINDING_BAD_CHAR);
	assert_int_equal(b.v[2].status, BINDING_BAD_CHAR);
	assert_int_equal(b.v[3].status, BINDING_BAD_CHAR);
	assert_int_equal(b.v[4].status, BINDING_OK);	/* UTF-8 is fine */
	assert_int_equal(b.v[5].status, BINDING_BAD_CHAR);
	assert_int_equal(b.v[6].status, BINDING_OK);
	log_capture_start(3);
	bindings_report(&b, 0);
	assert_str_contains(log_captured(),
			    "invalid line 2 in bindings file, bad characters\n");
	bindings_free(&b);

	assert_int_equal(mkdir_parents(f->file, 0755), 0);
	assert_int_equal(file_write_atomic(f->file, text, sizeof(text) - 1, 0600), 0);
	/* the names on broken lines stay reserved ("mpathd\vW3" is no name) */
	alloc_is(f, "W5", "mpath", "mpathc");
	alloc_is(f, "W6", "mpath", "mpathd");
	alloc_is(f, "W4", "mpath", "mpathe");
}

static void test_no_final_newline(void **state)
{
	struct fx *f = *state;

	put_file(f, "# hand made\nmpatha W0");
	alloc_is(f, "W1", "mpath", "mpathb");
	assert_file(f, "# hand made\nmpatha W0\nmpathb W1\n");
}

static int in_use_calls;

static bool taken_by_maps(const char *alias, void *ud)
{
	const char *const *names = ud;

	in_use_calls++;
	for (; *names; names++)
		if (streq(*names, alias))
			return true;
	return false;
}

static void test_in_use(void **state)
{
	struct fx *f = *state;
	const char *maps[] = { "mpatha", "mpathc", "mpathd", NULL };
	char *alias;

	put_file(f, "mpathb W1\n");
	in_use_calls = 0;
	assert_int_equal(alias_allocate(f->file, "W9", "mpath", taken_by_maps,
					maps, &alias), 0);
	assert_string_equal(alias, "mpathe");
	free(alias);
	/* asked about a, c, d, e: never about the file's own b */
	assert_int_equal(in_use_calls, 4);
	assert_file(f, "mpathb W1\nmpathe W9\n");
	/* a bound WWID keeps its name: the callback is not asked */
	in_use_calls = 0;
	assert_int_equal(alias_allocate(f->file, "W1", "mpath", taken_by_maps,
					maps, &alias), 0);
	assert_string_equal(alias, "mpathb");
	free(alias);
	assert_int_equal(in_use_calls, 0);
}

static void test_read_only(void **state)
{
	struct fx *f = *state;
	static const char text[] = "mpatha W0\nmpatha W1\n";
	char *alias;

	/* lookups never create the file */
	assert_int_equal(alias_lookup(f->file, "W0", "mpath", &alias), -ENOENT);
	assert_int_equal(alias_use_existing(f->file, "W0", "mpath", "mpathq",
					    true, &alias), 0);
	assert_string_equal(alias, "mpathq");
	free(alias);
	assert_int_equal(access(f->file, F_OK), -1);
	assert_int_equal(alias_check_file(f->file, true, NULL, NULL), 0);

	/* a conflict cannot be repaired read-only: fatal for the caller */
	put_file(f, text);
	log_capture_start(2);
	assert_int_equal(alias_check_file(f->file, true, NULL, NULL), -EROFS);
	assert_str_contains(log_captured(), "ERROR: bad settings in read-only bindings file ");
	assert_file(f, text);
	assert_int_equal(alias_use_existing(f->file, "W5", "mpath", "mpathc",
					    true, &alias), 0);
	assert_string_equal(alias, "mpathc");
	free(alias);
	assert_file(f, text);

	/* harmless problems are only reported */
	put_file(f, "mpatha\nmpathb W1 x\nmpathb W1\n");
	assert_int_equal(alias_check_file(f->file, true, NULL, NULL), 0);
}

static void test_use_existing(void **state)
{
	struct fx *f = *state;
	char *alias;

	put_file(f, "mpatha W0\nmpathb W1\n");
	log_capture_start(2);
	/* the file gives the name to another WWID */
	assert_int_equal(alias_use_existing(f->file, "W5", "mpath", "mpatha",
					    false, &alias), -EEXIST);
	assert_null(alias);
	assert_string_equal(log_captured(),
			    "alias mpatha already bound to wwid W0, cannot reuse\n");
	/* the name is this WWID's */
	assert_int_equal(alias_use_existing(f->file, "W1", "mpath", "mpathb",
					    false, &alias), 0);
	assert_string_equal(alias, "mpathb");
	free(alias);
	/* the WWID has another name in the file: that one wins */
	assert_int_equal(alias_use_existing(f->file, "W1", "mpath", "mpathx",
					    false, &alias), 0);
	assert_string_equal(alias, "mpathb");
	free(alias);
	/* a name not of the prefix's form is not recorded */
	assert_int_equal(alias_use_existing(f->file, "W2", "mpath", "W2",
					    false, &alias), -ENOENT);
	assert_file(f, "mpatha W0\nmpathb W1\n");
	/* a free name of the prefix's form is recorded */
	log_capture_reset();
	assert_int_equal(alias_use_existing(f->file, "W7", "mpath", "mpathh",
					    false, &alias), 0);
	assert_string_equal(alias, "mpathh");
	free(alias);
	assert_string_equal(log_captured(),
			    "Allocated existing binding [mpathh] for WWID [W7]\n");
	assert_file(f, "mpatha W0\nmpathb W1\nmpathh W7\n");
	/* and the next allocation goes around it */
	alloc_is(f, "W2", "mpath", "mpathc");

	/* no file yet: created with the header */
	remove_tree(f->dir);
	assert_int_equal(alias_use_existing(f->file, "W0", "mpath", "mpathc",
					    false, &alias), 0);
	free(alias);
	assert_true(asprintf(&alias, "%smpathc W0\n", header) > 0);
	assert_file(f, alias);
	free(alias);
}

static const char *conf_aliases(const char *alias, void *ud)
{
	(void)ud;
	return streq(alias, "mpathc") ? "Wconf" : NULL;
}

static void test_check_repairs(void **state)
{
	struct fx *f = *state;
	char *want;
	static const char msgs[] =
		"invalid line 2 in bindings file, extra args \"extra\"\n"
		"invalid line 3 in bindings file, missing WWID\n"
		"ERROR: multiple bindings for alias \"mpatha\" in bindings file on line 4, discarding binding to WWID W1\n"
		"ERROR: alias \"mpathc\" for WWID W2 in bindings file on line 5 conflicts with multipath.conf entry for Wconf\n"
		"ERROR: multiple bindings for WWID W0 in bindings file on line 6, discarding binding to alias \"mpathd\" (bound to \"mpatha\")\n"
		"duplicate line for alias mpathe in bindings file on line 8\n"
		"updated bindings file ";

	put_file(f, "# mine\nmpatha W0 extra\nmpathb\nmpatha W1\nmpathc W2\n"
		 "mpathd W0\nmpathe W4\nmpathe W4\n");
	log_capture_start(2);
	assert_int_equal(alias_check_file(f->file, false, conf_aliases, NULL), 0);
	assert_int_equal(strncmp(log_captured(), msgs, strlen(msgs)), 0);
	assert_str_contains(log_captured(), f->file);
	assert_true(asprintf(&want, "%smpatha W0\nmpathe W4\n", header) > 0);
	assert_file(f, want);
	free(want);
	/* nothing left to repair */
	log_capture_reset();
	assert_int_equal(alias_check_file(f->file, false, conf_aliases, NULL), 0);
	assert_string_equal(log_captured(), "");

	/* without a conflict the file is left as it is */
	put_file(f, "mpatha\nmpathb W1\nmpathc W1\n");
	assert_int_equal(alias_check_file(f->file, false, NULL, NULL), 0);
	assert_file(f, "mpatha\nmpathb W1\nmpathc W1\n");
}

static void test_next_index(void **state)
{
	struct bindings b = BINDINGS_INIT;

	(void)state;
	assert_int_equal(bindings_next_index(&b, "mpath", NULL, NULL), 0);
	parse("mpatha A\nmpathb B\nmpathd D\nmpathb X\nmpathc\n", &b);
	assert_int_equal(bindings_next_index(&b, "mpath", NULL, NULL), 4);
	assert_int_equal(bindings_next_index(&b, "x", NULL, NULL), 0);
	bindings_free(&b);
}

/* Several processes allocate at once: every WWID gets one name, no name
 * goes to two WWIDs, and the names are dense. */
static void test_concurrent_allocation(void **state)
{
	struct fx *f = *state;
	struct bindings b = BINDINGS_INIT;
	char *text, w[32], *alias;
	int i, j, status;
	size_t k;

	for (i = 0; i < 4; i++) {
		if (fork() == 0) {
			for (j = 0; j < 25; j++) {
				snprintf(w, sizeof(w), "p%d-%d", i, j);
				if (alias_allocate(f->file, w, "mpath", NULL,
						   NULL, &alias) != 0)
					_exit(1);
				free(alias);
				if (alias_allocate(f->file, "shared", "mpath",
						   NULL, NULL, &alias) != 0)
					_exit(1);
				free(alias);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++) {
		wait(&status);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	text = read_test_file(f->file);
	assert_int_equal(strncmp(text, header, strlen(header)), 0);
	parse(text, &b);
	free(text);
	assert_int_equal(b.n, 101);
	for (k = 0; k < b.n; k++)
		assert_int_equal(b.v[k].status, BINDING_OK);
	assert_int_equal(bindings_next_index(&b, "mpath", NULL, NULL), 101);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 25; j++) {
			snprintf(w, sizeof(w), "p%d-%d", i, j);
			assert_non_null(bindings_find_wwid(&b, w));
		}
	bindings_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_index),
		cmocka_unit_test_setup_teardown(test_first_allocation_creates_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_file_gets_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequential_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gaps_reused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_big_indexes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_existing_bindings, setup, teardown),
		cmocka_unit_test(test_comments_and_blanks),
		cmocka_unit_test_setup_teardown(test_missing_wwid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extra_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_alias, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_wwid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alias_of_other_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binary_garbage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_final_newline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_use, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_use_existing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_repairs, setup, teardown),
		cmocka_unit_test(test_next_index),
		cmocka_unit_test_setup_teardown(test_concurrent_allocation, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
