/* The topology layout of multipath -l / -ll (and multipathd show
 * topology): a map's header lines, then its groups and paths as a tree. */
#include <errno.h>
#include <string.h>

#include "foreign/nvme.h"
#include "model/map.h"
#include "model/path.h"
#include "print/foreign.h"
#include "print/topology.h"
#include "print/wildcards.h"
#include "util/cleanup.h"

#define TOPO_HEADER_ALIAS "%n (%w) %d %s"
#define TOPO_HEADER_WWID "%w %d %s"
#define TOPO_HEADER_FOREIGN "%w [%G]:%d %s"
#define TOPO_MAP_LINE "size=%S features='%f' hwhandler='%h' wp=%r"
#define TOPO_PG_LINE "policy='%s' prio=%p status=%t"
#define TOPO_PATH_LINE "%i %d %D %t %T %o"

/* The objects of a map's tree: ours, or a foreign map's (fn gives their
 * values). */
struct tree_ops {
	wildcard_value_fn fn;
	size_t (*npgs)(const void *map);
	const void *(*pg)(const void *map, size_t i);
	size_t (*npaths)(const void *pg);
	const void *(*path)(const void *pg, size_t j);
};

static int print_tree(struct strbuf *sb, const char *header, const void *map,
		      const struct tree_ops *ops, const struct layout *lo)
{
	size_t i, j, npgs = ops->npgs(map);

	if (print_format_with(sb, PRINT_MAP, header, ops->fn, map, NULL) < 0 ||
	    strbuf_addc(sb, '\n') < 0 ||
	    print_format_with(sb, PRINT_MAP, TOPO_MAP_LINE, ops->fn, map,
			      NULL) < 0 ||
	    strbuf_addc(sb, '\n') < 0)
		return -ENOMEM;
	for (i = 0; i < npgs; i++) {
		const void *pg = ops->pg(map, i);
		bool last_pg = i + 1 == npgs;
		size_t n = ops->npaths(pg);

		if (strbuf_append(sb, last_pg ? "`-+- " : "|-+- ") < 0 ||
		    print_format_with(sb, PRINT_PG, TOPO_PG_LINE, ops->fn, pg,
				      NULL) < 0 ||
		    strbuf_addc(sb, '\n') < 0)
			return -ENOMEM;
		for (j = 0; j < n; j++) {
			if (strbuf_append(sb, last_pg ? "  " : "| ") < 0 ||
			    strbuf_append(sb, j + 1 == n ? "`- " : "|- ") < 0 ||
			    print_format_with(sb, PRINT_PATH, TOPO_PATH_LINE,
					      ops->fn, ops->path(pg, j),
					      lo) < 0 ||
			    strbuf_addc(sb, '\n') < 0)
				return -ENOMEM;
		}
	}
	return 0;
}

static size_t map_npgs(const void *map)
{
	return ((const struct multipath *)map)->pgs.len;
}

static const void *map_pg(const void *map, size_t i)
{
	return ((const struct multipath *)map)->pgs.items[i];
}

static size_t pg_npaths(const void *pg)
{
	return ((const struct pathgroup *)pg)->paths.len;
}

static const void *pg_path(const void *pg, size_t j)
{
	return ((const struct pathgroup *)pg)->paths.items[j];
}

static const struct tree_ops native_ops = {
	NULL, map_npgs, map_pg, pg_npaths, pg_path,
};

int print_topology(struct strbuf *sb, const struct multipath *mpp,
		   const struct layout *path_layout, int verbosity,
		   const char *prefix)
{
	const struct pathgroup *pg;
	struct layout own;
	size_t i, j;

	if (verbosity <= 0)
		return 0;
	if (verbosity == 1)
		return strbuf_printf(sb, "%s\n", multipath_name(mpp)) < 0 ?
			-ENOMEM : 0;
	/* like the reference, columns line up within a map */
	if (!path_layout) {
		layout_init(&own, PRINT_PATH, false);
		layout_use_format(&own, TOPO_PATH_LINE);
		vec_foreach(&mpp->pgs, pg, i)
			for (j = 0; j < pg->paths.len; j++)
				layout_add(&own, pg->paths.items[j]);
		path_layout = &own;
	}
	if (prefix && strbuf_append(sb, prefix) < 0)
		return -ENOMEM;
	return print_tree(sb,
			  mpp->alias && strcmp(mpp->alias, mpp->wwid) ?
				  TOPO_HEADER_ALIAS : TOPO_HEADER_WWID,
			  mpp, &native_ops, path_layout);
}

/* A native NVMe map: each controller's path is a group of its own. */
static size_t nvme_npgs(const void *map)
{
	return ((const struct nvme_map *)map)->paths.len;
}

static const void *nvme_pg(const void *map, size_t i)
{
	return ((const struct nvme_map *)map)->paths.items[i];
}

static size_t nvme_npaths(const void *pg)
{
	(void)pg;
	return 1;
}

static const void *nvme_path(const void *pg, size_t j)
{
	(void)j;
	return pg;
}

static const struct tree_ops nvme_ops = {
	nvme_wildcard, nvme_npgs, nvme_pg, nvme_npaths, nvme_path,
};

int print_nvme_topology(struct strbuf *sb, const struct nvme_map *m,
			int verbosity, bool align)
{
	struct layout lo;
	const struct nvme_path *p;
	size_t i;

	if (verbosity <= 0)
		return 0;
	if (verbosity == 1)
		return strbuf_printf(sb, "%s\n", m->name) < 0 ? -ENOMEM : 0;
	layout_init(&lo, PRINT_PATH, false);
	layout_use_format(&lo, TOPO_PATH_LINE);
	vec_foreach(&m->paths, p, i)
		layout_add_with(&lo, nvme_wildcard, p);
	return print_tree(sb, TOPO_HEADER_FOREIGN, m, &nvme_ops,
			  align ? &lo : NULL);
}
