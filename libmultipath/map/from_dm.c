/* Building a struct multipath from a device-mapper map. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "dm/mpath_table.h"
#include "map/from_dm.h"
#include "model/map.h"
#include "util/log.h"

const char *dm_uuid_to_wwid(const char *uuid)
{
	size_t n = strlen(MPATH_UUID_PREFIX);

	if (uuid && strncmp(uuid, MPATH_UUID_PREFIX, n) == 0)
		return uuid + n;
	return "";
}

static char *words_string(const struct dmmp_words *w)
{
	struct strbuf sb = STRBUF_INIT;

	if (dmmp_format_words(w, &sb) < 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}

static char *selector_string(const struct dmmp_group *g)
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_printf(&sb, "%s ", g->selector) < 0 ||
	    dmmp_format_words(&g->selector_args, &sb) < 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}

static enum pg_state pg_state_of(char c)
{
	switch (c) {
	case 'A':
		return PGS_ACTIVE;
	case 'E':
		return PGS_ENABLED;
	case 'D':
		return PGS_DISABLED;
	}
	return PGS_UNDEF;
}

static int add_path(const struct discovery *d, struct multipath *mpp,
		    struct pathgroup *pg, const struct dmmp_path *dp,
		    unsigned mask)
{
	struct path *pp = path_new();
	int r;

	if (!pp)
		return -ENOMEM;
	snprintf(pp->dev_t, sizeof(pp->dev_t), "%u:%u", dp->major, dp->minor);
	snprintf(pp->wwid, sizeof(pp->wwid), "%s", mpp->wwid);
	pp->wwid_source = WWID_CONFIG;
	pp->mpp = mpp;
	pp->pg = pg;
	pp->dmstate = dp->state == 'A' ? DMP_ACTIVE :
		      dp->state == 'F' ? DMP_FAILED : DMP_UNDEF;
	pp->failcount = dp->fail_count;
	r = path_init_devt(d, pp, dp->major, dp->minor);
	if (r < 0) {
		/* the device is gone: the reference leaves it out */
		condlog(3, "%s: path %s is not in sysfs", multipath_name(mpp),
			pp->dev_t);
		path_free(pp);
		return 0;
	}
	r = pathinfo(d, pp, mask & ~(unsigned)(DI_WWID | DI_BLACKLIST));
	if (r < 0)
		condlog(2, "%s: %s: cannot read path information: %s",
			multipath_name(mpp), pp->dev, strerror(-r));
	if (vec_push(&mpp->paths, pp) < 0 || vec_push(&pg->paths, pp) < 0) {
		vec_remove(&mpp->paths, (size_t)vec_find(&mpp->paths, pp));
		path_free(pp);
		return -ENOMEM;
	}
	return 0;
}

static int fill_from_table(const struct discovery *d, struct multipath *mpp,
			   const struct dmmp_table *t, unsigned mask)
{
	unsigned g, p;
	int r;

	mpp->features = words_string(&t->features);
	mpp->hwhandler = words_string(&t->hwhandler);
	if (!mpp->features || !mpp->hwhandler)
		return -ENOMEM;
	mpp->nextpg = (int)(t->has_status ? t->next_group : t->initial_group);
	for (g = 0; g < t->nr_groups; g++) {
		const struct dmmp_group *dg = &t->groups[g];
		struct pathgroup *pg = pathgroup_new();

		if (!pg || vec_push(&mpp->pgs, pg) < 0) {
			pathgroup_free(pg);
			return -ENOMEM;
		}
		pg->selector = selector_string(dg);
		if (!pg->selector)
			return -ENOMEM;
		pg->state = pg_state_of(dg->state);
		for (p = 0; p < dg->nr_paths; p++) {
			r = add_path(d, mpp, pg, &dg->paths[p], mask);
			if (r < 0)
				return r;
		}
		/* a group whose paths are all gone is not shown either */
		if (!pg->paths.len) {
			pathgroup_free(vec_pop(&mpp->pgs));
			continue;
		}
		if (mask & DI_PRIO)
			pathgroup_update_priority(pg);
	}
	return 0;
}

int multipath_from_dm(const struct discovery *d, const struct dm_map *m,
		      unsigned mask, struct multipath **out)
{
	struct dmmp_table t = DMMP_TABLE_INIT;
	struct multipath *mpp;
	int r;

	if (!m->table || dmmp_parse_table(m->table, &t) < 0) {
		condlog(0, "%s: cannot parse the map's table \"%s\"", m->name,
			m->table ? m->table : "");
		return -EINVAL;
	}
	if (m->status && dmmp_parse_status(m->status, &t) < 0)
		condlog(1, "%s: ignoring a status that does not match the table: \"%s\"",
			m->name, m->status);
	mpp = multipath_new();
	if (!mpp) {
		dmmp_table_free(&t);
		return -ENOMEM;
	}
	snprintf(mpp->wwid, sizeof(mpp->wwid), "%s", dm_uuid_to_wwid(m->uuid));
	mpp->alias = strdup(m->name);
	snprintf(mpp->dm_dev, sizeof(mpp->dm_dev), "dm-%u", m->minor);
	mpp->minor = (int)m->minor;
	mpp->size = m->size;
	mpp->read_only = m->read_only;
	mpp->wp_known = true;
	mpp->suspended = m->suspended;
	mpp->open_count = m->open_count;
	mpp->event_nr = m->event_nr;
	mpp->queue_if_no_path = dmmp_table_feature(&t, "queue_if_no_path",
						   NULL);
	r = mpp->alias ? fill_from_table(d, mpp, &t, mask) : -ENOMEM;
	dmmp_table_free(&t);
	if (r < 0) {
		multipath_free(mpp);
		return r;
	}
	*out = mpp;
	return 0;
}
