/* A JSON syntax check (RFC 8259), enough for what the daemon prints:
 * json_valid(text) is true when text is one JSON value (blanks around it
 * allowed). Shared by the unit tests and the guest's mp_jsoncheck. */
#ifndef TESTS_JSONCHECK_H
#define TESTS_JSONCHECK_H

#include <stdbool.h>
#include <string.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static inline const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static inline const char *json_value(const char *p, int depth);

static inline const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL;	/* NUL included: unterminated */
		if (*p != '\\')
			continue;
		p++;
		if (*p == 'u') {
			int k;

			for (k = 1; k <= 4; k++)
				if (!strchr("0123456789abcdefABCDEF", p[k]) ||
				    !p[k])
					return NULL;
			p += 4;
		} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
			return NULL;
		}
	}
	return p + 1;
}

static inline const char *json_number(const char *p)
{
	const char *s;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		for (s = ++p; *p >= '0' && *p <= '9'; p++)
			;
		if (p == s)
			return NULL;
	}
	return p;
}

/* the members of an object (close '}') or the elements of an array */
static inline const char *json_items(const char *p, char close, int depth)
{
	p = ws(p);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (close == '}') {
			p = json_string(ws(p));
			if (!p || *(p = ws(p)) != ':')
				return NULL;
			p++;
		}
		p = json_value(p, depth + 1);
		if (!p)
			return NULL;
		p = ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static inline const char *json_value(const char *p, int depth)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t i;

	p = ws(p);
	if (depth > 32)
		return NULL;
	if (*p == '{' || *p == '[')
		return json_items(p + 1, *p == '{' ? '}' : ']', depth);
	if (*p == '"')
		return json_string(p);
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (!strncmp(p, words[i], strlen(words[i])))
			return p + strlen(words[i]);
	return json_number(p);
}

static inline bool json_valid(const char *text)
{
	const char *end = json_value(text, 0);

	return end && !*ws(end);
}

#endif
