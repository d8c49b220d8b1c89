/* The dm-multipath target's table and status strings: parse them into one
 * structure, build them back. Pure: no I/O, no global state. */
#ifndef MP_DM_MPATH_TABLE_H
#define MP_DM_MPATH_TABLE_H

#include <stdbool.h>

#include "util/strbuf.h"

/*
 * The strings are the target parameters, what follows "<start> <length>
 * multipath" in dmsetup output (see dmmp_skip_target_prefix()):
 *
 * table:  <#features> <feature>... <#hwh args> [<hwh name> <hwh arg>...]
 *         <#groups> <initial group>
 *         { <selector> <#selector args> <selector arg>...
 *           <#paths> <#per-path args> { <major:minor> <per-path arg>... } }
 *
 * status: <#features> <feature status>... <#hwh status> <hwh status>...
 *         <#groups> <next group>
 *         { <A|E|D> <#selector status> <selector status>...
 *           <#paths> <#per-path status>
 *           { <major:minor> <A|F> <fail count> <per-path status>... } }
 *
 * Words are printable ASCII without backslashes (the kernel would unquote
 * those), at most DMMP_MAX_WORD bytes. Counts obey the kernel's limits.
 */
#define DMMP_MAX_FEATURES	8	/* feature words in a table */
#define DMMP_MAX_GROUPS		1024	/* priority groups in a table */
#define DMMP_MAX_PATHS		1024	/* paths in one group (at least 1) */
#define DMMP_MAX_ARGS		1024	/* words in any other counted list */
#define DMMP_MAX_WORD		4096	/* bytes in one word */

/* A list of words, printed as "<n> <w[0]> ... <w[n-1]>" in most places. */
struct dmmp_words {
	unsigned int n;
	char **w;
};

struct dmmp_path {
	unsigned int major, minor;
	char devt[16];			/* "major:minor", kept in step by us */
	struct dmmp_words args;		/* per-path selector args */
	/* from the status, once merged (state is 0 before) */
	char state;			/* 'A' active, 'F' failed */
	unsigned int fail_count;
	struct dmmp_words status;	/* per-path selector status */
};

struct dmmp_group {
	char *selector;			/* "service-time", "round-robin", ... */
	struct dmmp_words selector_args;
	unsigned int nr_paths;
	struct dmmp_path *paths;
	/* from the status */
	char state;			/* 'A' active, 'E' enabled, 'D' disabled */
	struct dmmp_words status;	/* selector status of the group */
};

struct dmmp_table {
	struct dmmp_words features;	/* "queue_if_no_path", ... */
	struct dmmp_words hwhandler;	/* name then args; empty for none */
	unsigned int nr_groups;
	unsigned int initial_group;	/* 1-based; 0 iff there are no groups */
	struct dmmp_group *groups;
	/* from the status, once merged */
	bool has_status;
	struct dmmp_words status_features;	/* queue_io pg_init_count */
	struct dmmp_words status_hwhandler;
	unsigned int next_group;
};

#define DMMP_TABLE_INIT { .nr_groups = 0 }

/* The target parameters of a dmsetup line: skips "<start> <length>
 * multipath " if line starts so, else returns line itself. */
const char *dmmp_skip_target_prefix(const char *line);

/* Parse a table into *out (overwritten, not freed first). Returns 0 or
 * -EINVAL (out is then empty) or -ENOMEM. Work and memory are bounded by
 * the length of params whatever the counts in it say. */
int dmmp_parse_table(const char *params, struct dmmp_table *out);

/* Parse a status and merge it into t, which was parsed from (or built for)
 * the same map: -EINVAL, and t left unchanged, unless the status has the
 * same groups holding the same paths in the same order. */
int dmmp_parse_status(const char *params, struct dmmp_table *t);

/* Free everything t holds and leave it empty; fine on an empty table. */
void dmmp_table_free(struct dmmp_table *t);

/* Append the table, as the kernel prints it: every word followed by one
 * space. format(parse(s)) == s for any table the kernel printed. Returns 0,
 * -EINVAL if t is not a table the kernel would accept in shape (counts,
 * initial group, words, per-path arg counts equal in a group) or -ENOMEM. */
int dmmp_format_table(const struct dmmp_table *t, struct strbuf *sb);

/* Append the merged status the same way; -EINVAL without one. */
int dmmp_format_status(const struct dmmp_table *t, struct strbuf *sb);

/* Append "<n> <w[0]> ... <w[n-1]>" without a trailing space, the form of
 * multipath -ll's features='...' and hwhandler='...'. */
int dmmp_format_words(const struct dmmp_words *w, struct strbuf *sb);

/*
 * Rewrite features and hardware handler the way the kernel prints them back
 * after loading t (dm-mpath.c multipath_status): features in its fixed order
 * queue_if_no_path, pg_init_retries N, pg_init_delay_msecs N,
 * retain_attached_hw_handler, queue_mode bio, duplicates merged, last value
 * winning, "queue_mode rq|mq" dropped; "queue_mode bio" adds
 * retain_attached_hw_handler and drops the handler; handler args dropped.
 * Returns -EINVAL (t unchanged) for features the kernel refuses.
 *
 * Not covered, as they depend on the kernel's state or version: the echoed
 * initial group is the group in use; queue_if_no_path follows the
 * queue_if_no_path/fail_if_no_path messages and suspends; with an already
 * attached handler the kernel may show that one; selectors echo their own
 * per-path args: all of them with defaults filled in (round-robin and
 * queue-length 1 arg, service-time 2, historical-service-time "0"), values
 * they changed (recent kernels turn a repeat_count > 1 into 1).
 */
int dmmp_table_normalize(struct dmmp_table *t);

/* Whether two tables say the same (status ignored). */
bool dmmp_table_equal(const struct dmmp_table *a, const struct dmmp_table *b);

/* Whether the features hold name (compared ignoring case, as the kernel
 * does); *value, if value is not NULL, gets the last value given for the
 * features that take one (pg_init_retries, pg_init_delay_msecs,
 * queue_mode), else NULL. */
bool dmmp_table_feature(const struct dmmp_table *t, const char *name,
			const char **value);

/* The status's two feature words: whether I/O is held back until a pg_init
 * completes (1 or 0; older kernels give the number of queued I/Os), and how
 * many pg_inits ran since the last group switch. -ENODATA without a merged
 * status of that form. */
int dmmp_status_queue_io(const struct dmmp_table *t, unsigned int *queue_io);
int dmmp_status_pg_init_count(const struct dmmp_table *t, unsigned int *count);

/* Builders. Each copies its strings; -EINVAL for a string that is not a
 * word or a device number out of dev_t's range, -ENOMEM. The first group
 * added becomes the initial one. Pointers into t->groups or g->paths move
 * when one is added. */
int dmmp_words_add(struct dmmp_words *w, const char *word);
/* Replace w by the words of a counted list such as multipath.conf's
 * features "1 queue_if_no_path": -EINVAL unless the count matches. */
int dmmp_words_set_counted(struct dmmp_words *w, const char *counted);
void dmmp_words_free(struct dmmp_words *w);
int dmmp_table_add_group(struct dmmp_table *t, const char *selector,
			 struct dmmp_group **group);
int dmmp_group_add_path(struct dmmp_group *g, unsigned int major,
			unsigned int minor, struct dmmp_path **path);

#endif
