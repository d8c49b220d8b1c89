/* multipathd's command language: the table, the tokenizer, the parser
 * (every row in every spelling, abbreviations, quoting, bad input), the
 * help text against the reference's, and the dispatch with its
 * permission check and default replies. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "cli_parse.h"
#include "cli_reply.h"
#include "util/cleanup.h"

#define VERSION_LINE "multipath-tools v" MP_VERSION "\n"

static const char *param_value[CLI_P_COUNT] = {
	[CLI_P_PATH] = "sda",
	[CLI_P_MAP] = "mpatha",
	[CLI_P_GROUP] = "2",
	[CLI_P_FORMAT] = "%n %w",
	[CLI_P_KEY] = "0x123abc",
};

/* The request for row c with spelling choice bits (bit i: the second name
 * of word i, where it has one), as the client sends it. */
static void build_request(const struct cli_command *c, unsigned int choice,
			  struct strbuf *sb)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < CLI_MAX_WORDS && c->words[i]; i++) {
		const struct cli_word_def *w = &cli_words[c->words[i]];
		const char *name = w->names[0];

		if ((choice >> i) & 1 && w->names[1])
			name = w->names[1];
		strbuf_printf(sb, "%s ", name);
		if (w->param == CLI_P_FORMAT)
			strbuf_printf(sb, "\"%s\" ", param_value[w->param]);
		else if (w->param)
			strbuf_printf(sb, "%s ", param_value[w->param]);
	}
	strbuf_addc(sb, '\n');
}

static void check_row(size_t id, const char *request)
{
	const struct cli_command *c = &cli_commands[id];
	struct cli_args args;
	size_t i;
	int p;

	if (cli_parse(request, &args) != 0)
		fail_msg("\"%s\" does not parse", request);
	assert_int_equal(args.id, id);
	assert_ptr_equal(args.cmd, c);
	for (p = CLI_P_NONE + 1; p < CLI_P_COUNT; p++) {
		bool has = false;

		for (i = 0; i < CLI_MAX_WORDS && c->words[i]; i++)
			has |= cli_words[c->words[i]].param == (enum cli_param)p;
		if (has)
			assert_string_equal(cli_arg(&args, p), param_value[p]);
		else
			assert_null(cli_arg(&args, p));
	}
	cli_args_free(&args);
}

static void test_every_row_every_spelling(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	unsigned int choice;
	size_t id;

	(void)state;
	for (id = 0; id < CLI_CMD_COUNT; id++)
		for (choice = 0; choice < 1u << CLI_MAX_WORDS; choice++) {
			build_request(&cli_commands[id], choice, &sb);
			check_row(id, strbuf_str(&sb));
		}
}

static void test_table(void **state)
{
	bool used[CLI_W_COUNT] = { false };
	size_t i, j, k;

	(void)state;
	for (i = 0; i < CLI_CMD_COUNT; i++) {
		const struct cli_command *c = &cli_commands[i];

		assert_true(c->words[0] != CLI_W_END);
		/* show commands are those that begin with list|show */
		assert_int_equal(!cli_needs_root(c), c->words[0] == CLI_W_LIST);
		for (k = 0; k < CLI_MAX_WORDS && c->words[k]; k++) {
			assert_true(c->words[k] < CLI_W_COUNT);
			used[c->words[k]] = true;
		}
		for (j = 0; j < i; j++)
			assert_memory_not_equal(c->words, cli_commands[j].words,
						CLI_MAX_WORDS);
	}
	for (i = CLI_W_END + 1; i < CLI_W_COUNT; i++) {
		const char *const *n;

		assert_true(used[i]);
		assert_non_null(cli_words[i].names[0]);
		/* every spelling means its word */
		for (n = cli_words[i].names; *n; n++)
			assert_int_equal(cli_find_word(*n), i);
	}
}

struct parse_case {
	const char *request;
	int result;
	enum cli_cmd id;
};

