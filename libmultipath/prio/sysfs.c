/* The sysfs prioritizer: the ALUA access state the kernel's device handler
 * keeps in sysfs (access_state, preferred_path), without any I/O. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/sysfs.h"
#include "model/path.h"
#include "prio/prio.h"
#include "util/cleanup.h"

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

	for (i = 0; i < ARRAY_SIZE(states); i++)
		if (strncmp(state, states[i].name, strlen(states[i].name)) == 0)
			return states[i].prio;
	return 0;	/* unavailable, offline, transitioning */
}

/* preferred_path holds a number; anything but a non-zero one (or one
 * that does not parse) is "no". */
static bool preferred(const struct prio_ctx *ctx)
{
	char buf[32], *end;
	unsigned long v;

	if (sysfs_read(ctx->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/preferred_path",
		       ctx->dev) <= 0)
		return false;
	v = strtoul(buf, &end, 0);
	return end != buf && v != 0 && v != ULONG_MAX;
}

static int sysfs_getprio(const struct prio_ctx *ctx)
{
	char buf[64];
	int prio;

	if (sysfs_read(ctx->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/access_state",
		       ctx->dev) < 0)
		return -ENXIO;
	prio = alua_state_prio(buf);
	if (preferred(ctx) &&
	    (prio != 50 || prio_args_exclusive_pref(ctx->args)))
		prio += 80;
	return prio;
}

const struct prio_ops prio_sysfs = {
	.name = "sysfs",
	.getprio = sysfs_getprio,
	.no_io = true,
};
