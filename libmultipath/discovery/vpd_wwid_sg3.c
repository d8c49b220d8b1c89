/* The SCSI_* identifiers of sg3-utils-udev's rules (sg_inq --export),
 * from which they make ID_SERIAL. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/vpd.h"
#include "discovery/vpd_util.h"
#include "util/cleanup.h"

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
		} else if (!vpd_is_print(s[k])) {
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
		tmp[2 * i] = vpd_hexdig[p[i] >> 4];
		tmp[2 * i + 1] = vpd_hexdig[p[i] & 0xf];
	}
	sg3_set(prop, tmp, 2 * n);
}

/* An encoded string printed with udev's \xNN escapes. */
static void sg3_set_escaped(char *prop, const uint8_t *p, size_t n)
{
	char tmp[SG3_VAL_MAX];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (vpd_udev_allowed(p[i])) {
			tmp[k++] = (char)p[i];
		} else {
			tmp[k++] = '\\';
			tmp[k++] = 'x';
			tmp[k++] = vpd_hexdig[p[i] >> 4];
			tmp[k++] = vpd_hexdig[p[i] & 0xf];
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
