/* WWIDs and serial numbers of SCSI paths from their VPD pages. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "discovery/sgio.h"
#include "discovery/vpd.h"
#include "discovery/wwid.h"
#include "util/cleanup.h"

#define VPD_BUF_SIZE 4096
#define SGIO_TIMEOUT_MS 30000

/* VPD page from sysfs, else through SG_IO on /dev/<dev>. */
static ssize_t read_vpd(const char *root, const char *dev, int page,
			uint8_t *buf, size_t len, enum wwid_source *source)
{
	_cleanup_close_ int fd = -1;
	char node[96];
	ssize_t n;

	n = scsi_sysfs_vpd(root, dev, (uint8_t)page, buf, len);
	if (n > VPD_HDR_LEN) {
		*source = WWID_SYSFS;
		return n;
	}
	snprintf(node, sizeof(node), "/dev/%s", dev);
	fd = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = sg_read_vpd(fd, (uint8_t)page, buf, len, SGIO_TIMEOUT_MS);
	if (n >= 0)
		*source = WWID_SGIO;
	return n;
}

int scsi_wwid_fallback(const char *sysfs_root, const char *dev, char *out,
		       size_t len, enum wwid_source *source)
{
	uint8_t page[VPD_BUF_SIZE];
	char wwid[VPD_WWID_SIZE];
	ssize_t n;
	int r;

	n = read_vpd(sysfs_root, dev, VPD_PAGE_DEVID, page, sizeof(page),
		     source);
	if (n < 0)
		return (int)n;
	r = vpd83_wwid_multipath(page, (size_t)n, wwid);
	if (r < 0)
		return r;
	if ((size_t)r >= len)
		return -EOVERFLOW;
	memcpy(out, wwid, (size_t)r + 1);
	return 0;
}

void scsi_serial(const char *sysfs_root, const char *dev, char *out,
		 size_t len)
{
	uint8_t page[VPD_BUF_SIZE];
	char serial[VPD_SERIAL_SIZE];
	enum wwid_source src;
	ssize_t n;

	out[0] = '\0';
	n = read_vpd(sysfs_root, dev, VPD_PAGE_SERIAL, page, sizeof(page),
		     &src);
	if (n > 0 && vpd80_serial(page, (size_t)n, serial) >= 0)
		snprintf(out, len, "%s", serial);
}

int scsi_target_port_group(const char *sysfs_root, const char *dev)
{
	uint8_t page[VPD_BUF_SIZE];
	struct vpd83_port_ids ids;
	enum wwid_source src;
	ssize_t n;

	n = read_vpd(sysfs_root, dev, VPD_PAGE_DEVID, page, sizeof(page), &src);
	if (n < 0 || vpd83_port_ids(page, (size_t)n, &ids) < 0)
		return -1;
	return ids.tpg;
}
