/* SCSI commands through SG_IO, sense decoding, and the kernel's cached
 * INQUIRY data and VPD pages in sysfs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <scsi/sg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "discovery/sgio.h"
#include "discovery/sysfs.h"
#include "discovery/vpd.h"
#include "util/cleanup.h"

#define SG_SENSE_LEN 96		/* the kernel's SCSI_SENSE_BUFFERSIZE */
#define INQUIRY_OPCODE 0x12
#define DID_TIME_OUT 0x03	/* host_status */
#define DRIVER_TIMEOUT 0x06	/* driver_status, low nibble */
#define DRIVER_SENSE 0x08

int scsi_sense_decode(const uint8_t *sb, size_t len, struct scsi_sense *s)
{
	uint8_t code;

	memset(s, 0, sizeof(*s));
	if (len == 0)
		return -EINVAL;
	code = sb[0] & 0x7f;
	if (code < 0x70 || code > 0x73)
		return -EINVAL;
	s->deferred = code & 0x1;
	s->descriptor = code & 0x2;
	if (s->descriptor) {
		if (len < 2)
			return -EINVAL;
		s->key = sb[1] & 0xf;
		s->asc = len > 2 ? sb[2] : 0;
		s->ascq = len > 3 ? sb[3] : 0;
		return 0;
	}
	if (len < 3)
		return -EINVAL;
	s->key = sb[2] & 0xf;
	/* the additional sense length (byte 7) bounds the rest */
	if (len > 7 && len > (size_t)sb[7] + 8)
		len = (size_t)sb[7] + 8;
	s->asc = len > 12 ? sb[12] : 0;
	s->ascq = len > 13 ? sb[13] : 0;
	return 0;
}

void scsi_inquiry_cdb(uint8_t cdb[6], bool evpd, uint8_t page,
		      uint16_t alloc_len)
{
	cdb[0] = INQUIRY_OPCODE;
	cdb[1] = evpd ? 0x01 : 0x00;
	cdb[2] = page;
	cdb[3] = alloc_len >> 8;
	cdb[4] = alloc_len & 0xff;
	cdb[5] = 0;
}

/* What a completed SG_IO request means: 0, -ETIMEDOUT or -EIO. */
static int sg_outcome(const struct sg_result *r)
{
	unsigned int drv = r->driver_status & 0xf;

	if (r->host_status == DID_TIME_OUT || drv == DRIVER_TIMEOUT)
		return -ETIMEDOUT;
	if (r->host_status != 0 || (drv != 0 && drv != DRIVER_SENSE))
		return -EIO;
	if (r->status == SCSI_STATUS_GOOD && drv == 0)
		return 0;
	if (r->status == SCSI_STATUS_CHECK_CONDITION ||
	    r->status == SCSI_STATUS_COMMAND_TERMINATED || drv == DRIVER_SENSE)
		return r->have_sense && r->sense.key == SENSE_RECOVERED_ERROR ?
			0 : -EIO;
	return -EIO;
}

int sg_io(int fd, const uint8_t *cdb, size_t cdb_len, enum sg_dir dir,
	  void *buf, size_t len, unsigned int timeout_ms, struct sg_result *res)
{
	struct sg_result local;
	uint8_t sense[SG_SENSE_LEN] = { 0 };
	uint8_t cmd[16];
	struct sg_io_hdr hdr;

	if (!res)
		res = &local;
	memset(res, 0, sizeof(*res));
	if (cdb_len < 6 || cdb_len > sizeof(cmd) || len > UINT_MAX ||
	    (dir == SG_DIR_NONE) != (len == 0) || (len && !buf))
		return -EINVAL;
	memcpy(cmd, cdb, cdb_len);

	memset(&hdr, 0, sizeof(hdr));
	hdr.interface_id = 'S';
	hdr.cmdp = cmd;
	hdr.cmd_len = cdb_len;
	hdr.dxfer_direction = dir == SG_DIR_FROM_DEV ? SG_DXFER_FROM_DEV :
			      dir == SG_DIR_TO_DEV ? SG_DXFER_TO_DEV :
			      SG_DXFER_NONE;
	hdr.dxferp = buf;
	hdr.dxfer_len = len;
	hdr.sbp = sense;
	hdr.mx_sb_len = sizeof(sense);
	hdr.timeout = timeout_ms;
	if (ioctl(fd, SG_IO, &hdr) < 0)
		return -errno;

	/* bits 0, 6 and 7 of the status byte are reserved or obsolete */
	res->status = hdr.status & 0x7e;
	res->host_status = hdr.host_status;
	res->driver_status = hdr.driver_status;
	if (hdr.resid >= 0 && (size_t)hdr.resid <= len)
		res->xfer = len - hdr.resid;
	if (hdr.sb_len_wr > 0)
		res->have_sense = !scsi_sense_decode(
			sense,
			hdr.sb_len_wr < sizeof(sense) ? hdr.sb_len_wr :
							sizeof(sense),
			&res->sense);
	return sg_outcome(res);
}

int sg_inquiry(int fd, int evpd, int page, void *buf, size_t len,
	       unsigned int timeout_ms)
{
	uint8_t cdb[6];

	if (page < 0 || page > 0xff || (!evpd && page) || len == 0 ||
	    len > 0xffff)
		return -EINVAL;
	memset(buf, 0, len);
	scsi_inquiry_cdb(cdb, evpd, page, len);
	return sg_io(fd, cdb, sizeof(cdb), SG_DIR_FROM_DEV, buf, len,
		     timeout_ms, NULL);
}

ssize_t sg_read_vpd(int fd, uint8_t page, uint8_t *buf, size_t len,
		    unsigned int timeout_ms)
{
	size_t want;
	int r;

	if (len < VPD_HDR_LEN)
		return -EINVAL;
	r = sg_inquiry(fd, 1, page, buf, VPD_HDR_LEN, timeout_ms);
	if (r < 0)
		return r;
	if (buf[1] != page)
		return -ENODATA;
	want = VPD_HDR_LEN + ((size_t)buf[2] << 8 | buf[3]);
	if (want > len)
		want = len;
	if (want > 0xffff)
		want = 0xffff;
	r = sg_inquiry(fd, 1, page, buf, want, timeout_ms);
	if (r < 0)
		return r;
	if (buf[1] != page)
		return -ENODATA;
	/* the device may have changed the page in between */
	return vpd_page_len(buf, want);
}

/* Up to len bytes of <sysfs>/block/<dev>/device/<attr>. */
static ssize_t scsi_sysfs_attr(const char *sysfs, const char *dev,
			       const char *attr, uint8_t *buf, size_t len)
{
	if (!*dev || strchr(dev, '/') || !strcmp(dev, ".") ||
	    !strcmp(dev, ".."))
		return -EINVAL;
	return sysfs_read_bin(sysfs, buf, len, "block/%s/device/%s", dev, attr);
}

ssize_t scsi_sysfs_vpd(const char *sysfs, const char *dev, uint8_t page,
		       uint8_t *buf, size_t len)
{
	char attr[sizeof("vpd_pgXX")];
	ssize_t n;

	snprintf(attr, sizeof(attr), "vpd_pg%02x", page);
	n = scsi_sysfs_attr(sysfs, dev, attr, buf, len);
	if (n < 0)
		return n;
	if (n < VPD_HDR_LEN || buf[1] != page)
		return -EINVAL;
	return n;
}

ssize_t scsi_sysfs_inquiry(const char *sysfs, const char *dev, uint8_t *buf,
			   size_t len)
{
	return scsi_sysfs_attr(sysfs, dev, "inquiry", buf, len);
}
