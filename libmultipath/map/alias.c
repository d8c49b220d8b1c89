/* The bindings file: parse, look up, allocate user friendly names. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map/alias.h"
#include "util/file.h"
#include "util/log.h"

#define BINDINGS_MAX_SIZE (64u << 20)
#define BINDINGS_MODE 0600
/* letters after the prefix: "fxshrxw" is the last name */
#define ALIAS_LETTERS_MAX 7

static const char header[] =
	"# Multipath bindings, Version : 1.0\n"
	"# NOTE: this file is automatically maintained by the multipath program.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Format:\n"
	"# alias wwid\n"
	"#\n";

int alias_format(const char *prefix, unsigned int idx, char *buf, size_t len)
{
	char letters[ALIAS_LETTERS_MAX + 1];
	size_t pos = sizeof(letters) - 1, plen = strlen(prefix);
	unsigned long n = (unsigned long)idx + 1;

	if (idx > ALIAS_INDEX_MAX)
		return -ERANGE;
	letters[pos] = '\0';
	/* bijective base 26: a..z, aa..zz, aaa.. */
	while (n) {
		n--;
		letters[--pos] = (char)('a' + n % 26);
		n /= 26;
	}
	if (plen + (sizeof(letters) - 1 - pos) + 1 > len)
		return -ENOSPC;
	memcpy(buf, prefix, plen);
	strcpy(buf + plen, letters + pos);
	return 0;
}

int alias_index(const char *prefix, const char *alias)
{
	size_t plen, i;
	long long n = 0;

	if (!prefix || !alias)
		return -1;
	plen = strlen(prefix);
	if (strncmp(alias, prefix, plen) != 0)
		return -1;
	alias += plen;
	for (i = 0; alias[i]; i++) {
		if (i == ALIAS_LETTERS_MAX || alias[i] < 'a' || alias[i] > 'z')
			return -1;
		n = n * 26 + (alias[i] - 'a') + 1;
	}
	if (i == 0 || n - 1 > ALIAS_INDEX_MAX)
		return -1;
	return (int)(n - 1);
}

static bool is_ctrl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

bool binding_field_valid(const char *s, bool is_alias)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > BINDING_FIELD_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '#' ||
		    is_ctrl((unsigned char)s[i]) || (is_alias && s[i] == '/'))
			return false;
	return true;
}

/* ---- parsing ------------------------------------------------------------ */

/* Next blank-separated field in [*p, end), or NULL. */
static const char *next_field(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *e;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end)
		return NULL;
	for (e = s; e < end && *e != ' ' && *e != '\t'; e++)
		;
	*p = e;
	*len = (size_t)(e - s);
	return s;
}

/* Split one line (without its newline) into a binding; 0 blank, 1 a
 * binding in *bd with a provisional status, -ENOMEM. */
static int split_line(const char *s, const char *end, unsigned int line,
		      struct binding *bd)
{
	const char *f1, *f2, *f3, *p;
	size_t l1 = 0, l2 = 0, l3 = 0;
	bool ctrl = false;

	for (p = s; p < end && *p != '#' && *p != '\r'; p++)
		ctrl |= is_ctrl((unsigned char)*p);
	end = p;
	p = s;
	f1 = next_field(&p, end, &l1);
	if (!f1)
		return 0;
	f2 = next_field(&p, end, &l2);
	f3 = next_field(&p, end, &l3);
	memset(bd, 0, sizeof(*bd));
	bd->line = line;
	bd->alias = strndup(f1, l1);
	if (f2)
		bd->wwid = strndup(f2, l2);
	if (f3)
		bd->extra = strndup(f3, l3);
	if (!bd->alias || (f2 && !bd->wwid) || (f3 && !bd->extra))
		return -ENOMEM;
	if (ctrl || memchr(f1, '/', l1))
		bd->status = BINDING_BAD_CHAR;
	else if (l1 > BINDING_FIELD_MAX || l2 > BINDING_FIELD_MAX)
		bd->status = BINDING_TOO_LONG;
	else if (!f2)
		bd->status = BINDING_NO_WWID;
	else
		bd->status = BINDING_OK;
	return 1;
}

/* Open-addressing table from alias or WWID to the binding that has it. */
struct name_map {
	size_t *slot;	/* binding index + 1, 0 when empty */
	size_t mask;
	bool by_wwid;
};

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

static int map_init(struct name_map *m, size_t n, bool by_wwid)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	m->slot = calloc(cap, sizeof(*m->slot));
	m->mask = cap - 1;
	m->by_wwid = by_wwid;
	return m->slot ? 0 : -ENOMEM;
}

