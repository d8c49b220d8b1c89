/* libFuzzer target: the INQUIRY, VPD 0x80/0x83 and sense decoders on
 * arbitrary bytes. The whole input is fed to each decoder; it is also
 * split into INQUIRY, page 0x80, page 0 and page 0x83 for the udev
 * emulations: byte 0 says which are present (bits 0-3: INQUIRY, 0x80,
 * page 0, 0x83), bytes 1-3 the lengths of the first three, the rest is
 * page 0x83. Every piece sits in its own exactly sized allocation, so
 * ASan sees any read past it. Results must stay within their limits. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/sgio.h"
#include "discovery/vpd.h"

static uint8_t *dup_exact(const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);

	if (!c)
		abort();
	if (n)
		memcpy(c, p, n);
	return c;
}

static void check_whole(const uint8_t *data, size_t size)
{
	struct vpd83_port_ids ids;
	struct scsi_inquiry inq;
	struct scsi_sense sense;
	struct vpd83_desig d;
	char w[VPD_WWID_SIZE];
	size_t off = 0;
	int r;

	r = vpd83_wwid_multipath(data, size, w);
	if (r >= 0 ? (size_t)r != strlen(w) || r >= VPD_WWID_SIZE || r == 0 :
	    r != -ENODATA && r != -EINVAL && r != -EOVERFLOW)
		abort();
	r = vpd80_serial(data, size, w);
	if (r >= 0 ? (size_t)r != strlen(w) || r >= VPD_SERIAL_SIZE :
	    r != -ENODATA)
		abort();
	while ((r = vpd83_next(data, size, &off, &d)) > 0)
		if (d.id < data || d.id + d.len > data + size)
			abort();
	if (r != 0 && r != -EINVAL)
		abort();
	vpd83_port_ids(data, size, &ids);
	if (ids.tpg > 0xffff || ids.rel_port > 0xffff)
		abort();
	if (!scsi_inquiry_decode(data, size, &inq) &&
	    (strlen(inq.vendor) > 8 || strlen(inq.product) > 16 ||
	     strlen(inq.revision) > 4 || inq.tpgs > 3))
		abort();
	if (!scsi_sense_decode(data, size, &sense) && sense.key > 0xf)
		abort();
}

static void check_split(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	struct scsi_id_pages pg = { 0 };
	uint8_t *parts[4] = { NULL };
	size_t lens[4], i, pos = 4;
	int r;

	if (size < 4)
		return;
	for (i = 0; i < 3; i++) {
		lens[i] = data[1 + i];
		if (lens[i] > size - pos)
			lens[i] = size - pos;
		parts[i] = dup_exact(data + pos, lens[i]);
		pos += lens[i];
	}
	lens[3] = size - pos;
	parts[3] = dup_exact(data + pos, lens[3]);
	if (data[0] & 1) {
		pg.inq = parts[0];
		pg.inq_len = lens[0];
	}
	if (data[0] & 2) {
		pg.pg80 = parts[1];
		pg.pg80_len = lens[1];
	}
	if (data[0] & 4) {
		pg.pg0 = parts[2];
		pg.pg0_len = lens[2];
	}
	if (data[0] & 8) {
		pg.pg83 = parts[3];
		pg.pg83_len = lens[3];
	}

	r = vpd_wwid_scsi_id(&pg, &sb);
	/* scsi_id's serial has 255 characters at most */
	if ((r != 0 && r != -ENODATA) || strbuf_len(&sb) > 255 ||
	    (r == 0 && strlen(strbuf_str(&sb)) != strbuf_len(&sb)))
		abort();
	strbuf_reset(&sb);
	r = vpd_wwid_sg3(&pg, &sb);
	if ((r != 0 && r != -ENODATA) || (r == 0 && !strbuf_len(&sb)))
		abort();
	strbuf_free(&sb);
	for (i = 0; i < 4; i++)
		free(parts[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_whole(data, size);
	check_split(data, size);
	return 0;
}
