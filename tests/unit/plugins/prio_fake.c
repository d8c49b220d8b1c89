/* A prioritizer plugin for test_prio_plugin and the VM test t_prio, built
 * three ways: "fake" (good; "myprio" for the VM), "badabi" (another ABI
 * version), "nosym" (no descriptor). Its priority is the SCSI host number
 * of the path (from sysfs) plus "base=N" of prio_args; "fail" in the args
 * makes it fail. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "prio/prio_plugin.h"

#ifndef FAKE_NAME
#define FAKE_NAME "fake"
#endif

/* the thread of the last call, read by the unit test */
long fake_tid;

/* H of the path's H:C:T:L, from the name of its SCSI device in sysfs */
static int scsi_host(const struct mp_prio_args *a)
{
	char link[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(link, sizeof(link), "%s/class/block/%s/device", a->sysfs_root,
		 a->dev);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	return atoi(base ? base + 1 : target);
}

static int fake_getprio(const struct mp_prio_args *a)
{
	const char *b = strstr(a->args, "base=");
	int host, fd;

	fake_tid = syscall(SYS_gettid);
	if (a->size < sizeof(*a))
		return -EPROTO;
	if (strstr(a->args, "fail"))
		return -EIO;
	host = scsi_host(a);
	if (host < 0)
		return host;
	fd = a->open_dev(a, O_RDONLY | O_NONBLOCK);
	a->log(a, 3, "fake prio: node %s devt %u:%u timeout %u open %s", a->devnode,
	       major(a->devt), minor(a->devt), a->timeout_ms,
	       fd >= 0 ? "ok" : strerror(-fd));
	if (fd >= 0)
		close(fd);
	return host + (b ? atoi(b + 5) : 0);
}

/* "nosym" exports the descriptor under another name */
#ifdef NO_SYMBOL
#define DESCRIPTOR fake_descriptor
#else
#define DESCRIPTOR mp_prio_plugin
#endif

const struct mp_prio_plugin DESCRIPTOR = {
#ifdef BAD_ABI
	.abi_version = MP_PRIO_ABI_VERSION + 1,
#else
	.abi_version = MP_PRIO_ABI_VERSION,
#endif
	.size = sizeof(struct mp_prio_plugin),
	.name = FAKE_NAME,
	.getprio = fake_getprio,
};
