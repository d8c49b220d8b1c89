/* Apple partition maps: a driver descriptor in block 0 gives the block
 * size, the map's entries follow from block 1, each naming its start and
 * length in blocks. */
#include <errno.h>
#include <stdlib.h>

#include "label.h"
#include "util/log.h"

#define MAC_DRIVER_MAGIC 0x4552	/* "ER" */
#define MAC_PART_MAGIC 0x504d	/* "PM" */

static int mac_probe(const struct pt_disk *d, struct pt_table *t)
{
	uint8_t buf[512];
	uint32_t count, blk;
	unsigned bs;
	int r;

	r = pt_read(d, 0, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (get_be16(buf) != MAC_DRIVER_MAGIC)
		return 0;
	bs = get_be16(buf + 2);
	if (bs < 512 || bs % 512)
		return 0;
	r = pt_read(d, bs, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (get_be16(buf) != MAC_PART_MAGIC)
		return 0;
	count = get_be32(buf + 4);
	for (blk = 1; blk <= count && blk <= PT_MAX_SLICES; blk++) {
		r = pt_read(d, (uint64_t)blk * bs, buf, sizeof(buf));
		if (r == -ERANGE)
			break;
		if (r < 0)
			return r;
		if (get_be16(buf) != MAC_PART_MAGIC)
			break;
		if (!pt_add(t, blk, (uint64_t)get_be32(buf + 8) * (bs / 512),
			    (uint64_t)get_be32(buf + 12) * (bs / 512), 0))
			return -ENOMEM;
	}
	if (count > PT_MAX_SLICES)
		t->full = true;
	return 1;
}

const struct pt_label_ops pt_mac = {
	.name = "mac",
	.probe = mac_probe,
};
