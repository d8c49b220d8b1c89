/* libFuzzer target: what the checkers decode from devices. Byte 0 picks
 * the decoder, the rest is its input in an exactly sized allocation:
 * 0 rdac's page 0xC9, 1 emc_clariion's page 0xC0 (twice, with the WWN
 * remembered between), 2 sense data behind a TUR or READ ending in CHECK
 * CONDITION. Verdicts must be states the checker can return, with a
 * message. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checkers/verdicts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_rdac(const uint8_t *p, size_t n)
{
	const char *msg = NULL;
	enum path_state st = rdac_c9_verdict(p, n, &msg);

	if ((st != PATH_UP && st != PATH_DOWN && st != PATH_GHOST) || !msg)
		abort();
}

static void check_emc(const uint8_t *p, size_t n)
{
	struct emc_path_ctx ct = { { 0 }, false };
	enum path_state a, b;
	const char *msg = NULL;
	bool active;

	a = emc_c0_verdict(p, n, &ct, &active, &msg);
	if ((a != PATH_UP && a != PATH_DOWN && a != PATH_SHAKY) || !msg ||
	    (active && a != PATH_UP) || (a == PATH_UP && !ct.wwn_set))
		abort();
	/* the same page again: the same verdict */
	b = emc_c0_verdict(p, n, &ct, &active, &msg);
	if (a != b)
		abort();
}

static void check_sense(const uint8_t *p, size_t n)
{
	struct sg_result res = { .status = SCSI_STATUS_CHECK_CONDITION };
	const char *msg = NULL;
	int v;

	res.have_sense = scsi_sense_decode(p, n, &res.sense) == 0;
	v = tur_verdict(-EIO, &res, &msg);
	if ((v != CHECK_RETRY && v != PATH_UP && v != PATH_DOWN &&
	     v != PATH_GHOST && v != PATH_PENDING) || !msg)
		abort();
	v = read_verdict(-EIO, &res, &msg);
	if ((v != CHECK_RETRY && v != PATH_DOWN) || !msg)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p;
	size_t n;

	if (size < 1)
		return 0;
	n = size - 1;
	p = malloc(n ? n : 1);
	if (!p)
		abort();
	memcpy(p, data + 1, n);
	switch (data[0] % 3) {
	case 0:
		check_rdac(p, n);
		break;
	case 1:
		check_emc(p, n);
		break;
	default:
		check_sense(p, n);
		break;
	}
	free(p);
	return 0;
}
