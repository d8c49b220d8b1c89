/* The dm-multipath target's table and status strings: parse them into one
 * structure, build them back, normalize features as the kernel does. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dm/mpath_table.h"
#include "util/cleanup.h"

/* The kernel's dev_t: 12 bits of major, 20 of minor. */
#define DEVT_MAX_MAJOR	4095u
#define DEVT_MAX_MINOR	1048575u

/* The fewest words a group takes: table "<sel> 0 1 0 <devt>", status
 * "<state> 0 1 0 <devt> <A|F> <fail count>". */
#define MIN_TABLE_GROUP_WORDS	5
#define MIN_STATUS_GROUP_WORDS	7

/* ---- splitting and reading words ------------------------------------- */

struct span {
	const char *s;
	size_t len;
};

/* The input split into words, read front to back. */
struct reader {
	struct span *v;
	size_t n, i;
};

static void reader_free(struct reader *r)
{
	free(r->v);
}

static bool is_space(char c)
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
		while (is_space(*s))
			s++;
		if (!*s)
			return 0;
		for (start = s; *s && !is_space(*s); s++)
			if (!is_word_char(*s) || s - start >= DMMP_MAX_WORD)
				return -EINVAL;
		if (v)
			v[*n] = (struct span){ start, (size_t)(s - start) };
		(*n)++;
	}
}

static int reader_init(struct reader *r, const char *s)
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

static size_t left(const struct reader *r)
{
	return r->n - r->i;
}

static const struct span *next_word(struct reader *r)
{
	return r->i < r->n ? &r->v[r->i++] : NULL;
}

/* A decimal number as the kernel prints it with %u: digits only. */
static int parse_uint(const char *s, size_t len, unsigned int *val)
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

static int read_uint(struct reader *r, unsigned int min, unsigned int max,
		     unsigned int *val)
{
	const struct span *w = next_word(r);
	unsigned int v;

	if (!w || parse_uint(w->s, w->len, &v) < 0 || v < min || v > max)
		return -EINVAL;
	*val = v;
	return 0;
}

/* A one-letter word out of the set allowed. */
static int read_state(struct reader *r, const char *allowed, char *state)
{
	const struct span *w = next_word(r);

	if (!w || w->len != 1 || !strchr(allowed, w->s[0]))
		return -EINVAL;
	*state = w->s[0];
	return 0;
}

static int read_words(struct reader *r, unsigned int n, struct dmmp_words *w)
{
	unsigned int i;

	if (n > left(r))
		return -EINVAL;
	if (!n)
		return 0;
	w->w = calloc(n, sizeof(*w->w));
	if (!w->w)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const struct span *s = next_word(r);

		w->w[i] = strndup(s->s, s->len);
		if (!w->w[i])
			return -ENOMEM;
		w->n = i + 1;
	}
	return 0;
}

/* "<n> <word>...", n at most max. */
static int read_counted(struct reader *r, unsigned int max,
			struct dmmp_words *w)
{
	unsigned int n;
	int rc = read_uint(r, 0, max, &n);

	return rc < 0 ? rc : read_words(r, n, w);
}

static int parse_devt(const struct span *w, unsigned int *major,
		      unsigned int *minor)
{
	const char *colon = w ? memchr(w->s, ':', w->len) : NULL;

	if (!colon ||
	    parse_uint(w->s, (size_t)(colon - w->s), major) < 0 ||
	    parse_uint(colon + 1, w->len - (size_t)(colon - w->s) - 1, minor) < 0 ||
	    *major > DEVT_MAX_MAJOR || *minor > DEVT_MAX_MINOR)
		return -EINVAL;
	return 0;
}

static void set_devt(struct dmmp_path *p, unsigned int major,
		     unsigned int minor)
{
	p->major = major;
	p->minor = minor;
	snprintf(p->devt, sizeof(p->devt), "%u:%u", major, minor);
}

static int read_devt(struct reader *r, struct dmmp_path *p)
{
	unsigned int major, minor;

	if (parse_devt(next_word(r), &major, &minor) < 0)
		return -EINVAL;
	set_devt(p, major, minor);
	return 0;
}

/* Room for n paths of `words` words each in what is left of the input;
 * allocated only then. */
static int alloc_paths(struct reader *r, unsigned int n, unsigned int words,
		       struct dmmp_group *g)
{
	if ((uint64_t)n * words > left(r))
		return -EINVAL;
	g->paths = calloc(n, sizeof(*g->paths));
	if (!g->paths)
		return -ENOMEM;
	g->nr_paths = n;
	return 0;
}

