/* Prioritizers: a registry of small ops tables, one file each, and the
 * selection of a path's prioritizer (detect_prio, precedence). */
#ifndef MP_PRIO_PRIO_H
#define MP_PRIO_PRIO_H

#include "config/propsel.h"

struct discovery;
struct path;

/* What a prioritizer may look at. */
struct prio_ctx {
	const struct discovery *d;
	const struct path *pp;
	const char *args;	/* prio_args */
	unsigned timeout_ms;
};

struct prio_ops {
	const char *name;
	/* A priority >= 0, or -errno when it cannot be determined. */
	int (*getprio)(const struct prio_ctx *ctx);
};

extern const struct prio_ops prio_const;
extern const struct prio_ops prio_sysfs;

const struct prio_ops *prio_lookup(const char *name);

/* Priority of an ALUA access state name ("active/optimized" 50,
 * "active/non-optimized" 10, "lba-dependent" 5, "standby" 1, others 0). */
int alua_state_prio(const char *state);

/* Choose pp's prioritizer (name and args, with origin), the reference's
 * way: multipaths entry, detect_prio, overrides, devices, defaults. */
const struct prio_ops *prio_select(const struct discovery *d,
				   const struct path *pp, const char **args,
				   enum prop_origin *origin);

/* Select and run the prioritizer; sets pp->priority (-1 on failure) and
 * pp->prio_name. */
void path_get_priority(const struct discovery *d, struct path *pp);

#endif
