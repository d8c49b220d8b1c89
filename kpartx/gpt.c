/* GUID partition tables (UEFI): the primary header at LBA 1 or, when it
 * is damaged, the backup header at the last LBA; both checked by CRC-32;
 * a protective MBR is required unless forced (-g). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "util/log.h"

#define GPT_SIGNATURE "EFI PART"
#define GPT_HEADER_MIN 92
#define GPT_ENTRY_SIZE 128
/* More entries than any partitioning tool writes: the array stays small
 * whatever a damaged header claims. */
#define GPT_MAX_ENTRIES 16384

struct gpt_header {
	uint64_t my_lba, alternate_lba;
	uint64_t first_usable, last_usable;
	uint8_t disk_guid[16];
	uint64_t entries_lba;
	uint32_t num_entries, entry_size, entries_crc;
};

struct gpt_table {
	struct gpt_header h;
	uint8_t *entries;	/* num_entries * GPT_ENTRY_SIZE bytes */
};

static void gpt_table_clear(struct gpt_table *g)
{
	free(g->entries);
	memset(g, 0, sizeof(*g));
}

/* Check the header at lba and read its entries into g; false (with the
 * reason at verbosity 3) when anything is wrong. */
static int gpt_load(const struct pt_disk *d, uint64_t lba, uint64_t last_lba,
		    struct gpt_table *g)
{
	unsigned ss = d->sector_size;
	struct gpt_header *h = &g->h;
	uint32_t hsize, crc;
	uint64_t bytes;
	uint8_t *buf;
	int r;

	memset(g, 0, sizeof(*g));
	if (lba == 0 || lba > last_lba)
		return 0;
	buf = pt_read_alloc(d, lba * ss, ss, &r);
	if (!buf)
		return r == -ERANGE ? 0 : r;
	if (memcmp(buf, GPT_SIGNATURE, 8)) {
		free(buf);
		return 0;
	}
	hsize = get_le32(buf + 12);
	if (hsize < GPT_HEADER_MIN || hsize > ss) {
		condlog(3, "%s: GPT header at LBA %" PRIu64 ": size %u is "
			"invalid", d->name, lba, hsize);
		free(buf);
		return 0;
	}
	crc = get_le32(buf + 16);
	memset(buf + 16, 0, 4);
	if (pt_crc32(buf, hsize) != crc) {
		condlog(3, "%s: GPT header at LBA %" PRIu64 ": bad checksum",
			d->name, lba);
		free(buf);
		return 0;
	}
	h->my_lba = get_le64(buf + 24);
	h->alternate_lba = get_le64(buf + 32);
	h->first_usable = get_le64(buf + 40);
	h->last_usable = get_le64(buf + 48);
	memcpy(h->disk_guid, buf + 56, 16);
	h->entries_lba = get_le64(buf + 72);
	h->num_entries = get_le32(buf + 80);
	h->entry_size = get_le32(buf + 84);
	h->entries_crc = get_le32(buf + 88);
	free(buf);

	if (h->my_lba != lba || h->entry_size != GPT_ENTRY_SIZE ||
	    !h->num_entries || h->num_entries > GPT_MAX_ENTRIES ||
	    h->first_usable > h->last_usable || h->last_usable > last_lba) {
		condlog(3, "%s: GPT header at LBA %" PRIu64 ": inconsistent "
			"fields", d->name, lba);
		return 0;
	}
	bytes = (uint64_t)h->num_entries * GPT_ENTRY_SIZE;
	if (!h->entries_lba || h->entries_lba > last_lba ||
	    (last_lba - h->entries_lba + 1) * ss < bytes) {
		condlog(3, "%s: GPT header at LBA %" PRIu64 ": entries lie "
			"outside the device", d->name, lba);
		return 0;
	}
	g->entries = pt_read_alloc(d, h->entries_lba * ss, bytes, &r);
	if (!g->entries)
		return r == -ERANGE ? 0 : r;
	if (pt_crc32(g->entries, bytes) != h->entries_crc) {
		condlog(3, "%s: GPT entries of the header at LBA %" PRIu64
			": bad checksum", d->name, lba);
		gpt_table_clear(g);
		return 0;
	}
	return 1;
}

static int gpt_pmbr_valid(const struct pt_disk *d)
{
	uint8_t mbr[512];
	unsigned i;
	int r;

	r = pt_read(d, 0, mbr, sizeof(mbr));
	if (r < 0)
		return r;
	if (mbr[510] != 0x55 || mbr[511] != 0xaa)
		return 0;
	for (i = 0; i < 4; i++)
		if (mbr[0x1be + i * 16 + 4] == 0xee)
			return 1;
	return 0;
}

