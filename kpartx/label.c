/* The list of label types, probing a disk with them, and the checks that
 * keep every slice inside the disk and apart from the others. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "util/log.h"

const struct pt_label_ops *const pt_labels[] = {
	&pt_gpt, &pt_dos, &pt_bsd, &pt_solaris, &pt_unixware,
	&pt_mac, &pt_sun, &pt_ps3, NULL,
};

const struct pt_label_ops *pt_label_find(const char *name)
{
	const struct pt_label_ops *const *l;

	for (l = pt_labels; *l; l++)
		if (strcmp((*l)->name, name) == 0)
			return *l;
	return NULL;
}

int pt_read(const struct pt_disk *d, uint64_t off, void *buf, size_t len)
{
	if (off > d->size || len > d->size - off)
		return -ERANGE;
	return d->read(d->ctx, off, buf, len);
}

void *pt_read_alloc(const struct pt_disk *d, uint64_t off, size_t len,
		    int *err)
{
	void *buf = malloc(len ? len : 1);

	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = pt_read(d, off, buf, len);
	if (*err < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

unsigned pt_next_num(const struct pt_table *t)
{
	return t->n ? t->s[t->n - 1].num + 1 : 1;
}

struct pt_slice *pt_add(struct pt_table *t, unsigned num, uint64_t start,
			uint64_t size, unsigned container)
{
	struct pt_slice *s;

	if (!num)
		num = pt_next_num(t);
	if (num > PT_MAX_SLICES || t->n >= PT_MAX_SLICES) {
		t->full = true;
		return NULL;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;

		s = realloc(t->s, cap * sizeof(*s));
		if (!s)
			return NULL;
		t->s = s;
		t->cap = cap;
	}
	s = &t->s[t->n++];
	s->num = num;
	s->start = start;
	s->size = size;
	s->extent = size;
	s->container = container;
	return s;
}

struct pt_slice *pt_find(const struct pt_table *t, unsigned num)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->s[i].num == num)
			return &t->s[i];
	return NULL;
}

void pt_table_free(struct pt_table *t)
{
	free(t->s);
	memset(t, 0, sizeof(*t));
}

void pt_set_containers(struct pt_table *t, size_t first)
{
	size_t i, j;

	for (i = first; i < t->n; i++) {
		struct pt_slice *a = &t->s[i];
		const struct pt_slice *best = NULL;

		for (j = first; a->size && j < t->n; j++) {
			const struct pt_slice *b = &t->s[j];

			if (i == j || !b->size || a->start < b->start ||
			    a->start + a->size > b->start + b->size ||
			    (b->start == a->start && b->size == a->size && j > i))
				continue;
			if (!best || b->size < best->size)
				best = b;
		}
		if (best)
			a->container = best->num;
	}
}

static uint64_t slice_end(const struct pt_slice *s)
{
	return s->start + s->extent;
}

/* Is b the container of a, directly or further up? */
static bool contained_in(const struct pt_table *t, const struct pt_slice *a,
			 const struct pt_slice *b)
{
	unsigned hops = 0;

	while (a->container && hops++ < PT_MAX_SLICES) {
		if (a->container == b->num)
			return true;
		a = pt_find(t, a->container);
		if (!a)
			return false;
	}
	return false;
}

static void drop(struct pt_slice *s)
{
	s->size = 0;
	s->extent = 0;
}

/* Keep s within the disk: dropped when it starts past the end, cut when
 * it ends past it (as the kernel does with its own partitions). */
static void clamp_to_disk(const struct pt_disk *d, struct pt_slice *s)
{
	uint64_t sectors = pt_disk_sectors(d);

	if (s->start >= sectors) {
		condlog(1, "%s: partition %u starts at sector %" PRIu64
			", beyond the end of the device (%" PRIu64
			" sectors), ignored", d->name, s->num, s->start,
			sectors);
		drop(s);
		return;
	}
	if (s->extent > sectors - s->start) {
		condlog(1, "%s: partition %u (sectors %" PRIu64 "-%" PRIu64
			") ends beyond the end of the device (%" PRIu64
			" sectors), truncated", d->name, s->num, s->start,
			s->start + s->extent - 1, sectors);
		s->extent = sectors - s->start;
	}
	if (s->size > s->extent)
		s->size = s->extent;
}

void pt_table_sanitize(const struct pt_disk *d, struct pt_table *t)
{
	bool changed;
	size_t i, j;

	for (i = 0; i < t->n; i++)
		if (t->s[i].size)
			clamp_to_disk(d, &t->s[i]);

	for (i = 0; i < t->n; i++) {
		struct pt_slice *a = &t->s[i];

		if (!a->size)
			continue;
		if (a->container) {
			struct pt_slice *c = pt_find(t, a->container);

			if (!c || !c->size || a->start < c->start ||
			    slice_end(a) > slice_end(c)) {
				condlog(1, "%s: partition %u (sectors %" PRIu64
					"-%" PRIu64 ") lies outside partition %u"
					" that contains it, ignored", d->name,
					a->num, a->start, slice_end(a) - 1,
					a->container);
				drop(a);
				continue;
			}
		}
		for (j = 0; j < i; j++) {
			const struct pt_slice *b = &t->s[j];

			if (!b->size || contained_in(t, a, b) ||
			    contained_in(t, b, a))
				continue;
			if (a->start < slice_end(b) && b->start < slice_end(a)) {
				condlog(1, "%s: partition %u (sectors %" PRIu64
					"-%" PRIu64 ") overlaps partition %u "
					"(sectors %" PRIu64 "-%" PRIu64
					"), ignored", d->name, a->num, a->start,
					slice_end(a) - 1, b->num, b->start,
					slice_end(b) - 1);
				drop(a);
				break;
			}
		}
	}
	/* a container dropped after what it holds was checked */
	do {
		changed = false;
		for (i = 0; i < t->n; i++) {
			struct pt_slice *a = &t->s[i], *c;

			if (!a->size || !a->container)
				continue;
			c = pt_find(t, a->container);
			if (c && c->size)
				continue;
			condlog(1, "%s: partition %u lies in partition %u, which "
				"is ignored, so is ignored too", d->name, a->num,
				a->container);
			drop(a);
			changed = true;
		}
	} while (changed);
}

int pt_probe(const struct pt_disk *d, const char *type, struct pt_table *t)
{
	const struct pt_label_ops *const *l;
	int r;

	for (l = pt_labels; *l; l++) {
		if (type && strcmp(type, (*l)->name))
			continue;
		t->n = 0;
		t->full = false;
		r = (*l)->probe(d, t);
		if (r < 0 && r != -ERANGE)
			return r;
		if (r > 0) {
			t->label = (*l)->name;
			if (t->full)
				condlog(1, "%s: more than %d partitions, the "
					"rest are ignored", d->name,
					PT_MAX_SLICES);
			pt_table_sanitize(d, t);
			return 1;
		}
	}
	t->n = 0;
	return 0;
}
