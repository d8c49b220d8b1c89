/* External prioritizers: prio_<name>.so from the plugin directory, loaded
 * by the plugin loader through the ABI of prio_plugin.h and wrapped in a
 * prio_ops that runs on the engine's workers like the built-ins. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>

#include "util/plugin_loader.h"
#include "prio/prio.h"
#include "prio/prio_plugin.h"
#include "util/log.h"

static const struct prio_ctx *ctx_of(const struct mp_prio_args *a)
{
	return a->internal;
}

static int args_open(const struct mp_prio_args *a, int flags)
{
	int fd = open(a->devnode, flags | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static void args_log(const struct mp_prio_args *a, int level,
		     const char *fmt, ...) MP_PRIO_PRINTF(3, 4);
static void args_log(const struct mp_prio_args *a, int level,
		     const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (level > log_verbosity)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	prio_log(ctx_of(a), level, "%s: %s", a->dev, msg);
}

static int plugin_getprio(const struct prio_ctx *ctx)
{
	const struct mp_prio_plugin *d = ctx->ops->plugin;
	char node[DEV_NAME_SIZE + 8];
	struct mp_prio_args a = {
		.size = sizeof(a),
		.dev = ctx->dev,
		.devnode = node,
		.devt = ctx->devt,
		.args = ctx->args,
		.timeout_ms = ctx->timeout_ms,
		.sysfs_root = ctx->sysfs_root,
		.open_dev = args_open,
		.log = args_log,
		.internal = (void *)ctx,
	};
	int prio;

	snprintf(node, sizeof(node), "/dev/%s", ctx->dev);
	prio = d->getprio(&a);
	/* only errnos count as errors */
	return prio < -4095 ? -EINVAL : prio;
}

/* The prio_ops of a descriptor the loader accepted. */
static bool adopt(const void *desc, const char *path, void *obj)
{
	const struct mp_prio_plugin *d = desc;
	struct prio_ops *ops = obj;

	if (!d->getprio) {
		condlog(0, "%s: invalid prioritizer plugin descriptor", path);
		return false;
	}
	*ops = (struct prio_ops){
		.name = d->name,
		.getprio = plugin_getprio,
		.plugin = d,
	};
	return true;
}

static const struct plugin_kind prio_plugins = {
	.noun = "prioritizer",
	.title = "Prioritizer",
	.prefix = "prio_",
	.symbol = MP_PRIO_PLUGIN_SYMBOL,
	.abi_version = MP_PRIO_ABI_VERSION,
	.min_size = sizeof(struct mp_prio_plugin),
	.obj_size = sizeof(struct prio_ops),
	.adopt = adopt,
};

const struct prio_ops *prio_plugin_find(const char *dir, const char *name)
{
	return plugin_find(&prio_plugins, dir, name);
}
