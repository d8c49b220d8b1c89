/* What "show ..." prints, in the reference's layouts: paths and maps in
 * columns of %-wildcards, the topology, status and daemon lines. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "config/dump.h"
#include "daemon.h"
#include "foreign/nvme.h"
#include "print/foreign.h"
#include "print/json.h"
#include "print/topology.h"
#include "print/wildcards.h"
#include "show.h"

#define PATHS_FORMAT "%i %d %D %p %t %T %o %C"
#define MAPS_FORMAT "%n %d %w"
#define MAPS_STATS_FORMAT "%n %0 %1 %2 %3 %4"

/* The fields only the daemon knows, as the printers read them. */
static void refresh_display(struct daemon *dd)
{
	uint64_t now = loop_now_ns();
	struct multipath *mpp;
	struct path *pp;
	size_t i;

	registry_foreach_path(&dd->reg, pp, i) {
		struct dpath *dp = pp->priv;

		pp->check_interval = dp->interval;
		pp->check_tick = dp->check_timer.armed &&
					 dp->check_timer.due_ns > now ?
				 (unsigned int)((dp->check_timer.due_ns - now +
						 999999999ULL) / 1000000000ULL) :
				 0;
	}
	registry_foreach_map(&dd->reg, mpp, i) {
		struct dmap *dm = mpp->priv;

		mpp->queue_secs_left =
			dm->retry_timer.armed && dm->retry_timer.due_ns > now ?
			(int)((dm->retry_timer.due_ns - now + 999999999ULL) /
			      1000000000ULL) : 0;
	}
}

/* The native NVMe maps and their paths, read afresh for each request
 * (the kernel keeps them: nothing to follow between requests), when the
 * foreign library "nvme" is enabled. */
struct foreign_view {
	struct vec maps;	/* struct nvme_map * */
	struct vec paths;	/* struct nvme_path * */
};

static int foreign_collect(struct daemon *dd, struct foreign_view *fv)
{
	const struct nvme_map *m;
	size_t i, j;
	int r;

	memset(fv, 0, sizeof(*fv));
	if (!nvme_foreign_enabled(config_get_str(dd->conf, KW_ENABLE_FOREIGN)))
		return 0;
	r = nvme_foreign_scan(dd->disc.sysfs_root, &fv->maps);
	vec_foreach(&fv->maps, m, i)
		for (j = 0; r == 0 && j < m->paths.len; j++)
			r = vec_push(&fv->paths, m->paths.items[j]);
	return r;
}

static void foreign_release(struct foreign_view *fv)
{
	vec_free(&fv->paths, NULL);
	vec_free(&fv->maps, nvme_map_free);
}

/* ours, then the foreign objects, in one set of columns; raw (no
 * header): each value as it is, unpadded, as the reference prints it */
static int columns(struct strbuf *out, enum print_kind kind, const char *fmt,
		   const struct vec *objs, const struct vec *fobjs,
		   bool header)
{
	struct layout lo;
	const struct layout *plo = header ? &lo : NULL;
	const void *o;
	size_t i;

	if (header) {
		layout_init(&lo, kind, true);
		layout_use_format(&lo, fmt);
		vec_foreach(objs, o, i)
			if (o)
				layout_add(&lo, o);
		vec_foreach(fobjs, o, i)
			layout_add_with(&lo, nvme_wildcard, o);
		if (print_header(out, kind, fmt, &lo) < 0 ||
		    strbuf_addc(out, '\n') < 0)
			return -ENOMEM;
	}
	vec_foreach(objs, o, i) {
		if (!o)
			continue;
		if (print_format(out, kind, fmt, o, plo) < 0 ||
		    strbuf_addc(out, '\n') < 0)
			return -ENOMEM;
	}
	vec_foreach(fobjs, o, i)
		if (print_format_with(out, kind, fmt, nvme_wildcard, o,
				      plo) < 0 ||
		    strbuf_addc(out, '\n') < 0)
			return -ENOMEM;
	return 0;
}

