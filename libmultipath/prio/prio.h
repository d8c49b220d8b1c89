/* Prioritizers: a registry of small ops tables (one file each, plugins from
 * the plugin directory), the choice of a path's prioritizer (detect_prio,
 * precedence), and the priorities of a command's paths, computed at once
 * on the check engine's workers. */
#ifndef MP_PRIO_PRIO_H
#define MP_PRIO_PRIO_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "config/propsel.h"
#include "checkers/checker.h"
#include "model/path.h"

struct discovery;
struct strbuf;

/*
 * What a prioritizer may look at: a copy of what it needs of the path,
 * made on the caller's thread (prio_ctx_init). Prioritizers run on the
 * engine's worker threads and never see paths, maps or the configuration.
 */
struct prio_ctx {
	const struct prio_ops *ops;	/* the prioritizer being run */
	char dev[DEV_NAME_SIZE];	/* "sda" */
	dev_t devt;
	enum path_bus bus;
	enum protocol protocol;
	struct hcil hcil;
	int tpgs;			/* ALUA support from INQUIRY, -1 unknown */
	char serial[SERIAL_SIZE];
	char tgt_node_name[NODE_NAME_SIZE];
	const char *sysfs_root;		/* "/sys" unless a test tree is used */
	const char *args;		/* prio_args, never NULL */
	unsigned int timeout_ms;	/* for SCSI and NVMe commands */
	struct strbuf *log;		/* messages kept for the caller, or
					 * NULL: logged at once */
};

struct prio_ops {
	const char *name;
	/* A priority >= 0, or -errno when it cannot be determined. */
	int (*getprio)(const struct prio_ctx *ctx);
	bool no_io;		/* reads sysfs or settings only: never blocks */
	const void *plugin;	/* external prioritizers: their descriptor */
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

/* A built-in prioritizer, else the plugin <dir>/prio_<name>.so (dir NULL:
 * MP_PLUGIN_DIR, see prio_plugin.h); NULL when there is none (logged). */
const struct prio_ops *prio_lookup(const char *name);
const struct prio_ops *prio_lookup_in(const char *dir, const char *name);
/* The plugin alone (external.c). */
const struct prio_ops *prio_plugin_find(const char *dir, const char *name);

/* ---- what prioritizers use -------------------------------------------------- */

/* ctx for pp: copies of its fields, d's sysfs root, no args, no log,
 * the timeout of pp's commands. */
void prio_ctx_init(struct prio_ctx *ctx, const struct discovery *d,
		   const struct path *pp);

/* The timeout of pp's commands: checker_timeout, else the device's SCSI
 * timeout, else 30 s (in ms). */
unsigned int prio_timeout_ms(const struct discovery *d,
			     const struct path *pp);

/* Open the path's device node (/dev/<dev>) for a prioritizer's commands;
 * a file descriptor or -errno. */
int prio_open(const struct prio_ctx *ctx, int flags);

/* Log for the path: into ctx->log when set (the caller replays it in path
 * order), else at once. prio_log_errno() appends ": strerror(err)" and
 * returns -|err|. */
void prio_log(const struct prio_ctx *ctx, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void prio_vlog(const struct prio_ctx *ctx, int level, const char *fmt,
	       va_list ap) __attribute__((format(printf, 3, 0)));
int prio_log_errno(const struct prio_ctx *ctx, int level, int err,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Log what prio_log() kept in buf, then empty it. */
void prio_log_replay(struct strbuf *buf);

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

/* ---- choosing a path's prioritizer (select.c) ------------------------------- */

/*
 * The configuration's part of the choice, made on the caller's thread
 * without I/O: whether detect_prio may override, the configured name and
 * args with their origin, the built-in default (alua without ALUA falls
 * back to it) and a devices entry's path_checker (RDAC detection). The
 * strings belong to the configuration.
 */
struct prio_plan {
	bool detect;
	enum prop_origin detect_origin;
	const char *name, *args;
	enum prop_origin origin;
	const char *default_name, *default_args;
	const char *hwe_checker;	/* NULL: none set */
};

void prio_plan(const struct discovery *d, const struct path *pp,
	       struct prio_plan *plan);

/* The rest of the choice, with detect_prio's device commands (the
 * worker's part), all of it logged like the reference: the prioritizer
 * (NULL when its name is unknown), its name, args (never NULL) and
 * origin. */
const struct prio_ops *prio_resolve(const struct prio_ctx *ctx,
				    const struct prio_plan *plan,
				    const char **name, const char **args,
				    enum prop_origin *origin);

/* prio_plan() and prio_resolve() at once, on the caller's thread: pp's
 * prioritizer (name and args, with origin), the reference's way. */
const struct prio_ops *prio_select(const struct discovery *d,
				   const struct path *pp, const char **args,
				   enum prop_origin *origin);

/* ---- the priorities of a command's paths (prio_paths.c) --------------------- */

/* A path the checker calls down is asked with at most this bound. */
#define PRIO_DOWN_BOUND_MS 1000

/* Like the reference, a priority is computed for usable paths and for
 * paths the checker calls down while the device itself runs. */
bool path_wants_priority(const struct path *pp);

/*
 * How long pp's priority may take, in ms, commands included: 0 when it
 * gets none (path_wants_priority() says no, or a path called down whose
 * device is no longer running: offline or gone); PRIO_DOWN_BOUND_MS (or
 * less) for a path called down; else the timeout of its commands
 * (checker_timeout, else the device's SCSI timeout, else 30 s).
 */
unsigned int prio_bound_ms(const struct discovery *d, const struct path *pp);

/*
 * The priorities of n paths, all at once on the shared check engine's
 * workers, each within its prio_bound_ms(); paths with a bound of 0 are
 * left alone. Sets priority (-1 when it cannot be determined in time) and
 * prio_name; the messages come in path order.
 */
void paths_prioritize(const struct discovery *d, struct path *const *paths,
		      size_t n);

/*
 * multipathd's way: pp's priority as one job on engine e, bounded like
 * paths_prioritize(); done(c, arg) is called from check_engine_process()
 * when it has come (or timed out), then prio_job_apply() sets priority and
 * prio_name and releases c: 1 when the priority changed, else 0. Returns
 * 0, -EAGAIN when pp gets no priority now, -errno; or 1 when the
 * prioritizer chosen before does no I/O (sysfs, const ...): then it ran
 * at once, done is not called, prio_job_apply() is for the caller.
 */
int prio_job_start(const struct discovery *d, struct check_engine *e,
		   struct path *pp, struct checker *c, checker_done_fn done,
		   void *arg);
int prio_job_apply(struct path *pp, struct checker *c);

/* Select and run pp's prioritizer whatever its state (within the timeout
 * of its commands); sets pp->priority (-1 on failure) and pp->prio_name. */
void path_get_priority(const struct discovery *d, struct path *pp);

#endif
