/* The dm-multipath table of a map. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "config/values.h"
#include "map/table.h"
#include "model/map.h"
#include "model/path.h"
#include "util/log.h"

/* A map of NVMe namespaces: no SCSI device handler below it. */
static bool on_nvme(const struct multipath *mpp)
{
	const struct path *pp = vec_get(&mpp->paths, 0);

	return pp && pp->bus == BUS_NVME;
}

/* features: the configured words, with queue_if_no_path following
 * no_path_retry (queue or a count: on; fail: off); maps of NVMe
 * namespaces are bio-based unless a queue_mode is configured (the
 * reference's choice: request-based queueing only serves SCSI handlers) */
static int build_features(const struct multipath *mpp, struct dmmp_words *w)
{
	struct dmmp_words conf = { 0, NULL };
	bool queue = false, mode = false;
	unsigned i;
	int r;

	r = dmmp_words_set_counted(&conf, mpp->features ? mpp->features : "0");
	if (r < 0) {
		condlog(0, "%s: invalid features \"%s\"", multipath_name(mpp),
			mpp->features);
		return r;
	}
	for (i = 0; i < conf.n && r == 0; i++) {
		if (strcmp(conf.w[i], "queue_if_no_path") == 0) {
			queue = true;
			continue;
		}
		if (strcmp(conf.w[i], "queue_mode") == 0)
			mode = true;
		r = dmmp_words_add(w, conf.w[i]);
	}
	dmmp_words_free(&conf);
	if (r == 0 && !mode && on_nvme(mpp) &&
	    (r = dmmp_words_add(w, "queue_mode")) == 0)
		r = dmmp_words_add(w, "bio");
	if (mpp->no_path_retry == NO_PATH_RETRY_QUEUE || mpp->no_path_retry > 0)
		queue = true;
	else if (mpp->no_path_retry == NO_PATH_RETRY_FAIL)
		queue = false;
	if (r == 0 && queue)
		r = dmmp_words_add(w, "queue_if_no_path");
	return r;
}

/* "service-time 0" -> selector name and its counted args */
static int build_group(const struct multipath *mpp, const struct pathgroup *pg,
		       struct dmmp_table *t)
{
	char name[128];
	const char *args;
	struct dmmp_group *g;
	const struct path *pp;
	size_t i;
	int n, r;

	if (sscanf(mpp->selector, "%127s%n", name, &n) != 1) {
		condlog(0, "%s: invalid path_selector \"%s\"",
			multipath_name(mpp), mpp->selector);
		return -EINVAL;
	}
	args = mpp->selector + n;
	args += strspn(args, " \t");
	r = dmmp_table_add_group(t, name, &g);
	if (r == 0)
		r = dmmp_words_set_counted(&g->selector_args, *args ? args : "0");
	if (r < 0) {
		condlog(0, "%s: invalid path_selector \"%s\"",
			multipath_name(mpp), mpp->selector);
		return r;
	}
	vec_foreach(&pg->paths, pp, i) {
		struct dmmp_path *dp;
		char repeat[24];
		int minio = mpp->minio > 0 ? mpp->minio : 1;

		if (!pp->dev_t[0])
			continue;
		if (mpp->rr_weight == RR_WEIGHT_PRIORITIES && pp->priority > 0)
			minio *= pp->priority;
		r = dmmp_group_add_path(g, major(pp->devt), minor(pp->devt), &dp);
		if (r == 0) {
			snprintf(repeat, sizeof(repeat), "%d", minio);
			r = dmmp_words_add(&dp->args, repeat);
		}
		if (r < 0)
			return r;
	}
	return 0;
}

int build_map_table(const struct multipath *mpp, struct dmmp_table *t)
{
	const struct pathgroup *pg;
	size_t i;
	int r;

	memset(t, 0, sizeof(*t));
	r = build_features(mpp, &t->features);
	if (r == 0 && mpp->hwhandler &&
	    dmmp_words_set_counted(&t->hwhandler, mpp->hwhandler) < 0) {
		condlog(0, "%s: invalid hardware_handler \"%s\"",
			multipath_name(mpp), mpp->hwhandler);
		r = -EINVAL;
	}
	vec_foreach(&mpp->pgs, pg, i) {
		if (r < 0)
			break;
		if (pg->paths.len)
			r = build_group(mpp, pg, t);
	}
	if (r < 0)
		dmmp_table_free(t);
	return r;
}

int map_table_params(const struct multipath *mpp, struct strbuf *sb)
{
	struct dmmp_table t;
	int r = build_map_table(mpp, &t);

	if (r < 0)
		return r;
	r = dmmp_format_table(&t, sb);
	dmmp_table_free(&t);
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		strbuf_truncate(sb, sb->len - 1);
	return r;
}

static bool words_equal(const struct dmmp_words *a, const struct dmmp_words *b)
{
	unsigned i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->w[i], b->w[i]))
			return false;
	return true;
}

bool map_table_matches(const struct dmmp_table *want, const char *kernel_params)
{
	struct dmmp_table have = DMMP_TABLE_INIT, norm = DMMP_TABLE_INIT;
	struct strbuf sb = STRBUF_INIT;
	bool same = false;
	unsigned g, p;

	/* normalize a copy of ours the way the kernel prints it back */
	if (dmmp_format_table(want, &sb) < 0 ||
	    dmmp_parse_table(strbuf_str(&sb), &norm) < 0 ||
	    dmmp_table_normalize(&norm) < 0 ||
	    dmmp_parse_table(kernel_params, &have) < 0)
		goto out;
	if (!words_equal(&norm.features, &have.features))
		goto out;
	/* "1 alua": the kernel may report a handler that was attached */
	if ((norm.hwhandler.n == 0) != (have.hwhandler.n == 0) ||
	    (norm.hwhandler.n && have.hwhandler.n &&
	     strcmp(norm.hwhandler.w[0], have.hwhandler.w[0])))
		goto out;
	if (norm.nr_groups != have.nr_groups)
		goto out;
	for (g = 0; g < norm.nr_groups; g++) {
		const struct dmmp_group *a = &norm.groups[g], *b = &have.groups[g];

		if (strcmp(a->selector, b->selector) ||
		    !words_equal(&a->selector_args, &b->selector_args) ||
		    a->nr_paths != b->nr_paths)
			goto out;
		for (p = 0; p < a->nr_paths; p++)
			if (a->paths[p].major != b->paths[p].major ||
			    a->paths[p].minor != b->paths[p].minor)
				goto out;
	}
	same = true;
out:
	strbuf_free(&sb);
	dmmp_table_free(&norm);
	dmmp_table_free(&have);
	return same;
}
