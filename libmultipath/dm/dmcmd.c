/* libdevmapper wrapper: commands that change maps. */
#include <errno.h>
#include <libdevmapper.h>
#include <string.h>

#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "util/log.h"

static void dmt_destroyp(struct dm_task **t)
{
	if (*t)
		dm_task_destroy(*t);
}
#define _cleanup_dmt_ __attribute__((cleanup(dmt_destroyp)))

/* Why the task failed. A create with a table runs several ioctls, and
 * libdevmapper does not always pass the failed one's error on (a table
 * refused with EROFS is undone by a remove that succeeds): errno still
 * holds it then. */
static int task_errno(struct dm_task *t, int err)
{
	int e = dm_task_get_errno(t);

	if (!e)
		e = err;
	return e ? -e : -EIO;
}

/* Attach udev synchronisation: to the shared cookie, or to a local one
 * waited for right away by run_task(). */
static int set_cookie(struct dm_task *t, struct dm_cookie *c, uint32_t *local,
		      uint16_t flags)
{
	uint32_t *v = c ? &c->value : local;

	flags |= DM_UDEV_DISABLE_LIBRARY_FALLBACK;
	if (!dm_task_set_cookie(t, v, flags))
		return -EIO;
	if (c)
		c->used = true;
	return 0;
}

/* -EBUSY is the caller's to report, and so is -EROFS of a read-write
 * attempt, which is retried read-only. */
static int run_task(struct dm_task *t, const char *name, const char *what,
		    struct dm_cookie *c, uint32_t local, bool synced,
		    bool read_only)
{
	int r = 0;

	errno = 0;
	if (!dm_task_run(t)) {
		r = task_errno(t, errno);
		if (r != -EBUSY && (r != -EROFS || read_only))
			condlog(0, "%s: %s failed: %s", name, what, strerror(-r));
	}
	/* A failed task dropped its own reference to the cookie, but the
	 * waiter's is still there: waiting also frees the semaphore. */
	if (synced && !c)
		dm_udev_wait(local);
	return r;
}

static int add_targets(struct dm_task *t, const struct dm_target_spec *s,
		       unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (!dm_task_add_target(t, s[i].start, s[i].length, s[i].type,
					s[i].params))
			return -ENOMEM;
	return 0;
}

static int create_once(const char *name, const struct dm_target_spec *s,
		       unsigned n, const struct dm_create_opts *o,
		       bool read_only, struct dm_cookie *cookie)
{
	_cleanup_dmt_ struct dm_task *t = NULL;
	uint32_t local = 0;
	int r;

	dm_setup();
	t = dm_task_create(DM_DEVICE_CREATE);
	if (!t)
		return -ENOMEM;
	if (!dm_task_set_name(t, name) ||
	    (o->uuid && !dm_task_set_uuid(t, o->uuid)) ||
	    (read_only && !dm_task_set_ro(t)))
		return -EINVAL;
	if (o->set_mode && (!dm_task_set_mode(t, o->mode) ||
			    !dm_task_set_uid(t, o->uid) ||
			    !dm_task_set_gid(t, o->gid)))
		return -EINVAL;
	r = add_targets(t, s, n);
	if (r == 0)
		r = set_cookie(t, cookie, &local, o->udev_flags);
	if (r < 0)
		return r;
	dm_task_no_open_count(t);
	return run_task(t, name, "create", cookie, local, true, read_only);
}

int dm_create(const char *name, const struct dm_target_spec *s, unsigned n,
	      const struct dm_create_opts *o, struct dm_cookie *cookie)
{
	int r = create_once(name, s, n, o, o->read_only, cookie);

	/* a write-protected LUN: its paths open read-only */
	if (r == -EROFS && !o->read_only) {
		condlog(2, "%s: device is read-only, creating the map read-only",
			name);
		r = create_once(name, s, n, o, true, cookie);
	}
	return r;
}

static int simple(int cmd, const char *name, const char *what, bool noflush,
		  bool skip_lockfs, bool deferred, uint16_t udev_flags,
		  bool sync, struct dm_cookie *cookie)
{
	_cleanup_dmt_ struct dm_task *t = NULL;
	uint32_t local = 0;
	int r;

	dm_setup();
	t = dm_task_create(cmd);
	if (!t)
		return -ENOMEM;
	if (!dm_task_set_name(t, name))
		return -EINVAL;
	if ((noflush && !dm_task_no_flush(t)) ||
	    (skip_lockfs && !dm_task_skip_lockfs(t)) ||
	    (deferred && !dm_task_deferred_remove(t)))
		return -EINVAL;
	dm_task_no_open_count(t);
	if (sync) {
		r = set_cookie(t, cookie, &local, udev_flags);
		if (r < 0)
			return r;
	}
	return run_task(t, name, what, cookie, local, sync, false);
}

