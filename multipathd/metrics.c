/* "show metrics": the daemon's state and counters as OpenMetrics text
 * (for a node exporter's textfile collector or a scrape through a small
 * relay): paths per state, per map and in all; checks and their
 * durations per checker; the fail/reinstate messages sent to the kernel;
 * queueing; events handled; reconfigures. Ends with "# EOF". */
#include <errno.h>

#include "daemon.h"
#include "show.h"

#define NS_PER_S 1000000000.0

/* The metadata lines of a family. */
static int family(struct strbuf *out, const char *name, const char *type,
		  const char *help)
{
	return strbuf_printf(out, "# TYPE %s %s\n# HELP %s %s\n", name, type,
			     name, help);
}

/* A label value with \, " and newlines escaped. */
static int label_value(struct strbuf *out, const char *v)
{
	for (; *v; v++) {
		int r = *v == '\\' ? strbuf_append(out, "\\\\") :
			*v == '"' ? strbuf_append(out, "\\\"") :
			*v == '\n' ? strbuf_append(out, "\\n") :
				     strbuf_addc(out, *v);
		if (r < 0)
			return -ENOMEM;
	}
	return 0;
}

/* name{label="value"} n */
static int sample(struct strbuf *out, const char *name, const char *label,
		  const char *value, unsigned long long n)
{
	if (!label)
		return strbuf_printf(out, "%s %llu\n", name, n);
	if (strbuf_printf(out, "%s{%s=\"", name, label) < 0 ||
	    label_value(out, value) < 0 ||
	    strbuf_printf(out, "\"} %llu\n", n) < 0)
		return -ENOMEM;
	return 0;
}

static int path_states(struct daemon *dd, struct strbuf *out)
{
	unsigned long count[PATH__MAX] = { 0 };
	struct path *pp;
	size_t i;
	int s;

	registry_foreach_path(&dd->reg, pp, i)
		if (pp->state < PATH__MAX)
			count[pp->state]++;
	if (family(out, "multipathd_paths", "gauge",
		   "Paths the daemon watches, by checker state.") < 0)
		return -ENOMEM;
	for (s = 0; s < PATH__MAX; s++)
		if (sample(out, "multipathd_paths", "state",
			   checker_state_name(s), count[s]) < 0)
			return -ENOMEM;
	if (family(out, "multipathd_checks", "counter",
		   "Path checks finished, by result.") < 0)
		return -ENOMEM;
	for (s = 0; s < PATH__MAX; s++)
		if (sample(out, "multipathd_checks_total", "result",
			   checker_state_name(s), dd->check_results[s]) < 0)
			return -ENOMEM;
	return 0;
}

