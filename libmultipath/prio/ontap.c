/* The ontap prioritizer: NetApp ONTAP FAS/AFF arrays in native (non-ALUA)
 * mode. The vendor's GET VOLUME ATTRIBUTES command tells iSCSI hardware
 * from software initiators; for FCP, the proxy page 0xC1 tells paths
 * through the partner controller. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "discovery/sgio.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/bytes.h"
#include "util/cleanup.h"
#include "util/log.h"

#define ONTAP_RESULTS_LEN 256
#define ONTAP_ALLOC_LEN 128	/* what the CDBs ask for */
#define GVA_OPCODE 0xc0
#define GVA_PAGE 0x41
#define PROXY_PAGE 0xc1

#define PRIO_FCP_DIRECT 4	/* also: unknown */
#define PRIO_ISCSI_HBA 3
#define PRIO_ISCSI_SW 2
#define PRIO_FCP_PROXY 1

static const uint8_t gva_signature[4] = { 0x0a, 0x98, 0x0a, 0x01 };
static const uint8_t proxy_signature[6] = { 0x0a, 0x98, 0x0a, 0x00, 0xc1,
					    0x00 };

/* The initiator name at byte 12 starts with word. */
static bool initiator_is(const uint8_t *res, size_t len, const char *word)
{
	size_t n = strlen(word);

	return len >= 12 + n && memcmp(res + 12, word, n) == 0;
}

int ontap_gva_prio(const uint8_t *res, size_t len)
{
	if (len < 8 || memcmp(res + 4, gva_signature, 4) != 0)
		return -EINVAL;
	if (get_be32(res) <= 8 || len < 9 || res[8] != GVA_PAGE)
		return 0;
	if (initiator_is(res, len, "ism_sw") || initiator_is(res, len, "iswt"))
		return PRIO_ISCSI_SW;
	if (initiator_is(res, len, "ism_sn"))
		return PRIO_ISCSI_HBA;
	return 0;
}

int ontap_proxy_prio(const uint8_t *res, size_t len)
{
	if (len < 20 || res[1] != PROXY_PAGE ||
	    memcmp(res + 8, proxy_signature, sizeof(proxy_signature)) != 0)
		return PRIO_FCP_DIRECT;
	return res[19] & 0x02 ? PRIO_FCP_PROXY : PRIO_FCP_DIRECT;
}

static int send_gva(const struct prio_ctx *ctx, int fd, uint8_t *res)
{
	const uint8_t cdb[10] = { GVA_OPCODE, 0, 0x01, 0x0a, 0x98, 0x0a,
				  GVA_PAGE, ONTAP_ALLOC_LEN, 0, 0 };

	memset(res, 0, ONTAP_RESULTS_LEN);
	return sg_io(fd, cdb, sizeof(cdb), SG_DIR_FROM_DEV, res,
		     ONTAP_RESULTS_LEN, ctx->timeout_ms, NULL);
}

static int ontap_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	uint8_t res[ONTAP_RESULTS_LEN];
	int r;

	if (fd < 0)
		return fd;
	r = send_gva(ctx, fd, res);
	if (r < 0) {
		prio_log(ctx, 0, "%s: ontap prio: SCSI error", dev);
		return 0;
	}
	r = ontap_gva_prio(res, sizeof(res));
	if (r < 0) {
		prio_log(ctx, 0, "%s: ontap prio: GVA return wrong format", dev);
		return 0;
	}
	if (r > 0)
		return r;
	if (get_be32(res) > 8 && res[8] != GVA_PAGE)
		prio_log(ctx, 0, "%s: ontap prio: GVA page 0x41 error - results[8] = 0x%x",
			dev, res[8]);
	/* FCP: a path through the partner controller is a proxy path */
	if (sg_inquiry(fd, 1, PROXY_PAGE, res, ONTAP_ALLOC_LEN,
		       ctx->timeout_ms) < 0) {
		prio_log(ctx, 0, "%s: ontap prio: SCSI error", dev);
		return PRIO_FCP_DIRECT;
	}
	return ontap_proxy_prio(res, ONTAP_ALLOC_LEN);
}

const struct prio_ops prio_ontap = {
	.name = "ontap",
	.getprio = ontap_getprio,
};
