/* mpathpersist's output for PR IN replies (READ KEYS, READ RESERVATION,
 * REPORT CAPABILITIES, READ FULL STATUS) and the reference's hex dump.
 *
 * Output that follows from the reference's bugs is kept, since scripts
 * parse it: PTPL_C is 1 when any bit of byte 2 is set; "Allow Commands"
 * is 0 or 1, not the 3-bit value; the type mask is read as the 16-bit
 * big-endian value of bytes 4-5 and printed as "value & bit" (so 0, 2, 8,
 * 32, 64, 128 or 256) with bits of the wrong byte; a READ FULL STATUS
 * descriptor shows the TransportID of the previous descriptor (or an
 * all-zero FC one) when it has none, the last one when it has several,
 * and an iSCSI name keeps the bytes of a longer earlier name after its
 * own; a full row of the stdout hex dump has no newline.
 * What differs: bytes the reference would read past a TransportID read
 * as 0, and what was not received is not printed (pr_codec.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "persist/pr_codec.h"
#include "persist/pr_print.h"

/* A strbuf whose first failure sticks, so printers need not check each
 * line. */
struct pout {
	struct strbuf *sb;
	int err;
};

static void __attribute__((format(printf, 2, 3)))
emit(struct pout *o, const char *fmt, ...)
{
	va_list ap;

	if (o->err)
		return;
	va_start(ap, fmt);
	if (strbuf_vprintf(o->sb, fmt, ap) < 0)
		o->err = -ENOMEM;
	va_end(ap);
}

static void emitn(struct pout *o, const char *s, size_t n)
{
	if (!o->err && strbuf_appendn(o->sb, s, n) < 0)
		o->err = -ENOMEM;
}

static void emits(struct pout *o, const char *s)
{
	emitn(o, s, strlen(s));
}

static const char *const type_str[16] = {
	"obsolete [0]",
	"Write Exclusive",
	"obsolete [2]",
	"Exclusive Access",
	"obsolete [4]",
	"Write Exclusive, registrants only",
	"Exclusive Access, registrants only",
	"Write Exclusive, all registrants",
	"Exclusive Access, all registrants",
	"obsolete [9]",
	"obsolete [0xa]",
	"obsolete [0xb]",
	"obsolete [0xc]",
	"obsolete [0xd]",
	"obsolete [0xe]",
	"obsolete [0xf]",
};

#define HEX_ROW 16
#define HEX_FULL_ROW 76		/* what the reference prints of a full row */

static void hex_rows(struct pout *o, const uint8_t *buf, size_t len,
		     bool as_log)
{
	char row[80];
	size_t i, n;

	for (i = 0; i < len; i += n) {
		size_t j, pos = 0;

		n = len - i < HEX_ROW ? len - i : HEX_ROW;
		memset(row, ' ', sizeof(row));
		for (j = 0; j < n; j++) {
			static const char digits[] = "0123456789abcdef";

			pos = 8 + 3 * j + (j >= 8);
			row[pos] = digits[buf[i + j] >> 4];
			row[pos + 1] = digits[buf[i + j] & 0xf];
		}
		if (n == HEX_ROW) {
			emitn(o, row, HEX_FULL_ROW);
			if (as_log)
				emitn(o, "\n", 1);
		} else {
			emitn(o, row, pos + 2);
			emitn(o, "\n", 1);
		}
	}
}

int pr_print_hex(struct strbuf *out, const uint8_t *buf, size_t len,
		 bool as_log)
{
	struct pout o = { out, 0 };

	if (len && !buf)
		return -EINVAL;
	hex_rows(&o, buf, len, as_log);
	return o.err;
}

static void truncated_note(struct pout *e, uint32_t addlen, size_t len)
{
	emit(e, "PR IN reply truncated: additional length %u, %zu bytes received\n",
	     addlen, len);
}

