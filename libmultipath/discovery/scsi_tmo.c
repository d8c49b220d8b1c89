/* The SCSI transport timeouts multipath sets on its paths: selection,
 * sysfs reads and writes, and what is logged; the rules that decide the
 * values and the order of the writes are in scsi_tmo_plan.c. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/propsel.h"
#include "discovery/pathinfo.h"
#include "discovery/scsi_tmo.h"
#include "discovery/scsi_tmo_plan.h"
#include "discovery/sysfs.h"
#include "model/map.h"
#include "util/log.h"

#define TMO_TEXT_SIZE 24

static const char *tmo_text(long long v, char *buf)
{
	if (v == TMO_OFF)
		return "off";
	snprintf(buf, TMO_TEXT_SIZE, "%lld", v);
	return buf;
}

/* The value of kw for pp, logged at -v3 like the reference's selection. */
static long long select_tmo(const struct prop_scope *s, const struct path *pp,
			    enum kw_id kw)
{
	enum prop_origin origin;
	const union kwval *v = prop_select(s, kw, &origin);

	if (!v)
		return TMO_UNSET;
	prop_log(pp->dev, kw, v, origin);
	if (kw != KW_DEV_LOSS_TMO)
		return v->num == VALUE_OFF ? TMO_OFF : v->num;
	if (v->num == DEV_LOSS_TMO_INFINITY || v->num > TMO_DEV_LOSS_MAX)
		return TMO_DEV_LOSS_MAX;
	return v->num;
}

