/* The iet prioritizer: iSCSI paths to the portal named in prio_args
 * ("preferredip=A.B.C.D") get priority 20, the others 10. The portal is
 * the session's persistent address, the one udev puts in by-path names. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "discovery/sysfs.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/log.h"

#define IET_PREFERRED 20
#define IET_OTHER 10

int iet_parse_args(const char *args, char ip[IET_IP_SIZE])
{
	ip[0] = '\0';
	if (sscanf(args, "preferredip=%254s", ip) != 1 || strlen(ip) <= 7)
		return -EINVAL;
	return 0;
}

/* Length of a run of 1-3 digits at s (the last one of a longer run is
 * cut at 3), 0 if s does not start with a digit. */
static size_t digits(const char *s, bool last)
{
	size_t n = strspn(s, "0123456789");

	if (last)
		return n > 3 ? 3 : n;
	return n <= 3 ? n : 0;
}

/* The leftmost dotted quad in s (as the ERE
 * [0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3} finds it). */
static bool find_dotted_quad(const char *s, const char **start, size_t *len)
{
	for (; *s; s++) {
		const char *p = s;
		size_t n;
		int part;

		for (part = 0; part < 4; part++) {
			n = digits(p, part == 3);
			if (!n || (part < 3 && p[n] != '.'))
				break;
			p += n + (part < 3);
		}
		if (part == 4) {
			*start = s;
			*len = (size_t)(p - s);
			return true;
		}
	}
	return false;
}

bool iet_address_matches(const char *addr, const char *preferred)
{
	const char *ip;
	size_t n;

	return find_dotted_quad(addr, &ip, &n) && strncmp(ip, preferred, n) == 0;
}

/* The persistent address of the path's iSCSI session; -ENOENT when it is
 * not an iSCSI path. */
static int session_address(const struct prio_ctx *ctx, char *buf, size_t len)
{
	const char *root = ctx->sysfs_root;
	char devpath[PATH_MAX];
	const char *p;
	unsigned int sess;
	int r;

	r = sysfs_realpath(root, devpath, sizeof(devpath),
			   "class/block/%s/device", ctx->dev);
	if (r < 0)
		return r;
	for (p = devpath; (p = strstr(p, "/session")); p++)
		if (sscanf(p, "/session%u", &sess) == 1)
			break;
	if (!p)
		return -ENOENT;
	return sysfs_read(root, buf, len,
			  "class/iscsi_connection/connection%u:0/persistent_address",
			  sess);
}

static int iet_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	char ip[IET_IP_SIZE], addr[256];

	if (!ctx->args[0]) {
		prio_log(ctx, 0, "%s: iet prio: need prio_args with preferredip set",
			dev);
		return 0;
	}
	if (iet_parse_args(ctx->args, ip) < 0) {
		prio_log(ctx, 0, "%s: iet prio: unexpected prio_args format \"%s\"",
			dev, ctx->args);
		return 0;
	}
	if (session_address(ctx, addr, sizeof(addr)) < 0)
		return IET_OTHER;
	prio_log(ctx, 4, "%s: iet prio: portal address %s", dev, addr);
	return iet_address_matches(addr, ip) ? IET_PREFERRED : IET_OTHER;
}

const struct prio_ops prio_iet = {
	.name = "iet",
	.getprio = iet_getprio,
};
