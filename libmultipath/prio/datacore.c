/* The datacore prioritizer: DataCore SANsymphony; paths to the storage
 * server named in prio_args ("preferredsds=NAME") get priority 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "discovery/sgio.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define DC_INQ_LEN 255
#define DC_SDS_NAME 112		/* 16 characters in the INQUIRY data */
#define DC_SDS_NAME_LEN 16
#define DC_TIMEOUT_MIN 500
#define DC_TIMEOUT_MAX 20000

int datacore_parse_args(const char *args, char sds[DATACORE_SDS_SIZE],
			int *timeout_ms)
{
	int t = DATACORE_TIMEOUT_MS;

	sds[0] = '\0';
	/* the reference's three forms; the name ends at a blank */
	if (sscanf(args, "timeout=%i preferredsds=%254s", &t, sds) != 2 &&
	    sscanf(args, "preferredsds=%254s timeout=%i", sds, &t) != 2 &&
	    sscanf(args, "preferredsds=%254s", sds) != 1)
		return -EINVAL;
	if (strlen(sds) <= 1 || t < DC_TIMEOUT_MIN || t > DC_TIMEOUT_MAX)
		return -EINVAL;
	*timeout_ms = t;
	return 0;
}

int datacore_inquiry_prio(const uint8_t *inq, size_t len, const char *sds)
{
	char name[DC_SDS_NAME_LEN + 1] = "";
	size_t n = 0;

	while (n < DC_SDS_NAME_LEN && DC_SDS_NAME + n < len &&
	       inq[DC_SDS_NAME + n] != '\0') {
		name[n] = (char)inq[DC_SDS_NAME + n];
		n++;
	}
	name[n] = '\0';
	return strstr(name, sds) ? 1 : 0;
}

static int datacore_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	char sds[DATACORE_SDS_SIZE];
	uint8_t inq[DC_INQ_LEN];
	_cleanup_close_ int fd = -1;
	int timeout_ms;

	if (!ctx->args[0]) {
		prio_log(ctx, 0, "%s: datacore prio: need prio_args with preferredsds set",
			dev);
		return 0;
	}
	if (datacore_parse_args(ctx->args, sds, &timeout_ms) < 0) {
		prio_log(ctx, 0, "%s: datacore prio: unexpected prio_args format \"%s\"",
			dev, ctx->args);
		return 0;
	}
	/* on errors the reference answers 0, not "unknown" */
	fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	if (fd < 0 || sg_inquiry(fd, 0, 0, inq, sizeof(inq), timeout_ms) < 0)
		return 0;
	return datacore_inquiry_prio(inq, sizeof(inq), sds);
}

const struct prio_ops prio_datacore = {
	.name = "datacore",
	.getprio = datacore_getprio,
};
