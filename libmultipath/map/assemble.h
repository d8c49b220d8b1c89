/* Map assembly: turn discovered paths into multipath maps and make the
 * kernel's maps match (create, reload, rename), the pipeline behind
 * `multipath` with no action option. */
#ifndef MP_MAP_ASSEMBLE_H
#define MP_MAP_ASSEMBLE_H

#include <stdbool.h>

#include "util/vector.h"

struct discovery;
struct kvset;

struct assemble_opts {
	const struct kvset *cmdline;	/* values forced by options (-p) */
	const char *refwwid;		/* only this WWID (multipath DEV) */
	bool dry_run;			/* -d: decide and print, change nothing */
	bool force_reload;		/* -r */
	bool allow_queueing;		/* -q */
	bool bindings_read_only;	/* -B */
	int verbosity;			/* what to print: see print_topology() */
};

struct assemble_result {
	unsigned created, reloaded, unchanged, failed;
	unsigned existing;		/* multipath maps there already */
};

/* Build and apply the maps of the discovered paths (struct path *, taken
 * over: they end up in the maps or are freed). Prints "create:" /
 * "reload:" topologies on stdout like the reference. 0, or -errno when
 * something failed (res says what). */
int assemble_maps(const struct discovery *d, struct vec *paths,
		  const struct assemble_opts *o, struct assemble_result *res);

#endif
