/* Prioritizers: a registry of small ops tables, one file each, and the
 * selection of a path's prioritizer (detect_prio, precedence). */
#ifndef MP_PRIO_PRIO_H
#define MP_PRIO_PRIO_H

#include <stdbool.h>

#include <stdbool.h>

#include "config/propsel.h"

struct discovery;
struct path;

/* What a prioritizer may look at. */
struct prio_ctx {
	const struct discovery *d;
	const struct path *pp;
	const char *args;	/* prio_args, never NULL */
	unsigned timeout_ms;	/* for SCSI and NVMe commands */
};

struct prio_ops {
	const char *name;
	/* A priority >= 0, or -errno when it cannot be determined. */
	int (*getprio)(const struct prio_ctx *ctx);
};

extern const struct prio_ops prio_alua;
extern const struct prio_ops prio_ana;
extern const struct prio_ops prio_const;
extern const struct prio_ops prio_datacore;
extern const struct prio_ops prio_emc;
extern const struct prio_ops prio_hds;
extern const struct prio_ops prio_hp_sw;
extern const struct prio_ops prio_iet;
extern const struct prio_ops prio_ontap;
extern const struct prio_ops prio_path_latency;
extern const struct prio_ops prio_random;
extern const struct prio_ops prio_rdac;
extern const struct prio_ops prio_sysfs;
extern const struct prio_ops prio_weightedpath;

const struct prio_ops *prio_lookup(const char *name);

/* Open the path's device node (/dev/<dev>) for a prioritizer's commands;
 * a file descriptor or -errno. */
int prio_open(const struct prio_ctx *ctx, int flags);

/* The sysfs root of the context ("/sys" unless a test tree is used). */
const char *prio_sysfs_root(const struct prio_ctx *ctx);

/* Priority of an ALUA access state as the kernel names it in sysfs
 * ("active/optimized" 50, "active/non-optimized" 10, "lba-dependent" 5,
 * "standby" 1, others 0; names match as prefixes, like the reference). */
int alua_state_prio(const char *state);

/* True when args holds the word "exclusive_pref_bit" (blank-separated). */
bool prio_args_exclusive_pref(const char *args);

/* detect_prio's device tests. Does the NVMe controller behind fd report
 * ANA (Identify Controller)? 1, 0, or -errno. */
int ana_supported(int fd, unsigned int timeout_ms);
/* Is the SCSI device behind fd an RDAC array (VPD page 0xC9 "vac1")?
 * With ask_page_list, page 0xC9 is read only when page 0 lists it. */
bool rdac_detect(int fd, bool ask_page_list, unsigned int timeout_ms);

/* Choose pp's prioritizer (name and args, with origin), the reference's
 * way: detect_prio, then multipaths entry, overrides, devices, defaults,
 * built-in; "alua" on a device without ALUA falls back to "const". */
const struct prio_ops *prio_select(const struct discovery *d,
				   const struct path *pp, const char **args,
				   enum prop_origin *origin);

/* Like the reference, a priority is computed for usable paths and for
 * paths the checker calls down while the device itself runs. */
bool path_wants_priority(const struct path *pp);

/* Select and run the prioritizer; sets pp->priority (-1 on failure) and
 * pp->prio_name. */
void path_get_priority(const struct discovery *d, struct path *pp);

#endif
