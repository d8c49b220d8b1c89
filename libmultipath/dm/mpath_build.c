/* Building and freeing dm-multipath tables (dm/mpath_table.h). */
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

/* ---- freeing ---------------------------------------------------------- */

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

/* ---- building --------------------------------------------------------- */

int dmmp_table_add_group(struct dmmp_table *t, const char *selector,
			 struct dmmp_group **group)
{
	struct dmmp_group *v, *g;

	if (!dmmp_valid_word(selector) || t->nr_groups >= DMMP_MAX_GROUPS)
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
	dmmp_set_devt(p, major, minor);
	if (path)
		*path = p;
	return 0;
}
