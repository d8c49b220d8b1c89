/* WWIDs and serials the way the reference (multipath-tools 0.9.4) derives
 * them from VPD pages 0x80 and 0x83 itself. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/vpd.h"
#include "discovery/vpd_util.h"
#include "util/cleanup.h"

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
	vpd_load_view(in, sizeof(in), page, len, MP_VPD_BUFLEN);
	n = vpd_be16(in + 2);
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
		tmp[n++] = vpd_hexdig[d[1] & 0xf];
		for (i = 0; i < vlen; i++) {
			tmp[n++] = vpd_hexdig[v[i] >> 4];
			tmp[n++] = vpd_hexdig[v[i] & 0xf];
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
	vpd_load_view(in, sizeof(in), page, len, MP_VPD_BUFLEN);
	in_len = VPD_HDR_LEN + vpd_be16(in + 2);
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