static int alloc_groups(struct reader *r, unsigned int n, size_t min_words,
			struct dmmp_table *t)
{
	if (!n)
		return 0;
	if ((uint64_t)n * min_words > left(r))
		return -EINVAL;
	t->groups = calloc(n, sizeof(*t->groups));
	if (!t->groups)
		return -ENOMEM;
	t->nr_groups = n;
	return 0;
}

/* "<#groups> <group number>": the number is 0 exactly when there are no
 * groups (multipath_ctr, multipath_status). */
static int read_group_count(struct reader *r, unsigned int *nr,
			    unsigned int *which)
{
	if (read_uint(r, 0, DMMP_MAX_GROUPS, nr) < 0 ||
	    read_uint(r, 0, *nr, which) < 0 || (*nr == 0) != (*which == 0))
		return -EINVAL;
	return 0;
}

/* ---- the table -------------------------------------------------------- */

static int parse_table_group(struct reader *r, struct dmmp_group *g)
{
	const struct span *sel = next_word(r);
	unsigned int nr, nr_args, i;
	int rc;

	if (!sel)
		return -EINVAL;
	g->selector = strndup(sel->s, sel->len);
	if (!g->selector)
		return -ENOMEM;
	rc = read_counted(r, DMMP_MAX_ARGS, &g->selector_args);
	if (rc < 0)
		return rc;
	if (read_uint(r, 1, DMMP_MAX_PATHS, &nr) < 0 ||
	    read_uint(r, 0, DMMP_MAX_ARGS, &nr_args) < 0)
		return -EINVAL;
	rc = alloc_paths(r, nr, 1 + nr_args, g);
	for (i = 0; rc == 0 && i < nr; i++) {
		rc = read_devt(r, &g->paths[i]);
		if (rc == 0)
			rc = read_words(r, nr_args, &g->paths[i].args);
	}
	return rc;
}

int dmmp_parse_table(const char *params, struct dmmp_table *out)
{
	_cleanup_(reader_free) struct reader r = { NULL, 0, 0 };
	_cleanup_(dmmp_table_free) struct dmmp_table t = DMMP_TABLE_INIT;
	unsigned int nr, i;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = reader_init(&r, params);
	if (rc == 0)
		rc = read_counted(&r, DMMP_MAX_FEATURES, &t.features);
	if (rc == 0)
		rc = read_counted(&r, DMMP_MAX_ARGS, &t.hwhandler);
	if (rc == 0)
		rc = read_group_count(&r, &nr, &t.initial_group);
	if (rc == 0)
		rc = alloc_groups(&r, nr, MIN_TABLE_GROUP_WORDS, &t);
	for (i = 0; rc == 0 && i < t.nr_groups; i++)
		rc = parse_table_group(&r, &t.groups[i]);
	if (rc == 0 && left(&r))
		rc = -EINVAL;	/* the kernel refuses trailing words too */
	if (rc < 0)
		return rc;
	*out = t;
	memset(&t, 0, sizeof(t));
	return 0;
}

/* ---- the status ------------------------------------------------------- */

static int parse_status_group(struct reader *r, struct dmmp_group *g)
{
	unsigned int nr, nr_args, i;
	int rc;

	if (read_state(r, "AED", &g->state) < 0)
		return -EINVAL;
	rc = read_counted(r, DMMP_MAX_ARGS, &g->status);
	if (rc < 0)
		return rc;
	if (read_uint(r, 1, DMMP_MAX_PATHS, &nr) < 0 ||
	    read_uint(r, 0, DMMP_MAX_ARGS, &nr_args) < 0)
		return -EINVAL;
	rc = alloc_paths(r, nr, 3 + nr_args, g);
	for (i = 0; rc == 0 && i < nr; i++) {
		struct dmmp_path *p = &g->paths[i];

		if (read_devt(r, p) < 0 || read_state(r, "AF", &p->state) < 0 ||
		    read_uint(r, 0, UINT_MAX, &p->fail_count) < 0)
			return -EINVAL;
		rc = read_words(r, nr_args, &p->status);
	}
	return rc;
}

