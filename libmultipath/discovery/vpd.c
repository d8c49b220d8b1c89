/* Decoding of SCSI identification data: standard INQUIRY, VPD page 0x83
 * designators, and the helpers the WWID derivations share. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/vpd.h"
#include "discovery/vpd_util.h"
#include "util/cleanup.h"

unsigned int vpd_be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

const char vpd_hexdig[] = "0123456789abcdef";

/* Copy at most min(len, cap) bytes of src to the start of view and zero
 * the rest: the tools we mimic read pages into zeroed fixed-size buffers,
 * so bytes a device did not send read as zero. */
void vpd_load_view(uint8_t *view, size_t viewsz, const uint8_t *src,
		   size_t len, size_t cap)
{
	size_t n = src ? (len < cap ? len : cap) : 0;

	if (n > viewsz)
		n = viewsz;
	memset(view, 0, viewsz);
	if (n)
		memcpy(view, src, n);
}

bool vpd_is_print(uint8_t c)
{
	return c >= 0x20 && c <= 0x7e;
}

/* ---- standard INQUIRY ---------------------------------------------------- */

/* An INQUIRY string as the kernel shows it in sysfs, minus trailing
 * blanks (the reference strips them when it reads vendor/model/rev). */
static void inq_string(char *dst, const uint8_t *buf, size_t len, size_t off,
		       size_t n)
{
	bool ended = false;
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t c = off + i < len ? buf[off + i] : 0;

		if (c == 0)
			ended = true;
		dst[i] = ended || !vpd_is_print(c) ? ' ' : (char)c;
	}
	while (i > 0 && dst[i - 1] == ' ')
		i--;
	dst[i] = '\0';
}

int scsi_inquiry_decode(const uint8_t *buf, size_t len, struct scsi_inquiry *inq)
{
	memset(inq, 0, sizeof(*inq));
	if (len < 6)
		return -EINVAL;
	inq->qualifier = buf[0] >> 5;
	inq->type = buf[0] & 0x1f;
	inq->removable = buf[1] & 0x80;
	inq->version = buf[2];
	inq->tpgs = (buf[5] >> 4) & 0x3;
	inq_string(inq->vendor, buf, len, 8, 8);
	inq_string(inq->product, buf, len, 16, 16);
	inq_string(inq->revision, buf, len, 32, 4);
	return 0;
}

/* ---- page 0x83 designators ----------------------------------------------- */

size_t vpd_page_len(const uint8_t *page, size_t len)
{
	size_t n;

	if (len < VPD_HDR_LEN)
		return 0;
	n = VPD_HDR_LEN + vpd_be16(page + 2);
	return n < len ? n : len;
}

int vpd83_next(const uint8_t *page, size_t len, size_t *off,
	       struct vpd83_desig *d)
{
	size_t end = vpd_page_len(page, len);
	size_t o = *off ? *off : VPD_HDR_LEN;
	const uint8_t *p;

	if (o >= end)
		return 0;
	p = page + o;
	if (end - o < 4 || end - o - 4 < p[3])
		return -EINVAL;
	d->proto = p[0] >> 4;
	d->code_set = p[0] & 0xf;
	d->piv = p[1] & 0x80;
	d->assoc = (p[1] >> 4) & 0x3;
	d->type = p[1] & 0xf;
	d->len = p[3];
	d->id = p + 4;
	*off = o + 4 + p[3];
	return 1;
}

int vpd83_port_ids(const uint8_t *page, size_t len, struct vpd83_port_ids *ids)
{
	struct vpd83_desig d;
	size_t off = 0;
	int r;

	ids->rel_port = -1;
	ids->tpg = -1;
	if (len < VPD_HDR_LEN || page[1] != VPD_PAGE_DEVID)
		return -ENODATA;
	while ((r = vpd83_next(page, len, &off, &d)) > 0) {
		if (d.len < 4)
			continue;
		/* the reference's ALUA code tests (type & 7) == 5 and no
		 * association, and keeps the first one */
		if ((d.type & 0x7) == VPD_DT_TPG && ids->tpg < 0)
			ids->tpg = vpd_be16(d.id + 2);
		if (d.type == VPD_DT_REL_PORT && d.assoc == VPD_ASSOC_PORT &&
		    ids->rel_port < 0)
			ids->rel_port = vpd_be16(d.id + 2);
	}
	return r;
}
