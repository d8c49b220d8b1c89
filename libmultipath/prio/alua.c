/* The alua prioritizer: the access state of the path's target port group
 * (from VPD page 0x83) as REPORT TARGET PORT GROUPS reports it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/sgio.h"
#include "discovery/vpd.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/bytes.h"
#include "util/cleanup.h"
#include "util/log.h"

#define RTPG_OPCODE 0xa3
#define RTPG_SERVICE_ACTION 0x0a
#define RTPG_HDR_LEN 4
#define RTPG_DESC_LEN 8		/* + 4 bytes per target port */
#define RTPG_FIRST_LEN 4096
#define RTPG_MAX_LEN (1U << 20)
#define RTPG_RETRIES 3		/* more tries after a UA or NOT READY */
#define VPD83_LEN 4096

int rtpg_group_state(const uint8_t *buf, size_t len, unsigned int tpg)
{
	size_t end, off;

	if (len < RTPG_HDR_LEN)
		return -EINVAL;
	end = RTPG_HDR_LEN + (size_t)get_be32(buf);
	if (end > len || end < RTPG_HDR_LEN)
		end = len;
	for (off = RTPG_HDR_LEN; end - off >= RTPG_DESC_LEN;
	     off += RTPG_DESC_LEN + 4 * (size_t)buf[off + 7]) {
		const uint8_t *d = buf + off;

		if (get_be16(d + 2) == tpg)
			return d[0] & (ALUA_PREF_BIT | ALUA_STATE_MASK);
		if (end - off - RTPG_DESC_LEN < 4 * (size_t)d[7])
			break;
	}
	return -ENOENT;
}

int alua_aas_prio(int aas, bool exclusive_pref)
{
	int state = aas & ALUA_STATE_MASK;
	int prio;

	switch (state) {
	case ALUA_OPTIMIZED:
		prio = 50;
		break;
	case ALUA_NON_OPTIMIZED:
		prio = 10;
		break;
	case ALUA_LBA_DEPENDENT:
		prio = 5;
		break;
	case ALUA_STANDBY:
		prio = 1;
		break;
	default:
		prio = 0;	/* unavailable, offline, transitioning */
		break;
	}
	/* a preferred optimized group stands out only when asked to */
	if ((aas & ALUA_PREF_BIT) && (state != ALUA_OPTIMIZED || exclusive_pref))
		prio += 80;
	return prio;
}

const char *alua_aas_name(int aas)
{
	switch (aas & 0x7f) {
	case ALUA_OPTIMIZED:
		return "active/optimized";
	case ALUA_NON_OPTIMIZED:
		return "active/non-optimized";
	case ALUA_STANDBY:
		return "standby";
	case ALUA_UNAVAILABLE:
		return "unavailable";
	case ALUA_LBA_DEPENDENT:
		return "logical block dependent";
	case ALUA_OFFLINE:
		return "offline";
	case ALUA_TRANSITIONING:
		return "transitioning between states";
	}
	return "ARRAY BUG: invalid TPGs state!";
}

bool prio_args_exclusive_pref(const char *args)
{
	static const char word[] = "exclusive_pref_bit";
	const char *p = strstr(args, word);
	char after;

	/* the first occurrence decides, as in the reference */
	if (!p)
		return false;
	after = p[sizeof(word) - 1];
	if (after != '\0' && after != ' ' && after != '\t')
		return false;
	return p == args || p[-1] == ' ' || p[-1] == '\t';
}

/* The path's target port group: VPD page 0x83 from sysfs, else asked. */
static int target_port_group(const struct prio_ctx *ctx, int fd)
{
	_cleanup_free_ uint8_t *page = malloc(VPD83_LEN);
	struct vpd83_port_ids ids;
	ssize_t n;

	if (!page)
		return -ENOMEM;
	n = scsi_sysfs_vpd(ctx->sysfs_root, ctx->dev, VPD_PAGE_DEVID,
			   page, VPD83_LEN);
	if (n < 0)
		n = sg_read_vpd(fd, VPD_PAGE_DEVID, page, VPD83_LEN,
				ctx->timeout_ms);
	if (n < 0)
		return n;
	vpd83_port_ids(page, (size_t)n, &ids);
	return ids.tpg >= 0 ? ids.tpg : -ENODATA;
}