/* The status alone, in the status fields of a table-shaped st. */
static int parse_status(const char *params, struct dmmp_table *st)
{
	_cleanup_(reader_free) struct reader r = { NULL, 0, 0 };
	unsigned int nr, i;
	int rc;

	rc = reader_init(&r, params);
	if (rc == 0)
		rc = read_counted(&r, DMMP_MAX_ARGS, &st->status_features);
	if (rc == 0)
		rc = read_counted(&r, DMMP_MAX_ARGS, &st->status_hwhandler);
	if (rc == 0)
		rc = read_group_count(&r, &nr, &st->next_group);
	if (rc == 0)
		rc = alloc_groups(&r, nr, MIN_STATUS_GROUP_WORDS, st);
	for (i = 0; rc == 0 && i < st->nr_groups; i++)
		rc = parse_status_group(&r, &st->groups[i]);
	if (rc == 0 && left(&r))
		rc = -EINVAL;
	return rc;
}

static bool same_paths(const struct dmmp_table *a, const struct dmmp_table *b)
{
	unsigned int i, j;

	if (a->nr_groups != b->nr_groups)
		return false;
	for (i = 0; i < a->nr_groups; i++) {
		const struct dmmp_group *ga = &a->groups[i], *gb = &b->groups[i];

		if (ga->nr_paths != gb->nr_paths)
			return false;
		for (j = 0; j < ga->nr_paths; j++)
			if (ga->paths[j].major != gb->paths[j].major ||
			    ga->paths[j].minor != gb->paths[j].minor)
				return false;
	}
	return true;
}

static void swap_words(struct dmmp_words *a, struct dmmp_words *b)
{
	struct dmmp_words tmp = *a;

	*a = *b;
	*b = tmp;
}

int dmmp_parse_status(const char *params, struct dmmp_table *t)
{
	_cleanup_(dmmp_table_free) struct dmmp_table st = DMMP_TABLE_INIT;
	unsigned int i, j;
	int rc;

	rc = parse_status(params, &st);
	if (rc < 0)
		return rc;
	if (!same_paths(t, &st))
		return -EINVAL;
	/* the old status, if any, goes with st */
	swap_words(&t->status_features, &st.status_features);
	swap_words(&t->status_hwhandler, &st.status_hwhandler);
	t->next_group = st.next_group;
	for (i = 0; i < t->nr_groups; i++) {
		struct dmmp_group *g = &t->groups[i], *sg = &st.groups[i];

		g->state = sg->state;
		swap_words(&g->status, &sg->status);
		for (j = 0; j < g->nr_paths; j++) {
			struct dmmp_path *p = &g->paths[j], *sp = &sg->paths[j];

			p->state = sp->state;
			p->fail_count = sp->fail_count;
			swap_words(&p->status, &sp->status);
		}
	}
	t->has_status = true;
	return 0;
}

/* ---- freeing ---------------------------------------------------------- */

void dmmp_words_free(struct dmmp_words *w)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
	free(w->w);
	w->w = NULL;
	w->n = 0;
}

static void group_free(struct dmmp_group *g)
{
	unsigned int i;

	for (i = 0; i < g->nr_paths; i++) {
		dmmp_words_free(&g->paths[i].args);
		dmmp_words_free(&g->paths[i].status);
	}
	free(g->paths);
	free(g->selector);
	dmmp_words_free(&g->selector_args);
	dmmp_words_free(&g->status);
}

void dmmp_table_free(struct dmmp_table *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_groups; i++)
		group_free(&t->groups[i]);
	free(t->groups);
	dmmp_words_free(&t->features);
	dmmp_words_free(&t->hwhandler);
	dmmp_words_free(&t->status_features);
	dmmp_words_free(&t->status_hwhandler);
	memset(t, 0, sizeof(*t));
}

/* ---- formatting ------------------------------------------------------- */

static bool valid_word(const char *s)
{
	size_t len;

	if (!s || !*s)
		return false;
	for (len = 0; s[len]; len++)
		if (!is_word_char(s[len]) || len >= DMMP_MAX_WORD)
			return false;
	return true;
}

static bool valid_words(const struct dmmp_words *w, unsigned int max)
{
	unsigned int i;

	if (w->n > max || (w->n && !w->w))
		return false;
	for (i = 0; i < w->n; i++)
		if (!valid_word(w->w[i]))
			return false;
	return true;
}

/* Groups and paths present, the group number 0 exactly without groups. */
static bool valid_shape(const struct dmmp_table *t, unsigned int which)
{
	unsigned int i;

	if (t->nr_groups > DMMP_MAX_GROUPS || (t->nr_groups && !t->groups) ||
	    which > t->nr_groups || (t->nr_groups == 0) != (which == 0))
		return false;
	for (i = 0; i < t->nr_groups; i++) {
		const struct dmmp_group *g = &t->groups[i];

		if (!g->nr_paths || g->nr_paths > DMMP_MAX_PATHS || !g->paths)
			return false;
	}
	return true;
}

