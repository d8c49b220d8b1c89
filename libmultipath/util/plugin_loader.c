/* Plugins of every kind: dlopen() of <dir>/<prefix><name>.so, the
 * descriptor symbol, its ABI version and size, then the kind's own
 * checks; one cache and one lock for all kinds. */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/plugin_loader.h"
#include "util/log.h"

struct loaded {
	struct loaded *next;
	const struct plugin_kind *kind;
	char path[PATH_MAX];
	const void *obj;
};

/* never unloaded: their code and strings may be in use */
static struct loaded *loaded;
static pthread_mutex_t loaded_lock = PTHREAD_MUTEX_INITIALIZER;

bool plugin_name_valid(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n < 32 &&
	       strspn(name, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n;
}

/* The descriptor's common fields, checked; false (logged) if they do not
 * fit the kind. */
static bool head_fits(const struct plugin_kind *k, const void *desc,
		      const char *path, const char *name)
{
	struct plugin_head h;

	memcpy(&h, desc, sizeof(h));
	if (h.abi_version != k->abi_version || h.size < k->min_size) {
		condlog(0, "%s: %s plugin ABI %u (size %u), not %u", path,
			k->noun, h.abi_version, h.size, k->abi_version);
		return false;
	}
	if (!h.name || strcmp(h.name, name) != 0) {
		condlog(0, "%s: invalid %s plugin descriptor", path, k->noun);
		return false;
	}
	return true;
}

/* What k makes of the descriptor in the file h was opened from, or NULL
 * (logged). */
static void *adopt(const struct plugin_kind *k, void *h, const char *path,
		   const char *name)
{
	const void *desc = dlsym(h, k->symbol);
	void *obj;

	if (!desc) {
		condlog(0, "%s: not a %s plugin (no %s)", path, k->noun,
			k->symbol);
		return NULL;
	}
	if (!head_fits(k, desc, path, name))
		return NULL;
	obj = calloc(1, k->obj_size);
	if (obj && !k->adopt(desc, path, obj)) {
		free(obj);
		return NULL;
	}
	return obj;
}

static const void *load(const struct plugin_kind *k, const char *dir,
			const char *path, const char *name)
{
	struct loaded *l = NULL;
	void *h, *obj;

	if (access(path, F_OK) < 0) {
		condlog(0, "%s '%s' not found in %s", k->title, name, dir);
		return NULL;
	}
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		condlog(0, "%s: cannot load %s plugin: %s", path, k->noun,
			dlerror());
		return NULL;
	}
	obj = adopt(k, h, path, name);
	if (obj)
		l = calloc(1, sizeof(*l));
	if (!l) {
		free(obj);
		dlclose(h);
		return NULL;
	}
	l->kind = k;
	snprintf(l->path, sizeof(l->path), "%s", path);
	l->obj = obj;
	l->next = loaded;
	loaded = l;
	condlog(3, "loaded %s %s from %s", k->noun, name, path);
	return obj;
}

const void *plugin_find(const struct plugin_kind *k, const char *dir,
			const char *name)
{
	const void *obj = NULL;
	char path[PATH_MAX];
	struct loaded *l;

	if (!plugin_name_valid(name)) {
		condlog(0, "%s '%s' not found in %s", k->title, name, dir);
		return NULL;
	}
	if (snprintf(path, sizeof(path), "%s/%s%s.so", dir, k->prefix, name) >=
	    (int)sizeof(path))
		return NULL;
	pthread_mutex_lock(&loaded_lock);
	for (l = loaded; l && !obj; l = l->next)
		if (l->kind == k && strcmp(l->path, path) == 0)
			obj = l->obj;
	if (!obj)
		obj = load(k, dir, path, name);
	pthread_mutex_unlock(&loaded_lock);
	return obj;
}