static int print_keys(struct pout *o, struct pout *e, const uint8_t *buf,
		      size_t len)
{
	struct pr_keys k;
	size_t i;
	int r = pr_keys_decode(buf, len, &k);

	if (r < 0)
		return r;
	emit(o, "  PR generation=0x%x, ", k.generation);
	if (k.count == 0)
		emit(o, "\t0 registered reservation key.\n");
	else if (k.count == 1)
		emit(o, "\t1 registered reservation key follows:\n");
	else
		emit(o, "\t%zu registered reservation keys follow:\n", k.count);
	for (i = 0; i < k.count; i++)
		emit(o, "    0x%" PRIx64 "\n", pr_keys_get(&k, i));
	if (k.truncated)
		truncated_note(e, k.additional_length, len);
	return 0;
}

static int print_reservation(struct pout *o, const uint8_t *buf, size_t len)
{
	struct pr_reservation r;
	int rc = pr_reservation_decode(buf, len, &r);

	if (rc < 0)
		return rc;
	if (!r.held) {
		emit(o, "  PR generation=0x%x, there is NO reservation held \n",
		     r.generation);
		return 0;
	}
	emit(o, "  PR generation=0x%x, Reservation follows:\n", r.generation);
	emit(o, "   Key = 0x%" PRIx64 "\n", r.key);
	if (r.scope == 0)
		emit(o, "  scope = LU_SCOPE, type = %s", type_str[r.type]);
	else
		emit(o, "  scope = %d, type = %s", r.scope, type_str[r.type]);
	emit(o, "\n");
	return 0;
}

static void print_caps(struct pout *o, struct pout *e, const uint8_t *buf,
		       size_t len)
{
	struct pr_caps c;
	unsigned mask;

	if (pr_caps_decode(buf, len, &c) < 0) {
		emit(e, "Unexpected response for PRIN Report Capabilities\n");
		return;
	}
	emit(o, "Report capabilities response:\n");
	emit(o, "  Compatible Reservation Handling(CRH): %d\n", c.crh);
	emit(o, "  Specify Initiator Ports Capable(SIP_C): %d\n", c.sip_c);
	emit(o, "  All Target Ports Capable(ATP_C): %d\n", c.atp_c);
	/* the reference tests the whole byte */
	emit(o, "  Persist Through Power Loss Capable(PTPL_C): %d\n",
	     c.flags[0] != 0);
	emit(o, "  Type Mask Valid(TMV): %d\n", c.tmv);
	/* ... and prints whether any ALLOW COMMANDS bit is set */
	emit(o, "  Allow Commands: %d\n", c.allow_commands != 0);
	emit(o, "  Persist Through Power Loss Active(PTPL_A): %d\n", c.ptpl_a);
	if (!c.tmv)
		return;
	/* the reference's reading of the mask, bits of the wrong byte and
	 * the masked value printed */
	mask = (unsigned)c.mask[0] << 8 | c.mask[1];
	emit(o, "    Support indicated in Type mask:\n");
	emit(o, "      %s: %d\n", type_str[7], (int)(mask & 0x80));
	emit(o, "      %s: %d\n", type_str[6], (int)(mask & 0x40));
	emit(o, "      %s: %d\n", type_str[5], (int)(mask & 0x20));
	emit(o, "      %s: %d\n", type_str[3], (int)(mask & 0x8));
	emit(o, "      %s: %d\n", type_str[1], (int)(mask & 0x2));
	emit(o, "      %s: %d\n", type_str[8], (int)(mask & 0x100));
}

/* The reference's decoded TransportID, one for the whole reply. */
struct ref_tid {
	uint8_t fmt;
	uint8_t proto;
	uint8_t name[256];	/* FC and SAS use the first 8 bytes */
};

static uint8_t tid_at(const struct pr_fs_desc *d, size_t i)
{
	return i < d->tid_len ? d->tid[i] : 0;
}

/* Walk a descriptor's TransportIDs as the reference does, the last one
 * winning; bytes past the TransportID read as 0. */
