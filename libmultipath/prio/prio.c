/* Prioritizer registry, selection (detect_prio and precedence) and the
 * priority of one path. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/sgio.h"
#include "discovery/sysfs.h"
#include "discovery/vpd.h"
#include "model/path.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define TPGS_EXPLICIT 2

static const struct prio_ops *const registry[] = {
	&prio_alua,
	&prio_ana,
	&prio_const,
	&prio_datacore,
	&prio_emc,
	&prio_hds,
	&prio_hp_sw,
	&prio_iet,
	&prio_ontap,
	&prio_path_latency,
	&prio_random,
	&prio_rdac,
	&prio_sysfs,
	&prio_weightedpath,
};

const struct prio_ops *prio_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(registry); i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

static int open_dev(const char *dev, int flags)
{
	char node[DEV_NAME_SIZE + 8];
	int fd;

	if (!dev[0] || strchr(dev, '/'))
		return -EINVAL;
	snprintf(node, sizeof(node), "/dev/%s", dev);
	fd = open(node, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int prio_open(const struct prio_ctx *ctx, int flags)
{
	int fd = open_dev(ctx->pp->dev, flags);

	if (fd < 0)
		condlog(3, "%s: cannot open /dev/%s: %s", ctx->pp->dev,
			ctx->pp->dev, strerror(-fd));
	return fd;
}

static const char *root_of(const struct discovery *d)
{
	return d->sysfs_root ? d->sysfs_root : SYSFS_ROOT_DEFAULT;
}

const char *prio_sysfs_root(const struct prio_ctx *ctx)
{
	return root_of(ctx->d);
}

/* For commands: checker_timeout, else the device's SCSI timeout, else
 * 30 s, like the checkers (but without logging it again). */
static unsigned int timeout_of(const struct discovery *d,
			       const struct path *pp)
{
	long long t = config_get_int(d->conf, KW_CHECKER_TIMEOUT);
	char buf[32];

	if (t > 0)
		return (unsigned int)t * 1000;
	if (pp->bus == BUS_SCSI &&
	    sysfs_read(root_of(d), buf, sizeof(buf),
		       "class/block/%s/device/timeout", pp->dev) > 0 &&
	    (t = strtol(buf, NULL, 10)) > 0)
		return (unsigned int)t * 1000;
	return 30000;
}

/* ---- detect_prio --------------------------------------------------------- */

/* The TPGS field of the path's standard INQUIRY data; 0 (no ALUA) when it
 * cannot be read. */
static int path_tpgs(const struct discovery *d, const struct path *pp,
		     unsigned int timeout_ms)
{
	struct scsi_inquiry inq;
	uint8_t buf[36];
	ssize_t n;

	if (pp->tpgs >= 0)
		return pp->tpgs;
	n = scsi_sysfs_inquiry(root_of(d), pp->dev, buf, sizeof(buf));
	if (n < 0) {
		_cleanup_close_ int fd = open_dev(pp->dev, O_RDONLY | O_NONBLOCK);

		if (fd < 0 ||
		    sg_inquiry(fd, 0, 0, buf, sizeof(buf), timeout_ms) < 0)
			return 0;
		n = sizeof(buf);
	}
	return scsi_inquiry_decode(buf, (size_t)n, &inq) < 0 ? 0 : inq.tpgs;
}

/* The reference's check_rdac(): a devices entry's path_checker other than
 * rdac rules RDAC out; without one, page 0xC9 is asked for only when the
 * device lists it. */
static bool is_rdac(const struct path *pp, unsigned int timeout_ms)
{
	const char *checker = NULL;
	_cleanup_close_ int fd = -1;
	size_t i;

	for (i = 0; i < pp->n_hwe && !checker; i++)
		checker = kvset_str(&pp->hwe[i]->kv, KW_PATH_CHECKER);
	if (checker && strcmp(checker, "rdac") != 0)
		return false;
	fd = open_dev(pp->dev, O_RDONLY | O_NONBLOCK);
	return fd >= 0 && rdac_detect(fd, !checker, timeout_ms);
}

static bool has_access_state(const struct discovery *d, const struct path *pp)
{
	char buf[64];

	return sysfs_read(root_of(d), buf, sizeof(buf),
			  "class/block/%s/device/access_state", pp->dev) >= 0;
}

/* NVMe with ANA: "ana". ALUA: "sysfs" when the kernel shows the access
 * state (except on RDAC arrays with implicit ALUA only), else "alua". */
