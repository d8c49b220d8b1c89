/* The configuration as it applies to this host (multipath -T, multipathd
 * "show config local"): of the device table, the user's entries and those
 * that match the host's paths; the existing maps in multipaths { }. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/dump.h"
#include "model/path.h"
#include "util/cleanup.h"

static bool hwe_used(const struct hwentry *hwe, const struct vec *paths)
{
	const struct path *pp;
	size_t i;
	unsigned k;

	if (!hwe->builtin)
		return true;
	vec_foreach(paths, pp, i)
		for (k = 0; pp && k < pp->n_hwe; k++)
			if (pp->hwe[k] == hwe)
				return true;
	return false;
}

/* A map without a multipaths entry, its alias as a comment. */
static int map_entry(struct strbuf *sb, const struct local_map *m)
{
	if (strbuf_append(sb, "\tmultipath {\n\t\twwid ") < 0 ||
	    strbuf_append_quoted(sb, m->wwid) < 0 ||
	    strbuf_append(sb, "\n") < 0)
		return -ENOMEM;
	if (m->alias && strcmp(m->alias, m->wwid) &&
	    (strbuf_append(sb, "\t\t# alias ") < 0 ||
	     strbuf_append_quoted(sb, m->alias) < 0 ||
	     strbuf_append(sb, "\n") < 0))
		return -ENOMEM;
	return strbuf_append(sb, "\t}\n") < 0 ? -ENOMEM : 0;
}

int config_print_local(const struct config *conf, struct strbuf *sb,
		       const struct vec *paths, const struct local_map *maps,
		       size_t n_maps)
{
	_cleanup_free_ const struct hwentry **hwes = NULL;
	_cleanup_strbuf_ struct strbuf extra = STRBUF_INIT;
	struct config_print_opts o = { 0 };
	const struct hwentry *hwe;
	size_t i;

	hwes = calloc(conf->hwtable.len + 1, sizeof(*hwes));
	if (!hwes)
		return -ENOMEM;
	vec_foreach(&conf->hwtable, hwe, i)
		if (hwe_used(hwe, paths))
			hwes[o.n_hwes++] = hwe;
	for (i = 0; i < n_maps; i++)
		if (maps[i].wwid[0] && !config_find_mpe(conf, maps[i].wwid) &&
		    map_entry(&extra, &maps[i]) < 0)
			return -ENOMEM;
	o.hwes = hwes;
	o.multipaths_extra = strbuf_str(&extra);
	o.always_multipaths = extra.len > 0;
	return config_print(conf, sb, &o);
}
