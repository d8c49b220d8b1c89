/* Path discovery: fill a struct path from sysfs, udev and SCSI inquiries. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libudev.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "checkers/checker.h"
#include "config/config.h"
#include "config/hwtable.h"
#include "config/propsel.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "discovery/wwid.h"
#include "prio/prio.h"
#include "util/log.h"

static void set_devt(struct path *pp, unsigned ma, unsigned mi)
{
	pp->devt = makedev(ma, mi);
	snprintf(pp->dev_t, sizeof(pp->dev_t), "%u:%u", ma, mi);
}

int path_init(const struct discovery *d, struct path *pp, const char *dev)
{
	const char *root = d->sysfs_root;
	char buf[64];
	unsigned ma, mi;
	int r;

	if (strlen(dev) >= sizeof(pp->dev) || strchr(dev, '/'))
		return -EINVAL;
	strcpy(pp->dev, dev);
	r = sysfs_read(root, buf, sizeof(buf), "class/block/%s/dev", dev);
	if (r < 0)
		return r;
	if (parse_devt(buf, &ma, &mi) < 0)
		return -EINVAL;
	set_devt(pp, ma, mi);
	if (strncmp(dev, "nvme", 4) == 0)
		pp->bus = BUS_NVME;
	else if (strncmp(dev, "dasd", 4) == 0)
		pp->bus = BUS_CCW;
	else if (sysfs_read(root, buf, sizeof(buf),
			    "class/block/%s/device/scsi_level", dev) >= 0)
		pp->bus = BUS_SCSI;
	else
		pp->bus = BUS_UNDEF;
	return 0;
}

int path_init_devt(const struct discovery *d, struct path *pp,
		   unsigned major, unsigned minor)
{
	char name[DEV_NAME_SIZE];
	int r;

	r = sysfs_devt_to_name(d->sysfs_root, major, minor, name, sizeof(name));
	if (r < 0)
		return r;
	return path_init(d, pp, name);
}

static void copy_trimmed(char *dst, size_t len, const char *src)
{
	size_t n;

	while (*src == ' ')
		src++;
	n = strlen(src);
	while (n && (src[n - 1] == ' ' || src[n - 1] == '\n'))
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int parse_hcil(const char *s, struct hcil *h)
{
	int n = 0;

	if (sscanf(s, "%d:%d:%d:%" SCNu64 "%n", &h->host, &h->channel,
		   &h->target, &h->lun, &n) != 4 || s[n])
		return -EINVAL;
	return 0;
}

/* scsi:fcp / scsi:iscsi / scsi:sas ... and the target's node name */
static void scsi_transport(const char *root, struct path *pp)
{
	const struct hcil *h = &pp->hcil;
	char devpath[PATH_MAX], buf[NODE_NAME_SIZE];
	const char *p;

	pp->protocol = PROTOCOL_SCSI_UNSPEC;
	if (sysfs_read(root, buf, sizeof(buf),
		       "class/fc_transport/target%d:%d:%d/node_name", h->host,
		       h->channel, h->target) >= 0) {
		pp->protocol = PROTOCOL_SCSI_FCP;
		copy_trimmed(pp->tgt_node_name, sizeof(pp->tgt_node_name), buf);
		return;
	}
	if (sysfs_realpath(root, devpath, sizeof(devpath),
			   "class/block/%s/device", pp->dev) < 0)
		return;
	if ((p = strstr(devpath, "/session"))) {
		unsigned sess;

		pp->protocol = PROTOCOL_SCSI_ISCSI;
		if (sscanf(p, "/session%u", &sess) == 1 &&
		    sysfs_read(root, buf, sizeof(buf),
			       "class/iscsi_session/session%u/targetname",
			       sess) >= 0)
			copy_trimmed(pp->tgt_node_name,
				     sizeof(pp->tgt_node_name), buf);
		return;
	}
	if ((p = strstr(devpath, "/end_device-"))) {
		char end[64];
		size_t n = strcspn(p + 1, "/");

		pp->protocol = PROTOCOL_SCSI_SAS;
		if (n < sizeof(end)) {
			memcpy(end, p + 1, n);
			end[n] = '\0';
			if (sysfs_read(root, buf, sizeof(buf),
				       "class/sas_device/%s/sas_address",
				       end) >= 0)
				copy_trimmed(pp->tgt_node_name,
					     sizeof(pp->tgt_node_name), buf);
		}
	}
}

