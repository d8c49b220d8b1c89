/* WWIDs and serial numbers of SCSI paths when udev does not provide them:
 * the device's VPD pages, from sysfs or with SG_IO. */
#ifndef MP_DISCOVERY_WWID_H
#define MP_DISCOVERY_WWID_H

#include <stddef.h>

#include "model/path.h"

/* The reference's WWID of SCSI device dev from its VPD page 0x83: sysfs
 * vpd_pg83 when the kernel exposes it, else an SG_IO INQUIRY. Sets
 * *source. Returns 0 or -errno. */
int scsi_wwid_fallback(const char *sysfs_root, const char *dev, char *out,
		       size_t len, enum wwid_source *source);

/* The target port group of dev from its VPD page 0x83 (sysfs copy, else
 * SG_IO); -1 when unknown. */
int scsi_target_port_group(const char *sysfs_root, const char *dev);

/* The unit serial number (VPD page 0x80) of dev; "" when unknown. */
void scsi_serial(const char *sysfs_root, const char *dev, char *out,
		 size_t len);

#endif
