/* Native NVMe multipath namespaces and their paths, from sysfs. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/sysfs.h"
#include "foreign/nvme.h"
#include "util/cleanup.h"
#include "util/regex.h"

int nvme_ana_prio(const char *ana_state)
{
	if (!strcmp(ana_state, "optimized"))
		return 50;
	if (!strcmp(ana_state, "non-optimized"))
		return 10;
	return 0;
}

bool nvme_foreign_enabled(const char *enable_foreign)
{
	struct mp_regex *re;
	bool on;
	int err;

	if (!enable_foreign)
		return false;
	re = mp_regex_new(enable_foreign, false, &err);
	if (!re)
		return false;
	on = mp_regex_match(re, "nvme");
	mp_regex_free(re);
	return on;
}

void nvme_map_free(void *p)
{
	struct nvme_map *m = p;

	if (!m)
		return;
	vec_free(&m->paths, free);
	free(m);
}

/* "nvme<a>n<b>" exactly (a namespace head, or a namespace with
 * multipath=N); "nvme<a>" exactly (a controller). */
static bool parse_head(const char *name, unsigned *sub, unsigned *ns)
{
	int end = 0;

	return sscanf(name, "nvme%un%u%n", sub, ns, &end) == 2 &&
	       name[end] == '\0';
}

static bool parse_ctrl(const char *name, unsigned *ctrl)
{
	int end = 0;

	return sscanf(name, "nvme%u%n", ctrl, &end) == 1 && name[end] == '\0';
}

static int cmp_path(const void *a, const void *b)
{
	const struct nvme_path *x = *(struct nvme_path *const *)a;
	const struct nvme_path *y = *(struct nvme_path *const *)b;
	unsigned xs, xc, xn, ys, yc, yn;

	if (sscanf(x->dev, "nvme%uc%un%u", &xs, &xc, &xn) == 3 &&
	    sscanf(y->dev, "nvme%uc%un%u", &ys, &yc, &yn) == 3)
		return xc < yc ? -1 : xc > yc;
	return strcmp(x->dev, y->dev);
}

static int cmp_map(const void *a, const void *b)
{
	const struct nvme_map *x = *(struct nvme_map *const *)a;
	const struct nvme_map *y = *(struct nvme_map *const *)b;
	unsigned xs, xn, ys, yn;

	if (parse_head(x->dev, &xs, &xn) && parse_head(y->dev, &ys, &yn))
		return xs != ys ? (xs < ys ? -1 : 1) :
				  (xn < yn ? -1 : xn > yn);
	return strcmp(x->dev, y->dev);
}

/* Read an attribute under the subsystem's directory, "" when missing. */
#define READ_ATTR(buf, ...) \
	do { \
		if (sysfs_read(root, buf, sizeof(buf), __VA_ARGS__) < 0) \
			(buf)[0] = '\0'; \
	} while (0)

/* The path of the namespace head m (nvme<sub>n<ns>) through controller
 * nvme<ctrl> of subsystem dir sub: nvme<sub>c<ctrl>n<ns>. */
static int add_path(const char *root, const char *sub, struct nvme_map *m,
		    unsigned s, unsigned ctrl, unsigned ns)
{
	char ctl[40], nsid[32];
	struct nvme_path *p;

	snprintf(ctl, sizeof(ctl), "nvme%u", ctrl);
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	snprintf(p->dev, sizeof(p->dev), "nvme%uc%un%u", s, ctrl, ns);
	READ_ATTR(p->ana_state, "%s/%s/%s/ana_state", sub, ctl, p->dev);
	/* a controller without this namespace (yet): not a path */
	if (sysfs_read(root, nsid, sizeof(nsid), "%s/%s/%s/nsid", sub, ctl,
		       p->dev) < 0) {
		free(p);
		return 0;
	}
	snprintf(p->hcil, sizeof(p->hcil), "%u:%u:%u", s, ctrl, ns);
	READ_ATTR(p->ctrl_state, "%s/%s/state", sub, ctl);
	READ_ATTR(p->transport, "%s/%s/transport", sub, ctl);
	READ_ATTR(p->address, "%s/%s/address", sub, ctl);
	/* the serial as the controller pads it (the reference shows so) */
	if (sysfs_read_padded(root, p->serial, sizeof(p->serial),
			      "%s/%s/serial", sub, ctl) < 0)
		p->serial[0] = '\0';
	p->map = m;
	if (vec_push(&m->paths, p) < 0) {
		free(p);
		return -ENOMEM;
	}
	return 0;
}

