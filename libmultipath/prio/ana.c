/* The ana prioritizer: the NVMe Asymmetric Namespace Access state of the
 * namespace's ANA group, from the ANA log page (admin passthrough). */
#include <errno.h>
#include <fcntl.h>
#include <linux/nvme_ioctl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/bytes.h"
#include "util/cleanup.h"
#include "util/log.h"

#define NVME_ADMIN_GET_LOG_PAGE 0x02
#define NVME_ADMIN_IDENTIFY 0x06
#define NVME_CNS_NS 0x00
#define NVME_CNS_CTRL 0x01
#define NVME_LOG_ANA 0x0c
#define NVME_LOG_LSP_RGO 0x1	/* return groups only */
#define NVME_LOG_RAE (1U << 15)	/* leave the event to the kernel */
#define NVME_NSID_ALL 0xffffffffU

#define ANA_HDR_LEN 16
#define ANA_DESC_LEN 32
#define ANA_LOG_MAX (256U << 10)

/* Identify Controller */
#define ID_CMIC 76
#define ID_CMIC_ANA 0x08
#define ID_ANACAP 343
#define ID_ANACAP_GRPID_CONST 0x40
#define ID_NANAGRPID 348
#define ID_MNAN 540
/* Identify Namespace */
#define ID_NS_ANAGRPID 92

int ana_ctrl_caps(const uint8_t *id, size_t len, struct ana_caps *caps)
{
	memset(caps, 0, sizeof(*caps));
	if (len < ID_MNAN + 4)
		return -EINVAL;
	caps->ana = id[ID_CMIC] & ID_CMIC_ANA;
	caps->grpid_const = id[ID_ANACAP] & ID_ANACAP_GRPID_CONST;
	caps->nanagrpid = get_le32(id + ID_NANAGRPID);
	caps->mnan = get_le32(id + ID_MNAN);
	return 0;
}

int ana_ns_grpid(const uint8_t *id, size_t len, uint32_t *grpid)
{
	if (len < ID_NS_ANAGRPID + 4)
		return -EINVAL;
	*grpid = get_le32(id + ID_NS_ANAGRPID);
	return 0;
}

size_t ana_log_size(const struct ana_caps *caps, bool groups_only,
		    size_t max)
{
	/* 64-bit arithmetic: the counts come from the device */
	unsigned long long n = ANA_HDR_LEN +
			       (unsigned long long)caps->nanagrpid * ANA_DESC_LEN;

	if (!groups_only)
		n += (unsigned long long)caps->mnan * 4;
	return n > max ? max & ~(size_t)3 : (size_t)n;
}

int ana_log_state(const uint8_t *log, size_t len, uint32_t nsid,
		  uint32_t grpid)
{
	unsigned int ngrps, i;
	size_t off = ANA_HDR_LEN;

	if (len < ANA_HDR_LEN)
		return -EINVAL;
	ngrps = log[8] | log[9] << 8;
	for (i = 0; i < ngrps; i++) {
		const uint8_t *d = log + off;
		uint32_t j, nnsids;

		if (len - off < ANA_DESC_LEN)
			return -EOVERFLOW;
		nnsids = get_le32(d + 4);
		if ((len - off - ANA_DESC_LEN) / 4 < nnsids)
			return -EOVERFLOW;
		for (j = 0; j < nnsids; j++)
			if (get_le32(d + ANA_DESC_LEN + 4 * (size_t)j) == nsid)
				return d[16];
		if (grpid != 0 && get_le32(d) == grpid)
			return d[16];
		off += ANA_DESC_LEN + 4 * (size_t)nnsids;
	}
	return -ENOENT;
}

int ana_state_prio(int state)
{
	switch (state) {
	case ANA_OPTIMIZED:
		return 50;
	case ANA_NON_OPTIMIZED:
		return 10;
	case ANA_INACCESSIBLE:
	case ANA_CHANGE:
		return 1;	/* I/O may work again later */
	case ANA_PERSISTENT_LOSS:
		return 0;
	}
	return -EINVAL;
}

const char *ana_state_name(int state)
{
	switch (state) {
	case ANA_OPTIMIZED:
		return "ANA Optimized State";
	case ANA_NON_OPTIMIZED:
		return "ANA Non-Optimized State";
	case ANA_INACCESSIBLE:
		return "ANA Inaccessible State";
	case ANA_PERSISTENT_LOSS:
		return "ANA Persistent Loss State";
	case ANA_CHANGE:
		return "ANA Change state";
	}
	return "invalid ANA state";
}

/* One admin command; 0, or -EIO for an NVMe error status, -errno. */
static int nvme_admin(int fd, struct nvme_admin_cmd *cmd)
{
	int r = ioctl(fd, NVME_IOCTL_ADMIN_CMD, cmd);

	if (r < 0)
		return -errno;
	return r > 0 ? -EIO : 0;
}

