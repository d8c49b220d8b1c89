/* Turning a multipathd request into a command of cli_commands[] and its
 * parameters, with the reference's rules: a word is its spelling or a
 * prefix of only one spelling (case matters: "sh" is ambiguous, "li" is
 * list, "SHOW" is nothing); a word that takes a parameter takes the next
 * word, whatever it is; the words must be those of one command in its
 * order, parameters aside. */
#ifndef MPD_CLI_PARSE_H
#define MPD_CLI_PARSE_H

#include "cli_table.h"
#include "cli_tokenize.h"

struct cli_args {
	enum cli_cmd id;
	const struct cli_command *cmd;
	/* the parameters the command's words took; NULL for the others */
	const char *param[CLI_P_COUNT];
	struct cli_tokens tokens;	/* owns the parameters' text */
};

/*
 * Parse request (the text of a message). 0, or what the reference would
 * answer about it (cli_default_reply() writes that answer):
 * -ENODATA  the request is blank or a comment
 * -ESRCH    its last word is no word of the language ("not found")
 * -ENOENT   another word is no word of the language
 * -EINVAL   a parameter is missing, or no command has these words
 * -ENOMEM
 * args needs cli_args_free() in every case.
 */
int cli_parse(const char *request, struct cli_args *args);
void cli_args_free(struct cli_args *args);

/* The word s stands for, CLI_W_END when none or ambiguous. */
enum cli_word cli_find_word(const char *s);

static inline const char *cli_arg(const struct cli_args *args,
				  enum cli_param p)
{
	return args->param[p];
}

#endif
