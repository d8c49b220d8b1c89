/* Decoding of SCSI identification data: standard INQUIRY, VPD pages 0x80
 * and 0x83, and three WWID derivations (the reference's own, udev's
 * scsi_id, sg3-utils-udev's rules), each matching its model's output. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/vpd.h"
#include "util/cleanup.h"

static unsigned int get_be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static const char hexdig[] = "0123456789abcdef";

/* Copy at most min(len, cap) bytes of src to the start of view and zero
 * the rest: the tools we mimic read pages into zeroed fixed-size buffers,
 * so bytes a device did not send read as zero. */
static void load_view(uint8_t *view, size_t viewsz, const uint8_t *src,
		      size_t len, size_t cap)
{
	size_t n = src ? (len < cap ? len : cap) : 0;

	if (n > viewsz)
		n = viewsz;
	memset(view, 0, viewsz);
	if (n)
		memcpy(view, src, n);
}

static bool is_print(uint8_t c)
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
		dst[i] = ended || !is_print(c) ? ' ' : (char)c;
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
	n = VPD_HDR_LEN + get_be16(page + 2);
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
			ids->tpg = get_be16(d.id + 2);
		if (d.type == VPD_DT_REL_PORT && d.assoc == VPD_ASSOC_PORT &&
		    ids->rel_port < 0)
			ids->rel_port = get_be16(d.id + 2);
	}
	return r;
}

/* ---- the reference's own decoding (multipath-tools 0.9.4) ----------------- */

/* It reads pages into a zeroed 4096-byte buffer; the slack lets the one
 * byte it may read past a 4-byte header at the very end read as zero. */
#define MP_VPD_BUFLEN 4096
#define MP_VIEW_LEN (MP_VPD_BUFLEN + 8)

int vpd80_serial(const uint8_t *page, size_t len, char out[VPD_SERIAL_SIZE])
{
	uint8_t in[MP_VIEW_LEN];
	size_t n, start = VPD_HDR_LEN;

	out[0] = '\0';
	if (len < 2 || page[1] != VPD_PAGE_SERIAL)
		return -ENODATA;
	load_view(in, sizeof(in), page, len, MP_VPD_BUFLEN);
	n = get_be16(in + 2);
	if (n > VPD_WWID_SIZE)
		n = VPD_WWID_SIZE;
	while (n > 0 && in[start + n - 1] == ' ')
		n--;
	while (n > 0 && in[start] == ' ') {
		start++;
		n--;
	}
	if (n >= VPD_SERIAL_SIZE)
		n = VPD_SERIAL_SIZE - 1;
	memcpy(out, in + start, n);
	out[n] = '\0';
	return strlen(out);
}

static bool mp_name_prefix(const uint8_t *p)
{
	return !memcmp(p, "eui.", 4) || !memcmp(p, "naa.", 4) ||
	       !memcmp(p, "iqn.", 4);
}

/*
 * Rank of a logical-unit designator in the reference's choice (higher
 * wins, the first of equal rank stays), -1 for never chosen. Sets *invalid
 * for what it rejects: wrong lengths, and types it does not know.
 */
static int mp_rank(const uint8_t *d, bool *invalid)
{
	switch (d[1] & 0xf) {
	case VPD_DT_NAA:
		switch (d[4] >> 4) {
		case 6:	/* IEEE Registered Extended */
			*invalid = d[3] != 16;
			return 8;
		case 5:	/* IEEE Registered */
			*invalid = d[3] != 8;
			return 7;
		case 2:	/* IEEE Extended */
			*invalid = d[3] != 8;
			return 6;
		case 3:	/* Locally Assigned */
			*invalid = d[3] != 8;
			return 1;
		default:
			*invalid = true;
			return -1;
		}
	case VPD_DT_EUI64:
		*invalid = d[3] != 8 && d[3] != 12 && d[3] != 16;
		return 4;
	case VPD_DT_NAME:
		*invalid = d[3] < 4 || !mp_name_prefix(d + 4);
		return 3;
	case VPD_DT_T10:
		*invalid = d[3] < 8;
		return 2;
	case VPD_DT_UUID:
		return -1;
	default:
		*invalid = true;
		return -1;
	}
}