static const char *map_key(const struct name_map *m, const struct binding *b)
{
	return m->by_wwid ? b->wwid : b->alias;
}

/* The slot holding key, or the empty slot where it belongs. */
static size_t *map_slot(const struct name_map *m, const struct binding *v,
			const char *key)
{
	size_t i = hash_str(key) & m->mask;

	while (m->slot[i] && strcmp(map_key(m, &v[m->slot[i] - 1]), key))
		i = (i + 1) & m->mask;
	return &m->slot[i];
}

/* Judge each well-formed line against the bindings accepted before it. */
static int judge(struct bindings *b, struct name_map *by_alias,
		 struct name_map *by_wwid, alias_conf_fn conf, void *ud)
{
	size_t i, *sa, *sw;

	for (i = 0; i < b->n; i++) {
		struct binding *bd = &b->v[i];
		const char *other = NULL;

		if (bd->status != BINDING_OK)
			continue;
		sa = map_slot(by_alias, b->v, bd->alias);
		sw = map_slot(by_wwid, b->v, bd->wwid);
		if (conf && (other = conf(bd->alias, ud)) &&
		    strcmp(other, bd->wwid)) {
			bd->status = BINDING_CONF_CONFLICT;
		} else if (*sa) {
			other = b->v[*sa - 1].wwid;
			bd->status = streq(other, bd->wwid) ?
				BINDING_DUPLICATE : BINDING_ALIAS_TAKEN;
		} else if (*sw) {
			other = b->v[*sw - 1].alias;
			bd->status = BINDING_WWID_TAKEN;
		} else {
			*sa = *sw = i + 1;
			continue;
		}
		if (bd->status != BINDING_DUPLICATE &&
		    !(bd->other = strdup(other)))
			return -ENOMEM;
	}
	return 0;
}

int bindings_parse(const char *text, size_t len, alias_conf_fn conf,
		   void *userdata, struct bindings *out)
{
	const char *p = text, *end = len ? text + len : text;
	struct name_map by_alias = { 0 }, by_wwid = { 0 };
	unsigned int line = 0;
	size_t cap = 0;
	int r;

	out->v = NULL;
	out->n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		line++;
		if (out->n == cap) {
			struct binding *v;

			cap = cap ? 2 * cap : 16;
			v = realloc(out->v, cap * sizeof(*v));
			if (!v) {
				r = -ENOMEM;
				goto fail;
			}
			out->v = v;
		}
		r = split_line(p, le, line, &out->v[out->n]);
		if (r < 0) {
			out->n++;	/* free what it holds */
			goto fail;
		}
		out->n += (size_t)r;
		p = nl ? nl + 1 : end;
	}
	r = map_init(&by_alias, out->n, false);
	if (r == 0)
		r = map_init(&by_wwid, out->n, true);
	if (r == 0)
		r = judge(out, &by_alias, &by_wwid, conf, userdata);
	if (r < 0)
		goto fail;
	free(by_alias.slot);
	free(by_wwid.slot);
	return 0;
fail:
	free(by_alias.slot);
	free(by_wwid.slot);
	bindings_free(out);
	return r;
}

void bindings_free(struct bindings *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].alias);
		free(b->v[i].wwid);
		free(b->v[i].extra);
		free(b->v[i].other);
	}
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

const struct binding *bindings_find_wwid(const struct bindings *b,
					 const char *wwid)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->v[i].status == BINDING_OK && streq(b->v[i].wwid, wwid))
			return &b->v[i];
	return NULL;
}

const struct binding *bindings_find_alias(const struct bindings *b,
					  const char *alias)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->v[i].status == BINDING_OK && streq(b->v[i].alias, alias))
			return &b->v[i];
	return NULL;
}

size_t bindings_conflicts(const struct bindings *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += b->v[i].status == BINDING_ALIAS_TAKEN ||
		     b->v[i].status == BINDING_CONF_CONFLICT;
	return n;
}

static int at_least(int level, int min_level)
{
	return level > min_level ? level : min_level;
}

