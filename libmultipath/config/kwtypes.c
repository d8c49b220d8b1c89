/* Value types of multipath.conf keywords: parse text, print it back. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/kwtypes.h"
#include "config/values.h"
#include "map/prkeys.h"
#include "util/log.h"
#include "util/regex.h"

void cfg_log(const struct cfg_loc *loc, const char *fmt, ...)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (!loc || (CFG_LOG_LEVEL > log_verbosity && !loc->diag))
		return;
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (loc->diag)
		strbuf_printf(loc->diag, "%s line %u, %s\n", loc->file,
			      loc->line, strbuf_str(&sb));
	if (CFG_LOG_LEVEL <= log_verbosity)
		log_msg(CFG_LOG_LEVEL, "%s line %u, %s", loc->file, loc->line,
			strbuf_str(&sb));
}

/* ---- integers, enumerations, booleans ----------------------------------- */

static const struct kw_word *find_word(const struct kw_word *w, const char *s)
{
	for (; w && w->word; w++)
		if (strcmp(w->word, s) == 0)
			return w;
	return NULL;
}

/* Parse a whole decimal (or octal) integer; -ERANGE saturates *v. */
static int parse_ll(const char *s, int base, long long *v)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*v = strtoll(s, &end, base);
	if (end == s || *end)
		return -EINVAL;
	return errno == ERANGE ? -ERANGE : 0;
}

static int int_parse(const struct keyword *kw, const char *text,
		     union kwval *out, const struct cfg_loc *loc)
{
	const struct kw_int_arg *a = kw->arg;
	const struct kw_word *w = find_word(a->words, text);
	long long v;
	int r;

	if (w) {
		out->num = w->value;
		return 0;
	}
	if (a->flags & KWI_WORDS_ONLY)
		return -EINVAL;
	r = parse_ll(text, (a->flags & KWI_OCTAL) ? 8 : 10, &v);
	if (r == -EINVAL)
		return r;
	if (v < a->min || v > a->max) {
		if (a->flags & KWI_REJECT)
			return -EINVAL;
		cfg_log(loc, "value for %s too %s, capping at %lld", kw->name,
			v < a->min ? "small" : "large",
			v < a->min ? a->min : a->max);
		v = v < a->min ? a->min : a->max;
	}
	if (v == 0 && (a->flags & KWI_ZERO_UNSET))
		return KWP_UNSET;
	/* 0 may be spelled as a word, e.g. failback 0 = "manual" */
	if (v == 0 && (w = find_word(a->words, "0")))
		v = w->value;
	out->num = v;
	return 0;
}

const char *kw_value_word(enum kw_id id, long long v)
{
	const struct keyword *kw = kw_get(id);
	const struct kw_int_arg *a = kw->arg;
	const struct kw_word *w;

	if (kw->type != &kwt_int)
		return NULL;
	for (w = a->words; w && w->word; w++)
		if (w->value == v && !(w->flags & KWW_ALIAS))
			return w->word;
	return NULL;
}

static int int_print(const struct keyword *kw, const union kwval *v,
		     struct strbuf *sb)
{
	const struct kw_int_arg *a = kw->arg;
	const struct kw_word *w;

	for (w = a->words; w && w->word; w++) {
		if (w->value != v->num || (w->flags & KWW_ALIAS))
			continue;
		if (w->flags & KWW_BARE)
			return strbuf_append(sb, w->word);
		return strbuf_append_quoted(sb, w->word);
	}
	if (a->flags & KWI_OCTAL)
		return strbuf_printf(sb, "0%llo", v->num);
	return strbuf_printf(sb, "%lld", v->num);
}

const struct kw_type kwt_int = {
	.name = "integer",
	.parse = int_parse,
	.print = int_print,
};

/* ---- strings ---------------------------------------------------------- */

