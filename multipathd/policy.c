/* The daemon's decisions as pure functions. */
#include "config/values.h"
#include "policy.h"

#define NSEC_PER_SEC 1000000000ULL

bool state_usable(enum path_state s)
{
	return s == PATH_UP || s == PATH_GHOST;
}

unsigned int next_check_interval(unsigned int cur, unsigned int base,
				 unsigned int max, enum path_state st,
				 enum path_state old, bool first)
{
	unsigned int next;

	if (first || !state_usable(st) || st != old || !cur)
		return base;
	next = cur * 2;
	return next > max ? max : next < base ? base : next;
}

enum path_state san_filter(struct san_state *s, const struct san_params *p,
			   enum path_state st, enum path_state old,
			   uint64_t now_ns, enum san_event *ev)
{
	*ev = SAN_NONE;
	if (p->threshold <= 0 || p->forget_rate <= 0 || p->recovery_s <= 0)
		return st;
	if (!state_usable(st)) {
		if (state_usable(old) || old == PATH_DELAYED)
			s->err_count++;
		s->ok_checks = 0;
		return st;
	}
	if (s->delayed_until_ns) {
		if (now_ns < s->delayed_until_ns)
			return PATH_DELAYED;
		/* usable for the whole time */
		s->delayed_until_ns = 0;
		s->err_count = 0;
		*ev = SAN_RELEASED;
		return st;
	}
	if (!state_usable(old) && s->err_count >= (unsigned int)p->threshold) {
		s->delayed_until_ns = now_ns +
				      (uint64_t)p->recovery_s * NSEC_PER_SEC;
		*ev = SAN_HELD;
		return PATH_DELAYED;
	}
	if (state_usable(old) && ++s->ok_checks >= (unsigned int)p->forget_rate) {
		s->ok_checks = 0;
		if (s->err_count)
			s->err_count--;
	}
	return st;
}

enum failback_action failback_decide(int failback, int best, int active,
				     bool group_was_down)
{
	if (!best || best == active)
		return FAILBACK_NONE;
	switch (failback) {
	case FAILBACK_IMMEDIATE:
		return FAILBACK_SWITCH;
	case FAILBACK_FOLLOWOVER:
		/* only when the path's whole group comes back */
		return group_was_down ? FAILBACK_SWITCH : FAILBACK_NONE;
	default:
		return failback > 0 ? FAILBACK_LATER : FAILBACK_NONE;
	}
}

uint64_t no_path_retry_ms(int no_path_retry, long long polling_interval)
{
	if (no_path_retry <= 0 || polling_interval <= 0)
		return 0;
	return (uint64_t)no_path_retry * (uint64_t)polling_interval * 1000ULL;
}
