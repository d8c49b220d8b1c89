/* The sysfs prioritizer: the ALUA access state the kernel's device handler
 * keeps in sysfs (access_state, preferred_path), without any I/O. */
#include <errno.h>
#include <string.h>

#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "model/path.h"
#include "prio/prio.h"

int alua_state_prio(const char *state)
{
	static const struct {
		const char *name;
		int prio;
	} states[] = {
		{ "active/optimized", 50 },
		{ "active/non-optimized", 10 },
		{ "lba-dependent", 5 },
		{ "standby", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(state, states[i].name) == 0)
			return states[i].prio;
	return 0;	/* unavailable, offline, transitioning */
}

static int sysfs_getprio(const struct prio_ctx *ctx)
{
	const struct path *pp = ctx->pp;
	char buf[64];
	int prio;

	if (sysfs_read(ctx->d->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/access_state", pp->dev) < 0)
		return -ENXIO;
	prio = alua_state_prio(buf);
	if (sysfs_read(ctx->d->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/preferred_path", pp->dev) >= 0 &&
	    strcmp(buf, "1") == 0)
		prio += 80;
	return prio;
}

const struct prio_ops prio_sysfs = {
	.name = "sysfs",
	.getprio = sysfs_getprio,
};
