/* multipathd's state: one struct daemon, owned by the event loop's thread
 * (workers only ever see copies), and the daemon's part of each path and
 * map. */
#ifndef MULTIPATHD_DAEMON_H
#define MULTIPATHD_DAEMON_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "checkers/checker.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "loop.h"
#include "map/wwids.h"
#include "model/registry.h"
#include "policy.h"
#include "util/hashmap.h"
#include "util/strbuf.h"
#include "util/vector.h"

struct config;
struct daemon;
struct dmevents;
struct iosample;
struct iosampler;
struct udev;
struct udev_monitor;

/* The daemon's view of a path (pp->priv). */
/* What a worker needs to register a map's key on a path (prkey.c). */
struct pr_reg {
	uint64_t key;
	bool aptpl;
};

struct dpath {
	struct path *pp;
	struct daemon *dd;
	struct checker chk;
	struct checker prio;		/* the priority job in flight */
	struct loop_timer check_timer;
	unsigned int interval;		/* seconds to the next check */
	uint64_t last_check_ns;
	bool checking, prioritizing;
	bool checked;			/* at least one verdict */
	bool wants_map;			/* assembly should look at its WWID */
	enum path_state chkrstate;	/* the checker's last verdict */
	unsigned int failures;		/* times the path went down */
	struct marginal_state marg;	/* marginal_path_* */
	struct iosample *sample;	/* its I/O sampled now */
	uint64_t added_ns;		/* added by a uevent: when */
	struct san_state san;		/* san_path_err */
	bool released;			/* find_multipaths smart gave up */
	bool forced_marginal;		/* "set marginal path" */
	bool checker_stale;		/* reconfigured: choose it again
					 * before the next check */
	bool operator_failed;		/* "fail path": stays failed until
					 * "reinstate path" or a new verdict */
	/* the reservation key registered before a coming path is used
	 * (prkey.c): the job, and the check's verdict it holds back */
	struct checker prreg;
	struct pr_reg prreg_job;
	enum path_state pr_state;
	char pr_msg[CHECKER_MSG_LEN];
};

/* What the daemon does for a map beyond its table. */
struct map_settings {
	struct san_params san;		/* all 0: off */
	struct marginal_params marg;	/* all 0: off */
	long long max_sectors_kb;	/* 0: unset */
	bool recheck_wwid;
};

/* The daemon's view of a map (mpp->priv). */
struct dmap {
	struct multipath *mpp;
	struct daemon *dd;
	struct dm_map live;		/* the kernel's map, last read */
	uint32_t event_nr;
	unsigned int nr_active;		/* usable paths the kernel uses */
	bool in_recovery;		/* no usable path, queueing counted */
	bool queueing_disabled;		/* by no_path_retry or a command */
	struct loop_timer retry_timer;	/* the end of no_path_retry */
	struct loop_timer failback_timer;
	struct loop_timer ghost_timer;	/* the end of ghost_delay */
	uint64_t queueing_since_ns;
	struct map_settings set;
	/* whether the LUN lists the map's key, asked once through its first
	 * usable path (prkey.c): prstatus then survives a restart */
	struct checker pr_probe;
	struct pr_reg pr_probe_job;
	bool pr_probed;
};

/* Checks of one checker, for "show metrics". */
#define DAEMON_CHECKER_STATS 16
struct checker_stat {
	char name[32];
	unsigned long count;
	unsigned long long elapsed_ms;
};

enum daemon_state {
	DAEMON_INIT,
	DAEMON_CONFIGURE,
	DAEMON_IDLE,
	DAEMON_RUNNING,
	DAEMON_SHUTDOWN,
};

struct daemon {
	struct loop loop;
	struct config *conf;		/* the snapshot in use (rcu) */
	struct discovery disc;
	struct udev *udev;
	struct udev_monitor *mon;
	struct dmevents *dmev;
	struct check_engine *engine;
	struct iosampler *sampler;	/* marginal_path_* reads */
	struct registry reg;
	enum daemon_state state;
	bool foreground;
	int verbosity_arg;		/* -v N, -1 without */
	bool bindings_read_only;	/* -B */
	bool force_reload;		/* the next assembly reloads every map */
	bool ignore_new_devices;	/* -n: maps only for known WWIDs */
	bool force_queueing;		/* "forcequeueing daemon": queueing
					 * stays on at shutdown */

	struct loop_watch sig_w, engine_w, udev_w, dmev_w, settle_w;
	/* WWIDs whose map assembly must look at, and when */
	struct hashmap dirty;		/* WWID -> the same string */
	struct vec dirty_order;		/* char *, in arrival order */
	struct loop_timer assemble_timer;
	struct loop_timer watchdog_timer;	/* WATCHDOG=1 to systemd */
	struct wwids_cache wwids;
	uint64_t watchdog_ms;
	/* udev waits of map changes, done by a thread */
	struct settler *settler;