void bindings_report(const struct bindings *b, int min_level)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct binding *bd = &b->v[i];

		switch (bd->status) {
		case BINDING_OK:
			break;
		case BINDING_DUPLICATE:
			condlog(at_least(2, min_level), "duplicate line for alias %s in bindings file on line %u",
				bd->alias, bd->line);
			break;
		case BINDING_NO_WWID:
			condlog(at_least(1, min_level), "invalid line %u in bindings file, missing WWID",
				bd->line);
			break;
		case BINDING_BAD_CHAR:
			condlog(at_least(1, min_level), "invalid line %u in bindings file, bad characters",
				bd->line);
			break;
		case BINDING_TOO_LONG:
			condlog(at_least(1, min_level), "invalid line %u in bindings file, field longer than %d bytes",
				bd->line, BINDING_FIELD_MAX);
			break;
		case BINDING_ALIAS_TAKEN:
			condlog(at_least(0, min_level), "ERROR: multiple bindings for alias \"%s\" in bindings file on line %u, discarding binding to WWID %s",
				bd->alias, bd->line, bd->wwid);
			break;
		case BINDING_WWID_TAKEN:
			condlog(at_least(1, min_level), "ERROR: multiple bindings for WWID %s in bindings file on line %u, discarding binding to alias \"%s\" (bound to \"%s\")",
				bd->wwid, bd->line, bd->alias, bd->other);
			break;
		case BINDING_CONF_CONFLICT:
			condlog(at_least(0, min_level), "ERROR: alias \"%s\" for WWID %s in bindings file on line %u conflicts with multipath.conf entry for %s",
				bd->alias, bd->wwid, bd->line, bd->other);
			break;
		}
		if (bd->extra && bd->status != BINDING_BAD_CHAR)
			condlog(at_least(1, min_level), "invalid line %u in bindings file, extra args \"%.64s\"",
				bd->line, bd->extra);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int bindings_next_index(const struct bindings *b, const char *prefix,
			alias_in_use_fn in_use, void *userdata)
{
	_cleanup_free_ int *ids = malloc((b->n ? b->n : 1) * sizeof(int));
	char name[BINDING_FIELD_MAX + 1];
	size_t i, k = 0;
	long long cand;

	if (!ids)
		return -ENOMEM;
	for (i = 0; i < b->n; i++) {
		int id = alias_index(prefix, b->v[i].alias);

		if (id >= 0)
			ids[k++] = id;
	}
	qsort(ids, k, sizeof(*ids), cmp_int);
	for (cand = 0, i = 0; cand <= ALIAS_INDEX_MAX; cand++) {
		while (i < k && ids[i] < cand)
			i++;
		if (i < k && ids[i] == cand)
			continue;
		if (alias_format(prefix, (unsigned int)cand, name, sizeof(name)) < 0)
			break;
		if (!in_use || !in_use(name, userdata))
			return (int)cand;
		condlog(3, "%s: alias already taken, but not in bindings file", name);
	}
	condlog(0, "no more available user_friendly_names");
	return -ENOSPC;
}

/* ---- the file ------------------------------------------------------------ */

static bool prefix_valid(const char *prefix)
{
	size_t n = strlen(prefix);

	/* an empty prefix is allowed: names are then just letters */
	return n + ALIAS_LETTERS_MAX <= BINDING_FIELD_MAX &&
	       (n == 0 || binding_field_valid(prefix, true));
}

/* Read and parse the file quietly (problems at debug level). */
static int load(const char *file, struct bindings *b)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	r = file_read_all(file, BINDINGS_MAX_SIZE, &buf, &len);
	if (r < 0)
		return r;
	r = bindings_parse(buf, len, NULL, NULL, b);
	if (r == 0)
		bindings_report(b, 3);
	return r;
}

int alias_lookup(const char *file, const char *wwid, const char *prefix,
		 char **alias)
{
	struct bindings b = BINDINGS_INIT;
	const struct binding *bd;
	int r;

	*alias = NULL;
	if (!binding_field_valid(wwid, false))
		return -EINVAL;
	r = load(file, &b);
	if (r < 0)
		return r;
	bd = bindings_find_wwid(&b, wwid);
	r = -ENOENT;
	if (bd) {
		*alias = strdup(bd->alias);
		r = *alias ? 0 : -ENOMEM;
	}
	bindings_free(&b);
	return r;
}

static int index_bindings(struct bindings_cache *c)
{
	size_t i;
	int r;

	hashmap_free(&c->by_wwid);
	bindings_free(&c->b);
	r = bindings_parse(c->f.text, c->f.len, NULL, NULL, &c->b);
	if (r < 0)
		return r;
	bindings_report(&c->b, 3);
	/* the first good line of a WWID binds it */
	for (i = 0; i < c->b.n; i++) {
		struct binding *bd = &c->b.v[i];

		if (bd->status == BINDING_OK &&
		    !hashmap_get(&c->by_wwid, bd->wwid) &&
		    hashmap_put(&c->by_wwid, bd->wwid, bd) < 0)
			return -ENOMEM;
	}
	c->built = c->f.generation;
	return 0;
}