static void check_cases(const struct parse_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct cli_args args;
		int r = cli_parse(cases[i].request, &args);

		if (r != cases[i].result)
			fail_msg("\"%s\": %d, expected %d", cases[i].request, r,
				 cases[i].result);
		if (r == 0 && args.id != cases[i].id)
			fail_msg("\"%s\": command %d, expected %d",
				 cases[i].request, args.id, cases[i].id);
		cli_args_free(&args);
	}
}

static void test_abbreviations(void **state)
{
	static const struct parse_case cases[] = {
		{ "lis paths", 0, CLI_LIST_PATHS },
		{ "li paths", 0, CLI_LIST_PATHS },
		{ "sho paths", 0, CLI_LIST_PATHS },
		{ "show top", 0, CLI_LIST_TOPOLOGY },
		{ "show map mpatha top", 0, CLI_LIST_MAP_TOPOLOGY },
		{ "show multipaths", 0, CLI_LIST_MAPS },
		{ "show con loc", 0, CLI_LIST_CONFIG_LOCAL },
		{ "show bl", 0, CLI_LIST_BLACKLIST },
		{ "show dev", 0, CLI_LIST_DEVICES },
		{ "show w", 0, CLI_LIST_WILDCARDS },
		{ "show maps j", 0, CLI_LIST_MAPS_JSON },
		{ "show paths ra form %d", 0, CLI_LIST_PATHS_RAW_FMT },
		{ "switchg map mpatha gr 2", 0, CLI_SWITCH_GROUP },
		{ "reconfigure al", 0, CLI_RECONFIGURE_ALL },
		{ "reconf", 0, CLI_RECONFIGURE },
		{ "rei path sda", 0, CLI_REINSTATE_PATH },
		{ "q", 0, CLI_QUIT },
		{ "e", 0, CLI_QUIT },
		{ "shu", 0, CLI_SHUTDOWN },
		{ "unsetm map mpatha", 0, CLI_UNSETMARGINAL_MAP },
		/* a prefix of two spellings is nothing, even of one word */
		{ "sh paths", -ENOENT, 0 },		/* show, shutdown */
		{ "sw map mpatha group 2", -ENOENT, 0 }, /* switch(group) */
		{ "l paths", -ENOENT, 0 },		/* list, local */
		{ "show pa", -ESRCH, 0 },		/* paths, path */
		{ "show m", -ESRCH, 0 },
		{ "show ma", -ESRCH, 0 },		/* maps, map */
		{ "show mu", -ESRCH, 0 },		/* multipath(s) */
		{ "show st", -ESRCH, 0 },		/* status, stats */
		{ "re", -ESRCH, 0 },
		/* spelling is case-sensitive */
		{ "SHOW paths", -ENOENT, 0 },
		{ "show PATHS", -ESRCH, 0 },
		/* longer than the word */
		{ "showx paths", -ENOENT, 0 },
	};

	(void)state;
	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_bad_requests(void **state)
{
	static const struct parse_case cases[] = {
		/* nothing to parse: the reference says "Not enough memory" */
		{ "", -ENODATA, 0 },
		{ " \t\n\r\v\f", -ENODATA, 0 },
		{ "\n", -ENODATA, 0 },
		{ "# show paths", -ENODATA, 0 },
		{ "  ! show paths", -ENODATA, 0 },
		{ "\xc3\xa9", -ENODATA, 0 },
		/* only quotes: no words, no command */
		{ "\"\"", -EINVAL, 0 },
		{ "\" \"", -ENOENT, 0 },
		/* unknown words: at the end, elsewhere */
		{ "help \n", -ESRCH, 0 },
		{ "show bogus \n", -ESRCH, 0 },
		{ "bogus paths", -ENOENT, 0 },
		{ "show paths extra", -ESRCH, 0 },
		{ "show \"bogus\"", -ENOENT, 0 },
		{ "show \"bogus", -ESRCH, 0 },
		{ "show {", -ESRCH, 0 },
		{ "show paths }", -ESRCH, 0 },
		{ "show paths { x", -ENOENT, 0 },
		/* missing parameter */
		{ "show path", -EINVAL, 0 },
		{ "show map mpatha format", -EINVAL, 0 },
		{ "switch map mpatha group", -EINVAL, 0 },
		{ "setprkey map mpatha key \n", -EINVAL, 0 },
		{ "show map \"\"", -EINVAL, 0 },
		{ "show map # json", -EINVAL, 0 },
		/* words of no command */
		{ "show", -EINVAL, 0 },
		{ "paths show", -EINVAL, 0 },
		{ "show paths topology", -EINVAL, 0 },
		{ "show paths paths paths paths", -EINVAL, 0 },
		{ "reconfigure reconfigure", -EINVAL, 0 },
		/* repeating list is no way around the root check */
		{ "list list path sda", -EINVAL, 0 },
		{ "list add path sda", -EINVAL, 0 },
		{ "add path", -EINVAL, 0 },
	};

	(void)state;
	check_cases(cases, ARRAY_SIZE(cases));
}

static void test_separators_and_comments(void **state)
{
	static const struct parse_case cases[] = {
		{ "show paths\n", 0, CLI_LIST_PATHS },
		{ "\t show   paths \n\n", 0, CLI_LIST_PATHS },
		{ "show paths # a comment", 0, CLI_LIST_PATHS },
		{ "show paths#comment", 0, CLI_LIST_PATHS },
		{ "show paths ! comment", 0, CLI_LIST_PATHS },
		{ "show#paths", -EINVAL, 0 },
		/* bytes above 0x7f separate words outside quotes */
		{ "show\xc3\xa9paths", 0, CLI_LIST_PATHS },
		{ "\"show\" \"paths\"", 0, CLI_LIST_PATHS },
		{ "show\"paths\"", 0, CLI_LIST_PATHS },
		{ "\"show paths\"", -ENOENT, 0 },
	};

	(void)state;
	check_cases(cases, ARRAY_SIZE(cases));
}

static void check_param(const char *request, enum cli_cmd id,
			enum cli_param p, const char *value)
{
	struct cli_args args;

	if (cli_parse(request, &args) != 0)
		fail_msg("\"%s\" does not parse", request);
	assert_int_equal(args.id, id);
	assert_string_equal(cli_arg(&args, p), value);
	cli_args_free(&args);
}

static void test_parameters(void **state)
{
	(void)state;
	check_param("show paths format \"%d %w %t\"\n", CLI_LIST_PATHS_FMT,
		    CLI_P_FORMAT, "%d %w %t");
	check_param("show maps format \"a \"\"b\"\" c\"", CLI_LIST_MAPS_FMT,
		    CLI_P_FORMAT, "a \"b\" c");
	/* a missing closing quote takes the rest, newline and all */
	check_param("show maps raw format \"%n %w\n", CLI_LIST_MAPS_RAW_FMT,
		    CLI_P_FORMAT, "%n %w\n");
	/* quoted: comments, braces, other bytes are text */
	check_param("show paths format \"#{%d}!\xc3\xa9\"", CLI_LIST_PATHS_FMT,
		    CLI_P_FORMAT, "#{%d}!\xc3\xa9");
	check_param("show paths format \"\"\"%d\"", CLI_LIST_PATHS_FMT,
		    CLI_P_FORMAT, "\"%d");
	/* a parameter is the next word, whatever it says */
	check_param("show map show topology", CLI_LIST_MAP_TOPOLOGY, CLI_P_MAP,
		    "show");
	check_param("fail path sdb", CLI_FAIL_PATH, CLI_P_PATH, "sdb");
	check_param("switchgroup multipath mpathb group 3", CLI_SWITCH_GROUP,
		    CLI_P_GROUP, "3");
	check_param("setprkey map mpatha key 0xabc", CLI_SETPRKEY_MAP_KEY,
		    CLI_P_KEY, "0xabc");
	/* an unquoted format ends at its first blank */
	check_param("show paths format %d", CLI_LIST_PATHS_FMT, CLI_P_FORMAT,
		    "%d");
}

static void test_long_and_nul(void **state)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	static const char with_nul[] = "show\0paths";
	struct cli_args args;
	int i;

	(void)state;
	for (i = 0; i < 5000; i++)
		strbuf_append(&sb, "show ");
	assert_int_equal(cli_parse(strbuf_str(&sb), &args), -EINVAL);
	cli_args_free(&args);
	strbuf_reset(&sb);
	strbuf_append(&sb, "show map ");
	strbuf_fill(&sb, 'x', 100000);
	strbuf_append(&sb, " json");
	assert_int_equal(cli_parse(strbuf_str(&sb), &args), 0);
	assert_int_equal(args.id, CLI_LIST_MAP_JSON);
	assert_int_equal(strlen(cli_arg(&args, CLI_P_MAP)), 100000);
	cli_args_free(&args);
	/* the text of a message ends at its first NUL */
	assert_int_equal(cli_parse(with_nul, &args), -EINVAL);
	cli_args_free(&args);
}