int show_paths(struct daemon *dd, struct strbuf *out, const char *fmt,
	       bool header)
{
	struct foreign_view fv;
	int r;

	refresh_display(dd);
	r = foreign_collect(dd, &fv);
	if (r == 0 && (registry_npaths(&dd->reg) || fv.paths.len))
		r = columns(out, PRINT_PATH, fmt ? fmt : PATHS_FORMAT,
			    &dd->reg.paths, &fv.paths, header);
	foreign_release(&fv);
	return r;
}

int show_maps(struct daemon *dd, struct strbuf *out, const char *fmt,
	      bool header)
{
	struct foreign_view fv;
	int r;

	refresh_display(dd);
	r = foreign_collect(dd, &fv);
	if (r == 0 && (registry_nmaps(&dd->reg) || fv.maps.len))
		r = columns(out, PRINT_MAP, fmt ? fmt : MAPS_FORMAT,
			    &dd->reg.maps, &fv.maps, header);
	foreign_release(&fv);
	return r;
}

int show_maps_stats(struct daemon *dd, struct strbuf *out)
{
	return show_maps(dd, out, MAPS_STATS_FORMAT, true);
}

int show_topology(struct daemon *dd, struct strbuf *out,
		  const struct multipath *only)
{
	struct multipath *mpp;
	size_t i;

	struct foreign_view fv;
	const struct nvme_map *m;
	int r = 0;

	refresh_display(dd);
	registry_foreach_map(&dd->reg, mpp, i) {
		if (only && mpp != only)
			continue;
		if (print_topology(out, mpp, NULL, 2, NULL) < 0)
			return -ENOMEM;
	}
	if (only)
		return 0;
	r = foreign_collect(dd, &fv);
	vec_foreach(&fv.maps, m, i)
		if (r == 0)
			r = print_nvme_topology(out, m, 2, true);
	foreign_release(&fv);
	return r;
}

/* The paths in each checker state; whether the daemon is busy. */
static bool status_counts(struct daemon *dd, unsigned int count[PATH__MAX])
{
	struct path *pp;
	size_t i;

	memset(count, 0, PATH__MAX * sizeof(*count));
	registry_foreach_path(&dd->reg, pp, i)
		count[pp->state]++;
	return dd->state == DAEMON_RUNNING || dd->state == DAEMON_CONFIGURE;
}

int show_status(struct daemon *dd, struct strbuf *out)
{
	unsigned int count[PATH__MAX];
	bool busy = status_counts(dd, count);
	int s;

	if (strbuf_append(out, "path checker states:\n") < 0)
		return -ENOMEM;
	for (s = 0; s < PATH__MAX; s++)
		if (count[s] && strbuf_printf(out, "%-20s%u\n",
					      checker_state_name(s),
					      count[s]) < 0)
			return -ENOMEM;
	return strbuf_printf(out, "\npaths: %zu\nbusy: %s\n",
			     registry_npaths(&dd->reg),
			     busy ? "True" : "False");
}

int show_daemon(struct daemon *dd, struct strbuf *out)
{
	return strbuf_printf(out, "pid %d %s\n", (int)getpid(),
			     daemon_state_name(dd->state));
}

int show_config(struct daemon *dd, struct strbuf *out)
{
	return config_print(dd->conf, out, NULL);
}

int show_wildcards(struct strbuf *out)
{
	return print_wildcards(out);
}

/* ---- json ----------------------------------------------------------- */

int show_maps_json(struct daemon *dd, struct strbuf *out,
		   const struct multipath *only)
{
	refresh_display(dd);
	return only ? print_map_json(out, only) :
		      print_maps_json(out, &dd->reg.maps);
}

int show_paths_json(struct daemon *dd, struct strbuf *out)
{
	refresh_display(dd);
	return print_paths_json(out, &dd->reg.paths);
}

int show_path_json(struct daemon *dd, struct strbuf *out,
		   const struct path *pp)
{
	refresh_display(dd);
	return print_path_json(out, pp);
}

int show_status_json(struct daemon *dd, struct strbuf *out)
{
	unsigned int count[PATH__MAX];
	bool busy = status_counts(dd, count);

	return print_status_json(out, count, registry_npaths(&dd->reg), busy);
}

int show_daemon_json(struct daemon *dd, struct strbuf *out)
{
	return print_daemon_json(out, (int)getpid(),
				 daemon_state_name(dd->state));
}