/* T10 vendor ID: runs of blanks become one '_', except at the end. */
static size_t mp_t10(char *o, const uint8_t *v, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n) {
		if (v[i] != ' ') {
			o[k++] = (char)v[i++];
			continue;
		}
		while (i < n && v[i] == ' ')
			i++;
		if (i < n)
			o[k++] = '_';
	}
	return k;
}

/* Format the chosen designator d (a zero-padded view, so the reads are
 * in bounds) into out: type digit, then the identifier. */
static int mp_format(const uint8_t *d, char out[VPD_WWID_SIZE])
{
	char tmp[2 * VPD_WWID_SIZE + 2];
	const uint8_t *v = d + 4;
	size_t vlen = d[3], n = 0, i;

	if (vlen > VPD_WWID_SIZE)
		vlen = VPD_WWID_SIZE;
	switch (d[1] & 0xf) {
	case VPD_DT_NAA:
	case VPD_DT_EUI64:
		tmp[n++] = hexdig[d[1] & 0xf];
		for (i = 0; i < vlen; i++) {
			tmp[n++] = hexdig[v[i] >> 4];
			tmp[n++] = hexdig[v[i] & 0xf];
		}
		break;
	case VPD_DT_NAME:
		/* eui. and naa. names become their binary forms' strings */
		tmp[n++] = !memcmp(v, "eui.", 4) ? '2' :
			   !memcmp(v, "naa.", 4) ? '3' : '8';
		for (i = 4; i < vlen && v[i]; i++) {
			char c = (char)v[i];

			if (tmp[0] != '8' && c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			tmp[n++] = c;
		}
		break;
	default:		/* T10 vendor ID */
		tmp[n++] = '1';
		n += mp_t10(tmp + n, v, vlen);
		break;
	}
	tmp[n] = '\0';
	n = strlen(tmp);
	if (n > VPD_WWID_SIZE - 1)
		n = VPD_WWID_SIZE - 1;
	/* get_uid() then drops trailing blanks from any uid */
	while (n > 0 && tmp[n - 1] == ' ')
		n--;
	memcpy(out, tmp, n);
	out[n] = '\0';
	return n;
}

int vpd83_wwid_multipath(const uint8_t *page, size_t len,
			 char out[VPD_WWID_SIZE])
{
	uint8_t in[MP_VIEW_LEN];
	const uint8_t *best = NULL;
	size_t in_len, off;
	int rank = -1, err = -ENODATA;

	out[0] = '\0';
	if (len < 2 || page[1] != VPD_PAGE_DEVID)
		return -ENODATA;
	load_view(in, sizeof(in), page, len, MP_VPD_BUFLEN);
	in_len = VPD_HDR_LEN + get_be16(in + 2);
	if (in_len > MP_VPD_BUFLEN)
		in_len = MP_VPD_BUFLEN;

	for (off = VPD_HDR_LEN; off + 4 <= in_len; off += 4 + in[off + 3]) {
		const uint8_t *d = in + off;
		unsigned int assoc = (d[1] >> 4) & 0x3;
		bool invalid = assoc == 3;
		int r = -1;

		if (assoc == VPD_ASSOC_LU)
			r = mp_rank(d, &invalid);
		if (off + 4 + d[3] > in_len) {
			err = -EOVERFLOW;
			break;
		}
		if (invalid)
			err = -EINVAL;
		else if (r > rank) {
			rank = r;
			best = d;
		}
	}
	if (!best)
		return err;
	return mp_format(best, out);
}

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

static bool udev_allowed(uint8_t c)
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

		if (udev_allowed(*p)) {
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
	serial[0] = hexdig[s->type];
	if (s->type == VPD_DT_VENDOR && !sid_vendor_model(inq, serial, 1))
		return 1;
	pos = strlen(serial);
	for (i = 0; i < n; i++) {
		if (s->code_set == VPD_CS_ASCII) {
			serial[pos++] = (char)d[4 + i];
		} else {
			serial[pos++] = hexdig[d[4 + i] >> 4];
			serial[pos++] = hexdig[d[4 + i] & 0xf];
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
	load_view(b, sizeof(b), pg->pg83, pg->pg83_len, SID_INQ_LEN);
	if (b[1] != VPD_PAGE_DEVID)
		return 1;
	if (b[6] != 0) {
		/* SCSI-2 style page (some EMC Symmetrix): the bytes after
		 * the header are an IEEE WWN */
		serial[0] = '3';
		for (i = 0, j = 1; i < b[3] && j < SID_SERIAL_LEN - 3; i++) {
			serial[j++] = hexdig[b[4 + i] >> 4];
			serial[j++] = hexdig[b[4 + i] & 0xf];
		}
		serial[j] = '\0';
		return 0;
	}
	end = VPD_HDR_LEN + get_be16(b + 2);
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
	load_view(b, sizeof(b), pg->pg80, pg->pg80_len, SID_INQ_LEN);
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
	load_view(inq, sizeof(inq), pg->inq, pg->inq_len, SID_INQ_LEN);
	if (pg->pg0) {
		load_view(p0, sizeof(p0), pg->pg0, pg->pg0_len, SID_INQ_LEN);
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

/* ---- sg3-utils-udev: sg_inq --export and 55-scsi-sg3_id.rules ------------ */

#define SG3_VAL_MAX (4 * 255 + 1)

/* The SCSI_* properties the rules use for ID_SERIAL; "" when unset. */
struct sg3_env {
	char vendor[SG3_VAL_MAX];
	char model[SG3_VAL_MAX];
	char serial[SG3_VAL_MAX];
	char ata[SG3_VAL_MAX];
	char naa_regext[SG3_VAL_MAX];
	char naa_reg[SG3_VAL_MAX];
	char naa_ext[SG3_VAL_MAX];
	char eui64[SG3_VAL_MAX];
	char name[SG3_VAL_MAX];
	char t10[SG3_VAL_MAX];
	char naa_local[SG3_VAL_MAX];
	char lu_vendor[SG3_VAL_MAX];
};

static bool is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/*
 * sg_inq's encode_whitespaces() of s[0..n) into o (at most n bytes):
 * blanks trimmed at both ends (and NULs at the end, and control bytes
 * after the leading blanks), inner runs of blanks made one '_' (not after
 * a '_'), other unprintable bytes made '.', one NUL skipped and two
 * ending the string. Returns the length, 0 when nothing printable was
 * kept.
 */
static size_t sg3_encode(uint8_t *o, const uint8_t *s, size_t n)
{
	size_t j = 0, end = n, k, res = 0;
	bool valid = false, zero = false;

	while (j < n && is_blank(s[j]))
		j++;
	while (j < n && s[j] < 0x20)
		j++;
	while (end > j && (is_blank(s[end - 1]) || s[end - 1] == 0))
		end--;
	for (k = j; k < end; k++) {
		if (is_blank(s[k])) {
			if (res > 0 && o[res - 1] != '_') {
				o[res++] = '_';
				valid = true;
			}
			zero = false;
		} else if (s[k] == 0) {
			if (zero)
				break;
			zero = true;
		} else if (!is_print(s[k])) {
			o[res++] = '.';
			zero = false;
		} else {
			o[res++] = s[k];
			valid = true;
			zero = false;
		}
	}
	return valid ? res : 0;
}

/* Set a property the way udev imports a program's "KEY=value" line:
 * the value ends at a newline, loses " \t\n\r" at both ends and a pair
 * of enclosing quotes; a lone quote makes udev drop the line. */
static void sg3_set(char *prop, const char *val, size_t n)
{
	const char *nl = memchr(val, '\n', n);
	size_t i = 0;

	if (nl)
		n = nl - val;
	while (i < n && strchr(" \t\r", val[i]))
		i++;
	while (n > i && strchr(" \t\r", val[n - 1]))
		n--;
	if (n > i && (val[i] == '"' || val[i] == '\'')) {
		if (n - i == 1 || val[n - 1] != val[i])
			return;
		i++;
		n--;
	}
	memcpy(prop, val + i, n - i);
	prop[n - i] = '\0';
}

static void sg3_set_hex(char *prop, const uint8_t *p, size_t n)
{
	char tmp[2 * 255];
	size_t i;

	for (i = 0; i < n; i++) {
		tmp[2 * i] = hexdig[p[i] >> 4];
		tmp[2 * i + 1] = hexdig[p[i] & 0xf];
	}
	sg3_set(prop, tmp, 2 * n);
}

/* An encoded string printed with udev's \xNN escapes. */
static void sg3_set_escaped(char *prop, const uint8_t *p, size_t n)
{
	char tmp[SG3_VAL_MAX];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (udev_allowed(p[i])) {
			tmp[k++] = (char)p[i];
		} else {
			tmp[k++] = '\\';
			tmp[k++] = 'x';
			tmp[k++] = hexdig[p[i] >> 4];
			tmp[k++] = hexdig[p[i] & 0xf];
		}
	}
	sg3_set(prop, tmp, k);
}

/* A string printed with "%.*s": up to n bytes, ending at a NUL. */
static void sg3_set_str(char *prop, const uint8_t *p, size_t n)
{
	const uint8_t *z = memchr(p, 0, n);

	sg3_set(prop, (const char *)p, z ? (size_t)(z - p) : n);
}

/* One logical-unit designator of page 0x83 as sg_inq exports it; b0 is
 * the byte at ip even when n is 0. */
static void sg3_desig(struct sg3_env *e, uint8_t cs, uint8_t type,
		      const uint8_t *ip, size_t n, uint8_t b0)
{
	uint8_t enc[255];
	size_t k;

	switch (type) {
	case VPD_DT_VENDOR:
		if (n == 0 || n > 128)
			break;
		if (cs == VPD_CS_ASCII || cs == VPD_CS_UTF8) {
			k = sg3_encode(enc, ip, n);
			if (k > 0)
				sg3_set_escaped(e->lu_vendor, enc, k);
		} else {
			sg3_set_hex(e->lu_vendor, ip, n);
		}
		break;
	case VPD_DT_T10:
		if (cs != VPD_CS_ASCII && cs != VPD_CS_UTF8) {
			sg3_set_hex(e->t10, ip, n);
			break;
		}
		k = sg3_encode(enc, ip, n);
		sg3_set_escaped(e->t10, enc, k);
		if (k >= 4 && !memcmp(enc, "ATA_", 4))
			sg3_set_str(e->ata, enc + 4, k - 4);
		break;
	case VPD_DT_EUI64:
		if (cs == VPD_CS_BINARY)
			sg3_set_hex(e->eui64, ip, n);
		break;
	case VPD_DT_NAA:
		if (cs != VPD_CS_BINARY)
			break;
		sg3_set_hex(b0 >> 4 == 6 ? e->naa_regext :
			    b0 >> 4 == 5 ? e->naa_reg :
			    b0 >> 4 == 2 ? e->naa_ext : e->naa_local, ip, n);
		break;
	case VPD_DT_NAME:
		if (cs == VPD_CS_UTF8)
			sg3_set_str(e->name, ip, n);
		break;
	default:
		break;
	}
}

/* sg_inq --export of page 0x83: the logical-unit designators, the last of
 * a kind winning as udev imports line by line. */
static void sg3_page83(struct sg3_env *e, const uint8_t *page, size_t len)
{
	const uint8_t *buf = page + VPD_HDR_LEN;
	size_t plen, off = 0;

	if (len < VPD_HDR_LEN || page[1] != VPD_PAGE_DEVID)
		return;
	plen = vpd_page_len(page, len) - VPD_HDR_LEN;
	/* byte 6 counts even past the page length */
	if (len > 6 && buf[2] != 0) {
		/* a pre-SPC page is one NAA designator (we keep 255 bytes
		 * of it); the walk then goes on from byte 16 */
		sg3_desig(e, VPD_CS_BINARY, VPD_DT_NAA, buf,
			  plen < 255 ? plen : 255, buf[0]);
		off = 16;
		if (off + 3 >= plen)
			return;
		off += buf[off + 3] + 4;
	}
	for (; off + 4 <= plen; off += buf[off + 3] + 4) {
		const uint8_t *d = buf + off;
		unsigned int assoc = (d[1] >> 4) & 0x3;

		if (off + 4 + d[3] > plen || assoc == 3)
			return;
		if (assoc == VPD_ASSOC_LU)
			sg3_desig(e, d[0] & 0xf, d[1] & 0xf, d + 4, d[3],
				  off + 4 < plen ? d[4] : 0);
	}
}

static void sg3_inquiry(struct sg3_env *e, const uint8_t *inq, size_t len)
{
	uint8_t raw[16], enc[16];
	size_t k, i;

	if (len <= 8)
		return;
	for (i = 0; i < 8; i++) {
		uint8_t c = 8 + i < len ? inq[8 + i] : 0;

		raw[i] = c == '\t' ? ' ' : c;
	}
	k = sg3_encode(enc, raw, 8);
	if (k > 0)
		sg3_set_str(e->vendor, enc, k);
	if (len <= 16)
		return;
	for (i = 0; i < 16; i++)
		raw[i] = 16 + i < len ? inq[16 + i] : 0;
	k = sg3_encode(enc, raw, 16);
	if (k > 0)
		sg3_set_str(e->model, enc, k);
}

static void sg3_page80(struct sg3_env *e, const uint8_t *page, size_t len)
{
	uint8_t enc[255];
	size_t n, k;

	if (len < VPD_HDR_LEN || page[1] != VPD_PAGE_SERIAL)
		return;
	/* sg_inq looks at no more than 251 bytes of the serial number */
	n = vpd_page_len(page, len) - VPD_HDR_LEN;
	if (n > 251)
		n = 251;
	k = sg3_encode(enc, page + VPD_HDR_LEN, n);
	if (k > 0)
		sg3_set_escaped(e->serial, enc, k);
}

/* sg_inq 1.46 --inhex --raw guesses what a file holds: a standard
 * INQUIRY when byte 2 is above 2, and a page 0x80 that is shorter than 8
 * bytes or has a byte outside 0x20..0x80 at 5-7 is taken for one too;
 * otherwise it is the VPD page in byte 1. */
static void sg3_import(struct sg3_env *e, const uint8_t *b, size_t len)
{
	bool std;
	size_t i;

	if (len < 2)
		return;
	std = len > 2 && b[2] > 2;
	if (!std && b[1] == VPD_PAGE_SERIAL) {
		std = len < 8;
		for (i = 5; i < 8 && !std; i++)
			std = b[i] < 0x20 || b[i] > 0x80;
	}
	if (std)
		sg3_inquiry(e, b, len);
	else if (b[1] == VPD_PAGE_SERIAL)
		sg3_page80(e, b, len);
	else if (b[1] == VPD_PAGE_DEVID)
		sg3_page83(e, b, len);
}

/* The rules' order for ID_SERIAL: ATA, NAA but locally assigned, EUI-64,
 * SCSI name, T10 vendor ID, NAA locally assigned; then the vendor-specific
 * designator and page 0x80 with the INQUIRY strings added. */
static const struct {
	size_t off;
	const char *prefix;
} sg3_order[] = {
	{ offsetof(struct sg3_env, ata), "" },
	{ offsetof(struct sg3_env, naa_regext), "3" },
	{ offsetof(struct sg3_env, naa_reg), "3" },
	{ offsetof(struct sg3_env, naa_ext), "3" },
	{ offsetof(struct sg3_env, eui64), "2" },
	{ offsetof(struct sg3_env, name), "8" },
	{ offsetof(struct sg3_env, t10), "1" },
	{ offsetof(struct sg3_env, naa_local), "3" },
};

int vpd_wwid_sg3(const struct scsi_id_pages *pg, struct strbuf *out)
{
	_cleanup_free_ struct sg3_env *e = calloc(1, sizeof(*e));
	int r = -ENODATA;
	size_t i;

	if (!e)
		return -ENOMEM;
	/* the rules import the sysfs inquiry, vpd_pg80, vpd_pg83 */
	if (pg->inq)
		sg3_import(e, pg->inq, pg->inq_len);
	if (pg->pg80)
		sg3_import(e, pg->pg80, pg->pg80_len);
	if (pg->pg83)
		sg3_import(e, pg->pg83, pg->pg83_len);

	for (i = 0; i < ARRAY_SIZE(sg3_order) && r == -ENODATA; i++) {
		const char *v = (const char *)e + sg3_order[i].off;

		if (v[0])
			r = strbuf_printf(out, "%s%s", sg3_order[i].prefix, v);
	}
	if (r == -ENODATA && e->lu_vendor[0])
		r = strbuf_printf(out, "0%s_%s_%s", e->vendor, e->model,
				  e->lu_vendor);
	if (r == -ENODATA && e->serial[0])
		r = strbuf_printf(out, "S%s_%s_%s", e->vendor, e->model,
				  e->serial);
	return r < 0 ? r : 0;
}
