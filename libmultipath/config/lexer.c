/* Tokenizer of multipath.conf text: words, quoted strings, braces. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/kwtypes.h"
#include "config/lexer.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' ||
	       c == '\f' || c == '\0';
}

static bool ends_word(char c)
{
	return is_blank(c) || c == '\n' || c == '{' || c == '}' ||
	       c == '#' || c == '!' || c == '"';
}

static int push(struct cfg_tokens *t, size_t *cap, struct cfg_token tok)
{
	if (t->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct cfg_token *p = realloc(t->tok, ncap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		t->tok = p;
		*cap = ncap;
	}
	t->tok[t->n++] = tok;
	return 0;
}

int cfg_tokenize(const char *buf, size_t len, const char *file,
		 struct strbuf *diag, struct cfg_tokens *out)
{
	size_t i = 0, cap = 0;
	unsigned line = 1;
	char *w;

	memset(out, 0, sizeof(*out));
	/* every token's text is at most its source bytes plus a NUL */
	out->pool = malloc(2 * len + 1);
	if (!out->pool)
		return -ENOMEM;
	w = out->pool;

	while (i < len) {
		struct cfg_token tok = { .line = line, .kind = TOK_WORD };
		char c = buf[i];

		if (c == '\n') {
			line++;
			i++;
			continue;
		}
		if (is_blank(c)) {
			i++;
			continue;
		}
		if (c == '#' || c == '!') {
			while (i < len && buf[i] != '\n')
				i++;
			continue;
		}
		if (c == '{' || c == '}') {
			tok.kind = c == '{' ? TOK_OPEN : TOK_CLOSE;
			tok.text = c == '{' ? "{" : "}";
			i++;
		} else if (c == '"') {
			tok.quoted = true;
			tok.text = w;
			for (i++;; i++) {
				if (i >= len || buf[i] == '\n') {
					struct cfg_loc loc = { file, line, diag };

					cfg_log(&loc, "missing closing quote");
					break;
				}
				if (buf[i] == '"') {
					if (i + 1 < len && buf[i + 1] == '"') {
						*w++ = '"';
						i++;
						continue;
					}
					i++;
					break;
				}
				*w++ = buf[i] ? buf[i] : ' ';
			}
			*w++ = '\0';
		} else {
			tok.text = w;
			while (i < len && !ends_word(buf[i]))
				*w++ = buf[i++];
			*w++ = '\0';
		}
		if (push(out, &cap, tok) < 0) {
			cfg_tokens_free(out);
			return -ENOMEM;
		}
	}
	return 0;
}

void cfg_tokens_free(struct cfg_tokens *t)
{
	free(t->tok);
	free(t->pool);
	memset(t, 0, sizeof(*t));
}
