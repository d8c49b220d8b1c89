/* uevents: the udev monitor of block devices. Path adds, changes and
 * removals go to the model at once; their maps are assembled in batches
 * (a burst of adds for one LUN is one create), dm maps made or removed
 * behind the daemon's back are adopted or forgotten. */
#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include "config/config.h"
#include "daemon.h"
#include "dm/devmapper.h"
#include "map/from_dm.h"
#include "util/log.h"

#define PATH_INFO (DI_SYSFS | DI_SERIAL | DI_WWID | DI_BLACKLIST)

static void path_added(struct daemon *dd, struct udev_device *u,
		       const char *name)
{
	struct path *pp = registry_path(&dd->reg, name);
	int r;

	if (pp) {
		daemon_check_now(dd, pp);
		return;
	}
	pp = path_new();
	if (!pp)
		return;
	pp->udev = udev_device_ref(u);
	r = path_init(&dd->disc, pp, name);
	if (r == 0)
		r = pathinfo(&dd->disc, pp, PATH_INFO);
	if (r != 0) {
		if (r < 0)
			condlog(3, "%s: not a path: %s", name, strerror(-r));
		path_free(pp);
		return;
	}
	if (!pp->wwid[0]) {
		condlog(3, "%s: no WWID, not a path", name);
		path_free(pp);
		return;
	}
	condlog(2, "%s: add path (uevent)", name);
	if (daemon_add_path(dd, pp) == 0)
		((struct dpath *)pp->priv)->added_ns = loop_now_ns();
}

/* A change: a new WWID or size means the map must be looked at again. */
static void path_changed(struct daemon *dd, struct udev_device *u,
			 const char *name)
{
	struct path *pp = registry_path(&dd->reg, name);
	struct path *fresh;

	if (!pp) {
		path_added(dd, u, name);
		return;
	}
	fresh = path_new();
	if (!fresh)
		return;
	fresh->udev = udev_device_ref(u);
	if (path_init(&dd->disc, fresh, name) == 0 &&
	    pathinfo(&dd->disc, fresh, PATH_INFO) == 0) {
		if (fresh->wwid[0] && strcmp(fresh->wwid, pp->wwid)) {
			condlog(1, "%s: WWID changed from %s to %s", name,
				pp->wwid, fresh->wwid);
			daemon_remove_path(dd, pp);
			daemon_add_path(dd, fresh);
			return;
		}
		if (fresh->size != pp->size) {
			condlog(2, "%s: size changed from %llu to %llu", name,
				pp->size, fresh->size);
			pp->size = fresh->size;
			daemon_mark_dirty(dd, pp->wwid);
		}
	}
	path_free(fresh);
	daemon_check_now(dd, pp);
}

/* Does device-mapper still have mpp's map, under its name and UUID? */
static bool map_still_there(const struct multipath *mpp)
{
	struct dm_map m = { 0 };
	bool there;

	if (!mpp->alias || dm_map_get(mpp->alias, false, &m) < 0)
		return false;
	there = m.exists && m.uuid &&
		!strncmp(m.uuid, MPATH_UUID_PREFIX, strlen(MPATH_UUID_PREFIX)) &&
		!strcmp(dm_uuid_to_wwid(m.uuid), mpp->wwid);
	dm_map_clear(&m);
	return there;
}

/* A dm device: maps appear (made by multipath, adopted) or go. */
static void map_uevent(struct daemon *dd, struct udev_device *u,
		       const char *action, const char *name)
{
	struct multipath *mpp = registry_map_by_dmdev(&dd->reg, name);
	const char *uuid = udev_device_get_property_value(u, "DM_UUID");
	const char *dmname = udev_device_get_property_value(u, "DM_NAME");

	if (!strcmp(action, "remove")) {
		if (mpp && map_still_there(mpp)) {
			/* the event of a map removed before this one was
			 * made under its name and number (paths gone and
			 * back at once): the map is there, keep it */
			condlog(3, "%s: remove uevent of an earlier %s, the map is there",
				mpp->alias, name);
		} else if (mpp) {
			condlog(2, "%s: devmap removed", mpp->alias);
			registry_remove_map(&dd->reg, mpp);
			dmap_free(mpp);
		}
		return;
	}
	if (mpp) {
		map_refresh(dd, mpp);
		return;
	}
	if (!dmname || !uuid ||
	    strncmp(uuid, MPATH_UUID_PREFIX, strlen(MPATH_UUID_PREFIX)))
		return;
	if (registry_map_by_wwid(&dd->reg, dm_uuid_to_wwid(uuid))) {
		/* renamed behind our back, or our own new map: read it */
		mpp = registry_map_by_wwid(&dd->reg, dm_uuid_to_wwid(uuid));
		if (mpp->alias && strcmp(mpp->alias, dmname))
			registry_rename_map(&dd->reg, mpp, dmname);
		map_refresh(dd, mpp);
		return;
	}
	/* that one only: reading every map costs a second per 250 maps
	 * (and the event may be the late one of a map gone since) */
	if (daemon_adopt_map(dd, dmname) > 0)
		condlog(2, "%s: new map of %s, adopted", dmname,
			dm_uuid_to_wwid(uuid));
}

