/* The daemon's handlers of the command language (multipathd/cli_table.c
 * has the words): one function per command, wired by command id. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_reply.h"
#include "commands.h"
#include "config/blacklist.h"
#include "config/config.h"
#include "daemon.h"
#include "discovery/pathinfo.h"
#include "dm/dmcmd.h"
#include "print/wildcards.h"
#include "show.h"
#include "util/log.h"

#define DD(d) ((struct daemon *)(d))
#define MAPS_STATUS_FORMAT "%n %F %Q %N %t %r"

struct multipath *cmd_find_map(struct daemon *dd, const char *arg)
{
	struct multipath *mpp;

	if (!arg)
		return NULL;
	if (!strncmp(arg, "/dev/mapper/", 12))
		arg += 12;
	else if (!strncmp(arg, "/dev/", 5))
		arg += 5;
	mpp = registry_map(&dd->reg, arg);
	if (!mpp)
		mpp = registry_map_by_wwid(&dd->reg, arg);
	if (!mpp)
		mpp = registry_map_by_dmdev(&dd->reg, arg);
	return mpp;
}

struct path *cmd_find_path(struct daemon *dd, const char *arg)
{
	if (!arg)
		return NULL;
	if (!strncmp(arg, "/dev/", 5))
		arg += 5;
	return registry_path(&dd->reg, arg);
}

/* ---- show --------------------------------------------------------------------- */

static int show_paths_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_paths(DD(d), r, NULL, true);
}

static int show_paths_fmt(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_paths(DD(d), r, cli_arg(a, CLI_P_FORMAT), true);
}

static int show_paths_raw(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_paths(DD(d), r, cli_arg(a, CLI_P_FORMAT), false);
}

static int show_maps_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_maps(DD(d), r, NULL, true);
}

static int show_maps_fmt(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_maps(DD(d), r, cli_arg(a, CLI_P_FORMAT), true);
}

static int show_maps_raw(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_maps(DD(d), r, cli_arg(a, CLI_P_FORMAT), false);
}

static int show_maps_stats_h(void *d, const struct cli_args *a,
			     struct strbuf *r)
{
	return show_maps_stats(DD(d), r);
}

static int show_topology_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_topology(DD(d), r, NULL);
}

static int show_map_topology(void *d, const struct cli_args *a,
			     struct strbuf *r)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	if (!mpp)
		return -ENOENT;
	return show_topology(DD(d), r, mpp);
}

static int show_status_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_status(DD(d), r);
}

static int show_daemon_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_daemon(DD(d), r);
}

static int show_config_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_config(DD(d), r);
}

static int show_config_local_h(void *d, const struct cli_args *a,
			       struct strbuf *r)
{
	return show_config_local(DD(d), r);
}

static int show_blacklist_h(void *d, const struct cli_args *a,
			    struct strbuf *r)
{
	return show_blacklist(DD(d), r);
}

static int show_devices_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_devices(DD(d), r);
}

static int show_maps_status(void *d, const struct cli_args *a,
			    struct strbuf *r)
{
	return show_maps(DD(d), r, MAPS_STATUS_FORMAT, true);
}

/* "show path X": the reference answers with the device's state only */
static int show_path(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct path *pp = cmd_find_path(DD(d), cli_arg(a, CLI_P_PATH));

	if (!pp)
		return -ENOENT;
	if (print_format(r, PRINT_PATH, "%o", pp, NULL) < 0 ||
	    strbuf_addc(r, '\n') < 0)
		return -ENOMEM;
	return 0;
}

/* "show map X [raw] format F": one line, no header, as the reference */
static int show_map_fmt(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	if (!mpp)
		return -ENOENT;
	if (print_format(r, PRINT_MAP, cli_arg(a, CLI_P_FORMAT), mpp, NULL) < 0 ||
	    strbuf_addc(r, '\n') < 0)
		return -ENOMEM;
	return 0;
}

static int show_maps_json_h(void *d, const struct cli_args *a,
			    struct strbuf *r)
{
	return show_maps_json(DD(d), r, NULL);
}

static int show_map_json(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	return mpp ? show_maps_json(DD(d), r, mpp) : -ENOENT;
}

static int show_paths_json_h(void *d, const struct cli_args *a,
			     struct strbuf *r)
{
	return show_paths_json(DD(d), r);
}

