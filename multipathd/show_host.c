/* What "show config local", "show blacklist" and "show devices" print:
 * the configuration as it applies to this host's paths and maps, the
 * blacklist rules, and every block device with the blacklist's verdict. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/blacklist.h"
#include "config/config.h"
#include "config/dump.h"
#include "daemon.h"
#include "discovery/enumerate.h"
#include "show.h"
#include "util/cleanup.h"

int show_config_local(struct daemon *dd, struct strbuf *out)
{
	_cleanup_free_ struct local_map *lm =
		calloc(registry_nmaps(&dd->reg) + 1, sizeof(*lm));
	struct multipath *mpp;
	size_t i, n = 0;

	if (!lm)
		return -ENOMEM;
	registry_foreach_map(&dd->reg, mpp, i)
		lm[n++] = (struct local_map){ .wwid = mpp->wwid,
					      .alias = mpp->alias };
	return config_print_local(dd->conf, out, &dd->reg.paths, lm, n);
}

int show_blacklist(struct daemon *dd, struct strbuf *out)
{
	return blacklist_print(dd->conf, out);
}

/* The verdict on one block device, in the reference's words. */
static const char *device_verdict(struct daemon *dd, const char *name)
{
	int r;

	if (registry_path(&dd->reg, name))
		return "  devnode whitelisted, monitored";
	r = filter_devnode(dd->conf, name);
	if (r > 0)
		return " devnode blacklisted, unmonitored";
	if (r < 0)
		return " devnode whitelisted, unmonitored";
	return "";
}

struct devices_run {
	struct daemon *dd;
	struct strbuf *out;
};

static int device_line(const char *name, void *arg)
{
	struct devices_run *run = arg;

	return strbuf_printf(run->out, "    %s%s\n", name,
			     device_verdict(run->dd, name)) < 0 ? -ENOMEM : 0;
}

int show_devices(struct daemon *dd, struct strbuf *out)
{
	struct devices_run run = { dd, out };

	if (strbuf_append(out, "available block devices:\n") < 0)
		return -ENOMEM;
	/* in udev's order (dm devices last), like the reference */
	return udev_foreach_disk(dd->udev, NULL, NULL, device_line, &run);
}
