/* The daemon's model of paths and maps, with its indexes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/registry.h"

static const struct vec no_paths = VEC_INIT;

size_t registry_npaths(const struct registry *r)
{
	return r->paths.len - r->path_holes;
}

size_t registry_nmaps(const struct registry *r)
{
	return r->maps.len - r->map_holes;
}

static void squeeze(struct vec *v, size_t *holes, bool paths)
{
	size_t i, n = 0;

	for (i = 0; i < v->len; i++) {
		void *o = v->items[i];

		if (!o)
			continue;
		if (paths)
			((struct path *)o)->reg_idx = n;
		else
			((struct multipath *)o)->reg_idx = n;
		v->items[n++] = o;
	}
	v->len = n;
	*holes = 0;
}

void registry_compact(struct registry *r)
{
	if (r->path_holes)
		squeeze(&r->paths, &r->path_holes, true);
	if (r->map_holes)
		squeeze(&r->maps, &r->map_holes, false);
}

/* ---- paths of a WWID ------------------------------------------------------ */

struct wwid_list {
	char wwid[WWID_SIZE];
	struct vec paths;
};

static int wwid_add(struct registry *r, struct path *pp)
{
	struct wwid_list *l;

	if (!pp->wwid[0])
		return 0;
	l = hashmap_get(&r->wwid_paths, pp->wwid);
	if (!l) {
		l = calloc(1, sizeof(*l));
		if (!l)
			return -ENOMEM;
		snprintf(l->wwid, sizeof(l->wwid), "%s", pp->wwid);
		if (hashmap_put(&r->wwid_paths, l->wwid, l) < 0) {
			free(l);
			return -ENOMEM;
		}
	}
	return vec_push(&l->paths, pp);
}

static void wwid_del(struct registry *r, struct path *pp)
{
	struct wwid_list *l;
	long i;

	if (!pp->wwid[0])
		return;
	l = hashmap_get(&r->wwid_paths, pp->wwid);
	if (!l)
		return;
	i = vec_find(&l->paths, pp);
	if (i >= 0)
		vec_remove(&l->paths, (size_t)i);
	if (!l->paths.len) {
		hashmap_remove(&r->wwid_paths, l->wwid);
		vec_free(&l->paths, NULL);
		free(l);
	}
}

const struct vec *registry_wwid_paths(const struct registry *r,
				      const char *wwid)
{
	const struct wwid_list *l = hashmap_get(&r->wwid_paths, wwid);

	return l ? &l->paths : &no_paths;
}

/* ---- paths ------------------------------------------------------------------ */

int registry_add_path(struct registry *r, struct path *pp)
{
	if (hashmap_get(&r->path_by_dev, pp->dev))
		return -EEXIST;
	pp->reg_idx = r->paths.len;
	if (vec_push(&r->paths, pp) < 0)
		return -ENOMEM;
	if (hashmap_put(&r->path_by_dev, pp->dev, pp) < 0 ||
	    (pp->dev_t[0] && hashmap_put(&r->path_by_devt, pp->dev_t, pp) < 0) ||
	    wwid_add(r, pp) < 0) {
		registry_remove_path(r, pp);
		return -ENOMEM;
	}
	return 0;
}

static void unlink_from_map(struct path *pp)
{
	struct multipath *mpp = pp->mpp;
	struct pathgroup *pg;
	size_t i;
	long k;

	if (!mpp)
		return;
	k = vec_find(&mpp->paths, pp);
	if (k >= 0)
		vec_remove(&mpp->paths, (size_t)k);
	vec_foreach(&mpp->pgs, pg, i) {
		k = vec_find(&pg->paths, pp);
		if (k >= 0)
			vec_remove(&pg->paths, (size_t)k);
	}
	pp->mpp = NULL;
	pp->pg = NULL;
}

void registry_remove_path(struct registry *r, struct path *pp)
{
	if (pp->reg_idx < r->paths.len && r->paths.items[pp->reg_idx] == pp) {
		r->paths.items[pp->reg_idx] = NULL;
		r->path_holes++;
	}
	hashmap_remove_if(&r->path_by_dev, pp->dev, pp);
	if (pp->dev_t[0])
		hashmap_remove_if(&r->path_by_devt, pp->dev_t, pp);
	wwid_del(r, pp);
	unlink_from_map(pp);
}

int registry_set_wwid(struct registry *r, struct path *pp, const char *wwid)
{
	wwid_del(r, pp);
	snprintf(pp->wwid, sizeof(pp->wwid), "%s", wwid);
	return wwid_add(r, pp);
}

struct path *registry_path(const struct registry *r, const char *dev)
{
	return hashmap_get(&r->path_by_dev, dev);
}

struct path *registry_path_by_devt(const struct registry *r, const char *devt)
{
	return hashmap_get(&r->path_by_devt, devt);
}

