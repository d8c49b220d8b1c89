/* Prioritizer registry (built-ins, then plugins) and what prioritizers
 * share: the path's copy, opening its device, its messages, the timeout of
 * its commands. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "model/path.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"
#include "util/strbuf.h"

#define DEFAULT_TIMEOUT_MS 30000

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

const struct prio_ops *prio_lookup_in(const char *dir, const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(registry); i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return prio_plugin_find(dir ? dir : MP_PLUGIN_DIR, name);
}

const struct prio_ops *prio_lookup(const char *name)
{
	return prio_lookup_in(NULL, name);
}

void prio_ctx_init(struct prio_ctx *ctx, const struct discovery *d,
		   const struct path *pp)
{
	*ctx = (struct prio_ctx){
		.devt = pp->devt,
		.bus = pp->bus,
		.protocol = pp->protocol,
		.hcil = pp->hcil,
		.tpgs = pp->tpgs,
		.sysfs_root = d->sysfs_root ? d->sysfs_root : SYSFS_ROOT_DEFAULT,
		.args = "",
		.timeout_ms = prio_timeout_ms(d, pp),
	};
	snprintf(ctx->dev, sizeof(ctx->dev), "%s", pp->dev);
	snprintf(ctx->serial, sizeof(ctx->serial), "%s", pp->serial);
	snprintf(ctx->tgt_node_name, sizeof(ctx->tgt_node_name), "%s",
		 pp->tgt_node_name);
}

unsigned int prio_timeout_ms(const struct discovery *d, const struct path *pp)
{
	long long t = config_get_int(d->conf, KW_CHECKER_TIMEOUT);
	char buf[32];

	if (t > 0)
		return (unsigned int)t * 1000;
	if (pp->bus == BUS_SCSI &&
	    sysfs_read(d->sysfs_root, buf, sizeof(buf),
		       "class/block/%s/device/timeout", pp->dev) > 0 &&
	    (t = strtol(buf, NULL, 10)) > 0)
		return (unsigned int)t * 1000;
	return DEFAULT_TIMEOUT_MS;
}

int prio_open(const struct prio_ctx *ctx, int flags)
{
	char node[DEV_NAME_SIZE + 8];
	int fd;

	if (!ctx->dev[0] || strchr(ctx->dev, '/'))
		return -EINVAL;
	snprintf(node, sizeof(node), "/dev/%s", ctx->dev);
	fd = open(node, flags | O_CLOEXEC);
	if (fd < 0) {
		fd = -errno;
		prio_log(ctx, 3, "%s: cannot open %s: %s", ctx->dev, node,
			 strerror(-fd));
	}
	return fd;
}

/* ---- messages -------------------------------------------------------------- */

/* ctx->log holds one message a line, each after its level's digit. */
void prio_vlog(const struct prio_ctx *ctx, int level, const char *fmt,
	       va_list ap)
{
	if (level > log_verbosity)
		return;
	if (!ctx->log) {
		log_vmsg(level, fmt, ap);
		return;
	}
	strbuf_addc(ctx->log, (char)('0' + level));
	strbuf_vprintf(ctx->log, fmt, ap);
	strbuf_addc(ctx->log, '\n');
}

void prio_log(const struct prio_ctx *ctx, int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	prio_vlog(ctx, level, fmt, ap);
	va_end(ap);
}

int prio_log_errno(const struct prio_ctx *ctx, int level, int err,
		   const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	err = err < 0 ? -err : err;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	prio_log(ctx, level, "%s: %s", msg, strerror(err));
	return -err;
}

void prio_log_replay(struct strbuf *buf)
{
	const char *line = strbuf_str(buf), *end;

	for (; *line; line = end + 1) {
		end = strchr(line, '\n');
		if (!end)
			break;
		log_msg(line[0] - '0', "%.*s", (int)(end - line - 1), line + 1);
	}
	strbuf_reset(buf);
}
