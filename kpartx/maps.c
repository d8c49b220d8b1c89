/* The partition maps of a device: listed, created or reloaded, renamed
 * when found under another name, removed. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/devmapper.h"
#include "dm/partmaps.h"
#include "kpartx.h"
#include "util/cleanup.h"
#include "util/log.h"

/* Fixed by the reference: udev rules and older kpartx versions know
 * partition maps of plain devices by this uuid. */
#define NONDM_UUID_PREFIX "devnode"
#define NONDM_UUID_SUFFIX "Wh5pYvM"

char *kpx_nondm_uuid(unsigned major, unsigned minor)
{
	char *s;

	if (asprintf(&s, NONDM_UUID_PREFIX "_%u:%u_" NONDM_UUID_SUFFIX,
		     major, minor) < 0)
		return NULL;
	return s;
}

const char *kpx_default_delim(const char *name)
{
	size_t n = strlen(name);

	return n && isdigit((unsigned char)name[n - 1]) ? "p" : "";
}

int kpx_part_name(const struct kpx_parent *p, unsigned num, char *buf,
		  size_t len)
{
	int n = snprintf(buf, len, "%s%s%u", p->name, p->delim, num);
	char *s;

	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	for (s = buf; *s; s++)
		if (*s == '/')
			*s = '!';
	return 0;
}

/* Slices to map: non-empty ones, those that lie in no other first (the
 * reference's order, which -l shows). */
static bool slice_pass(const struct pt_slice *s, int pass)
{
	return s->size && (pass == 0) == (s->container == 0);
}

void kpx_list(const struct kpx_parent *p, const struct pt_table *t)
{
	unsigned *ordinal;
	unsigned next = 0;
	size_t i;
	int pass;

	ordinal = calloc(t->n ? t->n : 1, sizeof(*ordinal));
	if (!ordinal)
		return;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < t->n; i++) {
			const struct pt_slice *s = &t->s[i], *c;
			char name[512];

			if (!slice_pass(s, pass) ||
			    kpx_part_name(p, s->num, name, sizeof(name)) < 0)
				continue;
			ordinal[i] = next++;
			if (pass == 0) {
				printf("%s : 0 %" PRIu64 " %s %" PRIu64 "\n",
				       name, s->size, p->path, s->start);
				continue;
			}
			/* the reference's form for a slice in another: the
			 * container by its place in this list, the start
			 * relative to it */
			c = pt_find(t, s->container);
			printf("%s : 0 %" PRIu64 " /dev/dm-%u %" PRIu64 "\n",
			       name, s->size, ordinal[c - t->s],
			       s->start - c->start);
		}
	}
	free(ordinal);
}

/* An existing map called name: may we take it over? */
static bool may_take(const struct kpx_parent *p, const char *name,
		     const char *uuid)
{
	const char *dash = strchr(uuid, '-');

	if (!*uuid || !p->uuid)
		return true;
	if (strncmp(uuid, PARTMAP_UUID_PREFIX, strlen(PARTMAP_UUID_PREFIX)) ||
	    !dash) {
		condlog(0, "%s is already in use, and not a kpartx partition",
			name);
		return false;
	}
	if (strcmp(dash + 1, p->uuid)) {
		condlog(0, "%s is already in use, and a partition of a "
			"different device", name);
		return false;
	}
	return true;
}

/* A map of an earlier run under another name (other delimiter, parent
 * renamed): renamed to name. 1 when renamed, 0 when there is none. */
static int take_renamed(const struct kpx_opts *o, const struct kpx_parent *p,
			unsigned num, const char *name,
			struct dm_cookie *cookie)
{
	_cleanup_free_ char *uuid = NULL;
	struct dm_map m;
	int r;

	if (!p->uuid)
		return 0;
	uuid = partmap_uuid(num, p->uuid);
	if (!uuid)
		return -ENOMEM;
	if (dm_map_get_by_uuid(uuid, true, &m) < 0)
		return 0;
	r = 0;
	if (m.target_count == 1 && streq(m.target_type, "linear") &&
	    linear_table_on(m.table, p->major, p->minor, NULL)) {
		if (o->verbose)
			condlog(2, "found map %s for uuid %s, renaming to %s",
				m.name, uuid, name);
		r = dm_rename(m.name, name, cookie);
		r = r < 0 ? r : 1;
	}
	dm_map_clear(&m);
	return r;
}

