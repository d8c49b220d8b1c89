/* SCSI Persistent Reservation CDBs, parameter lists, TransportIDs and PR
 * IN reply decoding (SPC-4), with the reference's status mapping.
 *
 * Where this deliberately differs from multipath-tools 0.9.4:
 *  - "fcp,<hex>": the reference swaps format code and protocol id (both
 *    0, so the byte is right by luck) and reads 16 characters even when
 *    fewer hex digits were given; here exactly 16 hex digits are needed.
 *  - "sas,<hex>": the reference copies the first 8 ASCII characters of
 *    the address instead of the 8 bytes it spells, and, having stored the
 *    protocol as a format code, lays the TransportID out as FC's (address
 *    at byte 8). Here: protocol 6, the 8 bytes at byte 4, 16 hex digits.
 *  - An argument of no known form, or an iSCSI name too long, is -EINVAL;
 *    the reference accepts it and sends an all-zero (FC) TransportID. An
 *    ISID (",i,0x...") must be 1-12 hex digits, an iSCSI name printable.
 *  - More than PR_MAX_TIDS TransportIDs is -EINVAL (the reference writes
 *    past its array).
 *  - PR OUT parameter list length is SPC-4's 4-byte field (the reference
 *    fills its low 2 bytes only: the same CDB below 64 KiB).
 *  - Replies: the reference trusts ADDITIONAL LENGTH and reads what the
 *    device did not send (zeros of its buffer, or past it: keys beyond
 *    8 KiB, more than 30 full status descriptors, an additional length
 *    over 8 KiB); here what was not received is cut off and contradictory
 *    replies are -EBADMSG.
 *  - The sense key comes from scsi_sense_decode(), so descriptor format
 *    sense is read right (the reference reads fixed format offsets).
 */
#include <errno.h>
#include <string.h>

#include "persist/pr_codec.h"
#include "util/bytes.h"

void prin_cdb(uint8_t cdb[10], int sa, uint16_t alloc_len)
{
	memset(cdb, 0, 10);
	cdb[0] = PR_IN_OPCODE;
	cdb[1] = sa & 0x1f;
	put_be16(cdb + 7, alloc_len);
}

void prout_cdb(uint8_t cdb[10], int sa, unsigned scope, unsigned type,
	       uint32_t param_len)
{
	memset(cdb, 0, 10);
	cdb[0] = PR_OUT_OPCODE;
	cdb[1] = sa & 0x1f;
	cdb[2] = (scope & 0xf) << 4 | (type & 0xf);
	put_be32(cdb + 5, param_len);
}

int pr_status_from_scsi(uint8_t status, bool have_sense, uint8_t key,
			uint8_t asc, uint8_t ascq)
{
	/* the reference ignores ASC/ASCQ here (see the header) */
	(void)asc;
	(void)ascq;
	/* like the reference, without the vendor bit 0 and bit 7 */
	switch (status & 0x7e) {
	case SCSI_STATUS_GOOD:
		return PR_STATUS_SUCCESS;
	case SCSI_STATUS_RESERVATION_CONFLICT:
		return PR_STATUS_RESERV_CONFLICT;
	case SCSI_STATUS_CHECK_CONDITION:
		break;
	default:
		return PR_STATUS_OTHER;
	}
	/* its sense buffer is zeroed: no sense data reads as NO SENSE */
	if (!have_sense)
		return PR_STATUS_NO_SENSE;
	switch (key) {
	case SENSE_NO_SENSE:
		return PR_STATUS_NO_SENSE;
	case SENSE_RECOVERED_ERROR:
		return PR_STATUS_SUCCESS;
	case SENSE_NOT_READY:
		return PR_STATUS_SENSE_NOT_READY;
	case SENSE_MEDIUM_ERROR:
		return PR_STATUS_SENSE_MEDIUM_ERROR;
	case SENSE_HARDWARE_ERROR:
		return PR_STATUS_SENSE_HARDWARE_ERROR;
	case SENSE_ILLEGAL_REQUEST:
		return PR_STATUS_ILLEGAL_REQ;
	case SENSE_UNIT_ATTENTION:
		return PR_STATUS_SENSE_UNIT_ATTENTION;
	case SENSE_ABORTED_COMMAND:
		return PR_STATUS_SENSE_ABORTED_COMMAND;
	default:		/* BLANK CHECK, DATA PROTECT, COPY ABORTED ... */
		return PR_STATUS_OTHER;
	}
}

