/* Splitting a multipathd request into words (rules in cli_tokenize.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_tokenize.h"

/* outside quotes: what lies between words */
static bool is_sep(char c)
{
	unsigned char u = (unsigned char)c;

	return u == ' ' || (u >= '\t' && u <= '\r') || u >= 0x80;
}

/* outside quotes: what ends a bare word */
static bool ends_bare(char c)
{
	return !c || is_sep(c) || strchr("!#{}\"", c);
}

/* Copy one word from *p to *w: a bare one, or (in_string) the text up to
 * the closing quote, each "" becoming one quote. */
static void copy_word(const char **p, char **w, bool in_string)
{
	const char *s = *p;
	char *d = *w;

	for (;;) {
		while (*s && *s != '"' && (in_string || !ends_bare(*s)))
			*d++ = *s++;
		if (!in_string || s[0] != '"' || s[1] != '"')
			break;
		*d++ = '"';
		s += 2;
	}
	*d++ = '\0';
	*p = s;
	*w = d;
}

int cli_tokenize(const char *request, struct cli_tokens *out)
{
	size_t len = strlen(request);
	const char *p = request;
	bool in_string = false, word_last = false;
	char *w;

	memset(out, 0, sizeof(*out));
	while (*p && is_sep(*p))
		p++;
	if (!*p || *p == '!' || *p == '#')
		return -ENODATA;
	/* at most one word per byte; each word's text and NUL at most twice
	 * its bytes (a one-byte brace) */
	out->tok = calloc(len, sizeof(*out->tok));
	out->pool = malloc(2 * len + 1);
	if (!out->tok || !out->pool) {
		cli_tokens_free(out);
		return -ENOMEM;
	}
	w = out->pool;
	for (;;) {
		word_last = true;
		if (*p == '"' && !(in_string && p[1] == '"')) {
			in_string = !in_string;
			word_last = false;
			p++;
		} else if (!in_string && (*p == '{' || *p == '}')) {
			out->tok[out->n++].text = w;
			*w++ = *p++;
			*w++ = '\0';
		} else {
			out->tok[out->n++].text = w;
			copy_word(&p, &w, in_string);
		}
		while (!in_string && *p && is_sep(*p))
			p++;
		if (!*p || (!in_string && (*p == '!' || *p == '#')))
			break;
	}
	if (out->n)
		out->tok[out->n - 1].last = word_last;
	return 0;
}

void cli_tokens_free(struct cli_tokens *t)
{
	free(t->tok);
	free(t->pool);
	memset(t, 0, sizeof(*t));
}
