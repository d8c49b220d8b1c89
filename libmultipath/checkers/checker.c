/* Checker registry, selection and the synchronous check of one path. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "config/config.h"
#include "config/propsel.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "util/log.h"

static const struct checker_ops *const registry[] = {
	&checker_tur,
	&checker_directio,
	&checker_readsector0,
	&checker_none,
};

const struct checker_ops *checker_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(registry); i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

const char *checker_select(const struct discovery *d, const struct path *pp)
{
	struct prop_scope s = {
		.conf = d->conf, .hwes = pp->hwe, .n_hwes = pp->n_hwe,
	};
	enum prop_origin o;
	const char *name;
	bool detect;

	detect = prop_int(&s, KW_DETECT_CHECKER, 1, &o);
	condlog(3, "%s: detect_checker = %s %s", pp->dev, detect ? "yes" : "no",
		origin_name(o));
	/* ALUA devices answer TEST UNIT READY on standby ports too */
	if (detect && pp->bus == BUS_SCSI && pp->tpgs > 0) {
		name = "tur";
		o = ORIGIN_AUTODETECT;
	} else {
		name = prop_str(&s, KW_PATH_CHECKER, &o);
	}
	condlog(3, "%s: path_checker = %s %s", pp->dev, name, origin_name(o));
	return name;
}

unsigned checker_timeout_ms(const struct discovery *d, const struct path *pp)
{
	long long t = config_get_int(d->conf, KW_CHECKER_TIMEOUT);
	char buf[32];

	if (t > 0) {
		condlog(3, "%s: checker timeout = %lld s %s", pp->dev, t,
			origin_name(ORIGIN_DEFAULTS));
		return (unsigned)t * 1000;
	}
	if (pp->bus == BUS_SCSI &&
	    sysfs_read(d->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/timeout", pp->dev) > 0 &&
	    (t = strtol(buf, NULL, 10)) > 0) {
		condlog(3, "%s: checker timeout = %lld s %s", pp->dev, t,
			origin_name(ORIGIN_SYSFS));
		return (unsigned)t * 1000;
	}
	return 30000;
}

void path_check_sync(const struct discovery *d, struct path *pp)
{
	const char *name = checker_select(d, pp);
	const struct checker_ops *ops = checker_lookup(name);
	struct checker c = { .ops = ops, .dev = pp->dev, .fd = -1 };
	char node[DEV_NAME_SIZE + 8];
	enum path_state st;

	if (!ops) {
		condlog(1, "%s: checker %s is unknown", pp->dev, name);
		pp->state = PATH_UNCHECKED;
		return;
	}
	snprintf(pp->checker_name, sizeof(pp->checker_name), "%s", ops->name);
	c.timeout_ms = checker_timeout_ms(d, pp);
	snprintf(node, sizeof(node), "/dev/%s", pp->dev);
	if (ops->open_flags >= 0) {
		c.fd = open(node, ops->open_flags | O_CLOEXEC);
		if (c.fd < 0) {
			condlog(3, "%s: cannot open %s: %m", pp->dev, node);
			pp->state = PATH_DOWN;
			snprintf(pp->checker_msg, sizeof(pp->checker_msg),
				 "cannot open device");
			return;
		}
	}
	st = ops->check(&c);
	if (c.fd >= 0)
		close(c.fd);
	pp->state = st;
	snprintf(pp->checker_msg, sizeof(pp->checker_msg), "%s", c.message);
	condlog(3, "%s: %s state = %s", pp->dev, ops->name,
		st == PATH_UP ? "up" : st == PATH_DOWN ? "down" :
		path_state_name(st));
}

void paths_check(const struct discovery *d, struct path *const *paths,
		 size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		path_check_sync(d, paths[i]);
}
