/* The topology layout of multipath -l / -ll (and multipathd show
 * topology): a map's header lines, then its groups and paths as a tree. */
#include <errno.h>
#include <string.h>

#include "model/map.h"
#include "model/path.h"
#include "print/topology.h"
#include "print/wildcards.h"
#include "util/cleanup.h"

#define TOPO_HEADER_ALIAS "%n (%w) %d %s"
#define TOPO_HEADER_WWID "%w %d %s"
#define TOPO_MAP_LINE "size=%S features='%f' hwhandler='%h' wp=%r"
#define TOPO_PG_LINE "policy='%s' prio=%p status=%t"
#define TOPO_PATH_LINE "%i %d %D %t %T %o"

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
	if (print_format(sb, PRINT_MAP,
			 mpp->alias && strcmp(mpp->alias, mpp->wwid) ?
				 TOPO_HEADER_ALIAS : TOPO_HEADER_WWID,
			 mpp, NULL) < 0 ||
	    strbuf_addc(sb, '\n') < 0 ||
	    print_format(sb, PRINT_MAP, TOPO_MAP_LINE, mpp, NULL) < 0 ||
	    strbuf_addc(sb, '\n') < 0)
		return -ENOMEM;
	vec_foreach(&mpp->pgs, pg, i) {
		bool last_pg = i + 1 == mpp->pgs.len;
		const struct path *pp;

		if (strbuf_append(sb, last_pg ? "`-+- " : "|-+- ") < 0 ||
		    print_format(sb, PRINT_PG, TOPO_PG_LINE, pg, NULL) < 0 ||
		    strbuf_addc(sb, '\n') < 0)
			return -ENOMEM;
		vec_foreach(&pg->paths, pp, j) {
			bool last = j + 1 == pg->paths.len;

			if (strbuf_append(sb, last_pg ? "  " : "| ") < 0 ||
			    strbuf_append(sb, last ? "`- " : "|- ") < 0 ||
			    print_format(sb, PRINT_PATH, TOPO_PATH_LINE, pp,
					 path_layout) < 0)
				return -ENOMEM;
			if (strbuf_addc(sb, '\n') < 0)
				return -ENOMEM;
		}
	}
	return 0;
}
