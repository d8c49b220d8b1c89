/* Turning a multipathd request into a command and its parameters (the
 * rules are in cli_parse.h). */
#include <errno.h>
#include <string.h>

#include "cli_parse.h"

enum cli_word cli_find_word(const char *s)
{
	size_t len = strlen(s), prefixes = 0;
	enum cli_word found = CLI_W_END;
	const char *const *name;
	int w;

	for (w = CLI_W_END + 1; w < CLI_W_COUNT; w++) {
		for (name = cli_words[w].names; *name; name++) {
			if (strncmp(*name, s, len))
				continue;
			if (!(*name)[len])
				return (enum cli_word)w;
			prefixes++;
			found = (enum cli_word)w;
		}
	}
	return prefixes == 1 ? found : CLI_W_END;
}

static const struct cli_command *find_command(const unsigned char *words)
{
	size_t i;

	for (i = 0; i < CLI_CMD_COUNT; i++)
		if (!memcmp(cli_commands[i].words, words, CLI_MAX_WORDS))
			return &cli_commands[i];
	return NULL;
}

int cli_parse(const char *request, struct cli_args *args)
{
	unsigned char words[CLI_MAX_WORDS] = { 0 };
	enum cli_param want = CLI_P_NONE;
	size_t i, n = 0;
	int r;

	memset(args, 0, sizeof(*args));
	r = cli_tokenize(request, &args->tokens);
	if (r < 0)
		return r;
	for (i = 0; i < args->tokens.n; i++) {
		const struct cli_token *t = &args->tokens.tok[i];
		enum cli_word w;

		if (want != CLI_P_NONE) {
			args->param[want] = t->text;
			want = CLI_P_NONE;
			continue;
		}
		w = cli_find_word(t->text);
		if (w == CLI_W_END)
			return t->last ? -ESRCH : -ENOENT;
		if (n < CLI_MAX_WORDS)
			words[n] = (unsigned char)w;
		n++;
		want = cli_words[w].param;
	}
	if (want != CLI_P_NONE || n > CLI_MAX_WORDS)
		return -EINVAL;
	args->cmd = find_command(words);
	if (!args->cmd)
		return -EINVAL;
	args->id = (enum cli_cmd)(args->cmd - cli_commands);
	return 0;
}

void cli_args_free(struct cli_args *args)
{
	cli_tokens_free(&args->tokens);
	memset(args, 0, sizeof(*args));
}
