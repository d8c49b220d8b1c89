/* libFuzzer target: the prioritizers' decoders (RTPG data, ANA log and
 * Identify data, vendor pages of EMC, Hitachi, NetApp, RDAC, DataCore,
 * TEST UNIT READY sense) and prio_args parsers on arbitrary bytes. The
 * input sits in an exactly sized allocation, so ASan sees any read past
 * it; its first bytes double as the group / namespace ids looked for.
 * Every result must be one the decoder documents. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/sgio.h"
#include "prio/parsers.h"
#include "prio/prio.h"

#define ARGS_MAX 256	/* regexes from the input: keep them small */

static uint8_t *dup_exact(const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);

	if (!c)
		abort();
	if (n)
		memcpy(c, p, n);
	return c;
}

static uint32_t word(const uint8_t *p, size_t n)
{
	uint32_t v = 0;
	size_t i;

	for (i = 0; i < 4 && i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static void check_alua(const uint8_t *d, size_t n)
{
	int r = rtpg_group_state(d, n, word(d, n) & 0xffff);
	int p;

	if (r < 0 ? r != -ENOENT && r != -EINVAL : (r & ~0x8f) != 0)
		abort();
	if (r >= 0) {
		p = alua_aas_prio(r, n & 1);
		if (p != 0 && p != 1 && p != 5 && p != 10 && p != 50 &&
		    p != 80 && p != 81 && p != 85 && p != 90 && p != 130)
			abort();
		if (!alua_aas_name(r)[0])
			abort();
	}
}

static void check_ana(const uint8_t *d, size_t n)
{
	struct ana_caps caps;
	uint32_t grpid = 0;
	int r;

	r = ana_log_state(d, n, word(d, n), n > 4 ? word(d + 4, n - 4) : 0);
	if (r < 0 ? r != -ENOENT && r != -EOVERFLOW && r != -EINVAL : r > 0xff)
		abort();
	if (r >= 0 && (r = ana_state_prio(r)) != -EINVAL &&
	    r != 0 && r != 1 && r != 10 && r != 50)
		abort();
	if (ana_ctrl_caps(d, n, &caps) == 0 &&
	    (ana_log_size(&caps, n & 1, 4096) > 4096 ||
	     ana_log_size(&caps, n & 1, 4096) % 4))
		abort();
	if (ana_ns_grpid(d, n, &grpid) == 0 && n < 96)
		abort();
}

static void check_vendor_pages(const uint8_t *d, size_t n)
{
	int r;

	r = emc_c0_prio(d, n);
	if (r < 0 ? r != -EINVAL && r != -ENXIO && r != -EBUSY : r > 0xff + 2)
		abort();
	r = hds_inquiry_prio(d, n);
	if (r != 0 && r != 1 && r != -EINVAL)
		abort();
	r = ontap_gva_prio(d, n);
	if (r != -EINVAL && r != 0 && r != 2 && r != 3)
		abort();
	r = ontap_proxy_prio(d, n);
	if (r != 1 && r != 4)
		abort();
	r = rdac_c9_prio(d, n);
	if (r != -EINVAL && (r < 0 || r > 15))
		abort();
	rdac_c9_is_vac1(d, n);
	vpd_page_listed(d, n, 0xc9);
	r = datacore_inquiry_prio(d, n, "B2");
	if (r != 0 && r != 1)
		abort();
}

static void check_sense(const uint8_t *d, size_t n)
{
	struct sg_result res = { 0 };
	int r;

	res.have_sense = !scsi_sense_decode(d, n, &res.sense);
	r = hp_sw_tur_prio(-EIO, &res);
	if (r != HP_SW_FAILED && r != HP_SW_STANDBY && r != -EAGAIN)
		abort();
}

static void check_latency(const uint8_t *d, size_t n)
{
	long long us[32];
	size_t i, k = n / 8 < 32 ? n / 8 : 32;
	double base = 1.1 + (n ? d[0] : 0) / 255.0 * 8.9;
	int r;

	for (i = 0; i < k; i++) {
		memcpy(&us[i], d + 8 * i, 8);
		us[i] &= 0x3fffffffffffLL;	/* up to ~2 years */
	}
	if (k == 0)
		return;
	r = path_latency_prio(us, k, base);
	/* log(1e8) / log(1.1) = 193.3 steps at most */
	if (r < 0 || r > 193)
		abort();
}

static size_t repetitions(const char *s)
{
	size_t k = 0;

	for (; *s; s++)
		k += strchr("*+?{", *s) != NULL;
	return k;
}

static void check_args(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1), sds[DATACORE_SDS_SIZE], ip[IET_IP_SIZE];
	const char *rest;
	enum wp_key key;
	double base;
	int t, io, prio;

	if (!s)
		abort();
	memcpy(s, d, n);
	s[n] = '\0';
	if (datacore_parse_args(s, sds, &t) == 0 &&
	    (t < 500 || t > 20000 || strlen(sds) < 2))
		abort();
	if (iet_parse_args(s, ip) == 0 && strlen(ip) <= 7)
		abort();
	iet_address_matches(s, "10.0.0.1");
	if (path_latency_parse_args(s, &io, &base) == 0 &&
	    (io < 20 || io > 200 || !(base >= 1.1 && base <= 10)))
		abort();
	prio_args_exclusive_pref(s);
	if (alua_state_prio(s) > 50)
		abort();
	if (weightedpath_parse_key(s, &key, &rest) == 0) {
		if (rest < s || rest > s + n)
			abort();
		/* glibc's regcomp() takes exponential time and memory on
		 * stacked repetitions ("a{99}{99}", "i++++++"): regexes come
		 * from the trusted config, so keep to a few of them */
		if (repetitions(rest) <= 4)
			weightedpath_match(rest, "3:0:1:2", &prio);
	}
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *d = dup_exact(data, size);

	check_alua(d, size);
	check_ana(d, size);
	check_vendor_pages(d, size);
	check_sense(d, size);
	check_latency(d, size);
	if (size <= ARGS_MAX)
		check_args(d, size);
	free(d);
	return 0;
}