static void test_tokenize(void **state)
{
	struct cli_tokens t;

	(void)state;
	assert_int_equal(cli_tokenize("a \"b c\" {d}", &t), 0);
	assert_int_equal(t.n, 5);
	assert_string_equal(t.tok[0].text, "a");
	assert_string_equal(t.tok[1].text, "b c");
	assert_false(t.tok[1].last);
	assert_string_equal(t.tok[2].text, "{");
	assert_string_equal(t.tok[3].text, "d");
	assert_string_equal(t.tok[4].text, "}");
	assert_true(t.tok[4].last);
	cli_tokens_free(&t);
	/* a closing quote is the last item: no word is last */
	assert_int_equal(cli_tokenize("a \"b\"", &t), 0);
	assert_int_equal(t.n, 2);
	assert_false(t.tok[1].last);
	cli_tokens_free(&t);
	/* inside quotes, blanks at the start and the end are kept */
	assert_int_equal(cli_tokenize("\"  x  \"", &t), 0);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.tok[0].text, "  x  ");
	cli_tokens_free(&t);
	assert_int_equal(cli_tokenize(" ", &t), -ENODATA);
	cli_tokens_free(&t);
}

static void test_help_is_the_reference_list(void **state)
{
	_cleanup_strbuf_ struct strbuf help = STRBUF_INIT;
	_cleanup_strbuf_ struct strbuf want = STRBUF_INIT;
	_cleanup_free_ char *list =
		read_test_file(test_data_path("cli/help-0.9.4.txt"));

	(void)state;
	assert_int_equal(cli_help(&help), 0);
	strbuf_append(&want, VERSION_LINE);
	strbuf_append(&want, list);
	/* the reference's list, then our commands beyond it */
	strbuf_append(&want, " list|show metrics\n"
		      " list|show paths json\n"
		      " list|show path $path json\n"
		      " list|show status json\n"
		      " list|show daemon json\n"
		      " getprhold map|multipath $map\n"
		      " setprhold map|multipath $map\n"
		      " unsetprhold map|multipath $map\n");
	assert_string_equal(strbuf_str(&help), strbuf_str(&want));
}

