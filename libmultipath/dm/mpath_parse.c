/* Parsing the dm-multipath target's table and status strings into one
 * structure (dm/mpath_table.h). */
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

/* The fewest words a group takes: table "<sel> 0 1 0 <devt>", status
 * "<state> 0 1 0 <devt> <A|F> <fail count>". */
#define MIN_TABLE_GROUP_WORDS	5
#define MIN_STATUS_GROUP_WORDS	7

/* Room for n paths of `words` words each in what is left of the input;
 * allocated only then. */
static int alloc_paths(struct reader *r, unsigned int n, unsigned int words,
		       struct dmmp_group *g)
{
	if ((uint64_t)n * words > reader_left(r))
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
	if ((uint64_t)n * min_words > reader_left(r))
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
	if (reader_uint(r, 0, DMMP_MAX_GROUPS, nr) < 0 ||
	    reader_uint(r, 0, *nr, which) < 0 || (*nr == 0) != (*which == 0))
		return -EINVAL;
	return 0;
}

/* ---- the table -------------------------------------------------------- */

/* ---- the table -------------------------------------------------------- */

static int parse_table_group(struct reader *r, struct dmmp_group *g)
{
	const struct span *sel = reader_next(r);
	unsigned int nr, nr_args, i;
	int rc;

	if (!sel)
		return -EINVAL;
	g->selector = strndup(sel->s, sel->len);
	if (!g->selector)
		return -ENOMEM;
	rc = reader_counted(r, DMMP_MAX_ARGS, &g->selector_args);
	if (rc < 0)
		return rc;
	if (reader_uint(r, 1, DMMP_MAX_PATHS, &nr) < 0 ||
	    reader_uint(r, 0, DMMP_MAX_ARGS, &nr_args) < 0)
		return -EINVAL;
	rc = alloc_paths(r, nr, 1 + nr_args, g);
	for (i = 0; rc == 0 && i < nr; i++) {
		rc = reader_devt(r, &g->paths[i]);
		if (rc == 0)
			rc = reader_words(r, nr_args, &g->paths[i].args);
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
		rc = reader_counted(&r, DMMP_MAX_FEATURES, &t.features);
	if (rc == 0)
		rc = reader_counted(&r, DMMP_MAX_ARGS, &t.hwhandler);
	if (rc == 0)
		rc = read_group_count(&r, &nr, &t.initial_group);
	if (rc == 0)
		rc = alloc_groups(&r, nr, MIN_TABLE_GROUP_WORDS, &t);
	for (i = 0; rc == 0 && i < t.nr_groups; i++)
		rc = parse_table_group(&r, &t.groups[i]);
	if (rc == 0 && reader_left(&r))
		rc = -EINVAL;	/* the kernel refuses trailing words too */
	if (rc < 0)
		return rc;
	*out = t;
	memset(&t, 0, sizeof(t));
	return 0;
}

/* ---- the status ------------------------------------------------------- */

/* ---- the status ------------------------------------------------------- */

static int parse_status_group(struct reader *r, struct dmmp_group *g)
{
	unsigned int nr, nr_args, i;
	int rc;

	if (reader_state(r, "AED", &g->state) < 0)
		return -EINVAL;
	rc = reader_counted(r, DMMP_MAX_ARGS, &g->status);
	if (rc < 0)
		return rc;
	if (reader_uint(r, 1, DMMP_MAX_PATHS, &nr) < 0 ||
	    reader_uint(r, 0, DMMP_MAX_ARGS, &nr_args) < 0)
		return -EINVAL;
	rc = alloc_paths(r, nr, 3 + nr_args, g);
	for (i = 0; rc == 0 && i < nr; i++) {
		struct dmmp_path *p = &g->paths[i];

		if (reader_devt(r, p) < 0 || reader_state(r, "AF", &p->state) < 0 ||
		    reader_uint(r, 0, UINT_MAX, &p->fail_count) < 0)
			return -EINVAL;
		rc = reader_words(r, nr_args, &p->status);
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
		rc = reader_counted(&r, DMMP_MAX_ARGS, &st->status_features);
	if (rc == 0)
		rc = reader_counted(&r, DMMP_MAX_ARGS, &st->status_hwhandler);
	if (rc == 0)
		rc = read_group_count(&r, &nr, &st->next_group);
	if (rc == 0)
		rc = alloc_groups(&r, nr, MIN_STATUS_GROUP_WORDS, st);
	for (i = 0; rc == 0 && i < st->nr_groups; i++)
		rc = parse_status_group(&r, &st->groups[i]);
	if (rc == 0 && reader_left(&r))
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
	dmmp_words_swap(&t->status_features, &st.status_features);
	dmmp_words_swap(&t->status_hwhandler, &st.status_hwhandler);
	t->next_group = st.next_group;
	for (i = 0; i < t->nr_groups; i++) {
		struct dmmp_group *g = &t->groups[i], *sg = &st.groups[i];

		g->state = sg->state;
		dmmp_words_swap(&g->status, &sg->status);
		for (j = 0; j < g->nr_paths; j++) {
			struct dmmp_path *p = &g->paths[j], *sp = &sg->paths[j];

			p->state = sp->state;
			p->fail_count = sp->fail_count;
			dmmp_words_swap(&p->status, &sp->status);
		}
	}
	t->has_status = true;
	return 0;
}
