/* dm events, the pure half: the DM_LIST_DEVICES record parser and the
 * table that turns the previous and the current list into events. */
#include <errno.h>
#include <linux/dm-ioctl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dm/dmevents_table.h"
#include "util/cleanup.h"

/* struct dm_name_list up to the name: dev, next */
#define NAME_LIST_HEAD offsetof(struct dm_name_list, name)

static size_t align8(size_t v)
{
	return (v + 7) & ~(size_t)7;
}

static uint32_t get_u32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A NUL-terminated string at off that ends before end, or NULL. */
static const char *string_at(const char *buf, size_t off, size_t end)
{
	if (off >= end || !memchr(buf + off, '\0', end - off))
		return NULL;
	return buf + off;
}

/* Parse the record at off, ending at most at end (the next record or the
 * end of the data). */
static int parse_record(const char *buf, size_t off, size_t end,
			struct dm_listed *d)
{
	size_t ev;
	uint32_t flags;

	memcpy(&d->dev, buf + off, sizeof(d->dev));
	d->name = string_at(buf, off + NAME_LIST_HEAD, end);
	if (!d->name)
		return -EBADMSG;
	ev = align8(off + NAME_LIST_HEAD + strlen(d->name) + 1);
	if (ev + 2 * sizeof(uint32_t) > end)
		return -EBADMSG;
	d->event_nr = get_u32(buf + ev);
	flags = get_u32(buf + ev + sizeof(uint32_t));
	if (flags & DM_NAME_LIST_FLAG_HAS_UUID) {
		d->uuid = string_at(buf, ev + 2 * sizeof(uint32_t), end);
		if (!d->uuid)
			return -EBADMSG;
	} else if (flags & DM_NAME_LIST_FLAG_DOESNT_HAVE_UUID) {
		d->uuid = "";
	} else {
		d->uuid = NULL;
	}
	return 0;
}

/* Count the records; -EBADMSG when a next offset does not move forward
 * or points past the end. */
static int count_records(const char *buf, size_t len, size_t *n)
{
	size_t off = 0;
	uint32_t next;

	*n = 0;
	for (;;) {
		if (off + NAME_LIST_HEAD > len)
			return -EBADMSG;
		next = get_u32(buf + off + offsetof(struct dm_name_list, next));
		(*n)++;
		if (!next)
			return 0;
		if (next <= NAME_LIST_HEAD || next % 8 || next > len - off)
			return -EBADMSG;
		off += next;
	}
}

int dm_name_list_parse(const void *data, size_t len, struct dm_listed **out,
		       size_t *n)
{
	const char *buf = data;
	_cleanup_free_ struct dm_listed *v = NULL;
	uint64_t first;
	size_t count, i, off = 0;
	int r;

	*out = NULL;
	*n = 0;
	/* no device: the kernel writes a zero dev and nothing else */
	if (len < sizeof(first))
		return -EBADMSG;
	memcpy(&first, buf, sizeof(first));
	if (!first)
		return 0;
	r = count_records(buf, len, &count);
	if (r < 0)
		return r;
	v = calloc(count, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (i = 0; i < count; i++) {
		uint32_t next = get_u32(buf + off +
					offsetof(struct dm_name_list, next));

		r = parse_record(buf, off, next ? off + next : len, &v[i]);
		if (r < 0)
			return r;
		off += next;
	}
	*out = TAKE_PTR(v);
	*n = count;
	return 0;
}

static int cmp_listed(const void *a, const void *b)
{
	return strcmp(((const struct dm_listed *)a)->name,
		      ((const struct dm_listed *)b)->name);
}

/* Sort l by name (the kernel lists in name order already: one pass
 * checks it); -EBADMSG for a name listed twice. */
static int sort_listed(struct dm_listed *l, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(l[i - 1].name, l[i].name) >= 0)
			break;
	if (i < n)
		qsort(l, n, sizeof(*l), cmp_listed);
	for (i = 1; i < n; i++)
		if (strcmp(l[i - 1].name, l[i].name) == 0)
			return -EBADMSG;
	return 0;
}

