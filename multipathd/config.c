/* Reconfiguring the daemon: a new configuration snapshot is loaded and
 * checked; a bad one is refused (the old one keeps running, the errors
 * go to the log and to the caller); a good one replaces the old one
 * (readers on other threads take it with liburcu), every path and map is
 * resolved again against it, and every map is assembled again. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <urcu.h>

#include "config/config.h"
#include "daemon.h"
#include "util/fdlimit.h"
#include "util/log.h"

static void resolve_paths(struct daemon *dd)
{
	struct path *pp;
	size_t i;

	registry_foreach_path(&dd->reg, pp, i) {
		char wwid[WWID_SIZE];
		int r;

		snprintf(wwid, sizeof(wwid), "%s", pp->wwid);
		/* the hardware table entries point into the configuration */
		r = path_reconfigure(&dd->disc, pp);
		if (r == PATHINFO_SKIPPED) {
			condlog(2, "%s: blacklisted now", pp->dev);
			daemon_remove_path(dd, pp);
			daemon_mark_dirty(dd, wwid);
			continue;
		}
		((struct dpath *)pp->priv)->wants_map = true;
		/* the checker and the prioritizer are chosen again under the
		 * new settings */
		((struct dpath *)pp->priv)->checker_stale = true;
		pp->prio_resolved = false;
		daemon_mark_dirty(dd, wwid);
	}
}

static void resolve_maps(struct daemon *dd)
{
	struct multipath *mpp;
	size_t i;

	registry_foreach_map(&dd->reg, mpp, i) {
		mpp->mpe = config_find_mpe(dd->conf, mpp->wwid);
		daemon_mark_dirty(dd, mpp->wwid);
	}
}

int daemon_reconfigure(struct daemon *dd, bool all, struct strbuf *msg)
{
	uint64_t t0 = loop_now_ns();
	struct config *old = dd->conf, *conf = NULL;
	int r;

	r = config_load(DEFAULT_CONFIG_FILE, DEFAULT_CONFIG_DIR, &conf);
	if (r < 0) {
		condlog(0, "reconfigure: cannot load the configuration: %s; keeping the old one",
			strerror(-r));
		if (msg)
			strbuf_printf(msg, "cannot load the configuration: %s\n",
				      strerror(-r));
		return r;
	}
	if (conf->warnings) {
		condlog(0, "reconfigure: %u errors in the new configuration, keeping the old one",
			conf->warnings);
		if (msg)
			strbuf_append(msg, strbuf_str(&conf->diag));
		config_free(conf);
		return -EINVAL;
	}
	condlog(2, "reconfigure%s: new configuration loaded", all ? " all" : "");
	rcu_assign_pointer(dd->conf, conf);
	dd->disc.conf = conf;
	if (dd->verbosity_arg < 0)
		log_set_verbosity((int)config_get_int(conf, KW_VERBOSITY));
	dd->force_reload = all;
	fdlimit_apply(config_get_int(conf, KW_MAX_FDS));
	resolve_paths(dd);
	resolve_maps(dd);
	condlog(3, "reconfigure: paths and maps resolved in %llu ms",
		(unsigned long long)((loop_now_ns() - t0) / 1000000));
	/* nothing refers to the old snapshot any more */
	synchronize_rcu();
	config_free(old);
	dd->reconfigures++;
	dd->last_reconfigure_ns = loop_now_ns() - t0;
	return 0;
}
