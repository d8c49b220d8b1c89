/* multipath -c DEV / -u DEV: should this device be a multipath path?
 * Prints the udev variables DM_MULTIPATH_DEVICE_PATH (and, for
 * find_multipaths smart, FIND_MULTIPATHS_WAIT_UNTIL) like the reference. */
#include <errno.h>
#include <fcntl.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "device_arg.h"
#include "discovery/enumerate.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "map/find_multipaths.h"
#include "map/holders.h"
#include "map/valid.h"
#include "model/path.h"
#include "actions.h"
#include "util/log.h"

struct sibling_count {
	const char *self;
	unsigned n;
};

static int count_disk(const char *name, void *arg)
{
	struct sibling_count *c = arg;

	if (strcmp(name, c->self) != 0)
		c->n++;
	return 0;
}

/*
 * Other disks with the same WWID that udev knows. The disk itself is left
 * out by name: during its first add event udev has not initialized it
 * yet, on later events it has.
 */
static unsigned count_siblings(const struct discovery *d, const char *attr,
			       const struct path *pp)
{
	struct sibling_count c = { .self = pp->dev };

	if (d->udev && *attr)
		udev_foreach_disk(d->udev, attr, pp->wwid, count_disk, &c);
	return c.n;
}

/* A path the caller released to systemd before stays released. */
static bool released_to_systemd(void)
{
	const char *v = getenv("DM_MULTIPATH_DEVICE_PATH");

	return v && strcmp(v, "0") == 0;
}

static enum path_validity decide_maybe(const struct discovery *d,
				       const struct path *pp)
{
	char node[DEV_NAME_SIZE + 8];
	int fd;

	/* in use (mounted in the initramfs ...): not ours to take */
	snprintf(node, sizeof(node), "/dev/%s", pp->dev);
	fd = open(node, O_RDONLY | O_EXCL | O_CLOEXEC);
	if (fd < 0) {
		condlog(3, "%s: path %s is in use: %m", __func__, pp->dev);
		return path_is_multipathed(d->sysfs_root, pp->dev, NULL, 0) ?
			PATH_IS_VALID : PATH_IS_NOT_VALID;
	}
	close(fd);
	if (count_siblings(d, path_uid_attribute(d, pp), pp) > 0)
		return PATH_IS_VALID;
	return PATH_IS_MAYBE_VALID;
}

static void print_valid(const struct discovery *d, enum path_validity *v,
			const struct path *pp)
{
	enum fm_wait wait = FM_WAIT_NEVER;
	struct timespec until;

	if (*v == PATH_IS_MAYBE_VALID) {
		wait = find_multipaths_wait(FIND_MULTIPATHS_DIR, pp,
					    find_multipaths_timeout(d, pp),
					    &until);
		if (wait != FM_WAITING)
			*v = PATH_IS_NOT_VALID;
	} else if (pp->dev_t[0]) {
		wait = find_multipaths_wait(FIND_MULTIPATHS_DIR, pp, 0, &until);
	}
	if (wait == FM_WAITING)
		printf("FIND_MULTIPATHS_WAIT_UNTIL=\"%ld.%06ld\"\n",
		       (long)until.tv_sec, until.tv_nsec / 1000);
	else if (wait == FM_WAIT_DONE)
		printf("FIND_MULTIPATHS_WAIT_UNTIL=\"0\"\n");
	printf("DM_MULTIPATH_DEVICE_PATH=\"%d\"\n",
	       *v == PATH_IS_MAYBE_VALID ? 2 : *v == PATH_IS_VALID ? 1 : 0);
}

int cmd_valid_path(struct mp_context *ctx)
{
	bool uevent = ctx->opts->cmd == CMD_UDEV_VALID;
	struct discovery d = *ctx->disc;
	char name[DEV_NAME_SIZE];
	enum path_validity v;
	struct path *pp;
	int status;

	if (!ctx->opts->device) {
		condlog(0, "the -%c option requires a path to check",
			uevent ? 'u' : 'c');
		return MP_EXIT_FAIL;
	}
	if (parse_devt(ctx->opts->device, &(unsigned){ 0 },
		       &(unsigned){ 0 }) == 0) {
		condlog(3, "%s: not a path name", ctx->opts->device);
		return MP_EXIT_FAIL;
	}
	if (resolve_dev_arg(&d, ctx->opts->device, uevent, name,
			    sizeof(name)) < 0 ||
	    strncmp(name, "dm-", 3) == 0) {
		condlog(0, "the -%c option requires a path to check",
			uevent ? 'u' : 'c');
		return MP_EXIT_FAIL;
	}
	d.uid_from_env = uevent;
	pp = path_new();
	if (!pp)
		return MP_EXIT_FAIL;
	v = path_validity(&d, name, pp, uevent);
	if (v == PATH_IS_ERROR) {
		path_free(pp);
		return MP_EXIT_FAIL;
	}
	if ((v == PATH_IS_VALID || v == PATH_IS_MAYBE_VALID) &&
	    released_to_systemd())
		v = PATH_IS_NOT_VALID;
	if (v == PATH_IS_VALID_NO_CHECK)
		v = PATH_IS_VALID;
	if (v == PATH_IS_MAYBE_VALID)
		v = decide_maybe(&d, pp);
	print_valid(&d, &v, pp);
	fflush(stdout);
	/* udev only imports the output of a program that exits with 0 */
	status = !uevent && v == PATH_IS_NOT_VALID ? MP_EXIT_FAIL : MP_EXIT_OK;
	path_free(pp);
	return status;
}
