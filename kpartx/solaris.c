/* Solaris x86 VTOC: eight or sixteen slices, in sector 1 of a dos
 * partition of type 0x82 / 0xbf, or of the disk itself. Slice starts are
 * relative to the partition. */
#include <errno.h>

#include "label.h"
#include "util/log.h"

#define SOLARIS_SANE 0x600ddeeeu
#define SOLARIS_SANITY_OFF 12
#define SOLARIS_VERSION_OFF 16
#define SOLARIS_NPARTS_OFF 30
#define SOLARIS_SLICES_OFF 72
#define SOLARIS_SLICE_SIZE 12
#define SOLARIS_MAXSLICES 16

/* Slices of the VTOC in sector start + 1, added with container parent
 * (0: none) and numbered from num (0: after the last one). */
static int solaris_parse(const struct pt_disk *d, uint64_t start,
			 uint64_t size, unsigned parent, unsigned num,
			 struct pt_table *t)
{
	uint8_t buf[512];
	unsigned i, n;
	int r;

	r = pt_read(d, (start + 1) * 512, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (get_le32(buf + SOLARIS_SANITY_OFF) != SOLARIS_SANE)
		return 0;
	if (get_le32(buf + SOLARIS_VERSION_OFF) != 1) {
		condlog(1, "%s: Solaris VTOC version %u is not supported",
			d->name, get_le32(buf + SOLARIS_VERSION_OFF));
		return 0;
	}
	n = get_le16(buf + SOLARIS_NPARTS_OFF) > 8 ? SOLARIS_MAXSLICES : 8;
	for (i = 0; i < n; i++) {
		const uint8_t *s = buf + SOLARIS_SLICES_OFF +
				   i * SOLARIS_SLICE_SIZE;
		uint64_t first = start + get_le32(s + 4);
		uint32_t len = get_le32(s + 8);

		if (!len)
			continue;
		if (parent) {
			/* the slice that is the whole partition: there already */
			if (first == start && len == size)
				continue;
			if (first + len > start + size) {
				condlog(1, "%s: Solaris slice %u of partition "
					"%u lies outside it, ignored", d->name,
					i, parent);
				continue;
			}
		}
		if (!pt_add(t, num ? num++ : 0, first, len, parent))
			return t->full ? 1 : -ENOMEM;
	}
	return 1;
}

int pt_solaris_nested(const struct pt_disk *d, uint64_t start, uint64_t size,
		      unsigned parent, struct pt_table *t)
{
	return solaris_parse(d, start, size, parent, 0, t);
}

static int solaris_probe(const struct pt_disk *d, struct pt_table *t)
{
	int r = solaris_parse(d, 0, pt_disk_sectors(d), 0, 1, t);

	/* the backup slice spans the disk and holds the others */
	if (r > 0)
		pt_set_containers(t, 0);
	return r;
}

const struct pt_label_ops pt_solaris = {
	.name = "solaris",
	.probe = solaris_probe,
};