static int load_once(const char *name, const struct dm_target_spec *s,
		     unsigned n, bool read_only)
{
	_cleanup_dmt_ struct dm_task *t = NULL;
	int r;

	dm_setup();
	t = dm_task_create(DM_DEVICE_RELOAD);
	if (!t)
		return -ENOMEM;
	if (!dm_task_set_name(t, name) || (read_only && !dm_task_set_ro(t)))
		return -EINVAL;
	r = add_targets(t, s, n);
	if (r < 0)
		return r;
	dm_task_no_open_count(t);
	return run_task(t, name, "reload", NULL, 0, false, read_only);
}

static bool is_suspended(const char *name)
{
	struct dm_map m;
	bool suspended;

	if (dm_map_get(name, false, &m) < 0)
		return false;
	suspended = m.suspended;
	dm_map_clear(&m);
	return suspended;
}

int dm_reload(const char *name, const struct dm_target_spec *s, unsigned n,
	      bool read_only, uint16_t udev_flags, struct dm_cookie *cookie)
{
	int r = load_once(name, s, n, read_only);

	if (r == -EROFS && !read_only) {
		condlog(2, "%s: device is read-only, loading the table read-only",
			name);
		r = load_once(name, s, n, true);
	}
	if (r < 0)
		return r;
	r = simple(DM_DEVICE_RESUME, name, "resume", true, true, false,
		   udev_flags | MPATH_UDEV_RELOAD_FLAG, true, cookie);
	if (r == 0)
		return 0;
	/*
	 * The kernel suspended the map, could not swap in the new table and
	 * dropped it: the map stays suspended, freezing its I/O, until it is
	 * resumed with the table it had.
	 */
	if (is_suspended(name)) {
		condlog(0, "%s: the new table was refused, resuming the map with its previous table",
			name);
		if (simple(DM_DEVICE_RESUME, name, "resume", false, false,
			   false, udev_flags | MPATH_UDEV_RELOAD_FLAG, true,
			   cookie) < 0)
			condlog(0, "%s: the map stays suspended", name);
	} else {
		/* drop an inactive table so that a later reload starts clean */
		simple(DM_DEVICE_CLEAR, name, "clear", false, false, false, 0,
		       false, NULL);
	}
	return r;
}

int dm_remove(const char *name, bool deferred, struct dm_cookie *cookie)
{
	return simple(DM_DEVICE_REMOVE, name, "remove", false, false, deferred,
		      0, true, cookie);
}

int dm_suspend(const char *name, bool noflush)
{
	return simple(DM_DEVICE_SUSPEND, name, "suspend", noflush, noflush,
		      false, 0, false, NULL);
}

int dm_resume(const char *name, uint16_t udev_flags, struct dm_cookie *cookie)
{
	return simple(DM_DEVICE_RESUME, name, "resume", false, false, false,
		      udev_flags, true, cookie);
}

int dm_rename(const char *name, const char *newname, struct dm_cookie *cookie)
{
	_cleanup_dmt_ struct dm_task *t = NULL;
	uint32_t local = 0;
	int r;

	dm_setup();
	t = dm_task_create(DM_DEVICE_RENAME);
	if (!t)
		return -ENOMEM;
	if (!dm_task_set_name(t, name) || !dm_task_set_newname(t, newname))
		return -EINVAL;
	r = set_cookie(t, cookie, &local, 0);
	if (r < 0)
		return r;
	return run_task(t, name, "rename", cookie, local, true, false);
}

int dm_message(const char *name, const char *msg)
{
	_cleanup_dmt_ struct dm_task *t = NULL;

	dm_setup();
	t = dm_task_create(DM_DEVICE_TARGET_MSG);
	if (!t)
		return -ENOMEM;
	if (!dm_task_set_name(t, name) || !dm_task_set_sector(t, 0) ||
	    !dm_task_set_message(t, msg))
		return -EINVAL;
	dm_task_no_open_count(t);
	return run_task(t, name, msg, NULL, 0, false, false);
}

int dm_cookie_wait(struct dm_cookie *c)
{
	if (!c || !c->used)
		return 0;
	c->used = false;
	return dm_udev_wait(c->value) ? 0 : -EIO;
}