static int scsi_sysfs(const char *root, struct path *pp)
{
	char buf[256], link[64];
	uint8_t inq[64];
	ssize_t n;

	if (sysfs_read(root, buf, sizeof(buf), "class/block/%s/device/vendor",
		       pp->dev) < 0)
		return -ENXIO;
	copy_trimmed(pp->vendor, sizeof(pp->vendor), buf);
	if (sysfs_read(root, buf, sizeof(buf), "class/block/%s/device/model",
		       pp->dev) >= 0)
		copy_trimmed(pp->product, sizeof(pp->product), buf);
	if (sysfs_read(root, buf, sizeof(buf), "class/block/%s/device/rev",
		       pp->dev) >= 0)
		copy_trimmed(pp->rev, sizeof(pp->rev), buf);
	if (sysfs_read(root, buf, sizeof(buf), "class/block/%s/device/state",
		       pp->dev) >= 0)
		copy_trimmed(pp->sysfs_state, sizeof(pp->sysfs_state), buf);
	if (sysfs_link_basename(root, link, sizeof(link),
				"class/block/%s/device", pp->dev) == 0 &&
	    parse_hcil(link, &pp->hcil) == 0)
		pp->has_hcil = true;
	n = sysfs_read_bin(root, inq, sizeof(inq),
			   "class/block/%s/device/inquiry", pp->dev);
	if (n > 5)
		pp->tpgs = (inq[5] >> 4) & 3;
	if (sysfs_read(root, buf, sizeof(buf), "class/block/%s/device/dh_state",
		       pp->dev) >= 0 && strcmp(buf, "detached") != 0)
		copy_trimmed(pp->dh_state, sizeof(pp->dh_state), buf);
	if (pp->tpgs > 0) {
		pp->tpg = scsi_target_port_group(root, pp->dev);
		condlog(4, "%s: tpgs = %d, target port group = %d", pp->dev,
			pp->tpgs, pp->tpg);
	}
	if (pp->has_hcil)
		scsi_transport(root, pp);
	condlog(3, "%s: vendor = %s", pp->dev, pp->vendor);
	condlog(3, "%s: product = %s", pp->dev, pp->product);
	condlog(3, "%s: rev = %s", pp->dev, pp->rev);
	if (pp->has_hcil)
		condlog(3, "%s: h:b:t:l = %d:%d:%d:%" PRIu64, pp->dev,
			pp->hcil.host, pp->hcil.channel, pp->hcil.target,
			pp->hcil.lun);
	condlog(3, "%s: tgt_node_name = %s", pp->dev, pp->tgt_node_name);
	return 0;
}

static int nvme_sysfs(const char *root, struct path *pp)
{
	char buf[256];
	unsigned ctrl = 0, ns = 0;

	/* native NVMe multipath hides the namespaces of each controller */
	if (sysfs_read_padded(root, buf, sizeof(buf),
			      "class/block/%s/device/model", pp->dev) < 0)
		return -ENXIO;
	strcpy(pp->vendor, "NVME");
	buf[sizeof(pp->product) - 1] = '\0';
	memcpy(pp->product, buf, sizeof(pp->product));
	if (sysfs_read(root, buf, sizeof(buf),
		       "class/block/%s/device/firmware_rev", pp->dev) >= 0)
		copy_trimmed(pp->rev, sizeof(pp->rev), buf);
	if (sysfs_read(root, buf, sizeof(buf), "class/block/%s/device/state",
		       pp->dev) >= 0)
		copy_trimmed(pp->sysfs_state, sizeof(pp->sysfs_state), buf);
	if (sysfs_read(root, buf, sizeof(buf),
		       "class/block/%s/device/transport", pp->dev) >= 0) {
		union kwval v;
		char proto[300];

		snprintf(proto, sizeof(proto), "nvme:%s", buf);
		pp->protocol = kw_parse_value(KW_PROTOCOL_TYPE, proto, &v,
					      NULL) == 0 ?
			(enum protocol)v.num : PROTOCOL_NVME_UNSPEC;
	}
	/* the reference's h:c:t:l of a namespace: controller instance,
	 * controller id, namespace index, namespace id */
	if (sscanf(pp->dev, "nvme%un%u", &ctrl, &ns) == 2) {
		unsigned long v;

		pp->hcil.host = (int)ctrl;
		pp->hcil.channel = 0;
		pp->hcil.target = (int)ns;
		pp->hcil.lun = ns;
		if (sysfs_read(root, buf, sizeof(buf),
			       "class/block/%s/device/cntlid", pp->dev) > 0 &&
		    (v = strtoul(buf, NULL, 10)) <= INT_MAX)
			pp->hcil.channel = (int)v;
		if (sysfs_read(root, buf, sizeof(buf), "class/block/%s/nsid",
			       pp->dev) > 0)
			pp->hcil.lun = strtoull(buf, NULL, 10);
		pp->has_hcil = true;
	}
	return 0;
}

