/* SCSI commands through SG_IO (INQUIRY, whole VPD pages), sense data
 * decoding, and the INQUIRY data and VPD pages the kernel keeps in sysfs. */
#ifndef MP_DISCOVERY_SGIO_H
#define MP_DISCOVERY_SGIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* SCSI status (SAM-5), as SG_IO reports it */
#define SCSI_STATUS_GOOD 0x00
#define SCSI_STATUS_CHECK_CONDITION 0x02
#define SCSI_STATUS_BUSY 0x08
#define SCSI_STATUS_RESERVATION_CONFLICT 0x18
#define SCSI_STATUS_COMMAND_TERMINATED 0x22
#define SCSI_STATUS_TASK_SET_FULL 0x28

enum scsi_sense_key {
	SENSE_NO_SENSE = 0x0,
	SENSE_RECOVERED_ERROR = 0x1,
	SENSE_NOT_READY = 0x2,
	SENSE_MEDIUM_ERROR = 0x3,
	SENSE_HARDWARE_ERROR = 0x4,
	SENSE_ILLEGAL_REQUEST = 0x5,
	SENSE_UNIT_ATTENTION = 0x6,
	SENSE_DATA_PROTECT = 0x7,
	SENSE_ABORTED_COMMAND = 0xb,
};

struct scsi_sense {
	uint8_t key;
	uint8_t asc;
	uint8_t ascq;
	bool descriptor;	/* descriptor format (0x72/0x73) */
	bool deferred;		/* about an earlier command (0x71/0x73) */
};

/* Sense key, ASC and ASCQ of fixed (0x70/0x71) or descriptor (0x72/0x73)
 * format sense data, like the kernel's scsi_normalize_sense(): what the
 * buffer (or a fixed format's additional length) does not cover reads as
 * 0. Returns 0, or -EINVAL for other response codes or no sense key. */
int scsi_sense_decode(const uint8_t *sb, size_t len, struct scsi_sense *s);

/* An INQUIRY CDB for alloc_len bytes of the standard data or a VPD page. */
void scsi_inquiry_cdb(uint8_t cdb[6], bool evpd, uint8_t page,
		      uint16_t alloc_len);

enum sg_dir {
	SG_DIR_NONE,
	SG_DIR_FROM_DEV,
	SG_DIR_TO_DEV,
};

/* How a command ended, beyond sg_io()'s return value. */
struct sg_result {
	uint8_t status;		/* SCSI status */
	uint16_t host_status;	/* DID_* of the transport */
	uint16_t driver_status;
	size_t xfer;		/* bytes transferred */
	bool have_sense;
	struct scsi_sense sense;
};

/*
 * Run cdb (6 to 16 bytes) on fd with SG_IO. timeout_ms 0 means the
 * kernel's default. Returns 0 for GOOD status (and for CHECK CONDITION
 * with RECOVERED ERROR, like the reference), -ETIMEDOUT for a timeout,
 * -EIO for other SCSI or transport failures, -errno when the ioctl fails;
 * res, if given, says more.
 */
int sg_io(int fd, const uint8_t *cdb, size_t cdb_len, enum sg_dir dir,
	  void *buf, size_t len, unsigned int timeout_ms, struct sg_result *res);

/* INQUIRY for len bytes (at most 65535) of the standard data (evpd 0,
 * page 0) or of VPD page page; buf is zeroed first. Returns 0, -EIO,
 * -ETIMEDOUT, -EINVAL for bad arguments, -errno. */
int sg_inquiry(int fd, int evpd, int page, void *buf, size_t len,
	       unsigned int timeout_ms);

/* Read a whole VPD page into buf: its 4-byte header first, then header
 * plus page length (at most len, at most 65535 bytes). Returns the length
 * of the page held in buf (clipped to len), -ENODATA when the device
 * answers with another page, -EINVAL when len < 4, or sg_inquiry()'s
 * errors. */
ssize_t sg_read_vpd(int fd, uint8_t page, uint8_t *buf, size_t len,
		    unsigned int timeout_ms);

/* The kernel's copy of VPD page 0x80 or 0x83 of SCSI disk dev ("sda"),
 * <sysfs>/block/<dev>/device/vpd_pgXX, read without I/O to the device
 * (sysfs is a test tree, or NULL for /sys). Returns the bytes read into buf (at
 * most len), -ENOENT when the kernel does not keep the page, -EINVAL when
 * the content is not that page, -errno. */
ssize_t scsi_sysfs_vpd(const char *sysfs, const char *dev, uint8_t page,
		       uint8_t *buf, size_t len);

/* The kernel's copy of the standard INQUIRY data
 * (<sysfs>/block/<dev>/device/inquiry), like scsi_sysfs_vpd(). */
ssize_t scsi_sysfs_inquiry(const char *sysfs, const char *dev, uint8_t *buf,
			   size_t len);

#endif
