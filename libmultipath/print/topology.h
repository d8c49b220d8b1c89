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

#endif
