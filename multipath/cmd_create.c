/* multipath [-d] [-r] [-p POL] [DEV]: create or update the maps of all
 * eligible devices (or of the one DEV designates), through the library's
 * assembly core; what is this program's own (the listing of the kernel's
 * maps, find_multipaths over all paths, printing, the "multipathd is not
 * running" cases) is here. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "checkers/checker.h"
#include "config/config.h"
#include "device_arg.h"
#include "discovery/enumerate.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "dm/mpath_table.h"
#include "ipc/uxsock.h"
#include "map/assemble.h"
#include "map/find_multipaths.h"
#include "map/from_dm.h"
#include "map/wwids.h"
#include "print/topology.h"
#include "prio/prio.h"
#include "util/hashmap.h"
#include "util/log.h"

struct create_run {
	struct mp_context *ctx;
	struct assembly a;
	struct vec existing;	/* struct dm_map *: multipath maps now */
	struct hashmap by_wwid, by_name;	/* of existing */
	struct strbuf out;
	struct wwids_cache wwids;
	bool daemon_running;
	unsigned int created, changed, failed;
};

static const struct dm_map *live_by_wwid(void *arg, const char *wwid)
{
	return hashmap_get(&((struct create_run *)arg)->by_wwid, wwid);
}

static const struct dm_map *live_by_name(void *arg, const char *name)
{
	return hashmap_get(&((struct create_run *)arg)->by_name, name);
}

static int list_existing(struct create_run *run)
{
	struct dm_map *m;
	size_t i;
	int r;

	r = dm_list_maps(true, &run->existing);
	if (r < 0)
		return log_errno(0, r, "cannot list device-mapper maps");
	vec_foreach(&run->existing, m, i)
		if (hashmap_put(&run->by_wwid, dm_uuid_to_wwid(m->uuid), m) < 0 ||
		    hashmap_put(&run->by_name, m->name, m) < 0)
			return -ENOMEM;
	return 0;
}

/* The paths of each WWID, in the order the WWIDs first appear. */
struct wwid_group {
	const char *wwid;
	struct vec paths;
};

static void group_free(void *p)
{
	struct wwid_group *g = p;

	vec_free(&g->paths, NULL);
	free(g);
}

static int group_by_wwid(const struct vec *paths, struct vec *groups)
{
	struct hashmap index = HASHMAP_INIT;
	struct wwid_group *g;
	struct path *pp;
	size_t i;
	int r = 0;

	vec_foreach(paths, pp, i) {
		g = hashmap_get(&index, pp->wwid);
		if (!g) {
			g = calloc(1, sizeof(*g));
			if (!g || vec_push(groups, g) < 0) {
				free(g);
				r = -ENOMEM;
				break;
			}
			g->wwid = pp->wwid;
			if (hashmap_put(&index, g->wwid, g) < 0) {
				r = -ENOMEM;
				break;
			}
		}
		if (vec_push(&g->paths, pp) < 0) {
			r = -ENOMEM;
			break;
		}
	}
	hashmap_free(&index);
	return r;
}

/* Without multipathd nobody would stop queueing: switch it off unless
 * -q (the reference does the same), and show what the kernel now does. */
static void maybe_stop_queueing(struct create_run *run, struct multipath *mpp)
{
	struct dmmp_words w = { 0, NULL }, keep = { 0, NULL };
	struct strbuf sb = STRBUF_INIT;
	unsigned int i;

	if (run->ctx->opts->queue_without_daemon || run->daemon_running)
		return;
	if (mpp->no_path_retry == 0 || mpp->no_path_retry == NO_PATH_RETRY_FAIL)
		return;
	condlog(3, "%s: multipathd not running, unset queue_if_no_path feature",
		mpp->alias);
	if (dm_message(mpp->alias, "fail_if_no_path") < 0)
		return;
	if (dmmp_words_set_counted(&w, mpp->features) == 0) {
		for (i = 0; i < w.n; i++)
			if (strcmp(w.w[i], "queue_if_no_path"))
				dmmp_words_add(&keep, w.w[i]);
		if (dmmp_format_words(&keep, &sb) == 0) {
			free(mpp->features);
			mpp->features = strbuf_steal(&sb);
		}
	}
	dmmp_words_free(&keep);
	dmmp_words_free(&w);
	strbuf_free(&sb);
}

static void print_map(struct create_run *run, struct multipath *mpp)
{
	static const char *const prefixes[] = {
		[ACT_CREATE] = "create: ", [ACT_RELOAD] = "reload: ",
		[ACT_RESIZE] = "resize: ", [ACT_RENAME] = "rename: ",
	};
	const char *prefix = run->a.dry_run ? ": " : prefixes[mpp->action];

	if (log_verbosity == 1) {
		/* -v1: the names of the maps created */
		if (mpp->action == ACT_CREATE)
			strbuf_printf(&run->out, "%s\n", mpp->alias);
		return;
	}
	print_topology(&run->out, mpp, NULL, log_verbosity, prefix);
}

