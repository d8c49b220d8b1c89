/* WWIDs the way udev's scsi_id derives them from VPD pages 0x80 and 0x83,
 * with its string clean-up. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/vpd.h"
#include "discovery/vpd_util.h"
#include "util/cleanup.h"

/* ---- udev's string clean-up (scsi_id) ------------------------------------ */

static bool is_space(uint8_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Length of the valid UTF-8 sequence at s (2-4 bytes) as systemd's
 * utf8_encoded_valid_unichar() accepts it, 0 if there is none. */
static size_t utf8_seq_len(const uint8_t *s)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t c;
	size_t n, i;

	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min[n] || c >= 0x110000 || (c & 0xfffff800) == 0xd800 ||
	    (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return 0;
	return n;
}

bool vpd_udev_allowed(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z') || (c && strchr("#+-.:=@_", c));
}

/*
 * scsi_id's ID_SERIAL clean-up of the NUL-terminated s (at most max
 * bytes of it read): leading blanks dropped, inner runs of whitespace
 * made one '_', trailing ones dropped (udev_replace_whitespace()); then
 * every byte that is not an allowed character, part of "\x" or of valid
 * UTF-8 becomes '_' (udev_replace_chars()).
 */
static int udev_clean(const char *s, size_t max, struct strbuf *out)
{
	char buf[256];
	size_t i = strspn(s, " \t\n\r"), j = 0;
	bool pending = false;

	if (max > sizeof(buf) - 1)
		max = sizeof(buf) - 1;
	for (; j < max && i < max && s[i]; i++) {
		if (is_space((uint8_t)s[i])) {
			pending = true;
			continue;
		}
		if (pending) {
			if (j + 1 >= max)
				break;
			buf[j++] = '_';
			pending = false;
		}
		buf[j++] = s[i];
	}
	buf[j] = '\0';
	for (i = 0; buf[i];) {
		const uint8_t *p = (const uint8_t *)buf + i;
		size_t n;

		if (vpd_udev_allowed(*p)) {
			i++;
		} else if (p[0] == '\\' && p[1] == 'x') {
			i += 2;
		} else if ((n = utf8_seq_len(p)) > 1) {
			i += n;
		} else {
			buf[i++] = '_';
		}
	}
	return strbuf_append(out, buf) < 0 ? -ENOMEM : 0;
}

/* ---- systemd's scsi_id ----------------------------------------------------- */

/* scsi_id asks for 254 bytes; what lies past them (which it would read
 * when lengths say so) reads as zero here. */
#define SID_INQ_LEN 254
#define SID_VIEW_LEN (SID_INQ_LEN + 4 + 255 + 1)
#define SID_SERIAL_LEN 256
#define SID_ANY 0xff

static const struct sid_search {
	uint8_t type, naa, code_set;
} sid_order[] = {
	/* scsi_id's list starts with the target port group, which only
	 * sets ID_TARGET_PORT */
	{ VPD_DT_NAA, 6, VPD_CS_BINARY },
	{ VPD_DT_NAA, 6, VPD_CS_ASCII },
	{ VPD_DT_NAA, 5, VPD_CS_BINARY },
	{ VPD_DT_NAA, 5, VPD_CS_ASCII },
	{ VPD_DT_NAA, SID_ANY, VPD_CS_BINARY },
	{ VPD_DT_NAA, SID_ANY, VPD_CS_ASCII },
	{ VPD_DT_EUI64, SID_ANY, VPD_CS_BINARY },
	{ VPD_DT_EUI64, SID_ANY, VPD_CS_ASCII },
	{ VPD_DT_T10, SID_ANY, VPD_CS_BINARY },
	{ VPD_DT_T10, SID_ANY, VPD_CS_ASCII },
	{ VPD_DT_VENDOR, SID_ANY, VPD_CS_BINARY },
	{ VPD_DT_VENDOR, SID_ANY, VPD_CS_ASCII },
};

/* Append the raw INQUIRY vendor (8) and model (16) to serial at pos;
 * false if either holds a NUL. */
static bool sid_vendor_model(const uint8_t *inq, char *serial, size_t pos)
{
	if (memchr(inq + 8, 0, 24))
		return false;
	memcpy(serial + pos, inq + 8, 24);
	return true;
}

/* Try one designator d against search s: 0 and serial filled on a
 * match, 1 otherwise (serial may keep a type digit, as in scsi_id). */
static int sid_fill(const uint8_t *d, const struct sid_search *s,
		    const uint8_t *inq, char *serial)
{
	unsigned int n = d[3];
	size_t need, pos, i;

	if (d[1] & 0x30)
		return 1;
	if ((d[1] & 0xf) != s->type || (d[0] & 0xf) != s->code_set)
		return 1;
	if (s->naa != SID_ANY && d[4] >> 4 != s->naa)
		return 1;
	need = (s->code_set == VPD_CS_ASCII ? n : 2 * n) + 2;
	if (s->type == VPD_DT_VENDOR)
		need += 24;
	if (need > SID_SERIAL_LEN)
		return 1;
	serial[0] = vpd_hexdig[s->type];
	if (s->type == VPD_DT_VENDOR && !sid_vendor_model(inq, serial, 1))
		return 1;
	pos = strlen(serial);
	for (i = 0; i < n; i++) {
		if (s->code_set == VPD_CS_ASCII) {
			serial[pos++] = (char)d[4 + i];
		} else {
			serial[pos++] = vpd_hexdig[d[4 + i] >> 4];
			serial[pos++] = vpd_hexdig[d[4 + i] & 0xf];
		}
	}
	serial[pos] = '\0';
	return 0;
}

static int sid_page83(const struct scsi_id_pages *pg, const uint8_t *inq,
		      char *serial)
{
	uint8_t b[SID_VIEW_LEN];
	size_t i, j, end;

	if (!pg->pg83)
		return 1;
	vpd_load_view(b, sizeof(b), pg->pg83, pg->pg83_len, SID_INQ_LEN);
	if (b[1] != VPD_PAGE_DEVID)
		return 1;
	if (b[6] != 0) {
		/* SCSI-2 style page (some EMC Symmetrix): the bytes after
		 * the header are an IEEE WWN */
		serial[0] = '3';
		for (i = 0, j = 1; i < b[3] && j < SID_SERIAL_LEN - 3; i++) {
			serial[j++] = vpd_hexdig[b[4 + i] >> 4];
			serial[j++] = vpd_hexdig[b[4 + i] & 0xf];
		}
		serial[j] = '\0';
		return 0;
	}
	end = VPD_HDR_LEN + vpd_be16(b + 2);
	for (i = 0; i < ARRAY_SIZE(sid_order); i++)
		for (j = VPD_HDR_LEN; j < end && j + 4 <= SID_INQ_LEN;
		     j += 4 + b[j + 3])
			if (!sid_fill(b + j, &sid_order[i], inq, serial))
				return 0;
	return 1;
}

/* Page 0x80: 'S', vendor, model, serial number. */
static int sid_page80(const struct scsi_id_pages *pg, const uint8_t *inq,
		      char *serial)
{
	uint8_t b[SID_VIEW_LEN];

	if (!pg->pg80)
		return 1;
	vpd_load_view(b, sizeof(b), pg->pg80, pg->pg80_len, SID_INQ_LEN);
	if (b[1] != VPD_PAGE_SERIAL || 1 + 24 + b[3] > SID_SERIAL_LEN)
		return 1;
	serial[0] = 'S';
	if (!sid_vendor_model(inq, serial, 1))
		return 1;
	memcpy(serial + 25, b + 4, b[3]);
	serial[25 + b[3]] = '\0';
	return 0;
}

int vpd_wwid_scsi_id(const struct scsi_id_pages *pg, struct strbuf *out)
{
	uint8_t inq[SID_VIEW_LEN], p0[SID_VIEW_LEN];
	char serial[SID_SERIAL_LEN + 1] = "";
	char vendor[9];
	size_t i, end;

	/* a rejected INQUIRY leaves scsi_id with zeros, and it goes on */
	vpd_load_view(inq, sizeof(inq), pg->inq, pg->inq_len, SID_INQ_LEN);
	if (pg->pg0) {
		vpd_load_view(p0, sizeof(p0), pg->pg0, pg->pg0_len, SID_INQ_LEN);
	} else {
		memset(p0, 0, sizeof(p0));
		i = VPD_HDR_LEN;
		p0[i++] = VPD_PAGE_SUPPORTED;
		if (pg->pg80)
			p0[i++] = VPD_PAGE_SERIAL;
		if (pg->pg83)
			p0[i++] = VPD_PAGE_DEVID;
		p0[3] = i - VPD_HDR_LEN;
	}
	memcpy(vendor, inq + 8, 8);
	vendor[8] = '\0';
	/* some devices answer page 0 with their standard INQUIRY data */
	if (p0[1] != 0 || (p0[3] > 16 && !strncmp((char *)p0 + 8, vendor, 8)))
		return -ENODATA;

	end = VPD_HDR_LEN + p0[3];
	for (i = VPD_HDR_LEN; i < end; i++)
		if (p0[i] == VPD_PAGE_DEVID && !sid_page83(pg, inq, serial))
			goto done;
	for (i = VPD_HDR_LEN; i < end; i++)
		if (p0[i] == VPD_PAGE_SERIAL && !sid_page80(pg, inq, serial))
			goto done;
done:
	/* scsi_id prints whatever it left in serial, even after failing */
	if (!serial[0])
		return -ENODATA;
	return udev_clean(serial, SID_SERIAL_LEN - 1, out);
}
