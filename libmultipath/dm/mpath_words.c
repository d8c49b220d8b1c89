/* Words of dm-multipath tables and status: the reader that splits and
 * reads them, word lists, and the dmsetup line prefix. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dm/mpath_table.h"
#include "dm/mpath_words.h"
#include "util/cleanup.h"

/* ---- splitting and reading words ------------------------------------- */

void reader_free(struct reader *r)
{
	free(r->v);
}

static bool dmmp_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static bool is_word_char(char c)
{
	unsigned char u = (unsigned char)c;

	return u > ' ' && u < 0x7f && u != '\\';
}

/* Visit each word of s; -EINVAL for a byte that may not be in a word or a
 * word longer than DMMP_MAX_WORD. With v NULL only counts into *n. */
static int scan_words(const char *s, struct span *v, size_t *n)
{
	const char *start;

	*n = 0;
	for (;;) {
		while (dmmp_is_space(*s))
			s++;
		if (!*s)
			return 0;
		for (start = s; *s && !dmmp_is_space(*s); s++)
			if (!is_word_char(*s) || s - start >= DMMP_MAX_WORD)
				return -EINVAL;
		if (v)
			v[*n] = (struct span){ start, (size_t)(s - start) };
		(*n)++;
	}
}

int reader_init(struct reader *r, const char *s)
{
	size_t n;
	int rc;

	memset(r, 0, sizeof(*r));
	if (!s)
		return -EINVAL;
	rc = scan_words(s, NULL, &n);
	if (rc < 0)
		return rc;
	r->v = calloc(n ? n : 1, sizeof(*r->v));
	if (!r->v)
		return -ENOMEM;
	return scan_words(s, r->v, &r->n);
}

size_t reader_left(const struct reader *r)
{
	return r->n - r->i;
}

const struct span *reader_next(struct reader *r)
{
	return r->i < r->n ? &r->v[r->i++] : NULL;
}

/* A decimal number as the kernel prints it with %u: digits only. */
int dmmp_parse_uint(const char *s, size_t len, unsigned int *val)
{
	unsigned long long v = 0;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (unsigned int)(s[i] - '0');
		if (v > UINT_MAX)
			return -EINVAL;
	}
	*val = (unsigned int)v;
	return 0;
}

int reader_uint(struct reader *r, unsigned int min, unsigned int max,
		unsigned int *val)
{
	const struct span *w = reader_next(r);
	unsigned int v;

	if (!w || dmmp_parse_uint(w->s, w->len, &v) < 0 || v < min || v > max)
		return -EINVAL;
	*val = v;
	return 0;
}

/* A one-letter word out of the set allowed. */
int reader_state(struct reader *r, const char *allowed, char *state)
{
	const struct span *w = reader_next(r);

	if (!w || w->len != 1 || !strchr(allowed, w->s[0]))
		return -EINVAL;
	*state = w->s[0];
	return 0;
}

int reader_words(struct reader *r, unsigned int n, struct dmmp_words *w)
{
	unsigned int i;

	if (n > reader_left(r))
		return -EINVAL;
	if (!n)
		return 0;
	w->w = calloc(n, sizeof(*w->w));
	if (!w->w)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const struct span *s = reader_next(r);

		w->w[i] = strndup(s->s, s->len);
		if (!w->w[i])
			return -ENOMEM;
		w->n = i + 1;
	}
	return 0;
}

/* "<n> <word>...", n at most max. */
int reader_counted(struct reader *r, unsigned int max,
		   struct dmmp_words *w)
{
	unsigned int n;
	int rc = reader_uint(r, 0, max, &n);

	return rc < 0 ? rc : reader_words(r, n, w);
}

static int parse_devt(const struct span *w, unsigned int *major,
		      unsigned int *minor)
{
	const char *colon = w ? memchr(w->s, ':', w->len) : NULL;

	if (!colon ||
	    dmmp_parse_uint(w->s, (size_t)(colon - w->s), major) < 0 ||
	    dmmp_parse_uint(colon + 1, w->len - (size_t)(colon - w->s) - 1, minor) < 0 ||
	    *major > DEVT_MAX_MAJOR || *minor > DEVT_MAX_MINOR)
		return -EINVAL;
	return 0;
}

