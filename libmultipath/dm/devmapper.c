/* libdevmapper wrapper: queries. */
#include <errno.h>
#include <libdevmapper.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dm/devmapper.h"
#include "util/log.h"

__attribute__((format(printf, 5, 6)))
static void dm_log_quiet(int level, const char *file, int line, int dm_errno,
			 const char *fmt, ...)
{
	va_list ap;

	(void)file;
	(void)line;
	(void)dm_errno;
	/* libdevmapper levels: 3 error ... 7 debug; our callers report
	 * failures themselves, so its own errors are debug output (-v4) */
	if (level > 3 || log_verbosity < 4)
		return;
	va_start(ap, fmt);
	log_vmsg(4, fmt, ap);
	va_end(ap);
}

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;

static void do_setup(void)
{
	dm_log_with_errno_init(dm_log_quiet);
	dm_set_name_mangling_mode(DM_STRING_MANGLING_NONE);
	dm_udev_set_sync_support(1);
}

void dm_setup(void)
{
	pthread_once(&setup_once, do_setup);
}

#define _cleanup_dmt_ __attribute__((cleanup(dmt_destroyp)))
static void dmt_destroyp(struct dm_task **t)
{
	if (*t)
		dm_task_destroy(*t);
}

int dm_driver_version(char *buf, size_t len)
{
	_cleanup_dmt_ struct dm_task *t = NULL;

	dm_setup();
	t = dm_task_create(DM_DEVICE_VERSION);
	if (!t)
		return -ENOMEM;
	if (!dm_task_run(t))
		return -ENODEV;
	return dm_task_get_driver_version(t, buf, len) ? 0 : -EIO;
}

int dm_target_version(const char *target, unsigned version[3])
{
	_cleanup_dmt_ struct dm_task *t = NULL;
	struct dm_versions *v, *last;

	dm_setup();
	t = dm_task_create(DM_DEVICE_LIST_VERSIONS);
	if (!t)
		return -ENOMEM;
	if (!dm_task_run(t))
		return -ENODEV;
	v = dm_task_get_versions(t);
	do {
		last = v;
		if (strcmp(v->name, target) == 0) {
			memcpy(version, v->version, sizeof(v->version));
			return 0;
		}
		v = (struct dm_versions *)((char *)v + v->next);
	} while (v != last);
	return -ENOENT;
}

void dm_map_clear(struct dm_map *m)
{
	free(m->name);
	free(m->uuid);
	free(m->target_type);
	free(m->table);
	free(m->status);
	memset(m, 0, sizeof(*m));
}

void dm_map_free(void *p)
{
	if (p) {
		dm_map_clear(p);
		free(p);
	}
}

static int set_target(struct dm_task *t, struct dm_map *m, bool status)
{
	uint64_t start, length;
	char *type = NULL, *params = NULL;
	void *next;
	unsigned n = 0;

	next = NULL;
	do {
		next = dm_get_next_target(t, next, &start, &length, &type,
					  &params);
		if (!type)
			break;
		if (n++ == 0) {
			if (status) {
				m->status = strdup(params ? params : "");
				if (!m->status)
					return -ENOMEM;
				continue;
			}
			m->size = length;
			m->target_type = strdup(type);
			m->table = strdup(params ? params : "");
			if (!m->target_type || !m->table)
				return -ENOMEM;
		} else if (!status) {
			m->size += length;
		}
	} while (next);
	if (!status)
		m->target_count = n;
	return 0;
}

/* The map to query: by name, by uuid, or by device number. */
struct dm_key {
	const char *name;
	const char *uuid;
	unsigned major, minor;
};

static int run_query(int cmd, const struct dm_key *key, struct dm_map *m,
		     bool status)
{
	_cleanup_dmt_ struct dm_task *t = NULL;
	struct dm_info info;
	const char *uuid;

	t = dm_task_create(cmd);
	if (!t)
		return -ENOMEM;
	if (key->name ? !dm_task_set_name(t, key->name) :
	    key->uuid ? !dm_task_set_uuid(t, key->uuid) :
		(!dm_task_set_major(t, (int)key->major) ||
		 !dm_task_set_minor(t, (int)key->minor)))
		return -EINVAL;
	dm_task_no_open_count(t);
	if (!dm_task_run(t)) {
		int err = dm_task_get_errno(t);

		return err ? -err : -EIO;
	}
	if (!dm_task_get_info(t, &info) || !info.exists)
		return -ENXIO;
	if (!m->name) {
		const char *n = dm_task_get_name(t);

		m->name = strdup(n ? n : "");
		uuid = dm_task_get_uuid(t);
		m->uuid = strdup(uuid ? uuid : "");
		if (!m->name || !m->uuid)
			return -ENOMEM;
	}
	m->exists = true;
	m->major = info.major;
	m->minor = info.minor;
	m->suspended = info.suspended;
	m->read_only = info.read_only;
	m->event_nr = info.event_nr;
	if (cmd == DM_DEVICE_INFO)
		return 0;
	return set_target(t, m, status);
}

