/* The grammar of multipath.conf: sections, subsections and keyword lines,
 * turned into a struct config. Every problem is warned about with its file
 * and line, and only the offending line or block is skipped. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/hwtable.h"
#include "config/lexer.h"
#include "util/log.h"

enum top_section {
	TOP_DEFAULTS,
	TOP_BLACKLIST,
	TOP_EXCEPTIONS,
	TOP_DEVICES,
	TOP_MULTIPATHS,
	TOP_OVERRIDES,
	TOP__COUNT
};

static const char *const top_names[TOP__COUNT] = {
	[TOP_DEFAULTS] = "defaults",
	[TOP_BLACKLIST] = "blacklist",
	[TOP_EXCEPTIONS] = "blacklist_exceptions",
	[TOP_DEVICES] = "devices",
	[TOP_MULTIPATHS] = "multipaths",
	[TOP_OVERRIDES] = "overrides",
};

struct parser {
	struct config *conf;
	const char *file;
	struct cfg_tokens t;
	size_t pos;
	int err;		/* -ENOMEM, the only fatal error */
};

static const struct cfg_token *peek(const struct parser *p)
{
	return p->pos < p->t.n ? &p->t.tok[p->pos] : NULL;
}

static const struct cfg_token *next(struct parser *p)
{
	return p->pos < p->t.n ? &p->t.tok[p->pos++] : NULL;
}

static unsigned last_line(const struct parser *p)
{
	return p->t.n ? p->t.tok[p->t.n - 1].line : 1;
}

#define warn_at(p, line, ...)                                                  \
	do {                                                                   \
		struct cfg_loc _loc = { (p)->file, (line), &(p)->conf->diag }; \
		(p)->conf->warnings++;                                         \
		cfg_log(&_loc, __VA_ARGS__);                                   \
	} while (0)

static void nomem(struct parser *p)
{
	p->err = -ENOMEM;
}

/* The words following the current one on its line, up to a brace. */
static size_t line_words(struct parser *p, unsigned line,
			 const struct cfg_token **first)
{
	size_t n = 0;

	*first = peek(p);
	while (p->pos < p->t.n && p->t.tok[p->pos].line == line &&
	       p->t.tok[p->pos].kind == TOK_WORD) {
		p->pos++;
		n++;
	}
	return n;
}

/* Skip a brace-balanced block whose '{' was just consumed. */
static void skip_block(struct parser *p)
{
	const struct cfg_token *t;
	unsigned depth = 1;

	while ((t = next(p))) {
		if (t->kind == TOK_OPEN)
			depth++;
		else if (t->kind == TOK_CLOSE && --depth == 0)
			return;
	}
}

/* After a section name: consume its '{' (on the same or a later line).
 * Returns false (after warning) when there is none; the caller then
 * parses the lines that follow as the section's body anyway, like the
 * reference, so nothing the user wrote is silently lost. */
static bool open_brace(struct parser *p, const struct cfg_token *name)
{
	const struct cfg_token *first;
	size_t extra = line_words(p, name->line, &first);

	if (extra)
		warn_at(p, name->line, "ignoring extra data starting with '%s'",
			first->text);
	if (peek(p) && peek(p)->kind == TOK_OPEN) {
		next(p);
		return true;
	}
	warn_at(p, name->line, "missing '{' after %s", name->text);
	return false;
}

/* Parse one "keyword value" line into kv (or a list for blacklists). */
struct stmt_target {
	enum kw_section sec;
	struct kvset *kv;		/* keyword values go here, or ... */
	struct blacklist *bl;		/* ... list items here */
	unsigned char seen[KW__COUNT];	/* duplicate detection */
};

static struct vec *bl_list(struct blacklist *bl, enum kw_id id)
{
	switch (id) {
	case KW_BL_DEVNODE:
		return &bl->devnode;
	case KW_BL_WWID:
		return &bl->wwid;
	case KW_BL_PROPERTY:
		return &bl->property;
	case KW_BL_PROTOCOL:
		return &bl->protocol;
	default:
		return NULL;
	}
}

static void keyword_line(struct parser *p, const struct cfg_token *name,
			 struct stmt_target *tg)
{
	const struct cfg_token *val;
	struct cfg_loc loc = { p->file, name->line, &p->conf->diag };
	union kwval v;
	enum kw_id id;
	size_t n;
	int r;