/* TPGS field of the standard INQUIRY data: 0 means no ALUA. */
static int tpgs_support(const struct prio_ctx *ctx, int fd)
{
	uint8_t inq[36];
	struct scsi_inquiry id;
	ssize_t n;
	int r;

	if (ctx->tpgs >= 0)
		return ctx->tpgs;
	n = scsi_sysfs_inquiry(ctx->sysfs_root, ctx->dev, inq,
			       sizeof(inq));
	if (n < 0) {
		r = sg_inquiry(fd, 0, 0, inq, sizeof(inq), ctx->timeout_ms);
		if (r < 0)
			return r;
		n = sizeof(inq);
	}
	r = scsi_inquiry_decode(inq, (size_t)n, &id);
	return r < 0 ? r : id.tpgs;
}

/* Run RTPG into buf, retrying unit attentions and NOT READY answers. */
static int rtpg(int fd, uint8_t *buf, size_t len, unsigned int timeout_ms)
{
	uint8_t cdb[12] = { RTPG_OPCODE, RTPG_SERVICE_ACTION };
	struct sg_result res;
	int tries = RTPG_RETRIES + 1;
	int r;

	cdb[6] = len >> 24;
	cdb[7] = len >> 16;
	cdb[8] = len >> 8;
	cdb[9] = len;
	do {
		memset(buf, 0, len);
		r = sg_io(fd, cdb, sizeof(cdb), SG_DIR_FROM_DEV, buf, len,
			  timeout_ms, &res);
	} while (r == -EIO && res.have_sense &&
		 (res.sense.key == SENSE_UNIT_ATTENTION ||
		  res.sense.key == SENSE_NOT_READY) && --tries > 0);
	return r;
}

/* The state byte of group tpg; the buffer grows once to what the device
 * says it has. */
static int group_state(const struct prio_ctx *ctx, int fd, unsigned int tpg)
{
	_cleanup_free_ uint8_t *buf = malloc(RTPG_FIRST_LEN);
	size_t len = RTPG_FIRST_LEN, want;
	int r;

	if (!buf)
		return -ENOMEM;
	r = rtpg(fd, buf, len, ctx->timeout_ms);
	if (r < 0)
		return r;
	want = RTPG_HDR_LEN + (size_t)get_be32(buf);
	if (want > RTPG_MAX_LEN)
		want = RTPG_MAX_LEN;
	if (want > len) {
		free(buf);
		len = want;
		buf = malloc(len);
		if (!buf)
			return -ENOMEM;
		r = rtpg(fd, buf, len, ctx->timeout_ms);
		if (r < 0)
			return r;
	}
	r = rtpg_group_state(buf, len, tpg);
	if (r == -ENOENT)
		prio_log(ctx, 2, "%s: port group %u not found", ctx->dev, tpg);
	return r;
}

static int alua_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	int tpg, aas;

	if (fd < 0)
		return fd;
	tpg = target_port_group(ctx, fd);
	if (tpg < 0) {
		int tpgs = tpgs_support(ctx, fd);

		if (tpgs < 0)
			prio_log(ctx, 3, "%s: couldn't get supported alua states",
				dev);
		else if (tpgs == 0)
			prio_log(ctx, 0, "%s: alua not supported", dev);
		else
			prio_log(ctx, 0, "%s: couldn't get target port group", dev);
		return tpgs == 0 ? -EOPNOTSUPP : tpg;
	}
	prio_log(ctx, 3, "%s: reported target port group is %i", dev, tpg);
	aas = group_state(ctx, fd, (unsigned int)tpg);
	if (aas < 0) {
		prio_log(ctx, 0, "%s: couldn't get asymmetric access state", dev);
		return aas;
	}
	prio_log(ctx, 3, "%s: aas = %02x [%s]%s", dev, aas, alua_aas_name(aas),
		(aas & ALUA_PREF_BIT) ? " [preferred]" : "");
	return alua_aas_prio(aas, prio_args_exclusive_pref(ctx->args));
}

const struct prio_ops prio_alua = {
	.name = "alua",
	.getprio = alua_getprio,
};