int path_read_size(const struct discovery *d, const char *dev,
		   unsigned long long *size)
{
	char buf[32], *end;
	unsigned long long v;
	int r = sysfs_read(d->sysfs_root, buf, sizeof(buf),
			   "class/block/%s/size", dev);

	if (r < 0)
		return r;
	v = strtoull(buf, &end, 10);
	if (end == buf)
		return -EINVAL;
	*size = v;
	return 0;
}

static int read_sysfs(const struct discovery *d, struct path *pp)
{
	const char *root = d->sysfs_root;
	int r;

	path_read_size(d, pp->dev, &pp->size);
	condlog(3, "%s: size = %llu", pp->dev, pp->size);
	switch (pp->bus) {
	case BUS_SCSI:
		r = scsi_sysfs(root, pp);
		break;
	case BUS_NVME:
		r = nvme_sysfs(root, pp);
		break;
	default:
		r = 0;
		break;
	}
	if (r < 0)
		return r;
	pp->n_hwe = (unsigned)hwtable_find(d->conf, pp->vendor, pp->product,
					   pp->rev, pp->hwe, PATH_MAX_HWES);
	return 0;
}

static struct prop_scope path_scope(const struct discovery *d,
				    const struct path *pp)
{
	struct prop_scope s = {
		.conf = d->conf,
		.hwes = pp->hwe,
		.n_hwes = pp->n_hwe,
		.has_protocol = pp->protocol != PROTOCOL_UNDEF,
		.protocol = pp->protocol,
	};

	return s;
}

/* uid_attrs: "prefix:ATTR ..." chosen by the device name's prefix */
static const char *uid_attrs_match(const char *uid_attrs, const char *dev,
				   char *buf, size_t len)
{
	const char *p = uid_attrs;

	while (p && *p) {
		size_t n = strcspn(p, " \t");
		const char *colon = memchr(p, ':', n);

		if (colon && strncmp(dev, p, (size_t)(colon - p)) == 0 &&
		    (size_t)(p + n - colon - 1) < len) {
			memcpy(buf, colon + 1, (size_t)(p + n - colon - 1));
			buf[p + n - colon - 1] = '\0';
			return buf;
		}
		p += n;
		p += strspn(p, " \t");
	}
	return NULL;
}

const char *path_uid_attribute(const struct discovery *d,
			       const struct path *pp)
{
	static __thread char buf[128];
	const char *attrs = config_get_str(d->conf, KW_UID_ATTRS);
	struct prop_scope s = path_scope(d, pp);
	enum prop_origin o;
	const char *attr;

	if (attrs && (attr = uid_attrs_match(attrs, pp->dev, buf, sizeof(buf)))) {
		condlog(3, "%s: uid_attribute = %s (setting: multipath.conf defaults section / uid_attrs)",
			pp->dev, attr);
		return attr;
	}
	attr = prop_str(&s, KW_UID_ATTRIBUTE, &o);
	condlog(3, "%s: uid_attribute = %s %s", pp->dev, attr ? attr : "",
		origin_name(o));
	return attr ? attr : "";
}

static int open_udev(const struct discovery *d, struct path *pp)
{
	if (pp->udev || !d->udev)
		return 0;
	pp->udev = udev_device_new_from_subsystem_sysname(d->udev, "block",
							  pp->dev);
	return pp->udev ? 0 : -ENXIO;
}

static int get_wwid(const struct discovery *d, struct path *pp)
{
	const char *attr = path_uid_attribute(d, pp);
	const char *val = NULL;
	int r;

	if (*attr && d->uid_from_env)
		val = getenv(attr);
	if (*attr && !val && pp->udev)
		val = udev_device_get_property_value(pp->udev, attr);
	if (val && *val) {
		copy_trimmed(pp->wwid, sizeof(pp->wwid), val);
		pp->wwid_source = WWID_UDEV;
	} else if (pp->bus == BUS_SCSI) {
		r = scsi_wwid_fallback(d->sysfs_root, pp->dev, pp->wwid,
				       sizeof(pp->wwid), &pp->wwid_source);
		if (r < 0) {
			condlog(1, "%s: failed to get %s uid: %s", pp->dev,
				*attr ? "udev" : "sysfs", strerror(-r));
			pp->wwid[0] = '\0';
			return r;
		}
	} else {
		condlog(1, "%s: no WWID: udev property %s is missing", pp->dev,
			attr);
		return -ENODATA;
	}
	condlog(3, "%s: uid = %s (%s)", pp->dev, pp->wwid,
		pp->wwid_source == WWID_UDEV ? "udev" :
		pp->wwid_source == WWID_SYSFS ? "sysfs" : "sgio");
	return 0;
}