/* INFO with open count (the table / status queries skip it) */
static int query_open_count(struct dm_map *m)
{
	_cleanup_dmt_ struct dm_task *t = dm_task_create(DM_DEVICE_INFO);
	struct dm_info info;

	if (!t)
		return -ENOMEM;
	if (!dm_task_set_name(t, m->name) || !dm_task_run(t) ||
	    !dm_task_get_info(t, &info) || !info.exists)
		return -ENXIO;
	m->open_count = info.open_count;
	return 0;
}

static int map_get(const struct dm_key *key, bool want_tables,
		   struct dm_map *m)
{
	int r;

	dm_setup();
	memset(m, 0, sizeof(*m));
	if (want_tables) {
		r = run_query(DM_DEVICE_TABLE, key, m, false);
		if (r == 0) {
			struct dm_key by_name = { .name = m->name };

			r = run_query(DM_DEVICE_STATUS, &by_name, m, true);
		}
	} else {
		r = run_query(DM_DEVICE_INFO, key, m, false);
	}
	if (r == 0)
		r = query_open_count(m);
	if (r < 0)
		dm_map_clear(m);
	return r;
}

int dm_map_get(const char *name, bool want_tables, struct dm_map *m)
{
	struct dm_key key = { .name = name };

	return map_get(&key, want_tables, m);
}

int dm_map_get_by_uuid(const char *uuid, bool want_tables, struct dm_map *m)
{
	struct dm_key key = { .uuid = uuid };

	return map_get(&key, want_tables, m);
}

int dm_map_get_by_devt(unsigned major, unsigned minor, bool want_tables,
		       struct dm_map *m)
{
	struct dm_key key = { .major = major, .minor = minor };

	return map_get(&key, want_tables, m);
}

bool dm_map_is_multipath(const struct dm_map *m)
{
	return m->target_count == 1 && m->target_type &&
	       strcmp(m->target_type, DM_TARGET_MULTIPATH) == 0;
}

bool dm_is_multipath(const char *name)
{
	struct dm_map m;
	bool yes;

	if (dm_map_get(name, true, &m) < 0)
		return false;
	yes = dm_map_is_multipath(&m);
	dm_map_clear(&m);
	return yes;
}

int dm_list_maps(bool multipath_only, struct vec *out)
{
	_cleanup_dmt_ struct dm_task *t = NULL;
	struct dm_names *names;
	unsigned next = 0;
	int r;

	dm_setup();
	t = dm_task_create(DM_DEVICE_LIST);
	if (!t)
		return -ENOMEM;
	if (!dm_task_run(t))
		return -ENODEV;
	names = dm_task_get_names(t);
	if (!names || !names->dev)
		return 0;
	do {
		struct dm_map *m;

		names = (struct dm_names *)((char *)names + next);
		m = calloc(1, sizeof(*m));
		if (!m)
			return -ENOMEM;
		if (multipath_only) {
			r = dm_map_get(names->name, true, m);
			if (r == -ENXIO) {	/* removed meanwhile */
				free(m);
				next = names->next;
				continue;
			}
			if (r < 0) {
				free(m);
				return log_errno(0, r, "%s: cannot read map",
						 names->name);
			}
			if (!dm_map_is_multipath(m)) {
				dm_map_free(m);
				next = names->next;
				continue;
			}
		} else {
			m->name = strdup(names->name);
			m->major = major(names->dev);
			m->minor = minor(names->dev);
			m->exists = true;
			if (!m->name) {
				free(m);
				return -ENOMEM;
			}
		}
		if (vec_push(out, m) < 0) {
			dm_map_free(m);
			return -ENOMEM;
		}
		next = names->next;
	} while (next);
	return 0;
}
