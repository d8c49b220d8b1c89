/* Moving dm devices stacked on a path onto the path's multipath map. */
#include <errno.h>
#include <libdevmapper.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/sysfs.h"
#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "dm/reassign.h"
#include "util/log.h"
#include "util/strbuf.h"

#define REASSIGN_MAX_TARGETS 4096

int dm_params_replace_devt(const char *params, const char *old_devt,
			   const char *new_devt, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t ol = strlen(old_devt);
	const char *p = params;
	int n = 0;

	*out = NULL;
	while (*p) {
		size_t wl = strcspn(p, " \t");

		if (wl == ol && memcmp(p, old_devt, ol) == 0) {
			if (strbuf_append(&sb, new_devt) < 0)
				goto oom;
			n++;
		} else if (strbuf_appendn(&sb, p, wl) < 0) {
			goto oom;
		}
		p += wl;
		wl = strspn(p, " \t");
		if (strbuf_appendn(&sb, p, wl) < 0)
			goto oom;
		p += wl;
	}
	if (n)
		*out = strbuf_steal(&sb);
	strbuf_free(&sb);
	return n;
oom:
	strbuf_free(&sb);
	return -ENOMEM;
}

struct targets {
	struct dm_target_spec t[REASSIGN_MAX_TARGETS];
	char *params[REASSIGN_MAX_TARGETS];
	char *type[REASSIGN_MAX_TARGETS];
	unsigned n;
	bool read_only;
};

static void targets_free(struct targets *ts)
{
	unsigned i;

	for (i = 0; i < ts->n; i++) {
		free(ts->params[i]);
		free(ts->type[i]);
	}
	free(ts);
}

/* name's live table with old replaced by new in every target; the count
 * of replaced words, or -errno. */
static int rewrite_table(const char *name, const char *old, const char *new,
			 struct targets *ts)
{
	struct dm_task *t = dm_task_create(DM_DEVICE_TABLE);
	uint64_t start, length;
	char *type, *params;
	struct dm_info info;
	void *next = NULL;
	int r = 0, n = 0;

	if (!t)
		return -ENOMEM;
	if (!dm_task_set_name(t, name) || !dm_task_run(t) ||
	    !dm_task_get_info(t, &info) || !info.exists) {
		dm_task_destroy(t);
		return -ENXIO;
	}
	ts->read_only = info.read_only;
	do {
		char *np = NULL;

		next = dm_get_next_target(t, next, &start, &length, &type,
					  &params);
		if (!type)
			break;
		if (ts->n == REASSIGN_MAX_TARGETS) {
			r = -E2BIG;
			break;
		}
		r = dm_params_replace_devt(params ? params : "", old, new, &np);
		if (r < 0)
			break;
		n += r;
		ts->params[ts->n] = np ? np : strdup(params ? params : "");
		ts->type[ts->n] = strdup(type);
		if (!ts->params[ts->n] || !ts->type[ts->n]) {
			free(ts->params[ts->n]);
			free(ts->type[ts->n]);
			r = -ENOMEM;
			break;
		}
		ts->t[ts->n] = (struct dm_target_spec){ start, length,
							ts->type[ts->n],
							ts->params[ts->n] };
		ts->n++;
		r = 0;
	} while (next);
	dm_task_destroy(t);
	return r < 0 ? r : n;
}

struct reassign_run {
	const char *sysfs_root, *path_dev, *path_devt, *map_dev, *map_devt;
	struct dm_cookie *cookie;
	int count, err;
};

static int reassign_one(const char *holder, void *arg)
{
	struct reassign_run *run = arg;
	struct targets *ts;
	char name[256];
	int r;

	if (strncmp(holder, "dm-", 3) || strcmp(holder, run->map_dev) == 0)
		return 0;
	if (sysfs_read(run->sysfs_root, name, sizeof(name),
		       "class/block/%s/dm/name", holder) < 0)
		return 0;
	ts = calloc(1, sizeof(*ts));
	if (!ts)
		return -ENOMEM;
	r = rewrite_table(name, run->path_devt, run->map_devt, ts);
	if (r > 0) {
		condlog(0, "%s: reassign table %s old %s new %s", run->path_dev,
			name, run->path_devt, run->map_devt);
		r = dm_reload(name, ts->t, ts->n, ts->read_only, 0, run->cookie);
		if (r == 0)
			run->count++;
	}
	if (r < 0) {
		log_errno(1, r, "%s: cannot reassign %s", run->path_dev, name);
		if (!run->err)
			run->err = r;
	}
	targets_free(ts);
	return 0;
}

int dm_reassign_holders(const char *sysfs_root, const char *path_dev,
			const char *path_devt, const char *map_dev,
			const char *map_devt, struct dm_cookie *cookie)
{
	struct reassign_run run = { sysfs_root, path_dev, path_devt, map_dev,
				    map_devt, cookie, 0, 0 };
	int r;

	dm_setup();
	r = sysfs_foreach_holder(sysfs_root, path_dev, reassign_one, &run);
	if (r < 0)
		return r;
	return run.err ? run.err : run.count;
}
