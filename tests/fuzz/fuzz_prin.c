/* libFuzzer target: PR IN replies and -X TransportID arguments. The first
 * byte selects: bits 0-1 the service action of the reply that follows,
 * bit 7 set instead reads the rest as a -X argument. Besides not
 * crashing: decoded counts and lengths agree with the reply, the printer
 * fails only on what the decoder refuses and then prints nothing, the hex
 * dump has its computed length, a parsed TransportID is well formed and
 * encodes into a parameter list of the right length. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "persist/pr_codec.h"
#include "persist/pr_print.h"

static size_t min_sz(size_t a, size_t b)
{
	return a < b ? a : b;
}

static void check_keys(const uint8_t *b, size_t len, int rc)
{
	struct pr_keys k;

	if (pr_keys_decode(b, len, &k) != rc)
		abort();
	if (rc)
		return;
	if (k.count != min_sz(k.additional_length, len - 8) / 8 ||
	    k.truncated != (k.additional_length / 8 > k.count))
		abort();
}

static void check_reservation(const uint8_t *b, size_t len, int rc)
{
	struct pr_reservation r;

	if (pr_reservation_decode(b, len, &r) != rc)
		abort();
	if (rc)
		return;
	if (r.held != (r.additional_length >= 8) || r.type > 15 ||
	    r.scope > 15)
		abort();
	if (r.held && min_sz(len, 8 + (size_t)r.additional_length) < 22)
		abort();
}

static void check_caps(const uint8_t *b, size_t len)
{
	struct pr_caps c;

	if (pr_caps_decode(b, len, &c))
		return;
	if (c.length <= 2 || min_sz(len, c.length) < 4 ||
	    (c.types & ~0x1eau) || c.allow_commands > 7)
		abort();
}

static void check_fullstatus(const uint8_t *b, size_t len, int rc)
{
	struct pr_fullstatus fs;
	struct pr_fs_desc d;
	size_t pos = 0, n = 0, sum = 0;

	if (pr_fullstatus_decode(b, len, &fs) != rc)
		abort();
	if (rc)
		return;
	if (fs.descs_len > len - 8 || fs.descs_len > fs.additional_length ||
	    fs.truncated != (fs.descs_len < fs.additional_length))
		abort();
	while (pr_fullstatus_next(&fs, &pos, &d) > 0) {
		if (d.tid < fs.descs ||
		    d.tid + d.tid_len > fs.descs + fs.descs_len)
			abort();
		sum += 24 + d.tid_len;
		n++;
	}
	if (n != fs.count || sum != fs.descs_len)
		abort();
}

static size_t hex_len(size_t len, bool as_log)
{
	size_t full = len / 16, rest = len % 16;

	return full * (as_log ? 77 : 76) +
	       (rest ? 8 + 3 * (rest - 1) + (rest > 8) + 2 + 1 : 0);
}

static void check_hex(const uint8_t *b, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	bool as_log = len & 1;

	if (pr_print_hex(&sb, b, len, as_log) || strbuf_len(&sb) !=
	    hex_len(len, as_log))
		abort();
	strbuf_free(&sb);
}

static void check_reply(int sa, const uint8_t *b, size_t len)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = pr_print_reply(&out, &err, sa, b, len);

	if (rc != 0 && rc != -EBADMSG)
		abort();
	if (rc && (strbuf_len(&out) || !strbuf_len(&err)))
		abort();
	switch (sa) {
	case PR_IN_READ_KEYS:
		check_keys(b, len, rc);
		break;
	case PR_IN_READ_RESERVATION:
		check_reservation(b, len, rc);
		break;
	case PR_IN_REPORT_CAPABILITIES:
		if (rc)
			abort();
		check_caps(b, len);
		break;
	case PR_IN_READ_FULL_STATUS:
		check_fullstatus(b, len, rc);
		break;
	}
	strbuf_free(&out);
	strbuf_free(&err);
}

static void check_tid(const uint8_t *data, size_t size)
{
	struct pr_tid t;
	struct prout_params p = { .spec_i_pt = true, .tids = &t, .n_tids = 1 };
	uint8_t buf[512];
	char *arg = malloc(size + 1);

	if (!arg)
		return;
	memcpy(arg, data, size);
	arg[size] = '\0';
	if (pr_tid_parse(arg, &t) == 0) {
		uint8_t proto = t.b[0] & 0xf;

		if (t.len < 24 || t.len > 244 || t.len % 4)
			abort();
		if (proto != PR_PROTO_FC && proto != PR_PROTO_SAS &&
		    proto != PR_PROTO_ISCSI)
			abort();
		if (proto == PR_PROTO_ISCSI &&
		    ((size_t)(t.b[2] << 8 | t.b[3]) != t.len - 4 ||
		     t.b[t.len - 1] != 0))
			abort();
		if (prout_params_encode(&p, buf, sizeof(buf)) !=
		    (ssize_t)(28 + t.len))
			abort();
	}
	free(arg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;

	if (size < 1)
		return 0;
	if (data[0] & 0x80) {
		check_tid(data + 1, size - 1);
		return 0;
	}
	/* an exact-size copy so that any read past the reply is caught */
	copy = malloc(size - 1 ? size - 1 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	check_reply(data[0] & 3, copy, size - 1);
	check_hex(copy, size - 1);
	free(copy);
	return 0;
}
