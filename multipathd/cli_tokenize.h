/* Splitting a multipathd request into words, with the reference's rules:
 * blanks and non-ASCII bytes separate words; "..." makes one word of what
 * it encloses (spaces too, "" in it stands for one quote, a missing
 * closing quote takes the rest); { and } are words of their own; ! or #
 * outside quotes ends the request. */
#ifndef MPD_CLI_TOKENIZE_H
#define MPD_CLI_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>

struct cli_token {
	const char *text;
	/* nothing follows, not even a closing quote: the reference tells an
	 * unknown last word ("not found") from one in the middle */
	bool last;
};

struct cli_tokens {
	struct cli_token *tok;
	size_t n;
	char *pool;
};

/* 0 (the words may be none: a request of quotes only), -ENODATA when the
 * request is blank or a comment, -ENOMEM. */
int cli_tokenize(const char *request, struct cli_tokens *out);
void cli_tokens_free(struct cli_tokens *t);

#endif