static void handle(struct daemon *dd, struct udev_device *u)
{
	const char *action = udev_device_get_action(u);
	const char *name = udev_device_get_sysname(u);
	const char *type = udev_device_get_devtype(u);
	struct path *pp;

	if (!action || !name || !type || strcmp(type, "disk"))
		return;
	dd->uevents++;
	condlog(4, "%s: uevent %s", name, action);
	if (!strncmp(name, "dm-", 3)) {
		map_uevent(dd, u, action, name);
		return;
	}
	if (!strcmp(action, "add")) {
		path_added(dd, u, name);
	} else if (!strcmp(action, "change")) {
		path_changed(dd, u, name);
	} else if (!strcmp(action, "remove")) {
		pp = registry_path(&dd->reg, name);
		if (pp)
			daemon_remove_path(dd, pp);
	}
}

/* Uevents are taken a slice of time at a time: a thousand paths added
 * at once is seconds of sysfs and udev reads, and the clients must be
 * answered meanwhile (the socket is level-triggered: the rest comes at
 * the loop's next turn). */
#define UEVENT_SLICE_MS 50
#define SLOW_UEVENT_MS 250

static void on_udev(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct daemon *dd = w->arg;
	uint64_t t0 = loop_now_ns();
	struct udev_device *u;
	uint64_t t;

	while (loop_now_ns() - t0 < UEVENT_SLICE_MS * 1000000ULL &&
	       (u = udev_monitor_receive_device(dd->mon))) {
		t = loop_now_ns();
		handle(dd, u);
		t = loop_now_ns() - t;
		/* what held the daemon up, for whoever reads the log */
		if (t >= SLOW_UEVENT_MS * 1000000ULL)
			condlog(2, "%s: uevent %s took %llu ms",
				udev_device_get_sysname(u) ?: "?",
				udev_device_get_action(u) ?: "?",
				(unsigned long long)(t / 1000000ULL));
		udev_device_unref(u);
	}
}

int uevents_start(struct daemon *dd)
{
	int r;

	dd->mon = udev_monitor_new_from_netlink(dd->udev, "udev");
	if (!dd->mon)
		return log_errno(0, -ENOMEM, "cannot watch uevents");
	if (udev_monitor_filter_add_match_subsystem_devtype(dd->mon, "block",
							    "disk") < 0 ||
	    udev_monitor_enable_receiving(dd->mon) < 0) {
		udev_monitor_unref(dd->mon);
		dd->mon = NULL;
		return log_errno(0, -EIO, "cannot watch uevents");
	}
	/* a burst of uevents (thousands of paths at once) must not be lost */
	udev_monitor_set_receive_buffer_size(dd->mon, 32 << 20);
	dd->udev_w.fd = udev_monitor_get_fd(dd->mon);
	dd->udev_w.fn = on_udev;
	dd->udev_w.name = "on_udev";
	dd->udev_w.arg = dd;
	r = loop_add(&dd->loop, &dd->udev_w, EPOLLIN);
	if (r < 0)
		return log_errno(0, r, "cannot watch uevents");
	return 0;
}

void uevents_stop(struct daemon *dd)
{
	if (!dd->mon)
		return;
	loop_remove(&dd->loop, &dd->udev_w);
	udev_monitor_unref(dd->mon);
	dd->mon = NULL;
}
