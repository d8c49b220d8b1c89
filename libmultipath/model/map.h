/* A multipath map: one LUN, its path groups, and what device-mapper says
 * about it. */
#ifndef MP_MODEL_MAP_H
#define MP_MODEL_MAP_H

#include <stdbool.h>

#include "model/path.h"
#include "util/vector.h"

enum pg_state {
	PGS_UNDEF,
	PGS_ENABLED,
	PGS_DISABLED,
	PGS_ACTIVE,
};

struct pathgroup {
	struct vec paths;	/* struct path *, not owned */
	char *selector;		/* "service-time 0" */
	enum pg_state state;
	int priority;
	bool marginal;
};

enum map_action {
	ACT_UNDEF,
	ACT_NOTHING,
	ACT_CREATE,
	ACT_RELOAD,
	ACT_SWITCHPG,
	ACT_RENAME,
	ACT_RESIZE,
	ACT_REJECT,
};

/* Whether this host holds a map's persistent reservation, as mpathpersist
 * last told the daemon; unknown until it does. */
enum pr_hold {
	PR_HOLD_UNKNOWN,
	PR_HOLD_UNSET,
	PR_HOLD_SET,
};

struct multipath {
	char wwid[WWID_SIZE];
	char *alias;		/* the dm name */
	char dm_dev[DEV_NAME_SIZE];	/* "dm-0", "" when not created */
	int minor;		/* -1 when not created */
	unsigned long long size; /* 512-byte sectors */
	char *features;		/* "0", "1 queue_if_no_path" ... */
	char *hwhandler;	/* "0", "1 alua" */
	struct vec pgs;		/* struct pathgroup *, owned */
	struct vec paths;	/* struct path *, owned when owns_paths */
	bool owns_paths;	/* multipath_new(): true; a map assembled
				 * from its caller's paths only refers to
				 * them */
	int nextpg;		/* 1-based group the kernel uses next */
	int queue_if_no_path;	/* from status: 1 queueing, 0 not, -1 ? */

	/* device-mapper info */
	bool read_only;
	bool wp_known;
	bool suspended;
	int open_count;
	unsigned event_nr;

	/* settings selected for the map (map/select.c) */
	int pgpolicy;		/* enum pgpolicy */
	char *selector;		/* path_selector */
	int no_path_retry;	/* NO_PATH_RETRY_*, 0 unset, or a count */
	int rr_weight;
	int minio;		/* rr_min_io_rq */
	int failback;
	bool retain_hwhandler;
	bool skip_kpartx;
	bool flush_on_last_del;
	bool deferred_remove;
	int ghost_delay;	/* seconds, 0 off */
	bool ghost_wait;	/* created with ghost paths only: udev is told
				 * "no usable path" until ghost_delay is over */
	bool user_friendly_names;
	bool set_mode;
	unsigned mode, uid, gid;
	const struct mpentry *mpe;
	/* reservation_key: the key (0 none), PRKEY_SOURCE_FILE/PRKEY_APTPL,
	 * and whether the configuration sets one at all */
	uint64_t reservation_key;
	unsigned prkey_flags;
	bool prkey_configured;
	bool prflag;		/* multipathd "setprstatus": keys registered */
	enum pr_hold prhold;	/* "setprhold": this host holds the reservation */

	enum map_action action;
	int queue_secs_left;	/* multipathd: no_path_retry countdown, 0 off */
	size_t reg_idx;		/* its slot in a registry */
	void *priv;		/* the owner's (multipathd's) state */
	/* counters kept by multipathd */
	unsigned stat_path_failures, stat_switchgroup, stat_map_loads,
		stat_total_queueing_time, stat_queueing_timeouts;
};

struct multipath *multipath_new(void);
void multipath_free(struct multipath *mpp);
struct pathgroup *pathgroup_new(void);
void pathgroup_free(struct pathgroup *pg);

/* The name to show: the alias, or the WWID when there is none. */
const char *multipath_name(const struct multipath *mpp);
/* Average priority of the group's usable (up or ghost) paths. */
void pathgroup_update_priority(struct pathgroup *pg);
const char *pg_state_name(enum pg_state s);

#endif