static void entry_free(struct dmev_entry *e)
{
	free(e->name);
	e->name = NULL;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A table entry for listed device d; its uuid asked of the lookup when
 * the list has none. -ENXIO when the device is gone already. */
static int entry_make(const struct dm_listed *d, const struct dmev_update *u,
		      struct dmev_entry *e)
{
	char uuid[DM_UUID_LEN];
	const char *id = d->uuid;
	size_t nlen = strlen(d->name) + 1, ulen;
	int r;

	if (!id) {
		r = u->lookup(d->dev, uuid, sizeof(uuid), u->lookup_ctx);
		if (r < 0)
			return r;
		uuid[sizeof(uuid) - 1] = '\0';
		id = uuid;
	}
	ulen = strlen(id) + 1;
	e->name = malloc(nlen + ulen);
	if (!e->name)
		return -ENOMEM;
	memcpy(e->name, d->name, nlen);
	memcpy(e->name + nlen, id, ulen);
	e->uuid = e->name + nlen;
	e->dev = d->dev;
	e->event_nr = d->event_nr;
	e->mpath = has_prefix(e->uuid, u->prefix);
	return 0;
}

/* Report kind for e when it is one of the maps asked for; counts it. */
static void report(const struct dmev_update *u, enum dmevent_kind kind,
		   const struct dmev_entry *e, int *count)
{
	struct dmevent ev = {
		.kind = kind,
		.name = e->name,
		.uuid = e->uuid,
		.major = major(e->dev),
		.minor = minor(e->dev),
		.event_nr = e->event_nr,
	};

	if (!e->mpath)
		return;
	u->fn(&ev, u->arg);
	(*count)++;
}

/* The same device as last time: same device number and, where the list
 * tells, the same uuid (a device's uuid is set once, at most). */
static bool same_device(const struct dmev_entry *e, const struct dm_listed *d)
{
	return e->dev == d->dev && (!d->uuid || strcmp(e->uuid, d->uuid) == 0);
}

/* d is new: into the table (at *nv) and reported, or kept out on error
 * (the first error is kept in *err; a device gone meanwhile is none). */
static void add_new(const struct dm_listed *d, const struct dmev_update *u,
		    struct dmev_entry **nv, int *count, int *err)
{
	int r = entry_make(d, u, *nv);

	if (r == 0) {
		report(u, DMEV_ADDED, *nv, count);
		(*nv)++;
	} else if (r != -ENXIO && !*err) {
		*err = r;
	}
}

static void drop_old(struct dmev_entry *e, const struct dmev_update *u,
		     int *count)
{
	report(u, DMEV_REMOVED, e, count);
	entry_free(e);
}

int dmev_table_update(struct dmev_table *t, struct dm_listed *l, size_t n,
		      const struct dmev_update *u)
{
	struct dmev_entry *nv, *out;
	size_t i = 0, j = 0;
	int count = 0, err = 0, c, r;

	r = sort_listed(l, n);
	if (r < 0)
		return r;
	nv = calloc(n ? n : 1, sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	out = nv;
	while (i < t->n || j < n) {
		if (i == t->n)
			c = 1;
		else if (j == n)
			c = -1;
		else
			c = strcmp(t->v[i].name, l[j].name);
		if (c < 0) {
			drop_old(&t->v[i++], u, &count);
		} else if (c > 0) {
			add_new(&l[j++], u, &out, &count, &err);
		} else if (!same_device(&t->v[i], &l[j])) {
			drop_old(&t->v[i++], u, &count);
			add_new(&l[j++], u, &out, &count, &err);
		} else {
			*out = t->v[i++];
			if (out->event_nr != l[j].event_nr) {
				out->event_nr = l[j].event_nr;
				report(u, DMEV_CHANGED, out, &count);
			}
			out++;
			j++;
		}
	}
	free(t->v);
	t->v = nv;
	t->n = out - nv;
	return err ? err : count;
}

void dmev_table_clear(struct dmev_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		entry_free(&t->v[i]);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
