/* External checkers: checker_<name>.so from the plugin directory, loaded
 * by plugin_loader.c through the ABI of checker_plugin.h and wrapped in a
 * checker_ops that runs on the engine's workers. */
#include <stdio.h>

#include "checkers/checker.h"
#include "checkers/checker_plugin.h"
#include "checkers/external.h"
#include "util/plugin_loader.h"
#include "util/log.h"

static const struct mp_checker_plugin *desc_of(const struct check_call *cc)
{
	return cc->ops->plugin;
}

static int plugin_init(struct check_call *cc)
{
	return desc_of(cc)->init(cc->fd, cc->dev, cc->timeout_ms, &cc->ctx);
}

static enum path_state plugin_check(struct check_call *cc)
{
	struct mp_check_args a = {
		.fd = cc->fd, .dev = cc->dev, .timeout_ms = cc->timeout_ms,
		.ctx = cc->ctx,
	};
	const char *msg = NULL;
	int st = desc_of(cc)->check(&a, &msg);

	cc->msg = msg;
	if (st < MP_PATH_WILD || st > MP_PATH_TIMEOUT) {
		cc->note_level = 2;
		snprintf(cc->note, sizeof(cc->note),
			 "%s: %s checker returned an invalid state %d",
			 cc->dev, cc->ops->name, st);
		cc->msg = NULL;
		return PATH_UNCHECKED;
	}
	return (enum path_state)st;
}

/* The checker_ops of a descriptor the loader accepted. */
static bool adopt(const void *desc, const char *path, void *obj)
{
	const struct mp_checker_plugin *d = desc;
	struct checker_ops *ops = obj;

	if (!d->check || d->open_flags < 0) {
		condlog(0, "%s: invalid checker plugin descriptor", path);
		return false;
	}
	*ops = (struct checker_ops){
		.name = d->name,
		.open_flags = d->open_flags,
		.run = CHECK_ON_WORKER,
		.init = d->init ? plugin_init : NULL,
		.free = d->free,
		.check = plugin_check,
		.plugin = d,
	};
	return true;
}

static const struct plugin_kind checker_plugins = {
	.noun = "checker",
	.title = "Checker",
	.prefix = "checker_",
	.symbol = MP_CHECKER_PLUGIN_SYMBOL,
	.abi_version = MP_CHECKER_ABI_VERSION,
	.min_size = sizeof(struct mp_checker_plugin),
	.obj_size = sizeof(struct checker_ops),
	.adopt = adopt,
};

const struct checker_ops *checker_plugin_find(const char *dir,
					      const char *name)
{
	return plugin_find(&checker_plugins, dir, name);
}