static void check_default_reply(const char *request, int r, const char *start,
				bool help)
{
	_cleanup_strbuf_ struct strbuf reply = STRBUF_INIT;
	_cleanup_strbuf_ struct strbuf want = STRBUF_INIT;

	assert_int_equal(cli_default_reply(request, r, &reply), 0);
	strbuf_append(&want, start);
	if (help)
		cli_help(&want);
	assert_string_equal(strbuf_str(&reply), strbuf_str(&want));
}

static void test_default_replies(void **state)
{
	(void)state;
	/* as captured from the reference: the request is echoed with the
	 * client's trailing blank and newline */
	check_default_reply("show bogus \n", -ESRCH,
			    "show bogus \n: not found\n", true);
	check_default_reply("help \n", -ESRCH, "help \n: not found\n", true);
	check_default_reply("show path\n", -EINVAL,
			    "show path\n: Missing argument\n", true);
	check_default_reply("", -ENODATA, ": Not enough memory\n", true);
	check_default_reply("x", -ENOMEM, "x: Not enough memory\n", true);
	check_default_reply("x", 0, "ok\n", false);
	check_default_reply("x", -ETIMEDOUT, "timeout\n", false);
	check_default_reply("x", -EPERM, "permission deny: need to be root\n",
			    false);
	check_default_reply("bogus paths", -ENOENT, "fail\n", false);
	check_default_reply("x", 1, "fail\n", false);
	check_default_reply("x", -EIO, "fail\n", false);
}

