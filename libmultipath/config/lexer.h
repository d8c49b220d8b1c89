/* Tokenizer of multipath.conf text: words, quoted strings, braces. */
#ifndef MP_CONFIG_LEXER_H
#define MP_CONFIG_LEXER_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

enum cfg_tok_kind {
	TOK_WORD,
	TOK_OPEN,	/* { */
	TOK_CLOSE,	/* } */
};

struct cfg_token {
	unsigned line;
	enum cfg_tok_kind kind;
	bool quoted;
	const char *text;	/* unescaped, NUL-terminated */
};

struct cfg_tokens {
	struct cfg_token *tok;
	size_t n;
	char *pool;
};

/*
 * Split buf into tokens. '#' and '!' outside quotes start a comment that
 * runs to the end of the line; '{' and '}' are tokens of their own; a
 * quoted string may contain "" for a literal quote and ends at the end of
 * its line when the closing quote is missing (warned about, naming file,
 * and added to diag when not NULL). Returns 0 or -ENOMEM.
 */
int cfg_tokenize(const char *buf, size_t len, const char *file,
		 struct strbuf *diag, struct cfg_tokens *out);
void cfg_tokens_free(struct cfg_tokens *t);

#endif