/* ---- maps -------------------------------------------------------------------- */

static int index_map(struct registry *r, struct multipath *mpp)
{
	if ((mpp->alias && hashmap_put(&r->map_by_name, mpp->alias, mpp) < 0) ||
	    hashmap_put(&r->map_by_wwid, mpp->wwid, mpp) < 0 ||
	    (mpp->dm_dev[0] && hashmap_put(&r->map_by_dmdev, mpp->dm_dev, mpp) < 0))
		return -ENOMEM;
	return 0;
}

static void unindex_map(struct registry *r, struct multipath *mpp)
{
	if (mpp->alias)
		hashmap_remove_if(&r->map_by_name, mpp->alias, mpp);
	hashmap_remove_if(&r->map_by_wwid, mpp->wwid, mpp);
	if (mpp->dm_dev[0])
		hashmap_remove_if(&r->map_by_dmdev, mpp->dm_dev, mpp);
}

int registry_add_map(struct registry *r, struct multipath *mpp)
{
	if (hashmap_get(&r->map_by_wwid, mpp->wwid) ||
	    (mpp->alias && hashmap_get(&r->map_by_name, mpp->alias)))
		return -EEXIST;
	mpp->reg_idx = r->maps.len;
	if (vec_push(&r->maps, mpp) < 0)
		return -ENOMEM;
	if (index_map(r, mpp) < 0) {
		registry_remove_map(r, mpp);
		return -ENOMEM;
	}
	return 0;
}

static void orphan_paths(struct multipath *mpp)
{
	struct path *pp;
	size_t i;

	vec_foreach(&mpp->paths, pp, i)
		if (pp->mpp == mpp) {
			pp->mpp = NULL;
			pp->pg = NULL;
		}
}

void registry_remove_map(struct registry *r, struct multipath *mpp)
{
	if (mpp->reg_idx < r->maps.len && r->maps.items[mpp->reg_idx] == mpp) {
		r->maps.items[mpp->reg_idx] = NULL;
		r->map_holes++;
	}
	unindex_map(r, mpp);
	orphan_paths(mpp);
}

struct multipath *registry_replace_map(struct registry *r,
				       struct multipath *old,
				       struct multipath *new)
{
	struct path *pp;
	size_t i;

	unindex_map(r, old);
	orphan_paths(old);
	new->reg_idx = old->reg_idx;
	r->maps.items[old->reg_idx] = new;
	vec_foreach(&new->paths, pp, i)
		pp->mpp = new;
	index_map(r, new);
	return old;
}

int registry_rename_map(struct registry *r, struct multipath *mpp,
			const char *alias)
{
	char *n = strdup(alias);

	if (!n)
		return -ENOMEM;
	unindex_map(r, mpp);
	free(mpp->alias);
	mpp->alias = n;
	return index_map(r, mpp);
}

int registry_set_dmdev(struct registry *r, struct multipath *mpp,
		       unsigned int minor)
{
	unindex_map(r, mpp);
	mpp->minor = (int)minor;
	snprintf(mpp->dm_dev, sizeof(mpp->dm_dev), "dm-%u", minor);
	return index_map(r, mpp);
}

struct multipath *registry_map(const struct registry *r, const char *alias)
{
	return hashmap_get(&r->map_by_name, alias);
}

struct multipath *registry_map_by_wwid(const struct registry *r,
				       const char *wwid)
{
	return hashmap_get(&r->map_by_wwid, wwid);
}

struct multipath *registry_map_by_dmdev(const struct registry *r,
					const char *dmdev)
{
	return hashmap_get(&r->map_by_dmdev, dmdev);
}

/* ---- the end ------------------------------------------------------------------ */

static void free_wwid_list(struct registry *r)
{
	struct wwid_list *l;
	size_t it = 0;

	while (hashmap_next(&r->wwid_paths, &it, NULL, (void **)&l)) {
		vec_free(&l->paths, NULL);
		free(l);
	}
}

void registry_free(struct registry *r)
{
	struct multipath *mpp;
	struct path *pp;
	size_t i;

	registry_foreach_map(r, mpp, i) {
		orphan_paths(mpp);
		multipath_free(mpp);
	}
	registry_foreach_path(r, pp, i)
		path_free(pp);
	free_wwid_list(r);
	vec_free(&r->paths, NULL);
	vec_free(&r->maps, NULL);
	hashmap_free(&r->path_by_dev);
	hashmap_free(&r->path_by_devt);
	hashmap_free(&r->wwid_paths);
	hashmap_free(&r->map_by_name);
	hashmap_free(&r->map_by_wwid);
	hashmap_free(&r->map_by_dmdev);
	memset(r, 0, sizeof(*r));
}
