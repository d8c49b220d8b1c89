/* Construction, destruction and naming of paths, path groups and maps. */
#include <inttypes.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/map.h"
#include "model/path.h"

struct path *path_new(void)
{
	struct path *pp = calloc(1, sizeof(*pp));

	if (!pp)
		return NULL;
	pp->priority = -1;
	pp->tpgs = -1;
	pp->tpg = -1;
	pp->state = PATH_WILD;
	pp->protocol = PROTOCOL_UNDEF;
	return pp;
}

void path_free(struct path *pp)
{
	if (!pp)
		return;
	if (pp->udev)
		udev_device_unref(pp->udev);
	free(pp);
}

const char *path_state_name(enum path_state s)
{
	static const char *const names[PATH__MAX] = {
		[PATH_WILD] = "undef",
		[PATH_UNCHECKED] = "undef",
		[PATH_DOWN] = "faulty",
		[PATH_UP] = "ready",
		[PATH_SHAKY] = "shaky",
		[PATH_GHOST] = "ghost",
		[PATH_PENDING] = "i/o pending",
		[PATH_TIMEOUT] = "i/o timeout",
		[PATH_REMOVED] = "removed",
		[PATH_DELAYED] = "delayed",
	};

	return (unsigned)s < PATH__MAX ? names[s] : "undef";
}

const char *dm_path_state_name(enum dm_path_state s)
{
	switch (s) {
	case DMP_ACTIVE:
		return "active";
	case DMP_FAILED:
		return "failed";
	case DMP_UNDEF:
		break;
	}
	return "undef";
}

int format_hcil(const struct path *pp, char *buf, size_t len)
{
	if (!pp->has_hcil)
		return snprintf(buf, len, "#:#:#:#");
	return snprintf(buf, len, "%d:%d:%d:%" PRIu64, pp->hcil.host,
			pp->hcil.channel, pp->hcil.target, pp->hcil.lun);
}

struct multipath *multipath_new(void)
{
	struct multipath *mpp = calloc(1, sizeof(*mpp));

	if (!mpp)
		return NULL;
	mpp->minor = -1;
	mpp->queue_if_no_path = -1;
	mpp->owns_paths = true;
	return mpp;
}

static void free_pg(void *p)
{
	pathgroup_free(p);
}

static void free_path(void *p)
{
	path_free(p);
}

void multipath_free(struct multipath *mpp)
{
	if (!mpp)
		return;
	vec_free(&mpp->pgs, free_pg);
	vec_free(&mpp->paths, mpp->owns_paths ? free_path : NULL);
	free(mpp->alias);
	free(mpp->selector);
	free(mpp->features);
	free(mpp->hwhandler);
	free(mpp);
}

struct pathgroup *pathgroup_new(void)
{
	return calloc(1, sizeof(struct pathgroup));
}

void pathgroup_free(struct pathgroup *pg)
{
	if (!pg)
		return;
	vec_free(&pg->paths, NULL);
	free(pg->selector);
	free(pg);
}

const char *multipath_name(const struct multipath *mpp)
{
	return mpp->alias ? mpp->alias : mpp->wwid;
}

void pathgroup_update_priority(struct pathgroup *pg)
{
	struct path *pp;
	long sum = 0;
	int n = 0;
	size_t i;

	vec_foreach(&pg->paths, pp, i) {
		if (pp->state != PATH_UP && pp->state != PATH_GHOST)
			continue;
		if (pp->priority > 0)
			sum += pp->priority;
		n++;
	}
	pg->priority = n ? (int)(sum / n) : 0;
}

const char *pg_state_name(enum pg_state s)
{
	switch (s) {
	case PGS_ENABLED:
		return "enabled";
	case PGS_DISABLED:
		return "disabled";
	case PGS_ACTIVE:
		return "active";
	case PGS_UNDEF:
		break;
	}
	return "undef";
}