/* Differences between the two headers: worth a warning, not fatal. */
static void gpt_compare(const struct pt_disk *d, const struct gpt_header *p,
			const struct gpt_header *a, uint64_t last_lba)
{
	if (p->my_lba != a->alternate_lba || p->alternate_lba != a->my_lba ||
	    p->first_usable != a->first_usable ||
	    p->last_usable != a->last_usable ||
	    memcmp(p->disk_guid, a->disk_guid, 16) ||
	    p->num_entries != a->num_entries ||
	    p->entries_crc != a->entries_crc)
		condlog(2, "%s: the primary and backup GPT headers differ; "
			"using the primary", d->name);
	if (a->my_lba != last_lba)
		condlog(2, "%s: the backup GPT header is not at the end of the "
			"device", d->name);
}

static bool guid_is_zero(const uint8_t *g)
{
	unsigned i;

	for (i = 0; i < 16; i++)
		if (g[i])
			return false;
	return true;
}

static int gpt_slices(const struct pt_disk *d, const struct gpt_table *g,
		      struct pt_table *t)
{
	uint64_t mul = d->sector_size / 512;
	uint32_t i;

	for (i = 0; i < g->h.num_entries && i < PT_MAX_SLICES; i++) {
		const uint8_t *e = g->entries + (size_t)i * GPT_ENTRY_SIZE;
		uint64_t first = get_le64(e + 32), last = get_le64(e + 40);
		uint64_t start = 0, size = 0;

		if (!guid_is_zero(e)) {
			if (last < first || first < g->h.first_usable ||
			    last > g->h.last_usable)
				condlog(1, "%s: GPT partition %u (LBA %" PRIu64
					"-%" PRIu64 ") lies outside the usable "
					"area (LBA %" PRIu64 "-%" PRIu64
					"), ignored", d->name, i + 1, first,
					last, g->h.first_usable,
					g->h.last_usable);
			else {
				start = first * mul;
				size = (last - first + 1) * mul;
			}
		}
		if (!pt_add(t, i + 1, start, size, 0))
			return t->full ? 0 : -ENOMEM;
	}
	if (g->h.num_entries > PT_MAX_SLICES)
		t->full = true;
	return 0;
}

static int gpt_probe(const struct pt_disk *d, struct pt_table *t)
{
	struct gpt_table primary, backup;
	const struct gpt_table *use;
	uint64_t last_lba;
	int r, pmbr;

	if (d->size / d->sector_size < 3)
		return 0;
	last_lba = d->size / d->sector_size - 1;

	r = gpt_load(d, 1, last_lba, &primary);
	if (r < 0)
		return r;
	if (r > 0) {
		r = gpt_load(d, primary.h.alternate_lba, last_lba, &backup);
		if (r == 0 && primary.h.alternate_lba != last_lba)
			r = gpt_load(d, last_lba, last_lba, &backup);
	} else {
		r = gpt_load(d, last_lba, last_lba, &backup);
	}
	if (r < 0) {
		gpt_table_clear(&primary);
		return r;
	}
	if (!primary.entries && !backup.entries)
		return 0;

	pmbr = gpt_pmbr_valid(d);
	if (pmbr < 0) {
		r = pmbr;
		goto out;
	}
	if (!pmbr && !d->force_gpt) {
		condlog(1, "%s: a GPT header is there but no protective MBR: "
			"not treated as GPT (-g forces it)", d->name);
		r = 0;
		goto out;
	}
	if (!pmbr)
		condlog(2, "%s: GPT without protective MBR, used as -g forces",
			d->name);

	if (primary.entries) {
		use = &primary;
		if (backup.entries)
			gpt_compare(d, &primary.h, &backup.h, last_lba);
		else
			condlog(2, "%s: the backup GPT header is invalid, "
				"using the primary", d->name);
	} else {
		use = &backup;
		condlog(1, "%s: the primary GPT header is invalid, using the "
			"backup at LBA %" PRIu64, d->name, backup.h.my_lba);
	}
	r = gpt_slices(d, use, t);
	if (r == 0)
		r = 1;
out:
	gpt_table_clear(&primary);
	gpt_table_clear(&backup);
	return r;
}

const struct pt_label_ops pt_gpt = {
	.name = "gpt",
	.probe = gpt_probe,
};
