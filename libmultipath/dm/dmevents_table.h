/* The pure half of dm events: parsing a DM_LIST_DEVICES answer, and the
 * table of devices seen last time that turns two lists into events. */
#ifndef MP_DM_DMEVENTS_TABLE_H
#define MP_DM_DMEVENTS_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dm/dmevents.h"

/* One device of a list, pointing into the ioctl buffer. */
struct dm_listed {
	const char *name;
	const char *uuid;	/* "" none; NULL: the kernel did not say */
	uint64_t dev;		/* the kernel's huge_encode_dev() */
	uint32_t event_nr;
};

/*
 * Parse the data area of a DM_LIST_DEVICES answer (len bytes from the
 * header's data_start, which is 8-byte aligned like the kernel's records):
 * struct dm_name_list records, each name followed, at the next 8-byte
 * boundary, by the event number and a flags word telling whether a uuid
 * follows. *out is malloc()ed (NULL when no device). 0, -EBADMSG for a
 * record that runs past the end, or -ENOMEM.
 */
int dm_name_list_parse(const void *buf, size_t len, struct dm_listed **out,
		       size_t *n);

struct dmev_entry {
	char *name;		/* name and uuid in one allocation */
	const char *uuid;
	uint64_t dev;
	uint32_t event_nr;
	bool mpath;
};

/* Sorted by name. */
struct dmev_table {
	struct dmev_entry *v;
	size_t n;
};

/* For kernels that list no uuids: the uuid of device dev (size bytes),
 * 0, -ENXIO when it is gone, or -errno. */
typedef int (*dmev_uuid_fn)(uint64_t dev, char *uuid, size_t size, void *ctx);

struct dmev_update {
	const char *prefix;	/* uuid prefix of the maps to report */
	dmev_uuid_fn lookup;
	void *lookup_ctx;
	dmevent_fn fn;
	void *arg;
};

/*
 * Make t the devices of list l (n entries, reordered by name), reporting
 * to u->fn what changed for the maps whose uuid starts with u->prefix.
 * The uuid of a device listed without one is asked of u->lookup once, when
 * the device first shows up. Returns the number of events or -errno; on
 * -ENOMEM or a lookup error, the devices concerned stay out of t (and are
 * reported once they get in). -EBADMSG when a name is listed twice (t is
 * unchanged then).
 */
int dmev_table_update(struct dmev_table *t, struct dm_listed *l, size_t n,
		      const struct dmev_update *u);

void dmev_table_clear(struct dmev_table *t);

#endif