static int show_path_json_h(void *d, const struct cli_args *a,
			    struct strbuf *r)
{
	struct path *pp = cmd_find_path(DD(d), cli_arg(a, CLI_P_PATH));

	return pp ? show_path_json(DD(d), r, pp) : -ENOENT;
}

static int show_status_json_h(void *d, const struct cli_args *a,
			      struct strbuf *r)
{
	return show_status_json(DD(d), r);
}

static int show_daemon_json_h(void *d, const struct cli_args *a,
			      struct strbuf *r)
{
	return show_daemon_json(DD(d), r);
}

static int show_metrics_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return show_metrics(DD(d), r);
}

static int show_wildcards_h(void *d, const struct cli_args *a,
			    struct strbuf *r)
{
	return show_wildcards(r);
}

/* "quit" and "exit" end the console, which does not send them; a client
 * that does is answered ok, as by the reference. */
static int quit_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return 0;
}

/* ---- paths --------------------------------------------------------------------- */

static int add_path(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct daemon *dd = DD(d);
	const char *name = cli_arg(a, CLI_P_PATH);
	struct path *pp;
	int rc;

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	pp = registry_path(&dd->reg, name);
	if (pp) {
		/* known: look at it and its map again */
		daemon_mark_dirty(dd, pp->wwid);
		daemon_check_now(dd, pp);
		return 0;
	}
	/* a name the devnode rules exclude is not looked for (the default
	 * rules exclude every name but sd*, dasd* and nvme*) */
	if (filter_devnode(dd->conf, name) > 0) {
		condlog(2, "%s: path blacklisted", name);
		return strbuf_append(r, "blacklisted\n") < 0 ? -ENOMEM : 0;
	}
	pp = path_new();
	if (!pp)
		return -ENOMEM;
	rc = path_init(&dd->disc, pp, name);
	if (rc == 0)
		rc = pathinfo(&dd->disc, pp, DI_SYSFS | DI_SERIAL | DI_WWID |
					     DI_BLACKLIST);
	if (rc == PATHINFO_SKIPPED) {
		condlog(2, "%s: path blacklisted", name);
		path_free(pp);
		return strbuf_append(r, "blacklisted\n") < 0 ? -ENOMEM : 0;
	}
	if (rc < 0 || !pp->wwid[0]) {
		condlog(1, "%s: cannot add the path", name);
		path_free(pp);
		return -EIO;
	}
	condlog(2, "%s: path added (operator)", name);
	return daemon_add_path(dd, pp) < 0 ? -EIO : 0;
}

static int del_path(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct path *pp = cmd_find_path(DD(d), cli_arg(a, CLI_P_PATH));

	if (!pp)
		return -ENOENT;
	daemon_remove_path(DD(d), pp);
	return 0;
}

static int fail_or_reinstate(struct daemon *dd, struct path *pp, bool fail)
{
	struct multipath *mpp = pp->mpp;
	char msg[64];
	int rc;

	if (!mpp)
		return -ENOENT;
	snprintf(msg, sizeof(msg), "%s %s", fail ? "fail_path" :
		 "reinstate_path", pp->dev_t);
	rc = dm_message(mpp->alias, msg);
	if (rc < 0)
		return -EIO;
	condlog(2, "%s: %s path %s (operator)", mpp->alias,
		fail ? "fail" : "reinstate", pp->dev_t);
	pp->dmstate = fail ? DMP_FAILED : DMP_ACTIVE;
	if (pp->priv)
		((struct dpath *)pp->priv)->operator_failed = fail;
	if (fail)
		dd->dm_fails++;
	else
		dd->dm_reinstates++;
	map_refresh(dd, mpp);
	return 0;
}

static int fail_path(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct path *pp = cmd_find_path(DD(d), cli_arg(a, CLI_P_PATH));

	return pp ? fail_or_reinstate(DD(d), pp, true) : -ENOENT;
}

static int reinstate_path(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct path *pp = cmd_find_path(DD(d), cli_arg(a, CLI_P_PATH));

	return pp ? fail_or_reinstate(DD(d), pp, false) : -ENOENT;
}

/* ---- maps ----------------------------------------------------------------------- */