int alias_lookup_cached(struct bindings_cache *c, const char *file,
			const char *wwid, char **alias)
{
	const struct binding *bd;
	int r;

	*alias = NULL;
	if (!binding_field_valid(wwid, false))
		return -EINVAL;
	r = file_cache_refresh(&c->f, file, BINDINGS_MAX_SIZE);
	if (r < 0)
		return r;
	if (!c->f.present)
		return -ENOENT;
	if (c->built != c->f.generation && (r = index_bindings(c)) < 0)
		return r;
	bd = hashmap_get(&c->by_wwid, wwid);
	if (!bd)
		return -ENOENT;
	*alias = strdup(bd->alias);
	return *alias ? 0 : -ENOMEM;
}

void bindings_cache_free(struct bindings_cache *c)
{
	hashmap_free(&c->by_wwid);
	bindings_free(&c->b);
	file_cache_free(&c->f);
	memset(c, 0, sizeof(*c));
}

int alias_lookup_wwid(const char *file, const char *alias, char **wwid)
{
	struct bindings b = BINDINGS_INIT;
	const struct binding *bd;
	int r;

	*wwid = NULL;
	if (!binding_field_valid(alias, true))
		return -EINVAL;
	r = load(file, &b);
	if (r < 0)
		return r;
	bd = bindings_find_alias(&b, alias);
	r = -ENOENT;
	if (bd) {
		*wwid = strdup(bd->wwid);
		r = *wwid ? 0 : -ENOMEM;
	}
	bindings_free(&b);
	return r;
}

/* The file's content plus one binding; a new file gets the header. */
static int append_binding(struct strbuf *out, const char *old, size_t len,
			  const char *alias, const char *wwid)
{
	if (!old || !len) {
		if (strbuf_append(out, header) < 0)
			return -ENOMEM;
	} else if (strbuf_appendn(out, old, len) < 0 ||
		   (old[len - 1] != '\n' && strbuf_addc(out, '\n') < 0)) {
		return -ENOMEM;
	}
	return strbuf_printf(out, "%s %s\n", alias, wwid) < 0 ? -ENOMEM : 1;
}

struct alloc_ctx {
	const char *wwid;
	const char *prefix;
	alias_in_use_fn in_use;
	void *userdata;
	char *alias;
	bool created;
};

static int edit_allocate(const char *old, size_t len, struct strbuf *out,
			 void *ud)
{
	struct alloc_ctx *c = ud;
	struct bindings b = BINDINGS_INIT;
	const struct binding *bd;
	char name[BINDING_FIELD_MAX + 1];
	int r;

	r = bindings_parse(old, len, NULL, NULL, &b);
	if (r < 0)
		return r;
	bd = bindings_find_wwid(&b, c->wwid);
	if (bd) {
		/* bound by someone else since the caller looked */
		c->alias = strdup(bd->alias);
		bindings_free(&b);
		return c->alias ? 0 : -ENOMEM;
	}
	r = bindings_next_index(&b, c->prefix, c->in_use, c->userdata);
	bindings_free(&b);
	if (r < 0)
		return r;
	r = alias_format(c->prefix, (unsigned int)r, name, sizeof(name));
	if (r < 0)
		return r;
	r = append_binding(out, old, len, name, c->wwid);
	if (r < 0)
		return r;
	c->alias = strdup(name);
	c->created = true;
	return c->alias ? 1 : -ENOMEM;
}

int alias_allocate(const char *file, const char *wwid, const char *prefix,
		   alias_in_use_fn in_use, void *userdata, char **alias)
{
	struct alloc_ctx c = { wwid, prefix, in_use, userdata, NULL, false };
	int r;

	*alias = NULL;
	if (!binding_field_valid(wwid, false) || !prefix_valid(prefix))
		return -EINVAL;
	r = file_update_locked(file, BINDINGS_MODE, edit_allocate, &c);
	if (r < 0) {
		free(c.alias);
		return r;
	}
	if (c.created)
		condlog(3, "Created new binding [%s] for WWID [%s]", c.alias,
			wwid);
	*alias = c.alias;
	return 0;
}

struct existing_ctx {
	const char *wwid;
	const char *prefix;
	const char *name;
	char *alias;
};