/* The component of devpath that starts with prefix, into out. */
static int path_component(const char *devpath, const char *prefix, char *out,
			  size_t len)
{
	const char *p;
	size_t n;

	for (p = strchr(devpath, '/'); p; p = strchr(p + 1, '/'))
		if (!strncmp(p + 1, prefix, strlen(prefix)))
			break;
	if (!p)
		return -ENOENT;
	n = strcspn(++p, "/");
	if (n >= len)
		return -ENAMETOOLONG;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* A transport's object above the SCSI device in sysfs. */
struct tmo_object {
	const char *prefix;	/* of its name */
	const char *what;	/* for messages */
	const char *class;	/* its directory under class/ */
};

static const struct tmo_object fc_rport = {
	"rport-", "FC remote port", "fc_remote_ports",
};
static const struct tmo_object iscsi_session = {
	"session", "iSCSI session", "iscsi_session",
};
static const struct tmo_object sas_end_device = {
	"end_device-", "SAS end device", "sas_end_device",
};

/* The name of o for pp, e.g. "rport-2:0-1", into out. */
static int find_object(const struct discovery *d, const struct path *pp,
		       const struct tmo_object *o, char *out, size_t len)
{
	char devpath[PATH_MAX];
	int r;

	r = sysfs_realpath(d->sysfs_root, devpath, sizeof(devpath),
			   "class/block/%s/device", pp->dev);
	if (r == 0)
		r = path_component(devpath, o->prefix, out, len);
	if (r < 0)
		return log_errno(1, r, "%s: cannot find its %s", pp->dev,
				 o->what);
	return 0;
}

/* Write class/obj/attr; a failure is logged at level, or at 2 when the
 * object is busy (a blocked port refuses writes until it is back). */
static int set_attr(const struct discovery *d, const struct path *pp,
		    const char *class, const char *obj, const char *attr,
		    long long value, int level)
{
	char buf[TMO_TEXT_SIZE];
	const char *text = tmo_text(value, buf);
	int r = sysfs_write(d->sysfs_root, text, "class/%s/%s/%s", class, obj,
			    attr);

	if (r == -EBUSY && level < 2)
		level = 2;
	if (r < 0)
		condlog(level, "%s: %s: cannot set %s to %s: %s", pp->dev, obj,
			attr, text, strerror(-r));
	return r;
}

static void set_object_attr(const struct discovery *d, const struct path *pp,
			    const struct tmo_object *o, const char *attr,
			    long long value)
{
	char obj[64];

	if (find_object(d, pp, o, obj, sizeof(obj)) == 0)
		set_attr(d, pp, o->class, obj, attr, value, 2);
}

static void set_eh_deadline(const struct discovery *d, const struct path *pp,
			    long long eh_deadline)
{
	char host[32];

	if (eh_deadline == TMO_UNSET || !pp->has_hcil)
		return;
	snprintf(host, sizeof(host), "host%d", pp->hcil.host);
	/* hosts whose driver does its own error handling refuse it, which
	 * the reference reports only at -v3 */
	set_attr(d, pp, "scsi_host", host, "eh_deadline", eh_deadline, 3);
}

/* An FC port attribute: "off", a number, or a u32 that some kernels
 * print with %d (UINT_MAX as -1). */
static int read_rport_tmo(const struct discovery *d, const char *rport,
			  const char *attr, long long *v)
{
	char buf[32], *end;
	int r = sysfs_read(d->sysfs_root, buf, sizeof(buf),
			   "class/fc_remote_ports/%s/%s", rport, attr);

	if (r < 0)
		return r;
	if (!strcmp(buf, "off")) {
		*v = TMO_OFF;
		return 0;
	}
	errno = 0;
	*v = strtoll(buf, &end, 10);
	if (end == buf || *end || errno)
		return -EINVAL;
	if (*v < 0 && *v >= INT_MIN)
		*v += TMO_DEV_LOSS_MAX + 1;
	return *v < 0 || *v > TMO_DEV_LOSS_MAX ? -EINVAL : 0;
}

static void set_rport_tmo(const struct discovery *d, const struct path *pp,
			  const struct scsi_tmo *want)
{
	char rport[64], buf[TMO_TEXT_SIZE];
	struct fc_tmo_plan plan;
	struct scsi_tmo cur;
	size_t i;
	int r;

	if (find_object(d, pp, &fc_rport, rport, sizeof(rport)) < 0)
		return;
	r = read_rport_tmo(d, rport, "dev_loss_tmo", &cur.dev_loss);
	if (r < 0) {
		log_errno(1, r, "%s: %s: cannot read dev_loss_tmo", pp->dev,
			  rport);
		return;
	}
	/* unknown: off, where the kernel takes the fewest values */
	if (read_rport_tmo(d, rport, "fast_io_fail_tmo", &cur.fast_io_fail) < 0)
		cur.fast_io_fail = TMO_OFF;
	condlog(4, "%s: %s: dev_loss_tmo %lld, fast_io_fail_tmo %s", pp->dev,
		rport, cur.dev_loss, tmo_text(cur.fast_io_fail, buf));
	fc_tmo_plan(&cur, want, &plan);
	if (plan.flags & TMO_FIO_LIMITED)
		condlog(2, "%s: %s: limiting fast_io_fail_tmo to %lld, the kernel's maximum",
			pp->dev, rport, TMO_BLOCK_MAX);
	if (plan.flags & TMO_DEV_LOSS_LIMITED)
		condlog(2, "%s: %s: limiting dev_loss_tmo to %lld, since fast_io_fail is off",
			pp->dev, rport, TMO_BLOCK_MAX);
	for (i = 0; i < plan.n; i++) {
		r = set_attr(d, pp, fc_rport.class, rport,
			     fc_tmo_attr_name(plan.w[i].attr), plan.w[i].value,
			     1);
		/* a blocked port refuses every write: one message */
		if (r == -EBUSY)
			break;
	}
}

/* The session's recovery_tmo is iSCSI's fast_io_fail_tmo. */
static void set_session_tmo(const struct discovery *d, const struct path *pp,
			    const struct scsi_tmo *t)
{
	char buf[TMO_TEXT_SIZE];

	if (t->dev_loss != TMO_UNSET)
		condlog(3, "%s: ignoring dev_loss_tmo on iSCSI", pp->dev);
	if (t->fast_io_fail == TMO_UNSET)
		return;
	if (t->fast_io_fail <= 0) {
		condlog(3, "%s: cannot set fast_io_fail_tmo to %s on iSCSI",
			pp->dev, tmo_text(t->fast_io_fail, buf));
		return;
	}
	set_object_attr(d, pp, &iscsi_session, "recovery_tmo", t->fast_io_fail);
}

/* The end device's I_T_nexus_loss_timeout is SAS's dev_loss_tmo. */
static void set_end_device_tmo(const struct discovery *d,
			       const struct path *pp, const struct scsi_tmo *t)
{
	if (t->dev_loss != TMO_UNSET)
		set_object_attr(d, pp, &sas_end_device,
				"I_T_nexus_loss_timeout", t->dev_loss);
}

static void log_unsupported(const struct path *pp)
{
	condlog(2, "%s: setting scsi timeouts is unsupported for protocol %s",
		pp->dev, protocol_name(pp->protocol));
}

/* Returns true when dev_loss_tmo had to be raised to min_dev_loss. */
static bool path_set_tmo(const struct discovery *d,
			 const struct multipath *mpp, const struct path *pp,
			 long long min_dev_loss)
{
	struct prop_scope s = {
		.conf = d->conf, .mpe = mpp->mpe, .hwes = pp->hwe,
		.n_hwes = pp->n_hwe, .has_protocol = true,
		.protocol = pp->protocol,
	};
	struct scsi_tmo t;
	long long eh_deadline, fio;
	unsigned flags;

	t.fast_io_fail = select_tmo(&s, pp, KW_FAST_IO_FAIL_TMO);
	t.dev_loss = select_tmo(&s, pp, KW_DEV_LOSS_TMO);
	eh_deadline = select_tmo(&s, pp, KW_EH_DEADLINE);
	if (t.fast_io_fail == TMO_UNSET && t.dev_loss == TMO_UNSET &&
	    eh_deadline == TMO_UNSET)
		return false;
	if (pp->bus != BUS_SCSI) {
		log_unsupported(pp);
		return false;
	}
	set_eh_deadline(d, pp, eh_deadline);
	if (t.fast_io_fail == TMO_UNSET && t.dev_loss == TMO_UNSET)
		return false;
	if (pp->protocol != PROTOCOL_SCSI_FCP &&
	    pp->protocol != PROTOCOL_SCSI_ISCSI &&
	    pp->protocol != PROTOCOL_SCSI_SAS) {
		log_unsupported(pp);
		return false;
	}
	fio = t.fast_io_fail;
	flags = scsi_tmo_cap(&t, min_dev_loss);
	if (flags & TMO_FIO_TURNED_OFF)
		condlog(3, "%s: turning fast_io_fail_tmo off: %lld is not below dev_loss_tmo %lld",
			pp->dev, fio, t.dev_loss);
	if (pp->protocol == PROTOCOL_SCSI_FCP)
		set_rport_tmo(d, pp, &t);
	else if (pp->protocol == PROTOCOL_SCSI_ISCSI)
		set_session_tmo(d, pp, &t);
	else
		set_end_device_tmo(d, pp, &t);
	return flags & TMO_DEV_LOSS_RAISED;
}

void map_set_scsi_timeouts(const struct discovery *d,
			   const struct multipath *mpp)
{
	long long interval = config_get_int(d->conf, KW_POLLING_INTERVAL);
	long long min_dev_loss = scsi_tmo_min_dev_loss(mpp->no_path_retry,
						       interval);
	const struct path *pp;
	bool raised = false;
	size_t i;

	vec_foreach(&mpp->paths, pp, i)
		raised |= path_set_tmo(d, mpp, pp, min_dev_loss);
	/* once for the map, after its paths, like the reference */
	if (raised)
		condlog(2, "%s: raising dev_loss_tmo to %lld to cover no_path_retry",
			multipath_name(mpp), min_dev_loss);
}
