/* Prioritizer registry and selection. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "model/path.h"
#include "prio/prio.h"
#include "util/log.h"

static const struct prio_ops *const registry[] = {
	&prio_const,
	&prio_sysfs,
};

const struct prio_ops *prio_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(registry); i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

static struct prop_scope scope_of(const struct discovery *d,
				  const struct path *pp)
{
	struct prop_scope s = {
		.conf = d->conf,
		.mpe = config_find_mpe(d->conf, pp->wwid),
		.hwes = pp->hwe,
		.n_hwes = pp->n_hwe,
	};

	return s;
}

/* detect_prio: ALUA devices that expose their access state in sysfs use
 * "sysfs", other ALUA devices "alua". */
static const char *detect(const struct discovery *d, const struct path *pp)
{
	char buf[64];

	if (pp->bus != BUS_SCSI || pp->tpgs <= 0)
		return NULL;
	if (sysfs_read(d->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/access_state", pp->dev) >= 0)
		return "sysfs";
	return "alua";
}

const struct prio_ops *prio_select(const struct discovery *d,
				   const struct path *pp, const char **args,
				   enum prop_origin *origin)
{
	struct prop_scope s = scope_of(d, pp);
	const char *name = NULL;
	enum prop_origin o = ORIGIN_NONE;

	*args = "";
	if (s.mpe && (name = kvset_str(&s.mpe->kv, KW_PRIO))) {
		const char *a = kvset_str(&s.mpe->kv, KW_PRIO_ARGS);

		*args = a ? a : "";
		o = ORIGIN_MULTIPATHS;
	} else if (prop_int(&s, KW_DETECT_PRIO, 1, NULL) &&
		   (name = detect(d, pp))) {
		o = ORIGIN_AUTODETECT;
	} else {
		s.mpe = NULL;
		name = prop_str(&s, KW_PRIO, &o);
		*args = prop_str(&s, KW_PRIO_ARGS, NULL);
		if (!*args)
			*args = "";
	}
	*origin = o;
	condlog(3, "%s: prio = %s %s", pp->dev, name, origin_name(o));
	condlog(3, "%s: prio args = \"%s\" %s", pp->dev, *args, origin_name(o));
	return prio_lookup(name);
}

void path_get_priority(const struct discovery *d, struct path *pp)
{
	const struct prio_ops *ops;
	struct prio_ctx ctx = { .d = d, .pp = pp, .timeout_ms = 30000 };
	enum prop_origin o;
	int prio;

	ops = prio_select(d, pp, &ctx.args, &o);
	if (!ops) {
		condlog(1, "%s: unknown prioritizer, using const", pp->dev);
		ops = &prio_const;
	}
	snprintf(pp->prio_name, sizeof(pp->prio_name), "%s", ops->name);
	prio = ops->getprio(&ctx);
	if (prio < 0) {
		condlog(2, "%s: %s prio error: %s", pp->dev, ops->name,
			strerror(-prio));
		pp->priority = -1;
		return;
	}
	pp->priority = prio;
	condlog(3, "%s: %s prio = %d", pp->dev, ops->name, prio);
}