static const char *detect(const struct discovery *d, const struct path *pp,
			  unsigned int timeout_ms)
{
	int tpgs;

	switch (pp->bus) {
	case BUS_NVME: {
		_cleanup_close_ int fd = open_dev(pp->dev,
						  O_RDONLY | O_NONBLOCK);

		/* like the reference, only a definite "no ANA" says no */
		if (fd >= 0 && ana_supported(fd, timeout_ms) == 0)
			return NULL;
		return "ana";
	}
	case BUS_SCSI:
		tpgs = path_tpgs(d, pp, timeout_ms);
		if (tpgs <= 0)
			return NULL;
		if ((tpgs == TPGS_EXPLICIT || !is_rdac(pp, timeout_ms)) &&
		    has_access_state(d, pp))
			return "sysfs";
		return "alua";
	default:
		return NULL;
	}
}

/* ---- selection ----------------------------------------------------------- */

static const char *builtin_prio(const struct config *conf, const char **args)
{
	const char *name = kvset_str(&conf->builtin, KW_PRIO);

	*args = kvset_str(&conf->builtin, KW_PRIO_ARGS);
	return name ? name : "const";
}

const struct prio_ops *prio_select(const struct discovery *d,
				   const struct path *pp, const char **args,
				   enum prop_origin *origin)
{
	const struct config *conf = d->conf;
	struct prop_scope s = {
		.conf = conf, .hwes = pp->hwe, .n_hwes = pp->n_hwe,
	};
	const struct mpentry *mpe = config_find_mpe(conf, pp->wwid);
	const char *name = NULL, *a = NULL, *why = NULL;
	enum prop_origin o = ORIGIN_NONE, od;
	unsigned int timeout_ms = timeout_of(d, pp);
	const union kwval *v;
	size_t i;

	/* the multipaths section cannot turn detection off */
	v = prop_select(&s, KW_DETECT_PRIO, &od);
	prop_log(pp->dev, KW_DETECT_PRIO, v, od);
	if ((!v || v->num) && (name = detect(d, pp, timeout_ms))) {
		o = ORIGIN_AUTODETECT;
	} else if (mpe && (name = kvset_str(&mpe->kv, KW_PRIO))) {
		a = kvset_str(&mpe->kv, KW_PRIO_ARGS);
		o = ORIGIN_MULTIPATHS;
	} else if ((name = kvset_str(&conf->overrides, KW_PRIO))) {
		a = kvset_str(&conf->overrides, KW_PRIO_ARGS);
		o = ORIGIN_OVERRIDES;
	} else {
		/* devices entries: name and args each from the first that
		 * has it */
		for (i = 0; i < pp->n_hwe; i++) {
			if (!name)
				name = kvset_str(&pp->hwe[i]->kv, KW_PRIO);
			if (!a)
				a = kvset_str(&pp->hwe[i]->kv, KW_PRIO_ARGS);
		}
		if (name) {
			o = ORIGIN_DEVICE;
		} else if ((name = kvset_str(&conf->defaults, KW_PRIO))) {
			a = kvset_str(&conf->defaults, KW_PRIO_ARGS);
			o = ORIGIN_DEFAULTS;
		} else {
			name = builtin_prio(conf, &a);
			o = ORIGIN_BUILTIN;
		}
	}
	/* alua needs ALUA: fall back to the default */
	if (strcmp(name, "alua") == 0 && path_tpgs(d, pp, timeout_ms) == 0) {
		name = builtin_prio(conf, &a);
		o = ORIGIN_BUILTIN;
		why = "(setting: emergency fallback - alua failed)";
	}
	*args = a ? a : "";
	*origin = o;
	condlog(why ? 1 : 3, "%s: prio = %s %s", pp->dev, name,
		why ? why : origin_name(o));
	condlog(3, "%s: prio args = \"%s\" %s", pp->dev, *args,
		why ? why : origin_name(o));
	return prio_lookup(name);
}

void path_get_priority(const struct discovery *d, struct path *pp)
{
	const struct prio_ops *ops;
	struct prio_ctx ctx = { .d = d, .pp = pp };
	enum prop_origin o;
	int prio;

	ops = prio_select(d, pp, &ctx.args, &o);
	if (!ops) {
		condlog(1, "%s: unknown prioritizer, using const", pp->dev);
		ops = &prio_const;
	}
	snprintf(pp->prio_name, sizeof(pp->prio_name), "%s", ops->name);
	/* a path the checker found down gets no time to spare */
	ctx.timeout_ms = pp->state == PATH_DOWN ? 10 : timeout_of(d, pp);
	prio = ops->getprio(&ctx);
	if (prio < 0) {
		condlog(3, "%s: %s prio error: %s", pp->dev, ops->name,
			strerror(-prio));
		pp->priority = -1;
		return;
	}
	pp->priority = prio;
	condlog(3, "%s: %s prio = %d", pp->dev, ops->name, prio);
}

bool path_wants_priority(const struct path *pp)
{
	if (pp->state == PATH_UP || pp->state == PATH_GHOST)
		return true;
	return pp->state == PATH_DOWN && strcmp(pp->sysfs_state, "running") == 0 &&
	       pp->wwid[0];
}
