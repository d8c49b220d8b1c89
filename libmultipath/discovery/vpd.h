/* Decoding of SCSI identification data (no I/O): standard INQUIRY, VPD
 * pages 0x80 and 0x83, and the WWID strings udev and the reference derive
 * from them. */
#ifndef MP_DISCOVERY_VPD_H
#define MP_DISCOVERY_VPD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define VPD_HDR_LEN 4
#define VPD_PAGE_SUPPORTED 0x00
#define VPD_PAGE_SERIAL 0x80
#define VPD_PAGE_DEVID 0x83

/* The reference's WWID_SIZE and SERIAL_SIZE: at most 127 characters. */
#define VPD_WWID_SIZE 128
#define VPD_SERIAL_SIZE 128

/* Code set, association and designator type of a page 0x83 designation
 * descriptor (SPC-4 7.8.6). */
enum {
	VPD_CS_BINARY = 1,
	VPD_CS_ASCII = 2,
	VPD_CS_UTF8 = 3,
};

enum {
	VPD_ASSOC_LU = 0,
	VPD_ASSOC_PORT = 1,
	VPD_ASSOC_TARGET = 2,
};

enum {
	VPD_DT_VENDOR = 0x0,
	VPD_DT_T10 = 0x1,
	VPD_DT_EUI64 = 0x2,
	VPD_DT_NAA = 0x3,
	VPD_DT_REL_PORT = 0x4,
	VPD_DT_TPG = 0x5,
	VPD_DT_LU_GROUP = 0x6,
	VPD_DT_MD5 = 0x7,
	VPD_DT_NAME = 0x8,
	VPD_DT_PROTO_PORT = 0x9,
	VPD_DT_UUID = 0xa,
};

/* Standard INQUIRY data. The strings are what the kernel shows in sysfs
 * (a NUL and everything after it, and unprintable bytes, become blanks)
 * with trailing blanks removed, as the reference reads them. */
struct scsi_inquiry {
	uint8_t qualifier;	/* peripheral qualifier, byte 0 bits 5-7 */
	uint8_t type;		/* peripheral device type, byte 0 bits 0-4 */
	uint8_t version;
	uint8_t tpgs;		/* byte 5 bits 4-5: 1 implicit, 2 explicit ALUA */
	bool removable;
	char vendor[9];
	char product[17];
	char revision[5];
};

/* Decode standard INQUIRY data; bytes past len read as zero. Returns 0,
 * or -EINVAL when len does not even reach the TPGS byte. */
int scsi_inquiry_decode(const uint8_t *buf, size_t len, struct scsi_inquiry *inq);

/* Length of the VPD page in buf (header + page length field), clipped to
 * len; 0 if len is shorter than the header. */
size_t vpd_page_len(const uint8_t *page, size_t len);

/* One designation descriptor of page 0x83; id points into the page. */
struct vpd83_desig {
	uint8_t proto;		/* protocol identifier, meaningful if piv */
	uint8_t code_set;
	bool piv;
	uint8_t assoc;
	uint8_t type;
	uint8_t len;
	const uint8_t *id;
};

/* Walk the designation descriptors of page 0x83. Start with *off = 0.
 * Returns 1 and fills d, 0 after the last one, -EINVAL when a descriptor
 * runs past the page (then *off is left at it). */
int vpd83_next(const uint8_t *page, size_t len, size_t *off,
	       struct vpd83_desig *d);

/* Target port identification from page 0x83, -1 for what is absent.
 * tpg follows the reference's ALUA prioritizer (the first descriptor whose
 * type & 7 is 5, of any association, with at least 4 bytes); rel_port is
 * the first relative target port designator with target port association. */
struct vpd83_port_ids {
	int rel_port;
	int tpg;
};
int vpd83_port_ids(const uint8_t *page, size_t len, struct vpd83_port_ids *ids);

/* Unit serial number from page 0x80 like the reference's sysfs/SG_IO
 * reader: blanks at both ends stripped, at most 127 characters, cut at an
 * embedded NUL. Returns the length, or -ENODATA when page is not 0x80. */
int vpd80_serial(const uint8_t *page, size_t len, char out[VPD_SERIAL_SIZE]);

/* The reference's own WWID from page 0x83 (multipath-tools 0.9.4,
 * parse_vpd_pg83() + get_uid()), used when udev has no uid_attribute.
 * Returns the length, or -ENODATA (no usable designator, or not page
 * 0x83), -EINVAL (only invalid designators), -EOVERFLOW (a descriptor ran
 * past the page before a usable one was found). */
int vpd83_wwid_multipath(const uint8_t *page, size_t len,
			 char out[VPD_WWID_SIZE]);

/* What a device answered, for the udev emulations below. A NULL page is
 * one the device rejects (scsi_id goes on with zeros for a rejected
 * INQUIRY); pg0 NULL means "lists exactly the pages given". */
struct scsi_id_pages {
	const uint8_t *inq;
	size_t inq_len;
	const uint8_t *pg0;
	size_t pg0_len;
	const uint8_t *pg80;
	size_t pg80_len;
	const uint8_t *pg83;
	size_t pg83_len;
};

/* ID_SERIAL as systemd's scsi_id --export --whitelisted (or
 * --whitelisted --replace-whitespace) prints it. Appends to out; returns
 * 0, -ENODATA when scsi_id prints none, -ENOMEM. */
int vpd_wwid_scsi_id(const struct scsi_id_pages *pg, struct strbuf *out);

/* ID_SERIAL as sg3-utils-udev 1.46's 55-scsi-sg3_id.rules sets it from
 * sg_inq --export of the sysfs inquiry, vpd_pg80 and vpd_pg83 (Debian 12;
 * it runs before 60-persistent-storage.rules and so wins over scsi_id).
 * pg0 is not used. Returns 0, -ENODATA, -ENOMEM. */
int vpd_wwid_sg3(const struct scsi_id_pages *pg, struct strbuf *out);

#endif
