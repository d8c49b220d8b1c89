/* Unanchored extended-regex matching with a plain-text fast path. */
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "util/regex.h"

struct mp_regex {
	char *pattern;
	const char *body;	/* pattern without the '!' */
	bool invert;
	bool literal;		/* no metacharacters: substring search */
	regex_t re;
};

static bool is_literal(const char *s)
{
	return strpbrk(s, "^$.[]()|*+?{}\\") == NULL;
}

struct mp_regex *mp_regex_new(const char *pattern, bool negatable, int *err)
{
	struct mp_regex *re = calloc(1, sizeof(*re));
	int dummy;

	if (!err)
		err = &dummy;
	if (!re || !(re->pattern = strdup(pattern))) {
		free(re);
		*err = -ENOMEM;
		return NULL;
	}
	re->body = re->pattern;
	if (negatable && re->body[0] == '!') {
		re->invert = true;
		re->body++;
	}
	re->literal = is_literal(re->body);
	if (!re->literal &&
	    regcomp(&re->re, re->body, REG_EXTENDED | REG_NOSUB) != 0) {
		free(re->pattern);
		free(re);
		*err = -EINVAL;
		return NULL;
	}
	*err = 0;
	return re;
}

bool mp_regex_match(const struct mp_regex *re, const char *s)
{
	bool m;

	if (!s)
		s = "";
	if (re->literal)
		m = strstr(s, re->body) != NULL;
	else
		m = regexec(&re->re, s, 0, NULL, 0) == 0;
	return m != re->invert;
}

const char *mp_regex_pattern(const struct mp_regex *re)
{
	return re->pattern;
}

void mp_regex_free(struct mp_regex *re)
{
	if (!re)
		return;
	if (!re->literal)
		regfree(&re->re);
	free(re->pattern);
	free(re);
}
