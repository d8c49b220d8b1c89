/* Printing dm-multipath tables and status the way the kernel does. */
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

/* ---- formatting ------------------------------------------------------- */

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

		if (w->n != *n || !dmmp_valid_words(w, DMMP_MAX_ARGS) ||
		    p->major > DEVT_MAX_MAJOR || p->minor > DEVT_MAX_MINOR)
			return false;
		if (status && p->state != 'A' && p->state != 'F')
			return false;
	}
	return true;
}

static int emit_table(const struct dmmp_table *t, struct strbuf *sb)
{
	unsigned int i, j, nr_args;

	if (dmmp_emit_counted(sb, &t->features) < 0 ||
	    dmmp_emit_counted(sb, &t->hwhandler) < 0 ||
	    strbuf_printf(sb, "%u %u ", t->nr_groups, t->initial_group) < 0)
		return -ENOMEM;
	for (i = 0; i < t->nr_groups; i++) {
		const struct dmmp_group *g = &t->groups[i];

		if (!dmmp_valid_word(g->selector) ||
		    !dmmp_valid_words(&g->selector_args, DMMP_MAX_ARGS) ||
		    !same_count(g, false, &nr_args))
			return -EINVAL;
		if (strbuf_printf(sb, "%s ", g->selector) < 0 ||
		    dmmp_emit_counted(sb, &g->selector_args) < 0 ||
		    strbuf_printf(sb, "%u %u ", g->nr_paths, nr_args) < 0)
			return -ENOMEM;
		for (j = 0; j < g->nr_paths; j++) {
			const struct dmmp_path *p = &g->paths[j];

			if (strbuf_printf(sb, "%u:%u ", p->major, p->minor) < 0 ||
			    dmmp_emit_words(sb, &p->args) < 0)
				return -ENOMEM;
		}
	}
	return 0;
}

int dmmp_format_table(const struct dmmp_table *t, struct strbuf *sb)
{
	size_t start = strbuf_len(sb);
	int rc = -EINVAL;

	if (dmmp_valid_words(&t->features, DMMP_MAX_FEATURES) &&
	    dmmp_valid_words(&t->hwhandler, DMMP_MAX_ARGS) &&
	    valid_shape(t, t->initial_group))
		rc = emit_table(t, sb);
	if (rc < 0)
		strbuf_truncate(sb, start);
	return rc;
}

static int emit_status(const struct dmmp_table *t, struct strbuf *sb)
{
	unsigned int i, j, nr_args;

	if (dmmp_emit_counted(sb, &t->status_features) < 0 ||
	    dmmp_emit_counted(sb, &t->status_hwhandler) < 0 ||
	    strbuf_printf(sb, "%u %u ", t->nr_groups, t->next_group) < 0)
		return -ENOMEM;
	for (i = 0; i < t->nr_groups; i++) {
		const struct dmmp_group *g = &t->groups[i];

		if (!g->state || !strchr("AED", g->state) ||
		    !dmmp_valid_words(&g->status, DMMP_MAX_ARGS) ||
		    !same_count(g, true, &nr_args))
			return -EINVAL;
		if (strbuf_printf(sb, "%c ", g->state) < 0 ||
		    dmmp_emit_counted(sb, &g->status) < 0 ||
		    strbuf_printf(sb, "%u %u ", g->nr_paths, nr_args) < 0)
			return -ENOMEM;
		for (j = 0; j < g->nr_paths; j++) {
			const struct dmmp_path *p = &g->paths[j];

			if (strbuf_printf(sb, "%u:%u %c %u ", p->major, p->minor,
					  p->state, p->fail_count) < 0 ||
			    dmmp_emit_words(sb, &p->status) < 0)
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
	    dmmp_valid_words(&t->status_features, DMMP_MAX_ARGS) &&
	    dmmp_valid_words(&t->status_hwhandler, DMMP_MAX_ARGS) &&
	    valid_shape(t, t->next_group))
		rc = emit_status(t, sb);
	if (rc < 0)
		strbuf_truncate(sb, start);
	return rc;
}