static void ref_tid_update(struct ref_tid *t, const struct pr_fs_desc *d)
{
	size_t k, jump, i, num;

	for (k = 0; k < d->tid_len; k += jump) {
		t->fmt = (d->tid[k] >> 6) & 0x3;
		t->proto = d->tid[k] & 0xf;
		jump = 24;
		switch (t->proto) {
		case PR_PROTO_FC:
			for (i = 0; i < 8; i++)
				t->name[i] = tid_at(d, k + 8 + i);
			break;
		case PR_PROTO_ISCSI:
			num = (size_t)tid_at(d, k + 2) << 8 | tid_at(d, k + 3);
			if (num > sizeof(t->name))
				num = sizeof(t->name);
			for (i = 0; i < num; i++)
				t->name[i] = tid_at(d, k + 4 + i);
			if (num + 4 > jump)
				jump = num + 4;
			break;
		case PR_PROTO_SAS:
			for (i = 0; i < 8; i++)
				t->name[i] = tid_at(d, k + 4 + i);
			break;
		}
	}
}

static void print_tid(struct pout *o, const struct ref_tid *t)
{
	switch (t->proto) {
	case PR_PROTO_FC:
	case PR_PROTO_SAS:
		emits(o, t->proto == PR_PROTO_FC ? "   FCP-2 " : "   SAS ");
		if (t->fmt)
			emit(o, " [Unexpected format code: %d]\n", t->fmt);
		hex_rows(o, t->name, 8, false);
		break;
	case PR_PROTO_ISCSI:
		emit(o, "   iSCSI ");
		if (t->fmt == 0 || t->fmt == 1) {
			emits(o, t->fmt ? "world wide unique port id: " : "name: ");
			emitn(o, (const char *)t->name,
			      strnlen((const char *)t->name, sizeof(t->name)));
			emit(o, "\n");
		} else {
			emit(o, "  [Unexpected format code: %d]\n", t->fmt);
			hex_rows(o, t->name, sizeof(t->name), false);
		}
		break;
	}
}

static int print_fullstatus(struct pout *o, struct pout *e,
			    const uint8_t *buf, size_t len)
{
	struct pr_fullstatus fs;
	struct pr_fs_desc d;
	struct ref_tid tid;
	size_t pos = 0;
	int r = pr_fullstatus_decode(buf, len, &fs);

	if (r < 0)
		return r;
	memset(&tid, 0, sizeof(tid));
	emit(o, "  PR generation=0x%x \n", fs.generation);
	while (pr_fullstatus_next(&fs, &pos, &d) > 0) {
		emit(o, "   Key = 0x%" PRIx64 "\n", d.key);
		if (d.all_tg_pt) {
			emit(o, "      All target ports bit set\n");
		} else {
			emit(o, "      All target ports bit clear\n");
			emit(o, "      Relative port address: 0x%x\n", d.rtpi);
		}
		if (d.r_holder) {
			emit(o, "      << Reservation holder >>\n");
			if (d.scope == 0)
				emit(o, "      scope: LU_SCOPE, ");
			else
				emit(o, "      scope: %d ", d.scope);
			emit(o, " type: %s\n", type_str[d.type]);
		} else {
			emit(o, "      not reservation holder\n");
		}
		ref_tid_update(&tid, &d);
		print_tid(o, &tid);
	}
	if (fs.truncated)
		truncated_note(e, fs.additional_length, len);
	return 0;
}

int pr_print_reply(struct strbuf *out, struct strbuf *err, int sa,
		   const uint8_t *buf, size_t len)
{
	struct pout o = { out, 0 }, e = { err, 0 };
	size_t out_len = strbuf_len(out);
	int r = 0;

	switch (sa) {
	case PR_IN_READ_KEYS:
		r = print_keys(&o, &e, buf, len);
		break;
	case PR_IN_READ_RESERVATION:
		r = print_reservation(&o, buf, len);
		break;
	case PR_IN_REPORT_CAPABILITIES:
		print_caps(&o, &e, buf, len);
		break;
	case PR_IN_READ_FULL_STATUS:
		r = print_fullstatus(&o, &e, buf, len);
		break;
	default:
		return -EINVAL;
	}
	if (r == -EBADMSG)
		emit(&e, "Persistent Reserve IN: malformed reply\n");
	if (r < 0 || o.err)
		strbuf_truncate(out, out_len);
	if (o.err || e.err)
		return -ENOMEM;
	return r;
}
