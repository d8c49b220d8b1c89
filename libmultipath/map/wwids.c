/* The wwids file: check, add, remove, replace. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "map/wwids.h"
#include "util/file.h"
#include "util/log.h"

#define WWIDS_MAX_SIZE (64u << 20)

static const char header[] =
	"# Multipath wwids, Version : 1.0\n"
	"# NOTE: This file is automatically maintained by multipath and multipathd.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Valid WWIDs:\n";

int wwid_valid(const char *wwid)
{
	const unsigned char *p = (const unsigned char *)wwid;

	if (!*p)
		return 0;
	for (; *p; p++)
		if (*p == '/' || isspace(*p) || iscntrl(*p))
			return 0;
	return 1;
}

/* Is the line [s, e) "/wwid/" (blanks around it allowed)? */
static bool line_is(const char *s, const char *e, const char *wwid)
{
	size_t wl = strlen(wwid);

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return (size_t)(e - s) == wl + 2 && s[0] == '/' && e[-1] == '/' &&
	       memcmp(s + 1, wwid, wl) == 0;
}

/* Is "/wwid/" a whole line of text (len bytes)? */
static int listed(const char *text, size_t len, const char *wwid)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (line_is(p, le, wwid))
			return 1;
		p = le + 1;
	}
	return 0;
}

int wwids_check(const char *file, const char *wwid)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	if (!wwid_valid(wwid))
		return 0;
	r = file_read_all(file, WWIDS_MAX_SIZE, &buf, &len);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	return listed(buf, len, wwid);
}

/* Index every "/wwid/" line of the cached text, all of it: a NUL byte
 * in a damaged file does not hide the lines after it (the plain reader,
 * listed(), sees them too). */
static int index_wwids(struct wwids_cache *c)
{
	const char *p, *end;
	char *k;

	hashmap_free(&c->set);
	free(c->keys);
	c->keys = malloc(c->f.len + 1);
	if (!c->keys)
		return -ENOMEM;
	memcpy(c->keys, c->f.text, c->f.len);
	c->keys[c->f.len] = '\0';
	end = c->keys + c->f.len;
	for (p = c->keys; p < end; p = k + 1) {
		char *line = c->keys + (p - c->keys);
		char *e;

		k = memchr(p, '\n', (size_t)(end - p));
		if (!k)
			k = c->keys + c->f.len;
		e = k;
		while (line < e && (*line == ' ' || *line == '\t'))
			line++;
		while (e > line && (e[-1] == ' ' || e[-1] == '\t' ||
				    e[-1] == '\r'))
			e--;
		if (e - line < 3 || line[0] != '/' || e[-1] != '/')
			continue;
		e[-1] = '\0';
		/* a WWID with a NUL in it is no WWID (and not what a
		 * lookup of valid WWIDs can name) */
		if (memchr(line + 1, '\0', (size_t)(e - 1 - (line + 1))))
			continue;
		if (hashmap_put(&c->set, line + 1, line + 1) < 0)
			return -ENOMEM;
	}
	c->built = c->f.generation;
	return 0;
}

int wwids_cache_check(struct wwids_cache *c, const char *file,
		      const char *wwid)
{
	int r;

	if (!wwid_valid(wwid))
		return 0;
	r = file_cache_refresh(&c->f, file, WWIDS_MAX_SIZE);
	if (r < 0)
		return r;
	if (c->built != c->f.generation && (r = index_wwids(c)) < 0)
		return r;
	return hashmap_get(&c->set, wwid) != NULL;
}

void wwids_cache_free(struct wwids_cache *c)
{
	hashmap_free(&c->set);
	free(c->keys);
	file_cache_free(&c->f);
	memset(c, 0, sizeof(*c));
}

static int edit_add(const char *old, size_t len, struct strbuf *out, void *ud)
{
	const char *wwid = ud;

	if (old && listed(old, len, wwid))
		return 0;
	if (!old || !len) {
		if (strbuf_append(out, header) < 0)
			return -ENOMEM;
	} else {
		if (strbuf_appendn(out, old, len) < 0 ||
		    (old[len - 1] != '\n' && strbuf_addc(out, '\n') < 0))
			return -ENOMEM;
	}
	return strbuf_printf(out, "/%s/\n", wwid) < 0 ? -ENOMEM : 1;
}

int wwids_add(const char *file, const char *wwid)
{
	if (!wwid_valid(wwid))
		return -EINVAL;
	return file_update_locked(file, 0644, edit_add, (void *)wwid);
}

static int edit_remove(const char *old, size_t len, struct strbuf *out,
		       void *ud)
{
	const char *wwid = ud;
	const char *p, *end;
	int removed = 0;

	if (!old || !listed(old, len, wwid))
		return 0;
	for (p = old, end = old + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl + 1 : end;

		if (line_is(p, nl ? nl : end, wwid))
			removed = 1;
		else if (strbuf_appendn(out, p, (size_t)(le - p)) < 0)
			return -ENOMEM;
		p = le;
	}
	return removed;
}

int wwids_remove(const char *file, const char *wwid)
{
	if (!wwid_valid(wwid))
		return -EINVAL;
	return file_update_locked(file, 0644, edit_remove, (void *)wwid);
}

struct replace_ctx {
	const char *const *wwids;
	size_t n;
};

static int edit_replace(const char *old, size_t len, struct strbuf *out,
			void *ud)
{
	const struct replace_ctx *c = ud;
	size_t i;

	(void)old;
	(void)len;
	if (strbuf_append(out, header) < 0)
		return -ENOMEM;
	for (i = 0; i < c->n; i++)
		if (wwid_valid(c->wwids[i]) &&
		    strbuf_printf(out, "/%s/\n", c->wwids[i]) < 0)
			return -ENOMEM;
	return 1;
}

int wwids_replace(const char *file, const char *const *wwids, size_t n)
{
	struct replace_ctx c = { wwids, n };
	int r = file_update_locked(file, 0644, edit_replace, &c);

	return r < 0 ? r : 0;
}
