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

static int task_errno(struct dm_task *t)
{
	int e = dm_task_get_errno(t);

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

static int run_task(struct dm_task *t, const char *name, const char *what,
		    struct dm_cookie *c, uint32_t local, bool synced)
{
	int r = 0;

	if (!dm_task_run(t)) {
		r = task_errno(t);
		if (r != -EBUSY)
			condlog(0, "%s: %s failed: %s", name, what, strerror(-r));
	}
	/* a failed task released its cookie reference already */
	if (synced && !c && r == 0)
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

int dm_create(const char *name, const struct dm_target_spec *s, unsigned n,
	      const struct dm_create_opts *o, struct dm_cookie *cookie)
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
	    (o->read_only && !dm_task_set_ro(t)))
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
	return run_task(t, name, "create", cookie, local, true);
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
	return run_task(t, name, what, cookie, local, sync);
}

int dm_reload(const char *name, const struct dm_target_spec *s, unsigned n,
	      bool read_only, uint16_t udev_flags, struct dm_cookie *cookie)
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
	r = run_task(t, name, "reload", NULL, 0, false);
	if (r < 0)
		return r;
	r = simple(DM_DEVICE_RESUME, name, "resume", true, true, false,
		   udev_flags | MPATH_UDEV_RELOAD_FLAG, true, cookie);
	if (r < 0) {
		/* drop the inactive table so a later reload starts clean */
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
	return run_task(t, name, "rename", cookie, local, true);
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
	return run_task(t, name, msg, NULL, 0, false);
}

int dm_cookie_wait(struct dm_cookie *c)
{
	if (!c || !c->used)
		return 0;
	c->used = false;
	return dm_udev_wait(c->value) ? 0 : -EIO;
}