	/* the command socket */
	struct server *server;

	/* counters for show daemon / status */
	uint64_t start_ns;
	unsigned long uevents, dm_events, reconfigures, checks;
	uint64_t last_reconfigure_ns;	/* how long the last one took */
	/* for show metrics */
	unsigned long check_results[PATH__MAX];
	struct checker_stat checker_stats[DAEMON_CHECKER_STATS];
	unsigned long dm_fails, dm_reinstates;
};

/* ---- paths.c: paths, their checks and their states ------------------------ */

/* A path the daemon learned of (start-up or uevent): set up, checked at
 * once. Takes pp. */
int daemon_add_path(struct daemon *dd, struct path *pp);
/* Forget pp (its device is gone, or it is blacklisted now). */
void daemon_remove_path(struct daemon *dd, struct path *pp);
/* Check pp now (the kernel failed it, udev saw a change ...). */
void daemon_check_now(struct daemon *dd, struct path *pp);
/* "set/unset marginal path": pp in a marginal group (marginal_pathgroups)
 * whatever its checks say, or back to what they say. */
void daemon_force_marginal(struct daemon *dd, struct path *pp, bool on);
void dpath_free(struct path *pp);
/* A check's verdict on dp taken: its state, its map, its next check. */
void dpath_verdict(struct dpath *dp, enum path_state st, const char *msg);

/* ---- maps.c: maps and their assembly -------------------------------------- */

/* What a daemon killed mid-work left: maps without a table removed,
 * suspended ones resumed (start-up only). */
void daemon_repair_maps(void);
/* Adopt the kernel's multipath maps and their paths (start-up). */
int daemon_adopt_maps(struct daemon *dd);
/* The same for the one map name (one that appeared): 1 if adopted, 0
 * if not (the daemon's already, not multipath), -errno. */
int daemon_adopt_map(struct daemon *dd, const char *name);
/* Let assembly look at wwid's map soon (batched). */
void daemon_mark_dirty(struct daemon *dd, const char *wwid);
/* A path's state changed: fail it or reinstate it in the kernel, count the
 * map's usable paths, queueing and failback. */
void map_path_state_changed(struct daemon *dd, struct path *pp,
			    enum path_state old);
/* Read the kernel's map again (after a dm event). */
void map_refresh(struct daemon *dd, struct multipath *mpp);
/* The settings of a map of these paths (mpp's scope). */
void map_settings_select(struct daemon *dd, const struct multipath *mpp,
			 struct map_settings *set);
/* max_sectors_kb of mpp's paths (before a load) or of the map. */
void map_set_max_sectors(struct daemon *dd, const struct multipath *mpp,
			 long long kb, bool map_itself);
/* Remove a map (command, or its paths are gone); -EBUSY when in use. */
int daemon_remove_map(struct daemon *dd, struct multipath *mpp, bool force);
/* Handle a dm event on the map named name. */
void daemon_dm_event(struct daemon *dd, const char *name);
void dmap_free(struct multipath *mpp);
/* Queueing: off ("disable queueing") or back to the configured way. */
int map_set_queueing(struct daemon *dd, struct multipath *mpp, bool on);
int map_switch_group(struct daemon *dd, struct multipath *mpp, int group);
/* Assemble mpp's WWID now (force: load the table even when unchanged);
 * mpp is replaced. 0 or -errno. */
int daemon_reload_map(struct daemon *dd, struct multipath *mpp, bool force);

/* ---- uevents.c ---------------------------------------------------------- */
int uevents_start(struct daemon *dd);
void uevents_stop(struct daemon *dd);

/* ---- settle.c: waiting for udev off the loop ------------------------------- */
struct settler;
int settler_start(struct daemon *dd);
void settler_stop(struct daemon *dd);
/* Wait for the cookie on the settler thread, then send the "change"
 * uevents of triggers (char *, taken). */
void settler_queue(struct daemon *dd, uint32_t cookie, struct vec *triggers);

/* ---- config.c --------------------------------------------------------------- */
/* Load the configuration; keep the old one on error. 0 or -errno with the
 * error in msg. */
int daemon_reconfigure(struct daemon *dd, bool all, struct strbuf *msg);

/* ---- daemon.c -------------------------------------------------------------- */
/* Start up, run the loop until shutdown, clean up; 0 or -errno. */
int daemon_run(struct daemon *dd);
void daemon_shutdown(struct daemon *dd);
void daemon_set_state(struct daemon *dd, enum daemon_state s);
const char *daemon_state_name(enum daemon_state s);

/* ---- dmwatch.c: dm events ----------------------------------------------------- */
int dm_events_start(struct daemon *dd);
void dm_events_stop(struct daemon *dd);

#endif
