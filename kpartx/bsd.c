/* BSD disklabels: on their own at sector 1 of the disk, or inside a dos
 * partition of a BSD type. By convention slice 'c' spans the whole disk
 * (or dos partition), so slices inside another are marked contained. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "label.h"
#include "util/log.h"

#define BSD_MAGIC 0x82564557u
#define BSD_MAGIC2_OFF 132
#define BSD_NPART_OFF 138
#define BSD_PARTS_OFF 148
#define BSD_PART_SIZE 16
#define BSD_MAXPARTS 16		/* what fits in the 512-byte sector */

struct bsd_part {
	uint32_t size, offset;
	uint8_t fstype;
};

/* Read the label at sector start + 1; number of partition entries or
 * 0 when there is none. */
static int bsd_read_label(const struct pt_disk *d, uint64_t start,
			  struct bsd_part *p)
{
	uint8_t buf[512];
	unsigned i, n;
	int r;

	r = pt_read(d, (start + 1) * 512, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (get_le32(buf) != BSD_MAGIC ||
	    get_le32(buf + BSD_MAGIC2_OFF) != BSD_MAGIC)
		return 0;
	n = get_le16(buf + BSD_NPART_OFF);
	if (n > BSD_MAXPARTS)
		n = BSD_MAXPARTS;
	for (i = 0; i < n; i++) {
		const uint8_t *e = buf + BSD_PARTS_OFF + i * BSD_PART_SIZE;

		p[i].size = get_le32(e);
		p[i].offset = get_le32(e + 4);
		p[i].fstype = e[12];
	}
	return (int)n;
}

static int bsd_probe(const struct pt_disk *d, struct pt_table *t)
{
	struct bsd_part p[BSD_MAXPARTS];
	int i, n;

	n = bsd_read_label(d, 0, p);
	if (n <= 0)
		return n;
	for (i = 0; i < n; i++) {
		bool used = p[i].fstype && p[i].size;

		if (!pt_add(t, (unsigned)i + 1, used ? p[i].offset : 0,
			    used ? p[i].size : 0, 0))
			return -ENOMEM;
	}
	pt_set_containers(t, 0);
	return 1;
}

int pt_bsd_nested(const struct pt_disk *d, uint64_t start, uint64_t size,
		  unsigned parent, struct pt_table *t)
{
	struct bsd_part p[BSD_MAXPARTS];
	uint64_t base = 0;
	int i, n;

	n = bsd_read_label(d, start, p);
	if (n <= 0)
		return n;
	/* FreeBSD may count from the start of its dos partition, which its
	 * raw slice 'c' then shows by starting at 0 */
	if (n > 2 && p[2].offset == 0)
		base = start;
	for (i = 0; i < n; i++) {
		uint64_t s = base + p[i].offset;

		if (!p[i].fstype || !p[i].size)
			continue;
		/* the slice that is the whole dos partition is there already */
		if (s == start && p[i].size == size)
			continue;
		if (s < start || s + p[i].size > start + size) {
			condlog(1, "%s: BSD slice %c of partition %u lies "
				"outside it, ignored", d->name, 'a' + i,
				parent);
			continue;
		}
		if (!pt_add(t, 0, s, p[i].size, parent))
			return t->full ? 1 : -ENOMEM;
	}
	return 1;
}

const struct pt_label_ops pt_bsd = {
	.name = "bsd",
	.probe = bsd_probe,
};
