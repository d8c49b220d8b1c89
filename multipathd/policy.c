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

bool marginal_on(const struct marginal_params *p)
{
	return p->sample_s > 0 && p->rate_threshold > 0 &&
	       p->recheck_gap_s > 0 && p->double_failed_s > 0;
}

bool marginal_path_failed(struct marginal_state *s,
			  const struct marginal_params *p, uint64_t now_ns)
{
	if (!marginal_on(p) || s->phase != MARGINAL_NO)
		return false;
	if (s->fails &&
	    now_ns - s->first_fail_ns < (uint64_t)p->double_failed_s * NSEC_PER_SEC) {
		s->fails = 0;
		s->phase = MARGINAL_SUSPECT;
		return true;
	}
	/* the first failure, or the first since the window closed */
	s->fails = 1;
	s->first_fail_ns = now_ns;
	return false;
}

bool marginal_wants_sample(const struct marginal_state *s,
			   enum path_state st, uint64_t now_ns)
{
	if (!state_usable(st))
		return false;
	return s->phase == MARGINAL_SUSPECT ||
	       (s->phase == MARGINAL_HELD && now_ns >= s->held_until_ns);
}

unsigned int marginal_rate(unsigned int errors, unsigned int total)
{
	if (!total || errors >= total)
		return 1000;
	return (unsigned int)((uint64_t)errors * 1000 / total);
}

bool marginal_sample_done(struct marginal_state *s,
			  const struct marginal_params *p, unsigned int errors,
			  unsigned int total, uint64_t now_ns)
{
	s->last_rate = marginal_rate(errors, total);
	if (s->last_rate <= (unsigned int)p->rate_threshold) {
		s->phase = MARGINAL_NO;
		s->fails = 0;
		return true;
	}
	s->phase = MARGINAL_HELD;
	s->held_until_ns = now_ns + (uint64_t)p->recheck_gap_s * NSEC_PER_SEC;
	return false;
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
