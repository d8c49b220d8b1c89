/* dm events in the loop: the control fd armed for any map's event, one
 * list per wakeup, and for each multipath map whose event number moved,
 * a fresh read of its status (paths the kernel failed are checked at
 * once). Maps made or removed behind the daemon's back show up here too;
 * uevents tell the same and whichever comes first is handled. */
#include <errno.h>
#include <sys/epoll.h>

#include "daemon.h"
#include "dm/dmevents.h"
#include "util/log.h"

static void one_event(const struct dmevent *ev, void *arg)
{
	struct daemon *dd = arg;
	struct multipath *mpp = registry_map(&dd->reg, ev->name);

	switch (ev->kind) {
	case DMEV_CHANGED:
		if (mpp) {
			condlog(3, "%s: dm event %u", ev->name, ev->event_nr);
			daemon_dm_event(dd, ev->name);
		}
		break;
	case DMEV_ADDED:
	case DMEV_REMOVED:
		/* left to the uevent, which also tells udev's view */
		break;
	}
}

static void baseline(const struct dmevent *ev, void *arg)
{
}

static void on_dmevents(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct daemon *dd = w->arg;
	int r = dmevents_collect(dd->dmev, one_event, dd);

	if (r < 0)
		log_errno(1, r, "cannot read dm events");
}

int dm_events_start(struct daemon *dd)
{
	int r = dmevents_open(&dd->dmev);

	if (r < 0) {
		/* old kernels: maps are still read after each check */
		log_errno(1, r, "no dm event polling");
		dd->dmev = NULL;
		return 0;
	}
	/* the first collect lists what is there: a baseline, no event */
	dmevents_collect(dd->dmev, baseline, NULL);
	dd->dmev_w.fd = dmevents_fd(dd->dmev);
	dd->dmev_w.fn = on_dmevents;
	dd->dmev_w.name = "on_dmevents";
	dd->dmev_w.arg = dd;
	return loop_add(&dd->loop, &dd->dmev_w, EPOLLIN);
}

void dm_events_stop(struct daemon *dd)
{
	if (!dd->dmev)
		return;
	loop_remove(&dd->loop, &dd->dmev_w);
	dmevents_close(dd->dmev);
	dd->dmev = NULL;
}