static int add_one(const struct kpx_opts *o, const struct kpx_parent *p,
		   const struct pt_slice *s, struct dm_cookie *cookie)
{
	char name[512], params[64];
	struct dm_target_spec spec = {
		.start = 0, .length = s->size, .type = "linear",
		.params = params,
	};
	struct dm_map m;
	bool ro = o->read_only || p->read_only;
	int r;

	if (kpx_part_name(p, s->num, name, sizeof(name)) < 0) {
		condlog(0, "%s: partition %u: map name too long", p->name,
			s->num);
		return -ENAMETOOLONG;
	}
	snprintf(params, sizeof(params), "%u:%u %" PRIu64, p->major, p->minor,
		 s->start);

	r = dm_map_get(name, true, &m);
	if (r == -ENXIO) {
		r = take_renamed(o, p, s->num, name, cookie);
		if (r < 0)
			return r;
		if (r > 0)
			r = dm_map_get(name, true, &m);
		else
			r = -ENXIO;
	}
	if (r == 0) {
		bool same = m.target_count == 1 &&
			    streq(m.target_type, "linear") &&
			    streq(m.table, params) && m.size == s->size &&
			    m.read_only == ro;

		if (!may_take(p, name, m.uuid)) {
			dm_map_clear(&m);
			return -EEXIST;
		}
		dm_map_clear(&m);
		r = same ? 0 : dm_reload(name, &spec, 1, ro, 0, cookie);
	} else if (r == -ENXIO) {
		_cleanup_free_ char *uuid = NULL;
		struct dm_create_opts co = {
			.read_only = ro, .set_mode = true, .mode = p->mode,
			.uid = p->uid, .gid = p->gid,
		};

		if (p->uuid) {
			uuid = partmap_uuid(s->num, p->uuid);
			if (!uuid)
				return -ENOMEM;
		}
		co.uuid = uuid;
		r = dm_create(name, &spec, 1, &co, cookie);
	}
	if (r < 0) {
		condlog(0, "create/reload failed on %s", name);
		return r;
	}
	if (o->verbose && dm_map_get(name, false, &m) == 0) {
		printf("add map %s (%u:%u): 0 %" PRIu64 " linear %s\n", name,
		       m.major, m.minor, s->size, params);
		dm_map_clear(&m);
	}
	return 0;
}

/* -u: maps of partitions no longer in the table go */
static int remove_gone(const struct kpx_opts *o, const struct kpx_parent *p,
		       const struct pt_table *t, struct dm_cookie *cookie)
{
	struct vec pms = VEC_INIT;
	struct partmap *pm;
	size_t i;
	int fails = 0;

	if (!p->uuid || dm_list_partmaps(NULL, p->major, p->minor, p->uuid, &pms) < 0) {
		vec_free(&pms, partmap_free);
		return 0;
	}
	vec_foreach(&pms, pm, i) {
		const struct pt_slice *s = pt_find(t, pm->part);

		if (s && s->size)
			continue;
		if (dm_remove(pm->name, false, cookie) < 0) {
			condlog(0, "failed to remove %s", pm->name);
			fails++;
		} else if (o->verbose) {
			printf("del devmap : %s\n", pm->name);
		}
	}
	vec_free(&pms, partmap_free);
	return fails;
}

int kpx_add(const struct kpx_opts *o, const struct kpx_parent *p,
	    const struct pt_table *t, struct dm_cookie *cookie)
{
	int pass, fails = 0;
	size_t i;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < t->n; i++)
			if (slice_pass(&t->s[i], pass) &&
			    add_one(o, p, &t->s[i], cookie) < 0)
				fails++;
	if (o->action == KPX_UPDATE)
		fails += remove_gone(o, p, t, cookie);
	return fails;
}

int kpx_delete(const struct kpx_opts *o, const struct kpx_parent *p,
	       struct dm_cookie *cookie)
{
	struct vec pms = VEC_INIT;
	struct partmap *pm;
	int fails = 0;
	size_t i;

	if (dm_list_partmaps(NULL, p->major, p->minor, p->uuid, &pms) < 0) {
		vec_free(&pms, partmap_free);
		return 1;
	}
	vec_foreach(&pms, pm, i) {
		/* partition maps of this partition map first */
		if (pm->uuid && *pm->uuid &&
		    dm_remove_partmaps_of(NULL, pm->major, pm->minor, pm->uuid,
					  false, cookie) < 0) {
			fails++;
			break;
		}
		if (dm_remove(pm->name, false, cookie) < 0) {
			condlog(0, "%s is in use. Not removing", pm->name);
			fails++;
			break;
		}
		if (o->verbose)
			printf("del devmap : %s\n", pm->name);
	}
	vec_free(&pms, partmap_free);
	return fails;
}