/* 0 decided (c->alias set), 1 name is to be bound, -errno. */
static int decide_existing(const struct bindings *b, struct existing_ctx *c)
{
	const struct binding *bd = bindings_find_alias(b, c->name);

	if (bd && !streq(bd->wwid, c->wwid)) {
		condlog(0, "alias %s already bound to wwid %s, cannot reuse",
			c->name, bd->wwid);
		return -EEXIST;
	}
	if (!bd && (bd = bindings_find_wwid(b, c->wwid)))
		condlog(3, "Use existing binding [%s] for WWID [%s]",
			bd->alias, c->wwid);
	if (bd) {
		c->alias = strdup(bd->alias);
		return c->alias ? 0 : -ENOMEM;
	}
	if (alias_index(c->prefix, c->name) < 0)
		return -ENOENT;
	return 1;
}

static int edit_existing(const char *old, size_t len, struct strbuf *out,
			 void *ud)
{
	struct existing_ctx *c = ud;
	struct bindings b = BINDINGS_INIT;
	int r;

	r = bindings_parse(old, len, NULL, NULL, &b);
	if (r < 0)
		return r;
	r = decide_existing(&b, c);
	bindings_free(&b);
	if (r <= 0)
		return r;
	r = append_binding(out, old, len, c->name, c->wwid);
	if (r < 0)
		return r;
	c->alias = strdup(c->name);
	return c->alias ? 1 : -ENOMEM;
}

int alias_use_existing(const char *file, const char *wwid, const char *prefix,
		       const char *name, bool read_only, char **alias)
{
	struct existing_ctx c = { wwid, prefix, name, NULL };
	struct bindings b = BINDINGS_INIT;
	int r;

	*alias = NULL;
	if (!binding_field_valid(wwid, false) ||
	    !binding_field_valid(name, true) || !prefix_valid(prefix))
		return -EINVAL;
	/* decide without the lock first: mostly nothing is to be written */
	r = load(file, &b);
	if (r < 0 && r != -ENOENT)
		return r;
	r = decide_existing(&b, &c);
	bindings_free(&b);
	if (r == 1 && read_only) {
		c.alias = strdup(name);
		r = c.alias ? 0 : -ENOMEM;
	} else if (r == 1) {
		r = file_update_locked(file, BINDINGS_MODE, edit_existing, &c);
		if (r == 1)
			condlog(2, "Allocated existing binding [%s] for WWID [%s]",
				name, wwid);
	}
	if (r < 0) {
		free(c.alias);
		return r;
	}
	*alias = c.alias;
	return 0;
}

struct repair_ctx {
	alias_conf_fn conf;
	void *userdata;
};

static int edit_repair(const char *old, size_t len, struct strbuf *out,
		       void *ud)
{
	struct repair_ctx *c = ud;
	struct bindings b = BINDINGS_INIT;
	size_t i;
	int r;

	r = bindings_parse(old, len, c->conf, c->userdata, &b);
	if (r < 0)
		return r;
	r = bindings_conflicts(&b) ? 1 : 0;
	if (r && strbuf_append(out, header) < 0)
		r = -ENOMEM;
	for (i = 0; r > 0 && i < b.n; i++)
		if (b.v[i].status == BINDING_OK &&
		    strbuf_printf(out, "%s %s\n", b.v[i].alias, b.v[i].wwid) < 0)
			r = -ENOMEM;
	bindings_free(&b);
	return r;
}

int alias_check_file(const char *file, bool read_only, alias_conf_fn conf,
		     void *userdata)
{
	struct repair_ctx c = { conf, userdata };
	struct bindings b = BINDINGS_INIT;
	_cleanup_free_ char *buf = NULL;
	size_t len, conflicts;
	int r;

	/* like the reference, a file it cannot read is no reason to stop */
	r = file_read_all(file, BINDINGS_MAX_SIZE, &buf, &len);
	if (r == -ENOENT)
		return 0;
	if (r < 0) {
		log_errno(1, r, "%s: cannot read the bindings file", file);
		return 0;
	}
	r = bindings_parse(buf, len, conf, userdata, &b);
	if (r < 0)
		return r;
	bindings_report(&b, 0);
	conflicts = bindings_conflicts(&b);
	bindings_free(&b);
	if (!conflicts)
		return 0;
	if (read_only) {
		condlog(0, "ERROR: bad settings in read-only bindings file %s",
			file);
		return -EROFS;
	}
	r = file_update_locked(file, BINDINGS_MODE, edit_repair, &c);
	if (r < 0)
		return log_errno(0, r, "%s: cannot rewrite the bindings file",
				 file);
	if (r > 0)
		condlog(1, "updated bindings file %s", file);
	return 0;
}