	n = line_words(p, name->line, &val);
	if (!kw_lookup(name->text, tg->sec, &id)) {
		warn_at(p, name->line, "invalid keyword in the %s section: %s",
			section_name(tg->sec), name->text);
		if (peek(p) && peek(p)->kind == TOK_OPEN &&
		    peek(p)->line == name->line) {
			next(p);
			skip_block(p);
		}
		return;
	}
	if (n == 0) {
		warn_at(p, name->line, "missing value for %s", name->text);
		return;
	}
	if (n > 1)
		warn_at(p, name->line, "ignoring extra data starting with '%s'",
			val[1].text);
	if (tg->bl) {
		r = kw_parse_value(id, val->text, &v, &loc);
		if (r == 0) {
			r = blacklist_add(bl_list(tg->bl, id), v.str, false);
			kw_free_value(id, &v);
			if (r == -ENOMEM)
				nomem(p);
		} else if (r < 0) {
			p->conf->warnings++;
		}
		return;
	}
	if (tg->seen[id]++)
		warn_at(p, name->line, "duplicate keyword: %s", name->text);
	r = kw_parse_value(id, val->text, &v, &loc);
	if (r == -ENOMEM)
		nomem(p);
	else if (r < 0)
		p->conf->warnings++;
	else if (r == KWP_UNSET)
		kvset_del(tg->kv, id);
	else if (r == 0 && kvset_put(tg->kv, id, v) < 0)
		nomem(p);
}

/* Parse statements until the closing '}' (or end of input). Subsection
 * names are handed to sub(), which parses their body. */
typedef void (*sub_fn)(struct parser *p, const struct cfg_token *name,
		       void *ctx);

static void block(struct parser *p, struct stmt_target *tg,
		  const char *subname, sub_fn sub, void *ctx,
		  const struct cfg_token *opener)
{
	const struct cfg_token *t;

	while (!p->err && (t = next(p))) {
		if (t->kind == TOK_CLOSE)
			return;
		if (t->kind == TOK_OPEN) {
			warn_at(p, t->line, "unexpected '{'");
			skip_block(p);
			continue;
		}
		if (subname && strcmp(t->text, subname) == 0) {
			sub(p, t, ctx);
			continue;
		}
		if (!tg) {
			const struct cfg_token *first;

			warn_at(p, t->line, "invalid keyword in the %s section: %s",
				opener->text, t->text);
			line_words(p, t->line, &first);
			if (peek(p) && peek(p)->kind == TOK_OPEN &&
			    peek(p)->line == t->line) {
				next(p);
				skip_block(p);
			}
			continue;
		}
		keyword_line(p, t, tg);
	}
	if (!p->err)
		warn_at(p, last_line(p), "missing '}' for the %s section at line %u",
			opener->text, opener->line);
}

/* ---- subsections ---------------------------------------------------------- */

static void device_section(struct parser *p, const struct cfg_token *name,
			   void *ctx)
{
	struct stmt_target tg = { .sec = SEC_DEVICE };
	struct hwentry *hwe = hwe_new();

	(void)ctx;
	if (!hwe) {
		nomem(p);
		return;
	}
	tg.kv = &hwe->kv;
	open_brace(p, name);
	block(p, &tg, NULL, NULL, NULL, name);
	if (!kvset_has(&hwe->kv, KW_VENDOR) || !kvset_has(&hwe->kv, KW_PRODUCT)) {
		warn_at(p, name->line, "device section missing vendor or product, ignoring it");
		hwe_free(hwe);
		return;
	}
	if (vec_push(&p->conf->hwtable, hwe) < 0) {
		hwe_free(hwe);
		nomem(p);
	}
}

static void multipath_section(struct parser *p, const struct cfg_token *name,
			      void *ctx)
{
	struct stmt_target tg = { .sec = SEC_MULTIPATH };
	struct mpentry *mpe = calloc(1, sizeof(*mpe));

	(void)ctx;
	if (!mpe) {
		nomem(p);
		return;
	}
	tg.kv = &mpe->kv;
	open_brace(p, name);
	block(p, &tg, NULL, NULL, NULL, name);
	if (!kvset_has(&mpe->kv, KW_WWID)) {
		warn_at(p, name->line, "multipath section missing wwid, ignoring it");
		kvset_free(&mpe->kv);
		free(mpe);
		return;
	}
	if (vec_push(&p->conf->mptable, mpe) < 0) {
		kvset_free(&mpe->kv);
		free(mpe);
		nomem(p);
	}
}