/* The per-path word lists of a group all of one length, as they share
 * one count; that length in *n. */
static bool same_count(const struct dmmp_group *g, bool status,
		       unsigned int *n)
{
	unsigned int i;

	*n = status ? g->paths[0].status.n : g->paths[0].args.n;
	for (i = 0; i < g->nr_paths; i++) {
		const struct dmmp_path *p = &g->paths[i];
		const struct dmmp_words *w = status ? &p->status : &p->args;

		if (w->n != *n || !valid_words(w, DMMP_MAX_ARGS) ||
		    p->major > DEVT_MAX_MAJOR || p->minor > DEVT_MAX_MINOR)
			return false;
		if (status && p->state != 'A' && p->state != 'F')
			return false;
	}
	return true;
}

/* The kernel ends every word with a space, the last one included. */
static int emit_words(struct strbuf *sb, const struct dmmp_words *w)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		if (strbuf_append(sb, w->w[i]) < 0 || strbuf_addc(sb, ' ') < 0)
			return -ENOMEM;
	return 0;
}

static int emit_counted(struct strbuf *sb, const struct dmmp_words *w)
{
	if (strbuf_printf(sb, "%u ", w->n) < 0)
		return -ENOMEM;
	return emit_words(sb, w);
}

static int emit_table(const struct dmmp_table *t, struct strbuf *sb)
{
	unsigned int i, j, nr_args;

	if (emit_counted(sb, &t->features) < 0 ||
	    emit_counted(sb, &t->hwhandler) < 0 ||
	    strbuf_printf(sb, "%u %u ", t->nr_groups, t->initial_group) < 0)
		return -ENOMEM;
	for (i = 0; i < t->nr_groups; i++) {
		const struct dmmp_group *g = &t->groups[i];

		if (!valid_word(g->selector) ||
		    !valid_words(&g->selector_args, DMMP_MAX_ARGS) ||
		    !same_count(g, false, &nr_args))
			return -EINVAL;
		if (strbuf_printf(sb, "%s ", g->selector) < 0 ||
		    emit_counted(sb, &g->selector_args) < 0 ||
		    strbuf_printf(sb, "%u %u ", g->nr_paths, nr_args) < 0)
			return -ENOMEM;
		for (j = 0; j < g->nr_paths; j++) {
			const struct dmmp_path *p = &g->paths[j];

			if (strbuf_printf(sb, "%u:%u ", p->major, p->minor) < 0 ||
			    emit_words(sb, &p->args) < 0)
				return -ENOMEM;
		}
	}
	return 0;
}

int dmmp_format_table(const struct dmmp_table *t, struct strbuf *sb)
{
	size_t start = strbuf_len(sb);
	int rc = -EINVAL;

	if (valid_words(&t->features, DMMP_MAX_FEATURES) &&
	    valid_words(&t->hwhandler, DMMP_MAX_ARGS) &&
	    valid_shape(t, t->initial_group))
		rc = emit_table(t, sb);
	if (rc < 0)
		strbuf_truncate(sb, start);
	return rc;
}

static int emit_status(const struct dmmp_table *t, struct strbuf *sb)
{
	unsigned int i, j, nr_args;

	if (emit_counted(sb, &t->status_features) < 0 ||
	    emit_counted(sb, &t->status_hwhandler) < 0 ||
	    strbuf_printf(sb, "%u %u ", t->nr_groups, t->next_group) < 0)
		return -ENOMEM;
	for (i = 0; i < t->nr_groups; i++) {
		const struct dmmp_group *g = &t->groups[i];

		if (!g->state || !strchr("AED", g->state) ||
		    !valid_words(&g->status, DMMP_MAX_ARGS) ||
		    !same_count(g, true, &nr_args))
			return -EINVAL;
		if (strbuf_printf(sb, "%c ", g->state) < 0 ||
		    emit_counted(sb, &g->status) < 0 ||
		    strbuf_printf(sb, "%u %u ", g->nr_paths, nr_args) < 0)
			return -ENOMEM;
		for (j = 0; j < g->nr_paths; j++) {
			const struct dmmp_path *p = &g->paths[j];

			if (strbuf_printf(sb, "%u:%u %c %u ", p->major, p->minor,
					  p->state, p->fail_count) < 0 ||
			    emit_words(sb, &p->status) < 0)
				return -ENOMEM;
		}
	}
	return 0;
}

