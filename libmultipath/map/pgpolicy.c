/* Path grouping policies. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config/values.h"
#include "map/pgpolicy.h"
#include "model/map.h"

/* The key a policy groups by: paths with equal keys share a group. */
typedef bool (*same_group_fn)(const struct path *a, const struct path *b);

static bool by_serial(const struct path *a, const struct path *b)
{
	return strcmp(a->serial, b->serial) == 0;
}

static bool by_prio(const struct path *a, const struct path *b)
{
	return a->priority == b->priority;
}

static bool by_node_name(const struct path *a, const struct path *b)
{
	return strcmp(a->tgt_node_name, b->tgt_node_name) == 0;
}

static bool by_tpg(const struct path *a, const struct path *b)
{
	return a->tpg == b->tpg;
}

static bool never(const struct path *a, const struct path *b)
{
	(void)a;
	(void)b;
	return false;
}

static bool always(const struct path *a, const struct path *b)
{
	(void)a;
	(void)b;
	return true;
}

static bool usable(const struct path *pp)
{
	return pp->state == PATH_UP || pp->state == PATH_GHOST;
}

static unsigned usable_paths(const struct pathgroup *pg)
{
	const struct path *pp;
	unsigned n = 0;
	size_t i;

	vec_foreach(&pg->paths, pp, i)
		n += usable(pp);
	return n;
}

static bool before(const struct pathgroup *a, const struct pathgroup *b)
{
	if (a->marginal != b->marginal)
		return !a->marginal;
	if (a->priority != b->priority)
		return a->priority > b->priority;
	return usable_paths(a) > usable_paths(b);
}

void sort_pathgroups(struct multipath *mpp)
{
	size_t i, j;

	/* insertion sort: stable, and groups are few */
	for (i = 1; i < mpp->pgs.len; i++) {
		struct pathgroup *pg = mpp->pgs.items[i];

		for (j = i; j > 0 && before(pg, mpp->pgs.items[j - 1]); j--)
			mpp->pgs.items[j] = mpp->pgs.items[j - 1];
		mpp->pgs.items[j] = pg;
	}
}

static void free_pg(void *p)
{
	pathgroup_free(p);
}

int group_paths(struct multipath *mpp, int policy)
{
	same_group_fn same;
	struct pathgroup *pg;
	struct path *pp;
	size_t i, j;

	switch (policy) {
	case PGP_FAILOVER:
		same = never;
		break;
	case PGP_MULTIBUS:
		same = always;
		break;
	case PGP_GROUP_BY_SERIAL:
		same = by_serial;
		break;
	case PGP_GROUP_BY_PRIO:
		same = by_prio;
		break;
	case PGP_GROUP_BY_NODE_NAME:
		same = by_node_name;
		break;
	case PGP_GROUP_BY_TPG:
		same = by_tpg;
		break;
	default:
		return -EINVAL;
	}
	vec_clear(&mpp->pgs, free_pg);
	vec_foreach(&mpp->paths, pp, i) {
		pg = NULL;
		for (j = 0; j < mpp->pgs.len; j++) {
			struct pathgroup *g = mpp->pgs.items[j];

			/* marginal paths (multipathd, marginal_pathgroups)
			 * are grouped apart, after the others */
			if (g->marginal == pp->marginal &&
			    same(g->paths.items[0], pp)) {
				pg = g;
				break;
			}
		}
		if (!pg) {
			pg = pathgroup_new();
			if (!pg || vec_push(&mpp->pgs, pg) < 0) {
				pathgroup_free(pg);
				return -ENOMEM;
			}
			pg->marginal = pp->marginal;
			if (mpp->selector &&
			    !(pg->selector = strdup(mpp->selector)))
				return -ENOMEM;
		}
		if (vec_push(&pg->paths, pp) < 0)
			return -ENOMEM;
		pp->pg = pg;
	}
	vec_foreach(&mpp->pgs, pg, i)
		pathgroup_update_priority(pg);
	sort_pathgroups(mpp);
	return 0;
}
