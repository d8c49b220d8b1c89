/* PlayStation 3 disklabels: two magic numbers and up to eight regions
 * (start, size in 512-byte sectors, big-endian) in the first sectors. */
#include <errno.h>

#include "label.h"

#define PS3_MAGIC1 0x0face0ffull
#define PS3_MAGIC2 0xdeadfaceull
#define PS3_PARTS_OFF 48
#define PS3_PART_SIZE 144	/* start, size, eight access-control pairs */
#define PS3_NPARTS 8

static int ps3_probe(const struct pt_disk *d, struct pt_table *t)
{
	uint8_t buf[PS3_PARTS_OFF + PS3_NPARTS * PS3_PART_SIZE];
	unsigned i, n = 0;
	int r;

	r = pt_read(d, 0, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (get_be64(buf + 16) != PS3_MAGIC1 || get_be64(buf + 24) != PS3_MAGIC2)
		return 0;
	for (i = 0; i < PS3_NPARTS; i++) {
		const uint8_t *p = buf + PS3_PARTS_OFF + i * PS3_PART_SIZE;
		uint64_t start = get_be64(p), size = get_be64(p + 8);

		/* numbered by the regions that are there, as the reference */
		if (start && size && !pt_add(t, ++n, start, size, 0))
			return -ENOMEM;
	}
	return 1;
}

const struct pt_label_ops pt_ps3 = {
	.name = "ps3",
	.probe = ps3_probe,
};