/* "N w1 .. wN": the count must match the words that follow. */
static int check_counted(const struct keyword *kw, const char *text,
			 const struct cfg_loc *loc)
{
	_cleanup_free_ char *copy = strdup(text);
	char *save = NULL, *tok;
	long long declared;
	long long have = 0;

	if (!copy)
		return -ENOMEM;
	tok = strtok_r(copy, " \t", &save);
	if (kw->arg && (((const struct kw_str_arg *)kw->arg)->flags &
			KWS_SELECTOR)) {
		if (!tok)
			goto missing;
		tok = strtok_r(NULL, " \t", &save);
	}
	if (!tok || parse_ll(tok, 10, &declared) < 0 || declared < 0)
		goto missing;
	while (strtok_r(NULL, " \t", &save))
		have++;
	if (have != declared) {
		cfg_log(loc, "invalid argument count for %s: \"%s\" announces %lld, has %lld",
			kw->name, text, declared, have);
		return -EBADMSG;
	}
	return 0;
missing:
	cfg_log(loc, "missing argument count for %s: \"%s\"", kw->name, text);
	return -EBADMSG;
}

/* "prefix:ATTR ..." records of uid_attrs. */
static int check_uid_attrs(const struct keyword *kw, const char *text,
			   const struct cfg_loc *loc)
{
	_cleanup_free_ char *copy = strdup(text);
	char *save = NULL, *tok;
	int n = 0;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save), n++) {
		char *colon = strchr(tok, ':');

		if (!colon || colon == tok || !colon[1]) {
			cfg_log(loc, "invalid record in %s: \"%s\"", kw->name,
				tok);
			return -EBADMSG;
		}
	}
	return n ? 0 : -EINVAL;
}

static int check_regex(const struct keyword *kw, const char *text,
		       const struct cfg_loc *loc)
{
	const char *re = text[0] == '!' ? text + 1 : text;
	char msg[128];
	regex_t preg;
	int r;

	if (mp_regex_check(re) < 0) {
		cfg_log(loc, "regular expression for %s too complex to build: \"%.60s%s\"",
			kw->name, text, strlen(text) > 60 ? "..." : "");
		return -EBADMSG;
	}
	r = regcomp(&preg, re, REG_EXTENDED | REG_NOSUB);
	if (r != 0) {
		regerror(r, &preg, msg, sizeof(msg));
		cfg_log(loc, "invalid regular expression for %s: \"%s\": %s",
			kw->name, text, msg);
		return -EBADMSG;
	}
	regfree(&preg);
	return 0;
}

static int string_parse(const struct keyword *kw, const char *text,
			union kwval *out, const struct cfg_loc *loc)
{
	const struct kw_str_arg *a = kw->arg;
	unsigned flags = a ? a->flags : 0;
	int r = 0;

	/* built-in values (loc == NULL) are checked by the unit tests */
	if ((flags & KWS_REGEX) && loc)
		r = check_regex(kw, text, loc);
	else if (flags & (KWS_COUNTED | KWS_SELECTOR))
		r = check_counted(kw, text, loc);
	else if (flags & KWS_UID_ATTRS)
		r = check_uid_attrs(kw, text, loc);
	else if ((flags & KWS_ABSPATH) && text[0] != '/') {
		cfg_log(loc, "%s: \"%s\" is not an absolute path, ignoring",
			kw->name, text);
		return -EBADMSG;
	}
	if (r < 0)
		return r;
	out->str = strdup(text);
	return out->str ? 0 : -ENOMEM;
}

static int string_print(const struct keyword *kw, const union kwval *v,
			struct strbuf *sb)
{
	return strbuf_append_quoted(sb, v->str);
}

const struct kw_type kwt_string = {
	.name = "string",
	.parse = string_parse,
	.print = string_print,
	.owns_str = true,
};

/* ---- reservation_key: "file" or a 64-bit key, optional ":aptpl" -------- */

static int prkey_parse(const struct keyword *kw, const char *text,
		       union kwval *out, const struct cfg_loc *loc)
{
	uint64_t key;
	unsigned flags;