int pr_status_from_sg(const struct sg_result *res)
{
	uint8_t status = res->status & 0x7e;

	if (status == SCSI_STATUS_GOOD &&
	    (res->host_status || res->driver_status))
		return PR_STATUS_OTHER;
	return pr_status_from_scsi(res->status, res->have_sense,
				   res->sense.key, res->sense.asc,
				   res->sense.ascq);
}

bool pr_status_retry(int status, uint8_t asc, uint8_t ascq)
{
	if (status == PR_STATUS_SENSE_UNIT_ATTENTION)
		return true;
	return status == PR_STATUS_SENSE_NOT_READY && asc == 0x04 &&
	       ascq == 0x07;
}

/* ---- TransportIDs ------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly 16 hex digits into 8 bytes. */
static int parse_hex8(const char *s, uint8_t out[8])
{
	size_t i;

	if (strlen(s) != 16)
		return -EINVAL;
	for (i = 0; i < 16; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static bool all_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (hexval(s[i]) < 0)
			return false;
	return true;
}

#define ISID_MARK ",i,0x"
/* iSCSI ADDITIONAL LENGTH: at most this (the reference's limit, 241,
 * rounded down to the multiple of 4 it must be) */
#define ISCSI_MAX_ALEN 240

static int parse_iscsi(const char *arg, struct pr_tid *tid)
{
	size_t n = strcspn(arg, " \t"), alen, i;
	const char *isid = strstr(arg, ISID_MARK);

	if (isid && (size_t)(isid - arg) >= n)
		isid = NULL;
	if (n <= 4 || (isid && (size_t)(isid - arg) <= 4))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if ((unsigned char)arg[i] < 0x21 || arg[i] == 0x7f)
			return -EINVAL;
	if (isid) {
		const char *hex = isid + strlen(ISID_MARK);
		size_t hl = n - (size_t)(hex - arg);

		if (hl < 1 || hl > 12 || !all_hex(hex, hl))
			return -EINVAL;
	}
	/* the name, at least one NUL, padded to a multiple of 4, >= 20 */
	alen = (n + 1 + 3) & ~(size_t)3;
	if (alen < 20)
		alen = 20;
	if (alen > ISCSI_MAX_ALEN)
		return -EINVAL;
	memset(tid, 0, sizeof(*tid));
	tid->b[0] = (isid ? 0x40 : 0x00) | PR_PROTO_ISCSI;
	put_be16(tid->b + 2, (uint16_t)alen);
	memcpy(tid->b + 4, arg, n);
	tid->len = 4 + alen;
	return 0;
}

static bool has_prefix(const char *s, const char *lower, const char *upper)
{
	size_t n = strlen(lower);

	return !strncmp(s, lower, n) || !strncmp(s, upper, n);
}

int pr_tid_parse(const char *arg, struct pr_tid *tid)
{
	uint8_t addr[8];

	if (!arg || !tid)
		return -EINVAL;
	if (has_prefix(arg, "fcp,", "FCP,")) {
		if (parse_hex8(arg + 4, addr))
			return -EINVAL;
		memset(tid, 0, sizeof(*tid));
		tid->b[0] = PR_PROTO_FC;
		memcpy(tid->b + 8, addr, 8);
		tid->len = 24;
		return 0;
	}
	if (has_prefix(arg, "sas,", "SAS,")) {
		if (parse_hex8(arg + 4, addr))
			return -EINVAL;
		memset(tid, 0, sizeof(*tid));
		tid->b[0] = PR_PROTO_SAS;
		memcpy(tid->b + 4, addr, 8);
		tid->len = 24;
		return 0;
	}
	if (!strncmp(arg, "iqn.", 4))
		return parse_iscsi(arg, tid);
	return -EINVAL;
}

/* ---- PR OUT parameter lists ------------------------------------------- */

#define PROUT_HDR_LEN 24

static bool tid_ok(const struct pr_tid *t)
{
	return t->len >= 24 && t->len <= sizeof(t->b) && !(t->len % 4);
}

ssize_t prout_params_encode(const struct prout_params *p, uint8_t *buf,
			    size_t len)
{
	size_t total = PROUT_HDR_LEN, tids_len = 0, i, off;

	if (!p || (p->n_tids && (!p->spec_i_pt || !p->tids)) ||
	    p->n_tids > PR_MAX_TIDS)
		return -EINVAL;
	for (i = 0; i < p->n_tids; i++) {
		if (!tid_ok(&p->tids[i]))
			return -EINVAL;
		tids_len += p->tids[i].len;
	}
	if (p->spec_i_pt)
		total += 4 + tids_len;
	if (!buf || len < total)
		return -ENOSPC;
	memset(buf, 0, total);
	put_be64(buf, p->key);
	put_be64(buf + 8, p->sa_key);
	buf[20] = (p->spec_i_pt ? 0x08 : 0) | (p->all_tg_pt ? 0x04 : 0) |
		  (p->aptpl ? 0x01 : 0);
	if (!p->spec_i_pt)
		return (ssize_t)total;
	put_be32(buf + PROUT_HDR_LEN, (uint32_t)tids_len);
	off = PROUT_HDR_LEN + 4;
	for (i = 0; i < p->n_tids; i++) {
		memcpy(buf + off, p->tids[i].b, p->tids[i].len);
		off += p->tids[i].len;
	}
	return (ssize_t)total;
}

ssize_t prout_move_params_encode(const struct prout_move_params *p,
				 uint8_t *buf, size_t len)
{
	size_t total;

	if (!p || !p->tid || !tid_ok(p->tid))
		return -EINVAL;
	total = PROUT_HDR_LEN + p->tid->len;
	if (!buf || len < total)
		return -ENOSPC;
	memset(buf, 0, PROUT_HDR_LEN);
	put_be64(buf, p->key);
	put_be64(buf + 8, p->sa_key);
	buf[17] = (p->unreg ? 0x02 : 0) | (p->aptpl ? 0x01 : 0);
	put_be16(buf + 18, p->rtpi);
	put_be32(buf + 20, (uint32_t)p->tid->len);
	memcpy(buf + PROUT_HDR_LEN, p->tid->b, p->tid->len);
	return (ssize_t)total;
}

/* ---- PR IN replies ----------------------------------------------------- */

#define PRIN_HDR_LEN 8
#define FS_DESC_LEN 24

int pr_keys_decode(const uint8_t *buf, size_t len, struct pr_keys *k)
{
	size_t avail, n;

	if (!buf || len < PRIN_HDR_LEN)
		return -EBADMSG;
	memset(k, 0, sizeof(*k));
	k->generation = get_be32(buf);
	k->additional_length = get_be32(buf + 4);
	avail = len - PRIN_HDR_LEN;
	n = k->additional_length < avail ? k->additional_length : avail;
	k->count = n / 8;
	k->keys = buf + PRIN_HDR_LEN;
	k->truncated = k->additional_length / 8 > k->count;
	return 0;
}

uint64_t pr_keys_get(const struct pr_keys *k, size_t i)
{
	return i < k->count ? get_be64(k->keys + 8 * i) : 0;
}

int pr_reservation_decode(const uint8_t *buf, size_t len,
			  struct pr_reservation *r)
{
	size_t cover;

	if (!buf || len < PRIN_HDR_LEN)
		return -EBADMSG;
	memset(r, 0, sizeof(*r));
	r->generation = get_be32(buf);
	r->additional_length = get_be32(buf + 4);
	r->held = r->additional_length >= 8;
	if (!r->held)
		return 0;
	cover = PRIN_HDR_LEN + (size_t)r->additional_length;
	if (cover > len)
		cover = len;
	if (cover < 22)
		return -EBADMSG;
	r->key = get_be64(buf + 8);
	r->scope = buf[21] >> 4;
	r->type = buf[21] & 0xf;
	return 0;
}

int pr_caps_decode(const uint8_t *buf, size_t len, struct pr_caps *c)
{
	size_t cover;
	uint8_t b2, b3;

	if (!buf || len < 2)
		return -EBADMSG;
	memset(c, 0, sizeof(*c));
	c->length = get_be16(buf);
	cover = c->length < len ? c->length : len;
	if (c->length <= 2 || cover < 4)
		return -EBADMSG;
	b2 = c->flags[0] = buf[2];
	b3 = c->flags[1] = buf[3];
	c->mask[0] = cover > 4 ? buf[4] : 0;
	c->mask[1] = cover > 5 ? buf[5] : 0;
	c->crh = b2 & 0x10;
	c->sip_c = b2 & 0x08;
	c->atp_c = b2 & 0x04;
	c->ptpl_c = b2 & 0x01;
	c->tmv = b3 & 0x80;
	c->allow_commands = (b3 >> 4) & 0x7;
	c->ptpl_a = b3 & 0x01;
	if (c->mask[0] & 0x80)
		c->types |= 1u << PR_TYPE_WRITE_EXCLUSIVE_AR;
	if (c->mask[0] & 0x40)
		c->types |= 1u << PR_TYPE_EXCLUSIVE_ACCESS_RO;
	if (c->mask[0] & 0x20)
		c->types |= 1u << PR_TYPE_WRITE_EXCLUSIVE_RO;
	if (c->mask[0] & 0x08)
		c->types |= 1u << PR_TYPE_EXCLUSIVE_ACCESS;
	if (c->mask[0] & 0x02)
		c->types |= 1u << PR_TYPE_WRITE_EXCLUSIVE;
	if (c->mask[1] & 0x01)
		c->types |= 1u << PR_TYPE_EXCLUSIVE_ACCESS_AR;
	return 0;
}

int pr_fullstatus_decode(const uint8_t *buf, size_t len,
			 struct pr_fullstatus *fs)
{
	size_t avail, claim, off = 0;

	if (!buf || len < PRIN_HDR_LEN)
		return -EBADMSG;
	memset(fs, 0, sizeof(*fs));
	fs->generation = get_be32(buf);
	fs->additional_length = get_be32(buf + 4);
	fs->descs = buf + PRIN_HDR_LEN;
	avail = len - PRIN_HDR_LEN;
	claim = fs->additional_length;
	while (off < claim) {
		uint32_t tl;

		/* what the reply claims must hold whole descriptors */
		if (claim - off < FS_DESC_LEN)
			return -EBADMSG;
		if (avail - off < FS_DESC_LEN)
			break;
		tl = get_be32(fs->descs + off + 20);
		if (tl > claim - off - FS_DESC_LEN)
			return -EBADMSG;
		if (tl > avail - off - FS_DESC_LEN)
			break;
		off += FS_DESC_LEN + tl;
		fs->count++;
	}
	fs->descs_len = off;
	fs->truncated = off < claim;
	return 0;
}

int pr_fullstatus_next(const struct pr_fullstatus *fs, size_t *pos,
		       struct pr_fs_desc *d)
{
	const uint8_t *p;

	if (*pos + FS_DESC_LEN > fs->descs_len)
		return 0;
	p = fs->descs + *pos;
	d->key = get_be64(p);
	d->all_tg_pt = p[12] & 0x02;
	d->r_holder = p[12] & 0x01;
	d->scope = p[13] >> 4;
	d->type = p[13] & 0xf;
	d->rtpi = get_be16(p + 18);
	d->tid_len = get_be32(p + 20);
	if (d->tid_len > fs->descs_len - *pos - FS_DESC_LEN)
		return 0;
	d->tid = p + FS_DESC_LEN;
	*pos += FS_DESC_LEN + d->tid_len;
	return 1;
}
