/* libFuzzer target: multipathd's request parser on arbitrary text (up to
 * the first NUL, as the daemon sees a message). Besides not crashing: the
 * result is one the reference has; a parsed request names a row and has
 * exactly the parameters of that row's words; the same command written
 * out again (parameters quoted) parses to the same row and parameters;
 * the reply to it is built for root and others alike, and refuses others
 * exactly the commands that need root. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli_parse.h"
#include "cli_reply.h"

static int ok_handler(void *daemon, const struct cli_args *args,
		      struct strbuf *reply)
{
	(void)reply;
	if (daemon != (void *)&ok_handler || !args->cmd)
		abort();
	return 0;
}

static void write_out(const struct cli_args *args, struct strbuf *sb)
{
	const struct cli_command *c = args->cmd;
	size_t i;

	for (i = 0; i < CLI_MAX_WORDS && c->words[i]; i++) {
		const struct cli_word_def *w = &cli_words[c->words[i]];

		if (strbuf_printf(sb, "%s ", w->names[0]) < 0 ||
		    (w->param && (strbuf_append_quoted(sb, args->param[w->param]) < 0 ||
				  strbuf_addc(sb, ' ') < 0)))
			abort();
	}
}

static void check_parsed(const struct cli_args *args)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	bool has[CLI_P_COUNT] = { false };
	struct cli_args again;
	size_t i;
	int p;

	if (!args->cmd || args->cmd != &cli_commands[args->id])
		abort();
	for (i = 0; i < CLI_MAX_WORDS && args->cmd->words[i]; i++)
		has[cli_words[args->cmd->words[i]].param] = true;
	for (p = CLI_P_NONE + 1; p < CLI_P_COUNT; p++)
		if (has[p] != (args->param[p] != NULL) ||
		    (args->param[p] && !*args->param[p]))
			abort();
	write_out(args, &sb);
	if (cli_parse(strbuf_str(&sb), &again) != 0 || again.id != args->id)
		abort();
	for (p = CLI_P_NONE + 1; p < CLI_P_COUNT; p++)
		if (has[p] && strcmp(again.param[p], args->param[p]))
			abort();
	cli_args_free(&again);
}

static void check_handle(const char *request, const struct cli_args *args,
			 int r)
{
	static const cli_handler all_ok[CLI_CMD_COUNT] = {
		[0 ... CLI_CMD_COUNT - 1] = ok_handler,
	};
	_cleanup_strbuf_ struct strbuf reply = STRBUF_INIT;
	int root, want;

	for (root = 0; root < 2; root++) {
		want = r;
		if (r == 0 && !root && cli_needs_root(args->cmd))
			want = -EPERM;
		strbuf_reset(&reply);
		if (cli_handle(request, root, all_ok, (void *)&ok_handler,
			       &reply) != want || strbuf_len(&reply) == 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *request = strndup((const char *)data, size);
	struct cli_args args;
	int r;

	if (!request)
		return 0;
	r = cli_parse(request, &args);
	if (r != 0 && r != -ENODATA && r != -ESRCH && r != -ENOENT &&
	    r != -EINVAL && r != -ENOMEM)
		abort();
	if (r == 0)
		check_parsed(&args);
	check_handle(request, &args, r);
	cli_args_free(&args);
	free(request);
	return 0;
}
