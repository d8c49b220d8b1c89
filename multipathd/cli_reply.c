/* From a request's text to its reply: the help generated from the
 * command table, the reference's default replies, and the dispatch. */
#include <errno.h>

#include "cli_reply.h"

/* The reference prints "multipath-tools v0.9.4 (12/19, 2022)" here. */
#define VERSION_LINE "multipath-tools v" MP_VERSION "\n"

int cli_print_command(const struct cli_command *c, struct strbuf *out)
{
	size_t i, start = strbuf_len(out);
	const char *const *name;

	for (i = 0; i < CLI_MAX_WORDS && c->words[i]; i++) {
		const struct cli_word_def *w = &cli_words[c->words[i]];

		for (name = w->names; *name; name++)
			if (strbuf_printf(out, "%s%s", name == w->names ? " " : "|",
					  *name) < 0)
				goto fail;
		if (w->param && strbuf_printf(out, " $%s", w->names[0]) < 0)
			goto fail;
	}
	return 0;
fail:
	strbuf_truncate(out, start);
	return -ENOMEM;
}

int cli_help(struct strbuf *out)
{
	size_t i;

	if (strbuf_append(out, VERSION_LINE "CLI commands reference:\n") < 0)
		return -ENOMEM;
	for (i = 0; i < CLI_CMD_COUNT; i++)
		if (cli_print_command(&cli_commands[i], out) < 0 ||
		    strbuf_addc(out, '\n') < 0)
			return -ENOMEM;
	return 0;
}

/* Why the reference answers r with the help, or NULL. */
static const char *help_reason(int r)
{
	switch (r) {
	case -ESRCH:
		return "not found";
	case -EINVAL:
		return "Missing argument";
	case -ENOMEM:
	case -ENODATA:
		return "Not enough memory";
	}
	return NULL;
}

static const char *short_reply(int r)
{
	switch (r) {
	case 0:
		return "ok\n";
	case -ETIMEDOUT:
		return "timeout\n";
	case -EPERM:
		return "permission deny: need to be root\n";
	}
	return "fail\n";
}

int cli_default_reply(const char *request, int r, struct strbuf *reply)
{
	const char *why = help_reason(r);

	if (!why)
		return strbuf_append(reply, short_reply(r)) < 0 ? -ENOMEM : 0;
	if (strbuf_printf(reply, "%s: %s\n", request, why) < 0)
		return -ENOMEM;
	return cli_help(reply);
}

int cli_handle(const char *request, bool is_root, const cli_handler *handlers,
	       void *daemon, struct strbuf *reply)
{
	struct cli_args args;
	int r = cli_parse(request, &args);

	if (r == 0 && !is_root && cli_needs_root(args.cmd))
		r = -EPERM;
	else if (r == 0 && !handlers[args.id])
		r = -ENOSYS;
	else if (r == 0)
		r = handlers[args.id](daemon, &args, reply);
	cli_args_free(&args);
	if (strbuf_len(reply) == 0 && cli_default_reply(request, r, reply) < 0)
		return -ENOMEM;
	return r;
}