static int checker_durations(struct daemon *dd, struct strbuf *out)
{
	const struct checker_stat *cs;
	size_t i;

	if (family(out, "multipathd_checker_duration_seconds", "summary",
		   "Time the path checks of each checker took.") < 0)
		return -ENOMEM;
	for (i = 0; i < DAEMON_CHECKER_STATS; i++) {
		cs = &dd->checker_stats[i];
		if (!cs->name[0])
			break;
		if (sample(out, "multipathd_checker_duration_seconds_count",
			   "checker", cs->name, cs->count) < 0 ||
		    strbuf_append(out, "multipathd_checker_duration_seconds_sum{checker=\"") < 0 ||
		    label_value(out, cs->name) < 0 ||
		    strbuf_printf(out, "\"} %.3f\n", cs->elapsed_ms / 1000.0) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* One per-map family: its value of each map. */
typedef unsigned long long (*map_value_fn)(const struct multipath *mpp);

static int per_map(struct daemon *dd, struct strbuf *out, const char *name,
		   const char *type, const char *help, map_value_fn fn)
{
	_cleanup_strbuf_ struct strbuf sname = STRBUF_INIT;
	struct multipath *mpp;
	size_t i;

	if (family(out, name, type, help) < 0 ||
	    strbuf_printf(&sname, "%s%s", name,
			  type[0] == 'c' ? "_total" : "") < 0)
		return -ENOMEM;
	registry_foreach_map(&dd->reg, mpp, i)
		if (sample(out, strbuf_str(&sname), "map", mpp->alias,
			   fn(mpp)) < 0)
			return -ENOMEM;
	return 0;
}

static unsigned long long m_paths(const struct multipath *mpp)
{
	return mpp->paths.len;
}

static unsigned long long m_usable(const struct multipath *mpp)
{
	const struct dmap *dm = mpp->priv;

	return dm ? dm->nr_active : 0;
}

static unsigned long long m_queueing(const struct multipath *mpp)
{
	return mpp->queue_if_no_path > 0;
}

static unsigned long long m_faults(const struct multipath *mpp)
{
	return mpp->stat_path_failures;
}

static unsigned long long m_switches(const struct multipath *mpp)
{
	return mpp->stat_switchgroup;
}

static unsigned long long m_loads(const struct multipath *mpp)
{
	return mpp->stat_map_loads;
}

static unsigned long long m_queued_s(const struct multipath *mpp)
{
	return mpp->stat_total_queueing_time;
}

static unsigned long long m_timeouts(const struct multipath *mpp)
{
	return mpp->stat_queueing_timeouts;
}

static const struct {
	const char *name, *type, *help;
	map_value_fn fn;
} map_families[] = {
	{ "multipathd_map_paths", "gauge", "Paths of the map.", m_paths },
	{ "multipathd_map_usable_paths", "gauge",
	  "Paths of the map the kernel may use (not failed).", m_usable },
	{ "multipathd_map_queueing", "gauge",
	  "1 while the map queues I/O when no path works (queue_if_no_path).",
	  m_queueing },
	{ "multipathd_map_path_faults", "counter",
	  "Times a path of the map failed.", m_faults },
	{ "multipathd_map_group_switches", "counter",
	  "Path group switches of the map.", m_switches },
	{ "multipathd_map_loads", "counter", "Table loads of the map.", m_loads },
	{ "multipathd_map_queueing_seconds", "counter",
	  "Seconds the map queued I/O without a usable path.", m_queued_s },
	{ "multipathd_map_queueing_timeouts", "counter",
	  "Times no_path_retry ran out and queueing was stopped.", m_timeouts },
};

static int counter(struct strbuf *out, const char *name, const char *help,
		   unsigned long long n)
{
	_cleanup_strbuf_ struct strbuf sname = STRBUF_INIT;

	if (family(out, name, "counter", help) < 0 ||
	    strbuf_printf(&sname, "%s_total", name) < 0 ||
	    sample(out, strbuf_str(&sname), NULL, NULL, n) < 0)
		return -ENOMEM;
	return 0;
}

int show_metrics(struct daemon *dd, struct strbuf *out)
{
	size_t i;

	if (path_states(dd, out) < 0 || checker_durations(dd, out) < 0)
		return -ENOMEM;
	for (i = 0; i < sizeof(map_families) / sizeof(map_families[0]); i++)
		if (per_map(dd, out, map_families[i].name, map_families[i].type,
			    map_families[i].help, map_families[i].fn) < 0)
			return -ENOMEM;
	if (family(out, "multipathd_maps", "gauge", "Maps the daemon keeps.") < 0 ||
	    sample(out, "multipathd_maps", NULL, NULL, registry_nmaps(&dd->reg)) < 0 ||
	    counter(out, "multipathd_dm_path_failures",
		    "fail_path messages sent to the kernel.", dd->dm_fails) < 0 ||
	    counter(out, "multipathd_dm_path_reinstates",
		    "reinstate_path messages sent to the kernel.",
		    dd->dm_reinstates) < 0 ||
	    counter(out, "multipathd_uevents", "Block uevents handled.",
		    dd->uevents) < 0 ||
	    counter(out, "multipathd_dm_events", "Device-mapper events handled.",
		    dd->dm_events) < 0 ||
	    counter(out, "multipathd_reconfigures",
		    "Configurations loaded by reconfigure.", dd->reconfigures) < 0 ||
	    family(out, "multipathd_reconfigure_last_duration_seconds", "gauge",
		   "How long the last reconfigure took.") < 0 ||
	    strbuf_printf(out, "multipathd_reconfigure_last_duration_seconds %.6f\n",
			  dd->last_reconfigure_ns / NS_PER_S) < 0 ||
	    counter(out, "multipathd_loop_busy_callbacks",
		    "Callbacks that kept the event loop busy for a second or more.",
		    dd->loop.busy_calls) < 0 ||
	    family(out, "multipathd_loop_longest_callback_seconds", "gauge",
		   "The longest a callback kept the event loop busy.") < 0 ||
	    strbuf_printf(out, "multipathd_loop_longest_callback_seconds %.6f\n",
			  dd->loop.busy_max_ns / NS_PER_S) < 0 ||
	    family(out, "multipathd_uptime_seconds", "gauge",
		   "Seconds since the daemon started.") < 0 ||
	    strbuf_printf(out, "multipathd_uptime_seconds %.3f\n",
			  (loop_now_ns() - dd->start_ns) / NS_PER_S) < 0 ||
	    strbuf_append(out, "# EOF\n") < 0)
		return -ENOMEM;
	return 0;
}