static int add_map(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct daemon *dd = DD(d);
	const char *arg = cli_arg(a, CLI_P_MAP);
	struct multipath *mpp = cmd_find_map(dd, arg);
	const struct vec *paths;

	if (mpp) {
		daemon_mark_dirty(dd, mpp->wwid);
		return 0;
	}
	/* a WWID with paths the daemon knows */
	paths = registry_wwid_paths(&dd->reg, arg);
	if (!paths->len)
		return -ENOENT;
	daemon_mark_dirty(dd, arg);
	return 0;
}

static int del_map(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	if (!mpp)
		return -ENOENT;
	return daemon_remove_map(DD(d), mpp, false) < 0 ? -EIO : 0;
}

static int del_maps(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct daemon *dd = DD(d);
	struct multipath *mpp;
	size_t i;
	int rc = 0;

	registry_foreach_map(&dd->reg, mpp, i)
		if (daemon_remove_map(dd, mpp, false) < 0)
			rc = -EIO;
	return rc;
}

static int switch_group(void *d, const struct cli_args *a, struct strbuf *r)
{
	struct daemon *dd = DD(d);
	struct multipath *mpp = cmd_find_map(dd, cli_arg(a, CLI_P_MAP));
	const char *g = cli_arg(a, CLI_P_GROUP);
	char *end;
	long n;

	if (!mpp)
		return -ENOENT;
	n = strtol(g, &end, 10);
	if (*end || n < 1 || (size_t)n > mpp->pgs.len)
		return -EIO;
	condlog(2, "%s: switch to path group #%ld (operator)", mpp->alias, n);
	return map_switch_group(dd, mpp, (int)n) < 0 ? -EIO : 0;
}

static int queueing(struct daemon *dd, const char *arg, bool on)
{
	struct multipath *mpp = cmd_find_map(dd, arg);

	if (!mpp)
		return -ENOENT;
	return map_set_queueing(dd, mpp, on) < 0 ? -EIO : 0;
}

static int disableq_map(void *d, const struct cli_args *a, struct strbuf *r)
{
	return queueing(DD(d), cli_arg(a, CLI_P_MAP), false);
}

static int restoreq_map(void *d, const struct cli_args *a, struct strbuf *r)
{
	return queueing(DD(d), cli_arg(a, CLI_P_MAP), true);
}

static int all_queueing(struct daemon *dd, bool on)
{
	struct multipath *mpp;
	size_t i;
	int rc = 0;

	registry_foreach_map(&dd->reg, mpp, i)
		if (map_set_queueing(dd, mpp, on) < 0)
			rc = -EIO;
	return rc;
}

static int disableq_maps(void *d, const struct cli_args *a, struct strbuf *r)
{
	return all_queueing(DD(d), false);
}

static int restoreq_maps(void *d, const struct cli_args *a, struct strbuf *r)
{
	return all_queueing(DD(d), true);
}

/* ---- the daemon ------------------------------------------------------------------ */

static int reconfigure(struct daemon *dd, bool all, struct strbuf *r)
{
	struct strbuf msg = STRBUF_INIT;
	int rc = daemon_reconfigure(dd, all, &msg);

	if (rc < 0) {
		/* the errors, then "fail", like an error reply */
		strbuf_append(r, strbuf_str(&msg));
		strbuf_append(r, "fail\n");
	}
	strbuf_free(&msg);
	return rc < 0 ? -EIO : 0;
}

static int reconfigure_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	return reconfigure(DD(d), false, r);
}

static int reconfigure_all(void *d, const struct cli_args *a, struct strbuf *r)
{
	return reconfigure(DD(d), true, r);
}

static int shutdown_h(void *d, const struct cli_args *a, struct strbuf *r)
{
	daemon_shutdown(DD(d));
	return 0;
}

