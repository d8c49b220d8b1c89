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
