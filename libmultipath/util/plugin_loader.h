/* The one loader of plugins, for external checkers and prioritizers:
 * <dir>/<prefix><name>.so exporting a versioned descriptor, loaded once
 * per process and never unloaded. */
#ifndef MP_UTIL_PLUGIN_LOADER_H
#define MP_UTIL_PLUGIN_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every plugin ABI's descriptor starts with these fields, in this order
 * (checker_plugin.h, prio_plugin.h); the loader checks them, the kind's
 * adopt() the rest.
 */
struct plugin_head {
	uint32_t abi_version;
	uint32_t size;		/* the descriptor's size as the plugin knows it */
	const char *name;
};

struct plugin_kind {
	const char *noun;	/* "checker": in messages */
	const char *title;	/* "Checker": the reference's "Checker 'x'
				 * not found in dir" */
	const char *prefix;	/* of the file name: "checker_" */
	const char *symbol;	/* of the descriptor: "mp_checker_plugin" */
	uint32_t abi_version;
	uint32_t min_size;	/* the descriptor's size in this version */
	size_t obj_size;	/* what the kind makes of a descriptor ... */
	/* ... filled in (obj is zeroed, kept for the life of the process)
	 * from a descriptor that passed the common checks; false when it
	 * does not fit, after logging that about path. */
	bool (*adopt)(const void *desc, const char *path, void *obj);
};

/* A name a plugin file may carry: letters, digits, '_' and '-'. */
bool plugin_name_valid(const char *name);

/* What the kind made of <dir>/<prefix><name>.so, loaded at the first
 * call; NULL when there is none or it does not fit the kind's ABI (logged
 * at level 0, naming the file). Thread-safe. */
const void *plugin_find(const struct plugin_kind *k, const char *dir,
			const char *name);

#endif
