/* dm events without a thread per map: /dev/mapper/control, armed with
 * DM_DEV_ARM_POLL, turns readable once any dm device had an event; one
 * DM_LIST_DEVICES then tells which multipath maps changed. */
#ifndef MP_DM_DMEVENTS_H
#define MP_DM_DMEVENTS_H

#include <stdint.h>

struct dmevents;

enum dmevent_kind {
	DMEV_ADDED,	/* a map the previous collect did not list */
	DMEV_CHANGED,	/* its event number is not the one seen last */
	DMEV_REMOVED,	/* no longer listed, or listed again as another
			 * device (then DMEV_ADDED follows for the new one) */
};

struct dmevent {
	enum dmevent_kind kind;
	const char *name;
	const char *uuid;	/* "mpath-<wwid>" */
	unsigned major, minor;
	uint32_t event_nr;	/* DMEV_REMOVED: the last one seen */
};

/* The strings live only during the call. The callback must not call
 * back into the same struct dmevents. */
typedef void (*dmevent_fn)(const struct dmevent *ev, void *arg);

/*
 * Open a private /dev/mapper/control (O_CLOEXEC | O_NONBLOCK) for events.
 * -ENOTSUP when the kernel's dm ioctl interface is older than 4.37 (no
 * DM_DEV_ARM_POLL, no event numbers in the device list): the caller then
 * needs another way (a DM_DEV_WAIT per map). Opening arms the fd: an
 * event from now on makes it readable.
 */
int dmevents_open(struct dmevents **out);

/* For epoll/poll (EPOLLIN). Level-triggered: readable until re-armed. */
int dmevents_fd(const struct dmevents *d);

/* Re-arm: the fd is readable again only for events after this call. */
int dmevents_arm(struct dmevents *d);

/*
 * Re-arm, then list every dm device with one DM_LIST_DEVICES and call fn
 * for each multipath map (uuid prefix "mpath-") that appeared, changed its
 * event number or disappeared since the previous collect. The first
 * collect reports every current multipath map as DMEV_ADDED.
 *
 * Why arm first: an event after the arm makes the fd readable again (at
 * worst a wakeup that finds nothing new), and one before it is in the list
 * that follows. Listing first would lose an event that lands between the
 * list and the arm.
 *
 * What the list cannot show: a table reload or a resume wakes the fd (the
 * kernel counts a global event when it swaps tables) but moves no map's
 * event number, so no map is reported for it; a map removed and created
 * again under the same name and device number with the same event number
 * between two collects looks unchanged. Uevents tell those.
 *
 * Returns the number of events reported, or -errno. A map whose entry
 * could not be made (-ENOMEM) is reported by a later collect.
 */
int dmevents_collect(struct dmevents *d, dmevent_fn fn, void *arg);

void dmevents_close(struct dmevents *d);

#endif