/* One WWID's map; -ENOMEM stops the run, other failures are counted. */
static int one_map(struct create_run *run, struct wwid_group *g)
{
	struct map_plan plan = MAP_PLAN_INIT;
	int r;

	r = map_plan_build(&run->a, g->wwid, (struct path *const *)g->paths.items,
			   g->paths.len, &plan);
	if (r == 0 && plan.action != ACT_NOTHING) {
		r = map_plan_apply(&run->a, &plan);
		if (r == 0) {
			if (!run->a.dry_run)
				maybe_stop_queueing(run, plan.mpp);
			if (plan.action == ACT_CREATE)
				run->created++;
			else
				run->changed++;
			print_map(run, plan.mpp);
		}
	}
	if (r < 0)
		run->failed++;
	map_plan_release(&plan);
	return r == -ENOMEM ? r : 0;
}

static void path_free_item(void *p)
{
	path_free(p);
}

/* Keep the paths that can be grouped (and of refwwid, if given). */
static void keep_paths_in_scope(struct vec *paths, const char *refwwid)
{
	struct path *pp;
	size_t i, n = 0;

	vec_foreach(paths, pp, i) {
		if (!pp->wwid[0] || (refwwid && strcmp(pp->wwid, refwwid))) {
			path_free(pp);
			continue;
		}
		paths->items[n++] = pp;
	}
	paths->len = n;
}

static int create_maps(struct create_run *run, struct vec *paths,
		       const char *refwwid)
{
	const struct discovery *d = run->ctx->disc;
	struct vec groups = VEC_INIT;
	struct wwid_group *g;
	size_t i;
	int r;

	r = list_existing(run);
	if (r < 0)
		return r;
	run->daemon_running = multipathd_running();
	keep_paths_in_scope(paths, refwwid);
	/* all checks at once, then the priorities */
	paths_check(d, (struct path *const *)paths->items, paths->len);
	paths_prioritize(d, (struct path *const *)paths->items, paths->len);
	r = group_by_wwid(paths, &groups);
	vec_foreach(&groups, g, i) {
		if (r < 0)
			break;
		if (!should_multipath(d->conf, g->paths.items[0],
				      live_by_wwid(run, g->wwid) != NULL,
				      g->paths.len, &run->wwids))
			continue;
		r = one_map(run, g);
	}
	vec_free(&groups, group_free);
	assembly_settle(&run->a);
	fputs(strbuf_str(&run->out), stdout);
	fflush(stdout);
	if ((run->existing.len || run->created) && !run->daemon_running)
		condlog(2, "Warning: multipath devices exist, but multipathd service is not running");
	if (r < 0)
		return r;
	return run->failed ? -EIO : 0;
}

int cmd_create(struct mp_context *ctx)
{
	const struct mp_options *opts = ctx->opts;
	struct kvset cmdline = KVSET_INIT;
	struct create_run run = { .ctx = ctx };
	struct vec paths = VEC_INIT;
	char wwid[WWID_SIZE];
	const char *refwwid = NULL;
	int r;

	if (opts->pgpolicy &&
	    kvset_put_int(&cmdline, KW_PATH_GROUPING_POLICY, opts->pgpolicy) < 0)
		return MP_EXIT_FAIL;
	if (opts->device) {
		r = resolve_wwid_arg(ctx->disc, opts->device, wwid, sizeof(wwid));
		if (r < 0) {
			condlog(3, "%s: failed to get wwid", opts->device);
			condlog(3, "scope is null");
			kvset_free(&cmdline);
			return MP_EXIT_FAIL;
		}
		condlog(3, "scope limited to %s", wwid);
		refwwid = wwid;
	}
	r = path_discovery(ctx->disc, DI_SYSFS | DI_SERIAL | DI_WWID |
				      DI_BLACKLIST, &paths);
	if (r < 0) {
		log_errno(0, r, "path discovery failed");
		vec_free(&paths, path_free_item);
		kvset_free(&cmdline);
		return MP_EXIT_FAIL;
	}
	assembly_init(&run.a, ctx->disc);
	run.a.cmdline = &cmdline;
	run.a.dry_run = opts->dry_run;
	run.a.force_reload = opts->force_reload;
	run.a.bindings_read_only = opts->bindings_read_only;
	run.a.live_by_wwid = live_by_wwid;
	run.a.live_by_name = live_by_name;
	run.a.arg = &run;
	r = create_maps(&run, &paths, refwwid);
	assembly_release(&run.a);
	wwids_cache_free(&run.wwids);
	strbuf_free(&run.out);
	hashmap_free(&run.by_wwid);
	hashmap_free(&run.by_name);
	vec_free(&run.existing, dm_map_free);
	vec_free(&paths, path_free_item);
	kvset_free(&cmdline);
	return r < 0 ? MP_EXIT_FAIL : MP_EXIT_OK;
}
