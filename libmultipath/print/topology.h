/* The topology layout of multipath -l / -ll and multipathd show
 * topology. */
#ifndef MP_PRINT_TOPOLOGY_H
#define MP_PRINT_TOPOLOGY_H

#include "print/wildcards.h"

struct multipath;

/* multipath -l / -ll / multipathd show topology. verbosity 1 prints the
 * names only. prefix is prepended to the header (e.g. "create: ").
 * path_layout NULL: columns sized for this map's paths (the reference's
 * way). */
int print_topology(struct strbuf *sb, const struct multipath *mpp,
		   const struct layout *path_layout, int verbosity,
		   const char *prefix);

struct nvme_map;
/* The same of a native NVMe map (the reference's foreign library); its
 * paths' columns aligned when align (the reference's multipathd does, its
 * multipath does not). */
int print_nvme_topology(struct strbuf *sb, const struct nvme_map *m,
			int verbosity, bool align);

#endif