void dmmp_set_devt(struct dmmp_path *p, unsigned int major,
		   unsigned int minor)
{
	p->major = major;
	p->minor = minor;
	snprintf(p->devt, sizeof(p->devt), "%u:%u", major, minor);
}

int reader_devt(struct reader *r, struct dmmp_path *p)
{
	unsigned int major, minor;

	if (parse_devt(reader_next(r), &major, &minor) < 0)
		return -EINVAL;
	dmmp_set_devt(p, major, minor);
	return 0;
}

void dmmp_words_swap(struct dmmp_words *a, struct dmmp_words *b)
{
	struct dmmp_words tmp = *a;

	*a = *b;
	*b = tmp;
}

void dmmp_words_free(struct dmmp_words *w)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
	free(w->w);
	w->w = NULL;
	w->n = 0;
}

bool dmmp_valid_word(const char *s)
{
	size_t len;

	if (!s || !*s)
		return false;
	for (len = 0; s[len]; len++)
		if (!is_word_char(s[len]) || len >= DMMP_MAX_WORD)
			return false;
	return true;
}

bool dmmp_valid_words(const struct dmmp_words *w, unsigned int max)
{
	unsigned int i;

	if (w->n > max || (w->n && !w->w))
		return false;
	for (i = 0; i < w->n; i++)
		if (!dmmp_valid_word(w->w[i]))
			return false;
	return true;
}

/* The kernel ends every word with a space, the last one included. */
int dmmp_emit_words(struct strbuf *sb, const struct dmmp_words *w)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		if (strbuf_append(sb, w->w[i]) < 0 || strbuf_addc(sb, ' ') < 0)
			return -ENOMEM;
	return 0;
}

int dmmp_emit_counted(struct strbuf *sb, const struct dmmp_words *w)
{
	if (strbuf_printf(sb, "%u ", w->n) < 0)
		return -ENOMEM;
	return dmmp_emit_words(sb, w);
}

int dmmp_format_words(const struct dmmp_words *w, struct strbuf *sb)
{
	unsigned int i;

	if (strbuf_printf(sb, "%u", w->n) < 0)
		return -ENOMEM;
	for (i = 0; i < w->n; i++)
		if (strbuf_addc(sb, ' ') < 0 || strbuf_append(sb, w->w[i]) < 0)
			return -ENOMEM;
	return 0;
}

int dmmp_words_add(struct dmmp_words *w, const char *word)
{
	char **v;

	if (!dmmp_valid_word(word) || w->n >= UINT_MAX - 1)
		return -EINVAL;
	v = realloc(w->w, (w->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	w->w = v;
	v[w->n] = strdup(word);
	if (!v[w->n])
		return -ENOMEM;
	w->n++;
	return 0;
}

int dmmp_words_set_counted(struct dmmp_words *w, const char *counted)
{
	_cleanup_(reader_free) struct reader r = { NULL, 0, 0 };
	_cleanup_(dmmp_words_free) struct dmmp_words nw = { 0, NULL };
	int rc;

	rc = reader_init(&r, counted);
	if (rc == 0)
		rc = reader_counted(&r, DMMP_MAX_ARGS, &nw);
	if (rc == 0 && reader_left(&r))
		rc = -EINVAL;
	if (rc < 0)
		return rc;
	dmmp_words_swap(w, &nw);
	return 0;
}

/* ---- dmsetup lines ---------------------------------------------------- */

static const char *skip_number(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > s && dmmp_is_space(*p) ? p : NULL;
}

static const char *skip_spaces(const char *s)
{
	while (dmmp_is_space(*s))
		s++;
	return s;
}

const char *dmmp_skip_target_prefix(const char *line)
{
	static const char target[] = "multipath";
	const char *p = skip_number(skip_spaces(line));

	if (p)
		p = skip_number(skip_spaces(p));
	if (!p)
		return line;
	p = skip_spaces(p);
	if (strncmp(p, target, sizeof(target) - 1) != 0)
		return line;
	p += sizeof(target) - 1;
	return *p && !dmmp_is_space(*p) ? line : skip_spaces(p);
}