const cli_handler daemon_handlers[CLI_CMD_COUNT] = {
	[CLI_LIST_PATHS] = show_paths_h,
	[CLI_LIST_PATHS_FMT] = show_paths_fmt,
	[CLI_LIST_PATHS_RAW_FMT] = show_paths_raw,
	[CLI_LIST_MAPS] = show_maps_h,
	[CLI_LIST_MAPS_FMT] = show_maps_fmt,
	[CLI_LIST_MAPS_RAW_FMT] = show_maps_raw,
	[CLI_LIST_MAPS_STATS] = show_maps_stats_h,
	[CLI_LIST_MAPS_TOPOLOGY] = show_topology_h,
	[CLI_LIST_TOPOLOGY] = show_topology_h,
	[CLI_LIST_MAP_TOPOLOGY] = show_map_topology,
	[CLI_LIST_STATUS] = show_status_h,
	[CLI_LIST_DAEMON] = show_daemon_h,
	[CLI_LIST_CONFIG] = show_config_h,
	[CLI_LIST_WILDCARDS] = show_wildcards_h,
	[CLI_LIST_CONFIG_LOCAL] = show_config_local_h,
	[CLI_LIST_BLACKLIST] = show_blacklist_h,
	[CLI_LIST_DEVICES] = show_devices_h,
	[CLI_LIST_MAPS_STATUS] = show_maps_status,
	[CLI_LIST_PATH] = show_path,
	[CLI_LIST_METRICS] = show_metrics_h,
	[CLI_LIST_MAPS_JSON] = show_maps_json_h,
	[CLI_LIST_MAP_JSON] = show_map_json,
	[CLI_LIST_PATHS_JSON] = show_paths_json_h,
	[CLI_LIST_PATH_JSON] = show_path_json_h,
	[CLI_LIST_STATUS_JSON] = show_status_json_h,
	[CLI_LIST_DAEMON_JSON] = show_daemon_json_h,
	[CLI_LIST_MAP_FMT] = show_map_fmt,
	[CLI_LIST_MAP_RAW_FMT] = show_map_fmt,
	[CLI_ADD_PATH] = add_path,
	[CLI_DEL_PATH] = del_path,
	[CLI_ADD_MAP] = add_map,
	[CLI_DEL_MAP] = del_map,
	[CLI_DEL_MAPS] = del_maps,
	[CLI_SWITCH_GROUP] = switch_group,
	[CLI_RECONFIGURE] = reconfigure_h,
	[CLI_RECONFIGURE_ALL] = reconfigure_all,
	[CLI_REINSTATE_PATH] = reinstate_path,
	[CLI_FAIL_PATH] = fail_path,
	[CLI_DISABLEQ_MAP] = disableq_map,
	[CLI_RESTOREQ_MAP] = restoreq_map,
	[CLI_DISABLEQ_MAPS] = disableq_maps,
	[CLI_RESTOREQ_MAPS] = restoreq_maps,
	[CLI_SHUTDOWN] = shutdown_h,
	[CLI_QUIT] = quit_h,
	[CLI_SUSPEND_MAP] = cmd_suspend_map,
	[CLI_RESUME_MAP] = cmd_resume_map,
	[CLI_RELOAD_MAP] = cmd_reload_map,
	[CLI_RESIZE_MAP] = cmd_resize_map,
	[CLI_RESET_MAPS_STATS] = cmd_reset_maps_stats,
	[CLI_RESET_MAP_STATS] = cmd_reset_map_stats,
	[CLI_SETMARGINAL_PATH] = cmd_set_marginal,
	[CLI_UNSETMARGINAL_PATH] = cmd_unset_marginal,
	[CLI_UNSETMARGINAL_MAP] = cmd_unset_marginal_map,
	[CLI_FORCEQ_DAEMON] = cmd_force_queueing,
	[CLI_RESTOREQ_DAEMON] = cmd_restore_queueing_daemon,
	[CLI_RESET_MAP] = cmd_reset_map,
	[CLI_GETPRSTATUS_MAP] = cmd_getprstatus,
	[CLI_SETPRSTATUS_MAP] = cmd_setprstatus,
	[CLI_UNSETPRSTATUS_MAP] = cmd_unsetprstatus,
	[CLI_GETPRKEY_MAP] = cmd_getprkey,
	[CLI_SETPRKEY_MAP_KEY] = cmd_setprkey,
	[CLI_UNSETPRKEY_MAP] = cmd_unsetprkey,
	[CLI_GETPRHOLD_MAP] = cmd_getprhold,
	[CLI_SETPRHOLD_MAP] = cmd_setprhold,
	[CLI_UNSETPRHOLD_MAP] = cmd_unsetprhold,
};