int dmmp_format_status(const struct dmmp_table *t, struct strbuf *sb)
{
	size_t start = strbuf_len(sb);
	int rc = -EINVAL;

	if (t->has_status &&
	    valid_words(&t->status_features, DMMP_MAX_ARGS) &&
	    valid_words(&t->status_hwhandler, DMMP_MAX_ARGS) &&
	    valid_shape(t, t->next_group))
		rc = emit_status(t, sb);
	if (rc < 0)
		strbuf_truncate(sb, start);
	return rc;
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

/* ---- features as the kernel sees them --------------------------------- */

static bool takes_value(const char *feature)
{
	return !strcasecmp(feature, "pg_init_retries") ||
	       !strcasecmp(feature, "pg_init_delay_msecs") ||
	       !strcasecmp(feature, "queue_mode");
}

bool dmmp_table_feature(const struct dmmp_table *t, const char *name,
			const char **value)
{
	const struct dmmp_words *f = &t->features;
	bool found = false;
	unsigned int i;

	for (i = 0; i < f->n; i++) {
		bool has_value = takes_value(f->w[i]) && i + 1 < f->n;

		if (!strcasecmp(f->w[i], name)) {
			found = true;
			if (value)
				*value = has_value ? f->w[i + 1] : NULL;
		}
		if (has_value)
			i++;
	}
	return found;
}

/* The settings parse_features() in dm-mpath.c makes of the feature words. */
struct mpath_features {
	bool queue_if_no_path, retain, bio;
	unsigned int pg_init_retries;
	unsigned int pg_init_delay;
	bool has_delay;
};

static int number_in(const char *s, unsigned int min, unsigned int max,
		     unsigned int *val)
{
	if (parse_uint(s, strlen(s), val) < 0 || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

static int read_features(const struct dmmp_words *f, struct mpath_features *m)
{
	unsigned int i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < f->n; i++) {
		const char *name = f->w[i];
		const char *val = i + 1 < f->n ? f->w[i + 1] : NULL;

		if (!strcasecmp(name, "queue_if_no_path")) {
			m->queue_if_no_path = true;
			continue;
		}
		if (!strcasecmp(name, "retain_attached_hw_handler")) {
			m->retain = true;
			continue;
		}
		if (!val || !takes_value(name))
			return -EINVAL;
		i++;
		if (!strcasecmp(name, "pg_init_retries")) {
			if (number_in(val, 1, 50, &m->pg_init_retries) < 0)
				return -EINVAL;
		} else if (!strcasecmp(name, "pg_init_delay_msecs")) {
			if (number_in(val, 0, 60000, &m->pg_init_delay) < 0)
				return -EINVAL;
			m->has_delay = true;
		} else if (!strcasecmp(val, "bio")) {
			m->bio = true;
		} else if (!strcasecmp(val, "rq") || !strcasecmp(val, "mq")) {
			m->bio = false;
		} else {
			return -EINVAL;
		}
	}
	/* bio-based maps always keep the attached handler */
	if (m->bio)
		m->retain = true;
	return 0;
}

static int add_number(struct dmmp_words *w, const char *name, unsigned int v)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", v);
	if (dmmp_words_add(w, name) < 0 || dmmp_words_add(w, num) < 0)
		return -ENOMEM;
	return 0;
}

static int echo_features(const struct mpath_features *m, struct dmmp_words *w)
{
	if (m->queue_if_no_path && dmmp_words_add(w, "queue_if_no_path") < 0)
		return -ENOMEM;
	if (m->pg_init_retries &&
	    add_number(w, "pg_init_retries", m->pg_init_retries) < 0)
		return -ENOMEM;
	if (m->has_delay &&
	    add_number(w, "pg_init_delay_msecs", m->pg_init_delay) < 0)
		return -ENOMEM;
	if (m->retain && dmmp_words_add(w, "retain_attached_hw_handler") < 0)
		return -ENOMEM;
	if (m->bio && (dmmp_words_add(w, "queue_mode") < 0 ||
		       dmmp_words_add(w, "bio") < 0))
		return -ENOMEM;
	return 0;
}

int dmmp_table_normalize(struct dmmp_table *t)
{
	_cleanup_(dmmp_words_free) struct dmmp_words echo = { 0, NULL };
	struct mpath_features m;
	unsigned int i;
	int rc;

	if (!valid_words(&t->features, DMMP_MAX_FEATURES) ||
	    !valid_words(&t->hwhandler, DMMP_MAX_ARGS) ||
	    read_features(&t->features, &m) < 0)
		return -EINVAL;
	rc = echo_features(&m, &echo);
	if (rc < 0)
		return rc;
	swap_words(&t->features, &echo);
	/* bio-based maps ignore the handler; others show its name only */
	if (m.bio) {
		dmmp_words_free(&t->hwhandler);
	} else if (t->hwhandler.n > 1) {
		for (i = 1; i < t->hwhandler.n; i++)
			free(t->hwhandler.w[i]);
		t->hwhandler.n = 1;
	}
	return 0;
}

/* ---- comparing -------------------------------------------------------- */

static bool words_equal(const struct dmmp_words *a, const struct dmmp_words *b)
{
	unsigned int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->w[i], b->w[i]) != 0)
			return false;
	return true;
}