static void protocol_section(struct parser *p, const struct cfg_token *name,
			     void *ctx)
{
	struct stmt_target tg = { .sec = SEC_PROTOCOL };
	struct pcentry *pce = calloc(1, sizeof(*pce));

	(void)ctx;
	if (!pce) {
		nomem(p);
		return;
	}
	tg.kv = &pce->kv;
	open_brace(p, name);
	block(p, &tg, NULL, NULL, NULL, name);
	if (!kvset_has(&pce->kv, KW_PROTOCOL_TYPE)) {
		warn_at(p, name->line, "protocol section missing type, ignoring it");
		kvset_free(&pce->kv);
		free(pce);
		return;
	}
	pce->type = (enum protocol)kvset_int(&pce->kv, KW_PROTOCOL_TYPE, 0);
	if (vec_push(&p->conf->protocols, pce) < 0) {
		kvset_free(&pce->kv);
		free(pce);
		nomem(p);
	}
}

static void bl_device_section(struct parser *p, const struct cfg_token *name,
			      void *ctx)
{
	struct stmt_target tg = { .sec = SEC_BL_DEVICE };
	struct blacklist *bl = ctx;
	struct kvset kv = KVSET_INIT;
	const char *vendor, *product;

	tg.kv = &kv;
	open_brace(p, name);
	block(p, &tg, NULL, NULL, NULL, name);
	vendor = kvset_str(&kv, KW_VENDOR);
	product = kvset_str(&kv, KW_PRODUCT);
	if (!vendor && !product)
		warn_at(p, name->line, "device section missing vendor and product, ignoring it");
	else if (blacklist_add_device(bl, vendor, product, false) == -ENOMEM)
		nomem(p);
	kvset_free(&kv);
}

/* ---- top level ------------------------------------------------------------ */

static void top_section(struct parser *p, enum top_section which,
			const struct cfg_token *name)
{
	struct config *conf = p->conf;
	struct stmt_target tg = { 0 };

	open_brace(p, name);
	switch (which) {
	case TOP_DEFAULTS:
		tg.sec = SEC_DEFAULTS;
		tg.kv = &conf->defaults;
		block(p, &tg, NULL, NULL, NULL, name);
		break;
	case TOP_OVERRIDES:
		tg.sec = SEC_OVERRIDES;
		tg.kv = &conf->overrides;
		block(p, &tg, "protocol", protocol_section, NULL, name);
		break;
	case TOP_BLACKLIST:
	case TOP_EXCEPTIONS:
		tg.sec = SEC_BLACKLIST;
		tg.bl = which == TOP_BLACKLIST ? &conf->blist : &conf->elist;
		block(p, &tg, "device", bl_device_section, tg.bl, name);
		break;
	case TOP_DEVICES:
		block(p, NULL, "device", device_section, NULL, name);
		break;
	case TOP_MULTIPATHS:
		block(p, NULL, "multipath", multipath_section, NULL, name);
		break;
	case TOP__COUNT:
		break;
	}
}

int config_parse_buffer(struct config *conf, const char *buf, size_t len,
			const char *name)
{
	struct parser p = { .conf = conf, .file = name };
	bool seen[TOP__COUNT] = { false };
	const struct cfg_token *t;
	int r;

	r = cfg_tokenize(buf, len, name, &conf->diag, &p.t);
	if (r < 0)
		return r;
	while (!p.err && (t = next(&p))) {
		const struct cfg_token *first;
		unsigned i;

		if (t->kind == TOK_CLOSE) {
			warn_at(&p, t->line, "unmatched '}'");
			continue;
		}
		if (t->kind == TOK_OPEN) {
			warn_at(&p, t->line, "unexpected '{'");
			skip_block(&p);
			continue;
		}
		for (i = 0; i < TOP__COUNT; i++)
			if (strcmp(t->text, top_names[i]) == 0)
				break;
		if (i < TOP__COUNT) {
			if (seen[i])
				warn_at(&p, t->line, "duplicate section %s, merging it with the earlier one",
					t->text);
			seen[i] = true;
			top_section(&p, i, t);
			continue;
		}
		warn_at(&p, t->line, "invalid keyword: %s", t->text);
		line_words(&p, t->line, &first);
		if (peek(&p) && peek(&p)->kind == TOK_OPEN) {
			next(&p);
			skip_block(&p);
		}
	}
	cfg_tokens_free(&p.t);
	return p.err;
}
