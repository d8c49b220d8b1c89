/* Printing the configuration in multipath.conf syntax (multipath -t). */
#ifndef MP_CONFIG_DUMP_H
#define MP_CONFIG_DUMP_H

#include <stddef.h>

#include "util/strbuf.h"
#include "util/vector.h"

struct config;
struct hwentry;

/* Optional extras for config_print(). */
struct config_print_opts {
	/* Print only these device entries (NULL: the whole table). */
	const struct hwentry *const *hwes;
	size_t n_hwes;
	/* Always print a multipaths section, even an empty one. */
	int always_multipaths;
	/* Extra lines inside multipaths { } (e.g. bindings as comments). */
	const char *multipaths_extra;
};

/* The merged configuration: defaults, blacklist, blacklist_exceptions,
 * devices, overrides and multipaths, in the reference's layout. */
int config_print(const struct config *conf, struct strbuf *sb,
		 const struct config_print_opts *opts);

/* A map as config_print_local() lists it. */
struct local_map {
	const char *wwid;
	const char *alias;
};

/* The configuration for this host: of the device table only the user's
 * entries and those matched by paths (struct path *, NULL slots
 * skipped); the maps without a multipaths entry are listed in it with
 * their aliases as comments. -ENOMEM. */
int config_print_local(const struct config *conf, struct strbuf *sb,
		       const struct vec *paths, const struct local_map *maps,
		       size_t n_maps);

#endif
