/* Choosing a path's prioritizer like the reference: detect_prio (TPGS,
 * RDAC, NVMe ANA), then multipaths entry, overrides, devices, defaults,
 * built-in. The configuration's part runs on the caller's thread; the
 * device commands of detection run where the prioritizer runs. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/sgio.h"
#include "discovery/sysfs.h"
#include "discovery/vpd.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define TPGS_EXPLICIT 2

/* ---- detect_prio --------------------------------------------------------- */

/* The TPGS field of the path's standard INQUIRY data; 0 (no ALUA) when it
 * cannot be read. */
static int path_tpgs(const struct prio_ctx *ctx)
{
	struct scsi_inquiry inq;
	uint8_t buf[36];
	ssize_t n;

	if (ctx->tpgs >= 0)
		return ctx->tpgs;
	n = scsi_sysfs_inquiry(ctx->sysfs_root, ctx->dev, buf, sizeof(buf));
	if (n < 0) {
		_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);

		if (fd < 0 || sg_inquiry(fd, 0, 0, buf, sizeof(buf),
					 ctx->timeout_ms) < 0)
			return 0;
		n = sizeof(buf);
	}
	return scsi_inquiry_decode(buf, (size_t)n, &inq) < 0 ? 0 : inq.tpgs;
}

/* The reference's check_rdac(): a devices entry's path_checker other than
 * rdac rules RDAC out; without one, page 0xC9 is asked for only when the
 * device lists it. */
static bool is_rdac(const struct prio_ctx *ctx, const struct prio_plan *plan)
{
	_cleanup_close_ int fd = -1;

	if (plan->hwe_checker && strcmp(plan->hwe_checker, "rdac") != 0)
		return false;
	fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	return fd >= 0 && rdac_detect(fd, !plan->hwe_checker, ctx->timeout_ms);
}

static bool has_access_state(const struct prio_ctx *ctx)
{
	char buf[64];

	return sysfs_read(ctx->sysfs_root, buf, sizeof(buf),
			  "class/block/%s/device/access_state", ctx->dev) >= 0;
}

/* NVMe with ANA: "ana". ALUA: "sysfs" when the kernel shows the access
 * state (except on RDAC arrays with implicit ALUA only), else "alua". */
static const char *detect(const struct prio_ctx *ctx,
			  const struct prio_plan *plan)
{
	int tpgs;

	switch (ctx->bus) {
	case BUS_NVME: {
		_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);

		/* like the reference, only a definite "no ANA" says no */
		if (fd >= 0 && ana_supported(fd, ctx->timeout_ms) == 0)
			return NULL;
		return "ana";
	}
	case BUS_SCSI:
		tpgs = path_tpgs(ctx);
		if (tpgs <= 0)
			return NULL;
		if ((tpgs == TPGS_EXPLICIT || !is_rdac(ctx, plan)) &&
		    has_access_state(ctx))
			return "sysfs";
		return "alua";
	default:
		return NULL;
	}
}

/* ---- the configuration's part ---------------------------------------------- */

void prio_plan(const struct discovery *d, const struct path *pp,
	       struct prio_plan *plan)
{
	const struct config *conf = d->conf;
	struct prop_scope s = {
		.conf = conf, .hwes = pp->hwe, .n_hwes = pp->n_hwe,
	};
	const struct mpentry *mpe = config_find_mpe(conf, pp->wwid);
	const char *name = NULL, *args = NULL;
	const union kwval *v;
	size_t i;

	memset(plan, 0, sizeof(*plan));
	/* the multipaths section cannot turn detection off */
	v = prop_select(&s, KW_DETECT_PRIO, &plan->detect_origin);
	plan->detect = !v || v->num;
	for (i = 0; i < pp->n_hwe && !plan->hwe_checker; i++)
		plan->hwe_checker = kvset_str(&pp->hwe[i]->kv, KW_PATH_CHECKER);
	name = kvset_str(&conf->builtin, KW_PRIO);
	plan->default_name = name ? name : "const";
	plan->default_args = kvset_str(&conf->builtin, KW_PRIO_ARGS);

	if (mpe && (name = kvset_str(&mpe->kv, KW_PRIO))) {
		args = kvset_str(&mpe->kv, KW_PRIO_ARGS);
		plan->origin = ORIGIN_MULTIPATHS;
	} else if ((name = kvset_str(&conf->overrides, KW_PRIO))) {
		args = kvset_str(&conf->overrides, KW_PRIO_ARGS);
		plan->origin = ORIGIN_OVERRIDES;
	} else {
		/* devices entries: name and args each from the first that
		 * has it */
		for (i = 0; i < pp->n_hwe; i++) {
			if (!name)
				name = kvset_str(&pp->hwe[i]->kv, KW_PRIO);
			if (!args)
				args = kvset_str(&pp->hwe[i]->kv, KW_PRIO_ARGS);
		}
		if (name) {
			plan->origin = ORIGIN_DEVICE;
		} else if ((name = kvset_str(&conf->defaults, KW_PRIO))) {
			args = kvset_str(&conf->defaults, KW_PRIO_ARGS);
			plan->origin = ORIGIN_DEFAULTS;
		} else {
			name = plan->default_name;
			args = plan->default_args;
			plan->origin = ORIGIN_BUILTIN;
		}
	}
	plan->name = name;
	plan->args = args;
}

/* ---- the device's part --------------------------------------------------------- */

const struct prio_ops *prio_resolve(const struct prio_ctx *ctx,
				    const struct prio_plan *plan,
				    const char **name, const char **args,
				    enum prop_origin *origin)
{
	const char *n = NULL, *a = NULL, *why = NULL;
	enum prop_origin o = ORIGIN_AUTODETECT;

	prio_log(ctx, 3, "%s: detect_prio = %s %s", ctx->dev,
		 plan->detect ? "yes" : "no", origin_name(plan->detect_origin));
	if (!plan->detect || !(n = detect(ctx, plan))) {
		n = plan->name;
		a = plan->args;
		o = plan->origin;
	}
	/* alua needs ALUA: fall back to the default */
	if (strcmp(n, "alua") == 0 && path_tpgs(ctx) == 0) {
		n = plan->default_name;
		a = plan->default_args;
		o = ORIGIN_BUILTIN;
		why = "(setting: emergency fallback - alua failed)";
	}
	*name = n;
	*args = a ? a : "";
	*origin = o;
	prio_log(ctx, why ? 1 : 3, "%s: prio = %s %s", ctx->dev, n,
		 why ? why : origin_name(o));
	prio_log(ctx, 3, "%s: prio args = \"%s\" %s", ctx->dev, *args,
		 why ? why : origin_name(o));
	return prio_lookup(n);
}

const struct prio_ops *prio_select(const struct discovery *d,
				   const struct path *pp, const char **args,
				   enum prop_origin *origin)
{
	struct prio_plan plan;
	struct prio_ctx ctx;
	const char *name;

	prio_ctx_init(&ctx, d, pp);
	prio_plan(d, pp, &plan);
	return prio_resolve(&ctx, &plan, &name, args, origin);
}