static int check_blacklist(const struct discovery *d, struct path *pp,
			   unsigned stage)
{
	struct bl_device_info info = { .devnode = pp->dev };
	const char **props = NULL;
	size_t n = 0, cap = 0;
	int r;

	switch (stage) {
	case 0:
		r = filter_devnode(d->conf, pp->dev);
		break;
	case 1:
		info.vendor = pp->vendor;
		info.product = pp->product;
		info.protocol = protocol_name(pp->protocol);
		r = filter_device(d->conf, pp->vendor, pp->product);
		if (r <= 0)
			r = filter_protocol(d->conf, info.protocol);
		break;
	default: {
		struct udev_list_entry *e;

		if (pp->udev) {
			udev_list_entry_foreach(e, udev_device_get_properties_list_entry(pp->udev)) {
				if (n == cap) {
					size_t ncap = cap ? cap * 2 : 32;
					const char **p = realloc(props, ncap * sizeof(*p));

					if (!p) {
						free(props);
						return -ENOMEM;
					}
					props = p;
					cap = ncap;
				}
				props[n++] = udev_list_entry_get_name(e);
			}
			r = filter_property(d->conf, props, n,
					    path_uid_attribute(d, pp));
			free(props);
			if (r > 0)
				break;
		}
		r = filter_wwid(d->conf, pp->wwid);
		break;
	}
	}
	if (r <= 0)
		return 0;
	info.vendor = pp->vendor;
	info.product = pp->product;
	info.wwid = pp->wwid;
	info.protocol = protocol_name(pp->protocol);
	/* log with the reference's wording */
	blacklist_check(d->conf, &info);
	return PATHINFO_SKIPPED;
}

int path_reconfigure(const struct discovery *d, struct path *pp)
{
	pp->n_hwe = (unsigned)hwtable_find(d->conf, pp->vendor, pp->product,
					   pp->rev, pp->hwe, PATH_MAX_HWES);
	if (check_blacklist(d, pp, 0) || check_blacklist(d, pp, 1) ||
	    check_blacklist(d, pp, 2))
		return PATHINFO_SKIPPED;
	return 0;
}

int pathinfo(const struct discovery *d, struct path *pp, unsigned mask)
{
	int r;

	if ((mask & DI_BLACKLIST) && check_blacklist(d, pp, 0))
		return PATHINFO_SKIPPED;
	if (d->udev && (r = open_udev(d, pp)) < 0)
		return r;
	if (mask & DI_SYSFS) {
		r = read_sysfs(d, pp);
		if (r < 0)
			return r;
		if ((mask & DI_BLACKLIST) && check_blacklist(d, pp, 1))
			return PATHINFO_SKIPPED;
	}
	if ((mask & DI_SERIAL) && pp->bus == BUS_SCSI && !pp->serial[0]) {
		scsi_serial(d->sysfs_root, pp->dev, pp->serial, sizeof(pp->serial));
		condlog(3, "%s: serial = %s", pp->dev, pp->serial);
	}
	if ((mask & DI_WWID) && !pp->wwid[0]) {
		r = get_wwid(d, pp);
		if (r < 0)
			return r;
	}
	if ((mask & DI_BLACKLIST) && (mask & DI_WWID) &&
	    check_blacklist(d, pp, 2))
		return PATHINFO_SKIPPED;
	if (mask & DI_CHECKER)
		path_check_sync(d, pp);
	if ((mask & DI_PRIO) && path_wants_priority(pp))
		path_get_priority(d, pp);
	return 0;
}

enum path_state sysfs_state_verdict(enum path_bus bus, const char *s)
{
	if (!*s)
		return PATH_UP;
	switch (bus) {
	case BUS_SCSI:
		if (!strncmp(s, "offline", 7))
			return PATH_DOWN;
		if (!strncmp(s, "blocked", 7) || !strncmp(s, "quiesce", 7))
			return PATH_PENDING;
		return !strncmp(s, "running", 7) ? PATH_UP : PATH_DOWN;
	case BUS_NVME:
		if (!strncmp(s, "new", 3) || !strncmp(s, "deleting", 8))
			return PATH_PENDING;
		return !strncmp(s, "live", 4) ? PATH_UP : PATH_DOWN;
	default:
		return PATH_UP;
	}
}
