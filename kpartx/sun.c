/* Sun disklabels: sector 0, big-endian, eight partitions given in
 * cylinders, an XOR checksum over the sector. Slice 'c' conventionally
 * spans the disk, so slices inside another are marked contained. */
#include <errno.h>

#include "label.h"
#include "util/log.h"

#define SUN_MAGIC 0xdabe
#define SUN_NTRKS_OFF 436
#define SUN_NSECT_OFF 438
#define SUN_PARTS_OFF 444
#define SUN_MAGIC_OFF 508
#define SUN_NPARTS 8

static bool sun_checksum_ok(const uint8_t *buf)
{
	uint16_t x = 0;
	unsigned i;

	for (i = 0; i < 512; i += 2)
		x ^= get_be16(buf + i);
	return x == 0;
}

static int sun_probe(const struct pt_disk *d, struct pt_table *t)
{
	uint8_t buf[512];
	uint64_t per_cyl;
	unsigned i;
	int r;

	r = pt_read(d, 0, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (get_be16(buf + SUN_MAGIC_OFF) != SUN_MAGIC)
		return 0;
	if (!sun_checksum_ok(buf)) {
		condlog(1, "%s: Sun disklabel with a bad checksum, ignored",
			d->name);
		return 0;
	}
	per_cyl = (uint64_t)get_be16(buf + SUN_NTRKS_OFF) *
		  get_be16(buf + SUN_NSECT_OFF);
	for (i = 0; i < SUN_NPARTS; i++) {
		const uint8_t *p = buf + SUN_PARTS_OFF + i * 8;
		uint32_t len = get_be32(p + 4);

		if (!pt_add(t, i + 1, len ? get_be32(p) * per_cyl : 0, len, 0))
			return -ENOMEM;
	}
	pt_set_containers(t, 0);
	return 1;
}

const struct pt_label_ops pt_sun = {
	.name = "sun",
	.probe = sun_probe,
};
