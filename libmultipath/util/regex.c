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

/*
 * What glibc's regcomp() builds grows with the repetitions: "x+" is two
 * copies of x, "x{m,n}" n copies, and stacked or nested repetitions
 * multiply, so a short pattern ("(x{255}){255}", a hundred "+" in a row,
 * "(){29999}") takes gigabytes. The size of a pattern is estimated here:
 * an atom is 1, a group 1 more than the sum of its alternatives' sizes,
 * each repetition multiplies what it repeats (by 2 for "+" and "*",
 * by the larger bound for "{m,n}"). The time regcomp() takes grows
 * faster than that size where optional items are copied ("((a?)*){1000}"
 * is 3 s, "{5000}" 3 minutes: the epsilon closures), hence the low
 * bound. Patterns are small things in practice: the hardware table's
 * longest is under 100.
 */
#define REGEX_MAX_SIZE 2000ULL

static unsigned long long clamp(unsigned long long v)
{
	return v > REGEX_MAX_SIZE ? REGEX_MAX_SIZE + 1 : v;
}

/* a bound of "{m,n}" at *p: its value (at most 32767), *p past it */
static unsigned long long bound(const char **p)
{
	unsigned long long v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v < 100000)
			v = v * 10 + (unsigned long long)(**p - '0');
		(*p)++;
	}
	return v;
}

/* The size of the sequence at *p up to ')' or the end; *p is left there. */
static unsigned long long seq_size(const char **p, int depth)
{
	unsigned long long total = 0, alt = 0, last = 0;
	const char *s = *p;

	/* outside any group a ")" is a plain character, as glibc reads it */
	while (*s && (*s != ')' || depth == 0)) {
		if (*s == '|') {
			total = clamp(total + alt);
			alt = last = 0;
			s++;
			continue;
		}
		if (*s == '*' || *s == '?' || *s == '+' || *s == '{') {
			unsigned long long f = 1;

			if (*s == '+' || *s == '*')
				f = 2;
			else if (*s == '{') {
				unsigned long long m, n;

				s++;
				m = bound(&s);
				n = m;
				if (*s == ',') {
					s++;
					n = (*s >= '0' && *s <= '9') ? bound(&s) : m;
				}
				f = (m > n ? m : n) + 1;
				if (*s != '}')
					continue;
			}
			s++;
			/* the repeated item grows; so does the alternative */
			alt = clamp(alt - last + clamp(last * f));
			last = clamp(last * f);
			continue;
		}
		if (*s == '(') {
			s++;
			/* a group is a node of its own, empty or not:
			 * "(){29999}" is 29999 of them */
			last = depth < 64 ? clamp(seq_size(&s, depth + 1) + 1) :
					    REGEX_MAX_SIZE + 1;
			if (*s == ')')
				s++;
		} else if (*s == '[') {
			/* a bracket expression is one atom: "[]x]", "[^]x]" */
			s++;
			if (*s == '^')
				s++;
			if (*s == ']')
				s++;
			while (*s && *s != ']')
				s++;
			if (*s)
				s++;
			last = 1;
		} else {
			if (*s == '\\' && s[1])
				s++;
			s++;
			last = 1;
		}
		alt = clamp(alt + last);
	}
	*p = s;
	return clamp(total + alt);
}

int mp_regex_check(const char *pattern)
{
	const char *p = pattern;

	return seq_size(&p, 0) > REGEX_MAX_SIZE ? -E2BIG : 0;
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
	if (!re->literal && mp_regex_check(re->body) < 0) {
		free(re->pattern);
		free(re);
		*err = -E2BIG;
		return NULL;
	}
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
