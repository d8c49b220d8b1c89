/* The daemon's decisions as pure functions (no I/O, no model), so that
 * unit tests can drive them: how often a path is checked, when an
 * unreliable path may be used again (san_path_err), when to fail back,
 * how long no_path_retry queues. */
#ifndef MULTIPATHD_POLICY_H
#define MULTIPATHD_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/path.h"

/* A usable path: up, or ghost (standby but working). */
bool state_usable(enum path_state s);

/* Seconds to the next check: doubled (up to max) while a path stays
 * usable with the same verdict, else the base interval. */
unsigned int next_check_interval(unsigned int cur, unsigned int base,
				 unsigned int max, enum path_state st,
				 enum path_state old, bool first);

/* san_path_err: threshold failures (one is forgotten after forget_rate
 * usable checks) keep a returning path out of use for recovery_s. */
struct san_params {
	long long threshold, forget_rate, recovery_s;	/* all > 0: on */
};

struct san_state {
	unsigned int err_count, ok_checks;
	uint64_t delayed_until_ns;	/* 0: not held back */
};

enum san_event {
	SAN_NONE,
	SAN_HELD,		/* the path starts to be held back */
	SAN_RELEASED,		/* its time is over: usable again */
};

/* The state to act on for the checker's verdict st (old: the last one
 * acted on), at now. */
enum path_state san_filter(struct san_state *s, const struct san_params *p,
			   enum path_state st, enum path_state old,
			   uint64_t now_ns, enum san_event *ev);

/* marginal_path_*: a path that fails twice within double_failed_s is
 * suspect; once the checker finds it up, reads are sent to it for
 * sample_s (ten a second), and it is used again only if at most
 * rate_threshold of each thousand failed; else it waits recheck_gap_s
 * and is sampled again. */
struct marginal_params {
	long long sample_s, rate_threshold, recheck_gap_s, double_failed_s;
};

/* The shortest sample: twice the time a read may take. */
#define MARGINAL_IO_TIMEOUT_S 60
#define MARGINAL_MIN_SAMPLE_S (2 * MARGINAL_IO_TIMEOUT_S)

enum marginal_phase {
	MARGINAL_NO,
	MARGINAL_SUSPECT,	/* failed twice: sampled once it is up */
	MARGINAL_SAMPLING,
	MARGINAL_HELD,		/* too many errors: sampled after the gap */
};

struct marginal_state {
	enum marginal_phase phase;
	unsigned int fails;		/* failures since first_fail_ns */
	uint64_t first_fail_ns;
	uint64_t held_until_ns;		/* MARGINAL_HELD: the end of the gap */
	unsigned int last_rate;		/* of the last sample, per thousand */
};

/* All four set (> 0): the feature is on. */
bool marginal_on(const struct marginal_params *p);

/* The path went from usable to unusable at now: true when this makes
 * it suspect (the second failure within double_failed_s). */
bool marginal_path_failed(struct marginal_state *s,
			  const struct marginal_params *p, uint64_t now_ns);

/* The checker finds the path st at now: true when a sample should start
 * (suspect, or held and the gap is over, and the path is usable). */
bool marginal_wants_sample(const struct marginal_state *s,
			   enum path_state st, uint64_t now_ns);

/* Errors per thousand reads; no read at all counts as all failed. */
unsigned int marginal_rate(unsigned int errors, unsigned int total);

/* A sample of total reads, errors of them failed, ended at now: true
 * when the path is good again (and no longer marginal). */
bool marginal_sample_done(struct marginal_state *s,
			  const struct marginal_params *p, unsigned int errors,
			  unsigned int total, uint64_t now_ns);

enum failback_action {
	FAILBACK_NONE,
	FAILBACK_SWITCH,	/* switch to the best group now */
	FAILBACK_LATER,		/* after the failback delay */
};

/* A path of the map became usable: failback (FAILBACK_* setting, or a
 * delay in seconds), best: the best group with a usable path, active:
 * the group the kernel uses (both 1-based), group_was_down: the path's
 * group had no usable path before. */
enum failback_action failback_decide(int failback, int best, int active,
				     bool group_was_down);

/* How long the queue of a map without usable paths lasts (ms): the
 * no_path_retry count of checker intervals; 0 for no countdown (queue
 * forever, fail at once, or unset). */
uint64_t no_path_retry_ms(int no_path_retry, long long polling_interval);

#endif