	if (!strcmp(text, "file") || !strcmp(text, "file:aptpl")) {
		out->prkey.key = 0;
		out->prkey.flags = PRKEY_SOURCE_FILE |
				   (text[4] ? PRKEY_APTPL : 0);
		return 0;
	}
	if (prkey_parse_arg(text, &key, &flags) < 0)
		return -EINVAL;
	if (key == 0)
		return KWP_UNSET;
	out->prkey.key = key;
	out->prkey.flags = flags & PRKEYS_APTPL ? PRKEY_APTPL : 0;
	return 0;
}

static int prkey_print(const struct keyword *kw, const union kwval *v,
		       struct strbuf *sb)
{
	const char *aptpl = (v->prkey.flags & PRKEY_APTPL) ? ":aptpl" : "";

	if (v->prkey.flags & PRKEY_SOURCE_FILE)
		return strbuf_printf(sb, "\"file%s\"", aptpl);
	return strbuf_printf(sb, "0x%" PRIx64 "%s", (uint64_t)v->prkey.key,
			     aptpl);
}

const struct kw_type kwt_prkey = {
	.name = "reservation key",
	.parse = prkey_parse,
	.print = prkey_print,
};

/* ---- uid / gid: a number or a user / group name ------------------------- */

static int owner_parse(const struct keyword *kw, const char *text,
		       union kwval *out, const struct cfg_loc *loc)
{
	long long v;
	char buf[4096];

	if (parse_ll(text, 10, &v) == 0) {
		if (v < 0 || v > UINT32_MAX - 1)
			return -EINVAL;
		out->num = v;
		return 0;
	}
	if (kw->arg) {	/* group */
		struct group grp, *res = NULL;

		if (getgrnam_r(text, &grp, buf, sizeof(buf), &res) || !res)
			return -EINVAL;
		out->num = res->gr_gid;
	} else {
		struct passwd pwd, *res = NULL;

		if (getpwnam_r(text, &pwd, buf, sizeof(buf), &res) || !res)
			return -EINVAL;
		out->num = res->pw_uid;
	}
	return 0;
}

static int owner_print(const struct keyword *kw, const union kwval *v,
		       struct strbuf *sb)
{
	return strbuf_printf(sb, "%lld", v->num);
}

const struct kw_type kwt_owner = {
	.name = "owner",
	.parse = owner_parse,
	.print = owner_print,
};

/* ---- options of the reference that no longer do anything --------------- */

static int ignored_parse(const struct keyword *kw, const char *text,
			 union kwval *out, const struct cfg_loc *loc)
{
	if (!loc) {	/* the fixed text printed for it, e.g. "ignored" */
		out->str = strdup(text);
		return out->str ? 0 : -ENOMEM;
	}
	cfg_log(loc, "ignoring deprecated option \"%s\"", kw->name);
	return KWP_IGNORE;
}

const struct kw_type kwt_ignored = {
	.name = "ignored",
	.parse = ignored_parse,
	.print = string_print,
	.owns_str = true,
};

/* ---- entry points ------------------------------------------------------ */

int kw_parse_value(enum kw_id id, const char *text, union kwval *out,
		   const struct cfg_loc *loc)
{
	const struct keyword *kw = kw_get(id);
	int r;

	memset(out, 0, sizeof(*out));
	if ((kw->flags & KWF_DEPRECATED) && loc)
		cfg_log(loc, "\"%s\" is deprecated and will be disabled in a future release",
			kw->name);
	r = kw->type->parse(kw, text, out, loc);
	if (r == -EINVAL)
		cfg_log(loc, "invalid value for %s: \"%s\"", kw->name, text);
	return r;
}

int kw_print_value(enum kw_id id, const union kwval *v, struct strbuf *sb)
{
	const struct keyword *kw = kw_get(id);

	return kw->type->print(kw, v, sb);
}

void kw_free_value(enum kw_id id, union kwval *v)
{
	if (kw_get(id)->type->owns_str) {
		free(v->str);
		v->str = NULL;
	}
}

int kw_copy_value(enum kw_id id, const union kwval *src, union kwval *dst)
{
	*dst = *src;
	if (kw_get(id)->type->owns_str && src->str) {
		dst->str = strdup(src->str);
		if (!dst->str)
			return -ENOMEM;
	}
	return 0;
}
