/* The checker registry (built-ins, then plugins), the reference's state
 * names, and a path's checker selection and timeout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkers/checker.h"
#include "checkers/external.h"
#include "config/config.h"
#include "config/propsel.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "util/cleanup.h"
#include "util/log.h"

#define DEFAULT_CHECKER_TIMEOUT_MS 30000

static const struct checker_ops *const builtin[] = {
	&checker_cciss_tur,
	&checker_directio,
	&checker_emc_clariion,
	&checker_hp_sw,
	&checker_none,
	&checker_rdac,
	&checker_readsector0,
	&checker_tur,
};

const struct checker_ops *checker_lookup_in(const char *dir, const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(builtin); i++)
		if (strcmp(builtin[i]->name, name) == 0)
			return builtin[i];
	return checker_plugin_find(dir ? dir : MP_PLUGIN_DIR, name);
}

const struct checker_ops *checker_lookup(const char *name)
{
	return checker_lookup_in(NULL, name);
}

const char *checker_state_name(enum path_state st)
{
	static const char *const names[PATH__MAX] = {
		[PATH_WILD] = "wild",
		[PATH_UNCHECKED] = "unchecked",
		[PATH_DOWN] = "down",
		[PATH_UP] = "up",
		[PATH_SHAKY] = "shaky",
		[PATH_GHOST] = "ghost",
		[PATH_PENDING] = "pending",
		[PATH_TIMEOUT] = "timeout",
		[PATH_REMOVED] = "removed",
		[PATH_DELAYED] = "delayed",
	};

	return (unsigned)st < PATH__MAX ? names[st] : "invalid";
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
	return DEFAULT_CHECKER_TIMEOUT_MS;
}
