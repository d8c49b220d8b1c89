/* The name of a map. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "dm/devmapper.h"
#include "map/alias.h"
#include "map/naming.h"
#include "map/select.h"
#include "model/map.h"
#include "util/file.h"
#include "util/log.h"

struct taken_ctx {
	const char *wwid;
	const struct vec *names;	/* given to other maps in this run */
};

/* a name another map (another WWID) already has, or was just given */
static bool name_taken(const char *alias, void *ud)
{
	const struct taken_ctx *c = ud;
	const char *wwid = c->wwid;
	const char *n;
	struct dm_map m;
	bool taken;
	size_t i;

	if (c->names)
		vec_foreach(c->names, n, i)
			if (strcmp(n, alias) == 0)
				return true;
	if (dm_map_get(alias, false, &m) < 0)
		return false;
	taken = strncmp(m.uuid, MPATH_UUID_PREFIX, strlen(MPATH_UUID_PREFIX)) ||
		strcmp(m.uuid + strlen(MPATH_UUID_PREFIX), wwid);
	dm_map_clear(&m);
	return taken;
}

/* The name alias_allocate() would give, without writing (dry run). */
static int peek_allocation(const char *file, struct taken_ctx *tc,
			   const char *prefix, char **alias)
{
	struct bindings b = BINDINGS_INIT;
	_cleanup_free_ char *text = NULL;
	char buf[256];
	size_t len = 0;
	int idx, r;

	r = file_read_all(file, 64 << 20, &text, &len);
	if (r < 0 && r != -ENOENT)
		return r;
	r = bindings_parse(text ? text : "", len, NULL, NULL, &b);
	if (r < 0)
		return r;
	idx = bindings_next_index(&b, prefix, name_taken, tc);
	bindings_free(&b);
	if (idx < 0)
		return idx;
	r = alias_format(prefix, (unsigned)idx, buf, sizeof(buf));
	if (r < 0)
		return r;
	*alias = strdup(buf);
	return *alias ? 0 : -ENOMEM;
}

int select_alias(const struct config *conf, struct multipath *mpp,
		 const struct kvset *cmdline, const char *existing_name,
		 bool read_only, bool dry_run, const struct vec *taken,
		 struct bindings_cache *bc)
{
	struct taken_ctx tc = { mpp->wwid, taken };
	struct prop_scope s = map_scope(conf, mpp, cmdline);
	const char *file = config_get_str(conf, KW_BINDINGS_FILE);
	const char *prefix, *origin;
	const char *a;
	char *alias = NULL;
	int r;

	free(mpp->alias);
	mpp->alias = NULL;
	if (mpp->mpe && (a = kvset_str(&mpp->mpe->kv, KW_ALIAS))) {
		alias = strdup(a);
		origin = origin_name(ORIGIN_MULTIPATHS);
		goto out;
	}
	mpp->user_friendly_names = prop_int(&s, KW_USER_FRIENDLY_NAMES, 0, NULL);
	if (!mpp->user_friendly_names) {
		alias = strdup(mpp->wwid);
		origin = "(setting: default to WWID)";
		goto out;
	}
	prefix = prop_str(&s, KW_ALIAS_PREFIX, NULL);
	if (!prefix)
		prefix = "mpath";
	r = bc ? alias_lookup_cached(bc, file, mpp->wwid, &alias) :
		 alias_lookup(file, mpp->wwid, prefix, &alias);
	if (r == 0) {
		origin = "(setting: user_friendly_name)";
		goto out;
	}
	/* an existing map keeps its friendly name when the file allows */
	if (existing_name &&
	    alias_use_existing(file, mpp->wwid, prefix, existing_name,
			       read_only || dry_run, &alias) == 0) {
		origin = "(setting: using existing alias)";
		goto out;
	}
	if (read_only) {
		alias = strdup(mpp->wwid);
		origin = "(setting: default to WWID)";
		goto out;
	}
	if (dry_run)
		r = peek_allocation(file, &tc, prefix, &alias);
	else
		r = alias_allocate(file, mpp->wwid, prefix, name_taken, &tc,
				   &alias);
	if (r < 0) {
		condlog(1, "%s: cannot allocate a user friendly name: %s; using the WWID",
			mpp->wwid, strerror(-r));
		alias = strdup(mpp->wwid);
		origin = "(setting: default to WWID)";
		goto out;
	}
	origin = "(setting: user_friendly_name)";
out:
	if (!alias)
		return -ENOMEM;
	mpp->alias = alias;
	condlog(3, "%s: alias = %s %s", mpp->wwid, alias, origin);
	return 0;
}