/* Handlers that record what they were given. */
struct fake_daemon {
	int calls;
	enum cli_cmd last;
	char map[16];
	int result;
	const char *reply;
};

static int fake_handler(void *daemon, const struct cli_args *args,
			struct strbuf *reply)
{
	struct fake_daemon *d = daemon;

	d->calls++;
	d->last = args->id;
	snprintf(d->map, sizeof(d->map), "%s",
		 cli_arg(args, CLI_P_MAP) ? cli_arg(args, CLI_P_MAP) : "");
	if (d->reply)
		strbuf_append(reply, d->reply);
	return d->result;
}

static const cli_handler handlers[CLI_CMD_COUNT] = {
	[CLI_LIST_PATHS] = fake_handler,
	[CLI_LIST_MAP_JSON] = fake_handler,
	[CLI_ADD_PATH] = fake_handler,
	[CLI_DEL_MAP] = fake_handler,
};

static void check_handle(struct fake_daemon *d, const char *request,
			 bool is_root, int result, const char *reply)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	assert_int_equal(cli_handle(request, is_root, handlers, d, &sb),
			 result);
	assert_string_equal(strbuf_str(&sb), reply);
}

static void test_handle(void **state)
{
	_cleanup_strbuf_ struct strbuf help = STRBUF_INIT;
	struct fake_daemon d = { 0 };
	char *bogus;

	(void)state;
	check_handle(&d, "show paths \n", false, 0, "ok\n");
	assert_int_equal(d.calls, 1);
	assert_int_equal(d.last, CLI_LIST_PATHS);
	/* show commands for everybody, the others for root only */
	check_handle(&d, "add path sda \n", false, -EPERM,
		     "permission deny: need to be root\n");
	assert_int_equal(d.calls, 1);
	check_handle(&d, "add path sda \n", true, 0, "ok\n");
	assert_int_equal(d.calls, 2);
	/* a handler's own reply is sent as it is */
	d.reply = "{ \"maps\": [] }\n";
	check_handle(&d, "show map mpatha json", false, 0, d.reply);
	assert_string_equal(d.map, "mpatha");
	d.result = 1;
	check_handle(&d, "remove map mpatha", true, 1, d.reply);
	/* without one, its result chooses */
	d.reply = NULL;
	check_handle(&d, "remove map mpatha", true, 1, "fail\n");
	d.result = -ETIMEDOUT;
	check_handle(&d, "remove map mpatha", true, -ETIMEDOUT, "timeout\n");
	/* a command the daemon does not have */
	check_handle(&d, "shutdown", true, -ENOSYS, "fail\n");
	/* parse errors come before the permission check */
	cli_default_reply("bogus", -ESRCH, &help);
	check_handle(&d, "bogus", false, -ESRCH, strbuf_str(&help));
	check_handle(&d, "bogus paths", false, -ENOENT, "fail\n");
	bogus = strdup("list list path sda");
	strbuf_reset(&help);
	cli_default_reply(bogus, -EINVAL, &help);
	check_handle(&d, bogus, false, -EINVAL, strbuf_str(&help));
	free(bogus);
	assert_int_equal(d.calls, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_every_row_every_spelling),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_bad_requests),
		cmocka_unit_test(test_separators_and_comments),
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_long_and_nul),
		cmocka_unit_test(test_tokenize),
		cmocka_unit_test(test_help_is_the_reference_list),
		cmocka_unit_test(test_default_replies),
		cmocka_unit_test(test_handle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