static int scan_head(const char *root, const char *sub, const char *head,
		     struct vec *ctrls, struct vec *maps)
{
	char nqn[256], nsid[32], ro[8];
	struct nvme_map *m;
	unsigned s, ns;
	size_t i;
	int r;

	if (!parse_head(head, &s, &ns))
		return 0;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	snprintf(m->dev, sizeof(m->dev), "%s", head);
	READ_ATTR(nqn, "%s/subsysnqn", sub);
	READ_ATTR(nsid, "%s/%s/nsid", sub, head);
	snprintf(m->name, sizeof(m->name), "%s:nsid.%s", nqn, nsid);
	READ_ATTR(m->wwid, "%s/%s/wwid", sub, head);
	READ_ATTR(m->size, "%s/%s/size", sub, head);
	READ_ATTR(m->model, "%s/model", sub);
	READ_ATTR(m->rev, "%s/firmware_rev", sub);
	READ_ATTR(ro, "%s/%s/ro", sub, head);
	m->ro = ro[0] == '1';
	for (i = 0; i < ctrls->len; i++) {
		r = add_path(root, sub, m, s,
			     (unsigned)(uintptr_t)ctrls->items[i], ns);
		if (r < 0) {
			nvme_map_free(m);
			return r;
		}
	}
	vec_sort(&m->paths, cmp_path);
	if (vec_push(maps, m) < 0) {
		nvme_map_free(m);
		return -ENOMEM;
	}
	return 0;
}

static int scan_subsystem(const char *root, const char *name,
			  struct vec *maps)
{
	_cleanup_closedir_ DIR *d = NULL;
	char sub[PATH_MAX], dir[PATH_MAX];
	struct vec ctrls = VEC_INIT, heads = VEC_INIT;
	struct dirent *e;
	unsigned a, b;
	size_t i;
	int r = 0;

	snprintf(sub, sizeof(sub), "class/nvme-subsystem/%s", name);
	if (sysfs_path(root, dir, sizeof(dir), "%s", sub) < 0)
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while ((e = readdir(d)) && r == 0) {
		if (parse_ctrl(e->d_name, &a))
			r = vec_push(&ctrls, (void *)(uintptr_t)a);
		else if (parse_head(e->d_name, &a, &b)) {
			char *h = strdup(e->d_name);

			r = h ? vec_push(&heads, h) : -ENOMEM;
			if (r < 0)
				free(h);
		}
	}
	for (i = 0; i < heads.len && r == 0; i++)
		r = scan_head(root, sub, heads.items[i], &ctrls, maps);
	vec_free(&heads, free);
	vec_free(&ctrls, NULL);
	return r;
}

int nvme_foreign_scan(const char *root, struct vec *maps)
{
	_cleanup_closedir_ DIR *d = NULL;
	char dir[PATH_MAX];
	struct dirent *e;
	int r = 0;

	if (sysfs_path(root, dir, sizeof(dir), "class/nvme-subsystem") < 0)
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while ((e = readdir(d)) && r == 0)
		if (!strncmp(e->d_name, "nvme-subsys", 11))
			r = scan_subsystem(root, e->d_name, maps);
	if (r < 0)
		return r;
	vec_sort(maps, cmp_map);
	return 0;
}

bool nvme_map_matches(const struct nvme_map *m, const char *arg)
{
	if (!strncmp(arg, "/dev/", 5))
		arg += 5;
	return !strcmp(arg, m->dev) || !strcmp(arg, m->wwid) ||
	       !strcmp(arg, m->name);
}