static int nvme_identify(int fd, uint32_t nsid, uint32_t cns, uint8_t *buf,
			 unsigned int timeout_ms)
{
	struct nvme_admin_cmd cmd = {
		.opcode = NVME_ADMIN_IDENTIFY,
		.nsid = nsid,
		.addr = (uintptr_t)buf,
		.data_len = NVME_IDENTIFY_LEN,
		.cdw10 = cns,
		.timeout_ms = timeout_ms,
	};

	memset(buf, 0, NVME_IDENTIFY_LEN);
	return nvme_admin(fd, &cmd);
}

static int nvme_ana_log(int fd, uint8_t *buf, size_t len, bool groups_only,
			unsigned int timeout_ms)
{
	uint32_t numd = len / 4 - 1;	/* dwords, 0's based */
	struct nvme_admin_cmd cmd = {
		.opcode = NVME_ADMIN_GET_LOG_PAGE,
		.nsid = NVME_NSID_ALL,
		.addr = (uintptr_t)buf,
		.data_len = len,
		.cdw10 = NVME_LOG_ANA | NVME_LOG_RAE |
			 (groups_only ? NVME_LOG_LSP_RGO << 8 : 0) |
			 (numd & 0xffff) << 16,
		.cdw11 = numd >> 16,
		.timeout_ms = timeout_ms,
	};

	memset(buf, 0, len);
	return nvme_admin(fd, &cmd);
}

int ana_supported(int fd, unsigned int timeout_ms)
{
	_cleanup_free_ uint8_t *id = malloc(NVME_IDENTIFY_LEN);
	struct ana_caps caps;
	int r;

	if (!id)
		return -ENOMEM;
	r = nvme_identify(fd, 0, NVME_CNS_CTRL, id, timeout_ms);
	if (r < 0)
		return r;
	ana_ctrl_caps(id, NVME_IDENTIFY_LEN, &caps);
	return caps.ana;
}

/* The namespace's ANA state byte, or -errno. */
static int ana_state(const struct prio_ctx *ctx, int fd)
{
	const char *dev = ctx->dev;
	_cleanup_free_ uint8_t *id = malloc(NVME_IDENTIFY_LEN);
	_cleanup_free_ uint8_t *log = NULL;
	struct ana_caps caps;
	uint32_t grpid = 0;
	size_t len;
	int nsid, r;

	if (!id)
		return -ENOMEM;
	r = nvme_identify(fd, 0, NVME_CNS_CTRL, id, ctx->timeout_ms);
	if (r < 0)
		return prio_log_errno(ctx, 2, r, "%s: ANA error: couldn't get ctrl info",
				 dev);
	ana_ctrl_caps(id, NVME_IDENTIFY_LEN, &caps);
	if (!caps.ana) {
		prio_log(ctx, 2, "%s: ANA error: ANA not supported", dev);
		return -EOPNOTSUPP;
	}
	nsid = ioctl(fd, NVME_IOCTL_ID);
	if (nsid <= 0)
		return prio_log_errno(ctx, 2, nsid < 0 ? errno : EINVAL,
				 "%s: ANA error: couldn't get NSID", dev);
	/* with a constant group id, the groups alone are enough */
	if (caps.grpid_const) {
		r = nvme_identify(fd, (uint32_t)nsid, NVME_CNS_NS, id,
				  ctx->timeout_ms);
		if (r < 0)
			return prio_log_errno(ctx, 2, r,
				"%s: ANA error: couldn't get namespace info",
				dev);
		ana_ns_grpid(id, NVME_IDENTIFY_LEN, &grpid);
	}
	len = ana_log_size(&caps, caps.grpid_const, ANA_LOG_MAX);
	log = malloc(len);
	if (!log)
		return -ENOMEM;
	r = nvme_ana_log(fd, log, len, caps.grpid_const, ctx->timeout_ms);
	if (r < 0)
		return prio_log_errno(ctx, 2, r, "%s: ANA error: couldn't get ana log",
				 dev);
	r = ana_log_state(log, len, (uint32_t)nsid, grpid);
	if (r == -EOVERFLOW)
		prio_log(ctx, 2, "%s: ANA error: buffer overflow in ANA log", dev);
	else if (r == -ENOENT)
		prio_log(ctx, 2, "%s: ANA error: NSID or ANAGRPID not found", dev);
	return r;
}

static int ana_getprio(const struct prio_ctx *ctx)
{
	_cleanup_close_ int fd = prio_open(ctx, O_RDONLY | O_NONBLOCK);
	int state, prio;

	if (fd < 0)
		return fd;
	state = ana_state(ctx, fd);
	if (state < 0)
		return state;
	prio_log(ctx, 4, "%s: ana state = %02x [%s]", ctx->dev, state,
		ana_state_name(state));
	prio = ana_state_prio(state);
	if (prio < 0)
		prio_log(ctx, 1, "%s: invalid ANA rc code %d", ctx->dev, state);
	return prio;
}

const struct prio_ops prio_ana = {
	.name = "ana",
	.getprio = ana_getprio,
};
