/* A growable, always NUL-terminated string builder. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static int strbuf_reserve(struct strbuf *sb, size_t extra)
{
	size_t need, size;
	char *p;

	if (extra > (size_t)-1 / 2 - sb->len)
		return -ENOMEM;
	need = sb->len + extra + 1;
	if (need <= sb->size)
		return 0;
	size = sb->size ? sb->size : 64;
	while (size < need)
		size *= 2;
	p = realloc(sb->buf, size);
	if (!p)
		return -ENOMEM;
	sb->buf = p;
	sb->size = size;
	return 0;
}

int strbuf_appendn(struct strbuf *sb, const char *s, size_t n)
{
	if (strbuf_reserve(sb, n) < 0)
		return -ENOMEM;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return (int)n;
}

int strbuf_append(struct strbuf *sb, const char *s)
{
	return strbuf_appendn(sb, s, strlen(s));
}

int strbuf_addc(struct strbuf *sb, char c)
{
	return strbuf_appendn(sb, &c, 1);
}

int strbuf_fill(struct strbuf *sb, char c, size_t n)
{
	if (strbuf_reserve(sb, n) < 0)
		return -ENOMEM;
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return (int)n;
}

int strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return -EINVAL;
	if (strbuf_reserve(sb, (size_t)n) < 0)
		return -ENOMEM;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return n;
}

int strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
	return n;
}

int strbuf_append_escaped(struct strbuf *sb, const char *s,
			  strbuf_escape_fn esc)
{
	size_t start = sb->len;
	const char *p;
	char buf[STRBUF_ESCAPE_MAX];

	if (strbuf_addc(sb, '"') < 0)
		goto fail;
	for (p = s; *p; p++) {
		const char *e = esc((unsigned char)*p, buf);

		if (!e)
			continue;
		if (strbuf_appendn(sb, s, (size_t)(p - s)) < 0 ||
		    strbuf_append(sb, e) < 0)
			goto fail;
		s = p + 1;
	}
	if (strbuf_append(sb, s) < 0 || strbuf_addc(sb, '"') < 0)
		goto fail;
	return (int)(sb->len - start);
fail:
	strbuf_truncate(sb, start);
	return -ENOMEM;
}

static const char *double_quote(unsigned char c, char *buf)
{
	(void)buf;
	return c == '"' ? "\"\"" : NULL;
}

int strbuf_append_quoted(struct strbuf *sb, const char *s)
{
	return strbuf_append_escaped(sb, s, double_quote);
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void strbuf_truncate(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

char *strbuf_steal(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : strdup("");

	sb->buf = NULL;
	sb->len = sb->size = 0;
	return s;
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_truncate(sb, 0);
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->size = 0;
}
