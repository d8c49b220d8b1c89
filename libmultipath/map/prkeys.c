/* The prkeys file: look up, set and remove a WWID's reservation key. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "map/prkeys.h"
#include "map/wwids.h"
#include "util/cleanup.h"
#include "util/file.h"

#define PRKEYS_MAX_SIZE (64u << 20)
#define KEY_HEX_MAX 16

static const char header[] =
	"# Multipath persistent reservation keys, Version : 1.0\n"
	"# NOTE: this file is automatically maintained by the multipathd program.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Format:\n"
	"# prkey wwid\n"
	"#\n";

/* 1..16 hex digits, all of [s, e): their value in *key; false if not. */
static bool parse_hex(const char *s, const char *e, uint64_t *key)
{
	uint64_t v = 0;
	const char *p;

	if (s == e || e - s > KEY_HEX_MAX)
		return false;
	for (p = s; p < e; p++) {
		if (!isxdigit((unsigned char)*p))
			return false;
		v = v << 4 | (uint64_t)(isdigit((unsigned char)*p) ?
				*p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
	}
	*key = v;
	return true;
}

/* "0x" or "0X" and 1..16 hex digits in [s, e): the key; false if not. */
static bool parse_key(const char *s, const char *e, uint64_t *key,
		      unsigned *flags)
{
	if (e - s < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') ||
	    !parse_hex(s + 2, e, key))
		return false;
	*flags = s[1] == 'X' ? PRKEYS_APTPL : 0;
	return true;
}

/* Split the line [s, e) into its key and WWID fields; false when it is
 * not "KEY WWID". */
static bool split_line(const char *s, const char *e, const char **k,
		       const char **ke, const char **w, const char **we)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (s == e || *s == '#')
		return false;
	*k = s;
	while (s < e && *s != ' ' && *s != '\t')
		s++;
	*ke = s;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	*w = s;
	*we = e;
	return *w < *we && !memchr(*w, ' ', (size_t)(*we - *w)) &&
	       !memchr(*w, '\t', (size_t)(*we - *w));
}

static bool line_of(const char *s, const char *e, const char *wwid,
		    uint64_t *key, unsigned *flags)
{
	const char *k, *ke, *w, *we;
	size_t wl = strlen(wwid);

	return split_line(s, e, &k, &ke, &w, &we) &&
	       (size_t)(we - w) == wl && memcmp(w, wwid, wl) == 0 &&
	       parse_key(k, ke, key, flags);
}

int prkeys_lookup(const char *text, size_t len, const char *wwid,
		  uint64_t *key, unsigned *flags)
{
	const char *p = text, *end = text + len;
	uint64_t k;
	unsigned f;
	int found = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (line_of(p, le, wwid, &k, &f)) {
			*key = k;
			*flags = f;
			found = 1;
		}
		p = le + 1;
	}
	return found;
}

int prkeys_get(const char *file, const char *wwid, uint64_t *key,
	       unsigned *flags)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	*key = 0;
	*flags = 0;
	r = file_read_all(file, PRKEYS_MAX_SIZE, &buf, &len);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	return prkeys_lookup(buf, len, wwid, key, flags);
}

struct set_ctx {
	const char *wwid;
	uint64_t key;
	unsigned flags;
};

static int edit_set(const char *old, size_t len, struct strbuf *out, void *ud)
{
	const struct set_ctx *c = ud;
	const char *p, *end;
	uint64_t k;
	unsigned f;

	if (!old || !len) {
		if (!c->key)
			return 0;
		if (strbuf_append(out, header) < 0)
			return -ENOMEM;
	}
	/* every other line as it was; the WWID's own lines go */
	for (p = old, end = old + len; old && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl + 1 : end;

		if (!line_of(p, nl ? nl : end, c->wwid, &k, &f) &&
		    (strbuf_appendn(out, p, (size_t)(le - p)) < 0 ||
		     (!nl && strbuf_addc(out, '\n') < 0)))
			return -ENOMEM;
		p = le;
	}
	if (c->key && strbuf_printf(out, "0%c%016" PRIx64 " %s\n",
				    c->flags & PRKEYS_APTPL ? 'X' : 'x',
				    c->key, c->wwid) < 0)
		return -ENOMEM;
	return 1;
}

int prkeys_set(const char *file, const char *wwid, uint64_t key,
	       unsigned flags)
{
	struct set_ctx c = { wwid, key, flags };

	if (!wwid_valid(wwid))
		return -EINVAL;
	return file_update_locked(file, 0600, edit_set, &c);
}

int prkey_parse_arg(const char *s, uint64_t *key, unsigned *flags)
{
	const char *colon = strchr(s, ':'), *e = colon ? colon : s + strlen(s);

	if (colon && strcmp(colon + 1, "aptpl"))
		return -EINVAL;
	/* without "0x" too */
	if (e - s >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!parse_hex(s, e, key))
		return -EINVAL;
	*flags = colon ? PRKEYS_APTPL : 0;
	return 0;
}
