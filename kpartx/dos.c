/* dos (MBR) partition tables: four primary entries, logical partitions in
 * a chain of extended boot records, labels of other systems nested in a
 * primary partition. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "util/log.h"

#define MBR_SIZE 512
#define MBR_ENTRIES 0x1be
#define MBR_ENTRY_SIZE 16

/* A primary entry of an extended partition maps only its first bytes (a
 * boot loader may live there), as the reference does: 1 KiB on 512-byte
 * sector disks, one sector on larger ones. */
#define DOS_EXTENDED_MAPPED_512 2

struct dos_entry {
	uint8_t boot;
	uint8_t type;
	uint32_t start;		/* in disk sectors */
	uint32_t size;
};

static void dos_entry_get(const uint8_t *sector, unsigned i,
			  struct dos_entry *e)
{
	const uint8_t *p = sector + MBR_ENTRIES + i * MBR_ENTRY_SIZE;

	e->boot = p[0];
	e->type = p[4];
	e->start = get_le32(p + 8);
	e->size = get_le32(p + 12);
}

static bool dos_is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

static bool dos_has_signature(const uint8_t *sector)
{
	return sector[510] == 0x55 && sector[511] == 0xaa;
}

/* Read the 512-byte record at disk sector lba (disk sector units). */
static int dos_read_record(const struct pt_disk *d, uint64_t lba,
			   uint8_t *buf)
{
	return pt_read(d, lba * d->sector_size, buf, MBR_SIZE);
}

/*
 * Follow the chain of extended boot records of the extended partition
 * ext (disk sector units). Each record holds a logical partition
 * (relative to the record) and a link to the next record (relative to
 * the extended partition's start). Like the reference, the first two
 * entries of a record are read and each entry that is not a link takes a
 * partition number, empty or not. A record seen twice ends the chain.
 */
static int dos_logicals(const struct pt_disk *d, const struct dos_entry *ext,
			unsigned ext_num, struct pt_table *t)
{
	uint64_t mul = d->sector_size / 512, base = ext->start, here = base;
	uint64_t *seen = NULL;
	size_t nseen = 0;
	uint8_t rec[MBR_SIZE];
	int r = 0;

	seen = calloc(PT_MAX_SLICES, sizeof(*seen));
	if (!seen)
		return -ENOMEM;
	while (here) {
		struct dos_entry e;
		uint64_t next = 0;
		size_t k;
		unsigned i;

		for (k = 0; k < nseen; k++)
			if (seen[k] == here)
				break;
		if (k < nseen) {
			condlog(1, "%s: the chain of logical partitions loops "
				"back to sector %" PRIu64 ", stopped there",
				d->name, here * mul);
			break;
		}
		if (nseen == PT_MAX_SLICES) {
			condlog(1, "%s: more than %d extended boot records, "
				"the rest are ignored", d->name, PT_MAX_SLICES);
			break;
		}
		seen[nseen++] = here;

		r = dos_read_record(d, here, rec);
		if (r == -ERANGE) {
			condlog(1, "%s: extended boot record at sector %" PRIu64
				" lies beyond the end of the device", d->name,
				here * mul);
			r = 0;
			break;
		}
		if (r < 0)
			break;
		if (!dos_has_signature(rec))
			break;
		for (i = 0; i < 2; i++) {
			dos_entry_get(rec, i, &e);
			if (dos_is_extended(e.type)) {
				if (e.start && e.size && !next)
					next = base + e.start;
				continue;
			}
			if (!pt_add(t, 0, e.size ? (here + e.start) * mul : 0,
				    e.start ? (uint64_t)e.size * mul : 0,
				    ext_num)) {
				r = t->full ? 0 : -ENOMEM;
				goto out;
			}
		}
		here = next;
	}
out:
	free(seen);
	return r;
}

/* Labels of other systems that live inside a primary partition */
static int dos_nested(const struct pt_disk *d, uint8_t type,
		      const struct pt_slice *s, struct pt_table *t)
{
	switch (type) {
	case 0xa5:		/* FreeBSD */
	case 0xa6:		/* OpenBSD */
	case 0xa9:		/* NetBSD */
		return pt_bsd_nested(d, s->start, s->extent, s->num, t);
	case 0x82:		/* Solaris x86 (or Linux swap: the magic tells) */
	case 0xbf:		/* Solaris */
		return pt_solaris_nested(d, s->start, s->extent, s->num, t);
	case 0x63:		/* UnixWare (System V/386) */
		return pt_unixware_nested(d, s->start, s->extent, s->num, t);
	}
	return 0;
}

static int dos_probe(const struct pt_disk *d, struct pt_table *t)
{
	uint64_t mul = d->sector_size / 512;
	struct dos_entry e[4];
	uint8_t mbr[MBR_SIZE];
	unsigned i;
	int r;

	r = dos_read_record(d, 0, mbr);
	if (r < 0)
		return r;
	if (!dos_has_signature(mbr))
		return 0;
	for (i = 0; i < 4; i++) {
		dos_entry_get(mbr, i, &e[i]);
		/* a protective MBR: GPT's, not ours */
		if (e[i].type == 0xee)
			return 0;
		/* not a partition table (a boot sector, a file system) */
		if (e[i].boot != 0 && e[i].boot != 0x80)
			return 0;
	}
	for (i = 0; i < 4; i++) {
		struct pt_slice *s;
		bool used = e[i].size && e[i].start;

		if (e[i].size && !e[i].start)
			condlog(1, "%s: partition %u starts at sector 0, over "
				"the partition table, ignored", d->name, i + 1);

		s = pt_add(t, i + 1, used ? e[i].start * mul : 0,
			   used ? (uint64_t)e[i].size * mul : 0, 0);
		if (!s)
			return -ENOMEM;
		if (used && dos_is_extended(e[i].type))
			s->size = mul == 1 ? DOS_EXTENDED_MAPPED_512 : mul;
	}
	/* logical partitions are numbered from 5, in table order */
	for (i = 0; i < 4; i++) {
		if (!e[i].size || !e[i].start || !dos_is_extended(e[i].type))
			continue;
		r = dos_logicals(d, &e[i], i + 1, t);
		if (r < 0)
			return r;
	}
	for (i = 0; i < 4; i++) {
		struct pt_slice s = t->s[i];

		if (!s.size || dos_is_extended(e[i].type))
			continue;
		r = dos_nested(d, e[i].type, &s, t);
		if (r < 0 && r != -ERANGE)
			return r;
	}
	return 1;
}

const struct pt_label_ops pt_dos = {
	.name = "dos",
	.probe = dos_probe,
};
