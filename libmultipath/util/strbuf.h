/* A growable, always NUL-terminated string builder. */
#ifndef MP_UTIL_STRBUF_H
#define MP_UTIL_STRBUF_H

#include <stddef.h>
#include <stdarg.h>
#include "util/cleanup.h"

struct strbuf {
	char *buf;
	size_t len;
	size_t size;
};

#define STRBUF_INIT { NULL, 0, 0 }

/* All appenders return the number of bytes added, or -ENOMEM. Their
 * source must not point into sb itself (it may move when sb grows). */
int strbuf_append(struct strbuf *sb, const char *s);
int strbuf_appendn(struct strbuf *sb, const char *s, size_t n);
int strbuf_addc(struct strbuf *sb, char c);
int strbuf_fill(struct strbuf *sb, char c, size_t n);
int strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append s surrounded by double quotes, doubling embedded quotes. */
int strbuf_append_quoted(struct strbuf *sb, const char *s);
/* The text to write for byte c (at most STRBUF_ESCAPE_MAX bytes with the
 * NUL, possibly put in buf), or NULL to copy c as it is. */
#define STRBUF_ESCAPE_MAX 8
typedef const char *(*strbuf_escape_fn)(unsigned char c, char *buf);
/* Append s surrounded by double quotes, each byte through esc. */
int strbuf_append_escaped(struct strbuf *sb, const char *s,
			  strbuf_escape_fn esc);

/* The text so far; "" for an empty buffer, never NULL. */
const char *strbuf_str(const struct strbuf *sb);
static inline size_t strbuf_len(const struct strbuf *sb)
{
	return sb->len;
}
/* Cut the text back to len bytes (no-op if already shorter). */
void strbuf_truncate(struct strbuf *sb, size_t len);
/* Give the heap string to the caller (never NULL unless out of memory). */
char *strbuf_steal(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

#define _cleanup_strbuf_ _cleanup_(strbuf_free)

#endif
