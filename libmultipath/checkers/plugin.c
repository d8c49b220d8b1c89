/* External checkers: checker_<name>.so from the plugin directory, loaded
 * once per process through the ABI of checker_plugin.h. */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "checkers/checker_plugin.h"
#include "checkers/plugin.h"
#include "util/log.h"

struct plugin_entry {
	struct plugin_entry *next;
	char path[PATH_MAX];
	struct checker_ops ops;
};

/* loaded plugins: never unloaded, their messages may be in use */
static struct plugin_entry *plugins;
static pthread_mutex_t plugins_lock = PTHREAD_MUTEX_INITIALIZER;

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

bool checker_name_valid(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n >= 32)
		return false;
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", name[i]))
			return false;
	return true;
}

/* A plugin's descriptor, checked against our ABI; NULL (logged) if not. */
static const struct mp_checker_plugin *plugin_desc(void *h, const char *path,
						   const char *name)
{
	const struct mp_checker_plugin *d;

	d = dlsym(h, MP_CHECKER_PLUGIN_SYMBOL);
	if (!d) {
		condlog(0, "%s: not a checker plugin (no %s)", path,
			MP_CHECKER_PLUGIN_SYMBOL);
		return NULL;
	}
	if (d->abi_version != MP_CHECKER_ABI_VERSION ||
	    d->size < sizeof(*d)) {
		condlog(0, "%s: checker plugin ABI %u (size %u), not %u", path,
			d->abi_version, d->size, MP_CHECKER_ABI_VERSION);
		return NULL;
	}
	if (!d->name || strcmp(d->name, name) || !d->check ||
	    d->open_flags < 0) {
		condlog(0, "%s: invalid checker plugin descriptor", path);
		return NULL;
	}
	return d;
}

static const struct checker_ops *plugin_load(const char *dir,
					     const char *path,
					     const char *name)
{
	const struct mp_checker_plugin *d;
	struct plugin_entry *p;
	void *h;

	if (access(path, F_OK) < 0) {
		condlog(0, "Checker '%s' not found in %s", name, dir);
		return NULL;
	}
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		condlog(0, "%s: cannot load checker plugin: %s", path,
			dlerror());
		return NULL;
	}
	d = plugin_desc(h, path, name);
	p = d ? calloc(1, sizeof(*p)) : NULL;
	if (!p) {
		dlclose(h);
		return NULL;
	}
	snprintf(p->path, sizeof(p->path), "%s", path);
	p->ops = (struct checker_ops){
		.name = d->name,
		.open_flags = d->open_flags,
		.run = CHECK_ON_WORKER,
		.init = d->init ? plugin_init : NULL,
		.free = d->free,
		.check = plugin_check,
		.plugin = d,
	};
	condlog(3, "loaded checker %s from %s", name, path);
	p->next = plugins;
	plugins = p;
	return &p->ops;
}

const struct checker_ops *checker_plugin_find(const char *dir,
					      const char *name)
{
	const struct checker_ops *ops = NULL;
	struct plugin_entry *p;
	char path[PATH_MAX];

	if (!checker_name_valid(name)) {
		condlog(0, "Checker '%s' not found in %s", name, dir);
		return NULL;
	}
	if (snprintf(path, sizeof(path), "%s/checker_%s.so", dir, name) >=
	    (int)sizeof(path))
		return NULL;
	pthread_mutex_lock(&plugins_lock);
	for (p = plugins; p && !ops; p = p->next)
		if (!strcmp(p->path, path))
			ops = &p->ops;
	if (!ops)
		ops = plugin_load(dir, path, name);
	pthread_mutex_unlock(&plugins_lock);
	return ops;
}