static bool group_equal(const struct dmmp_group *a, const struct dmmp_group *b)
{
	unsigned int i;

	if (strcmp(a->selector, b->selector) != 0 ||
	    !words_equal(&a->selector_args, &b->selector_args) ||
	    a->nr_paths != b->nr_paths)
		return false;
	for (i = 0; i < a->nr_paths; i++)
		if (a->paths[i].major != b->paths[i].major ||
		    a->paths[i].minor != b->paths[i].minor ||
		    !words_equal(&a->paths[i].args, &b->paths[i].args))
			return false;
	return true;
}

bool dmmp_table_equal(const struct dmmp_table *a, const struct dmmp_table *b)
{
	unsigned int i;

	if (!words_equal(&a->features, &b->features) ||
	    !words_equal(&a->hwhandler, &b->hwhandler) ||
	    a->nr_groups != b->nr_groups ||
	    a->initial_group != b->initial_group)
		return false;
	for (i = 0; i < a->nr_groups; i++)
		if (!group_equal(&a->groups[i], &b->groups[i]))
			return false;
	return true;
}

/* ---- status accessors ------------------------------------------------- */

static int status_feature(const struct dmmp_table *t, unsigned int i,
			  unsigned int *val)
{
	const struct dmmp_words *f = &t->status_features;

	if (!t->has_status || f->n != 2 ||
	    number_in(f->w[i], 0, UINT_MAX, val) < 0)
		return -ENODATA;
	return 0;
}

int dmmp_status_queue_io(const struct dmmp_table *t, unsigned int *queue_io)
{
	return status_feature(t, 0, queue_io);
}

int dmmp_status_pg_init_count(const struct dmmp_table *t, unsigned int *count)
{
	return status_feature(t, 1, count);
}

/* ---- building --------------------------------------------------------- */

int dmmp_words_add(struct dmmp_words *w, const char *word)
{
	char **v;

	if (!valid_word(word) || w->n >= UINT_MAX - 1)
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
		rc = read_counted(&r, DMMP_MAX_ARGS, &nw);
	if (rc == 0 && left(&r))
		rc = -EINVAL;
	if (rc < 0)
		return rc;
	swap_words(w, &nw);
	return 0;
}

int dmmp_table_add_group(struct dmmp_table *t, const char *selector,
			 struct dmmp_group **group)
{
	struct dmmp_group *v, *g;

	if (!valid_word(selector) || t->nr_groups >= DMMP_MAX_GROUPS)
		return -EINVAL;
	v = realloc(t->groups, (t->nr_groups + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	t->groups = v;
	g = &v[t->nr_groups];
	memset(g, 0, sizeof(*g));
	g->selector = strdup(selector);
	if (!g->selector)
		return -ENOMEM;
	t->nr_groups++;
	if (!t->initial_group)
		t->initial_group = 1;
	if (group)
		*group = g;
	return 0;
}

int dmmp_group_add_path(struct dmmp_group *g, unsigned int major,
			unsigned int minor, struct dmmp_path **path)
{
	struct dmmp_path *v, *p;

	if (major > DEVT_MAX_MAJOR || minor > DEVT_MAX_MINOR ||
	    g->nr_paths >= DMMP_MAX_PATHS)
		return -EINVAL;
	v = realloc(g->paths, (g->nr_paths + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	g->paths = v;
	p = &v[g->nr_paths++];
	memset(p, 0, sizeof(*p));
	set_devt(p, major, minor);
	if (path)
		*path = p;
	return 0;
}

/* ---- dmsetup lines ---------------------------------------------------- */

static const char *skip_number(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > s && is_space(*p) ? p : NULL;
}

static const char *skip_spaces(const char *s)
{
	while (is_space(*s))
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
	return *p && !is_space(*p) ? line : skip_spaces(p);
}
