/* UnixWare (System V/386) disklabels: sector 29 of a dos partition of
 * type 0x63, or of the disk itself. Slice 0 is the whole disk and is
 * skipped; slice starts are absolute. */
#include <errno.h>

#include "label.h"
#include "util/log.h"

#define UW_DISKMAGIC 0xca5e600du
#define UW_VTOCMAGIC 0x600ddeeeu
#define UW_LABEL_SECTOR 29
#define UW_MAGIC_OFF 4
#define UW_VTOC_OFF 156
#define UW_SLICES_OFF (UW_VTOC_OFF + 60)
#define UW_SLICE_SIZE 12
#define UW_NUMSLICES 16

static int unixware_parse(const struct pt_disk *d, uint64_t start,
			  uint64_t size, unsigned parent, unsigned num,
			  struct pt_table *t)
{
	uint8_t buf[512];
	unsigned i;
	int r;

	r = pt_read(d, (start + UW_LABEL_SECTOR) * 512, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (get_le32(buf + UW_MAGIC_OFF) != UW_DISKMAGIC ||
	    get_le32(buf + UW_VTOC_OFF) != UW_VTOCMAGIC)
		return 0;
	for (i = 1; i < UW_NUMSLICES; i++) {
		const uint8_t *s = buf + UW_SLICES_OFF + i * UW_SLICE_SIZE;
		uint64_t first = get_le32(s + 4);
		uint32_t len = get_le32(s + 8);

		if (!get_le16(s))	/* label 0: unused */
			continue;
		if (parent) {
			if (!len || (first == start && len == size))
				continue;
			if (first < start || first + len > start + size) {
				condlog(1, "%s: UnixWare slice %u of partition "
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

int pt_unixware_nested(const struct pt_disk *d, uint64_t start, uint64_t size,
		       unsigned parent, struct pt_table *t)
{
	return unixware_parse(d, start, size, parent, 0, t);
}

static int unixware_probe(const struct pt_disk *d, struct pt_table *t)
{
	return unixware_parse(d, 0, pt_disk_sectors(d), 0, 1, t);
}

const struct pt_label_ops pt_unixware = {
	.name = "unixware",
	.probe = unixware_probe,
};
