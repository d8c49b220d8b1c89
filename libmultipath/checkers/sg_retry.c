/* SCSI commands of the vendor checkers: transport hiccups are retried. */
#include <errno.h>

#include "checkers/verdicts.h"
#include "checkers/sg_retry.h"

#define SG_ATTEMPTS 5

bool sg_transport_retry(int r, const struct sg_result *res)
{
	if (r != -EIO)
		return false;
	switch (res->host_status) {
	case DID_BUS_BUSY:
	case DID_ERROR:
	case DID_SOFT_ERROR:
	case DID_TRANSPORT_DISRUPTED:
		return true;
	default:
		return false;
	}
}

int sg_io_retry(int fd, const uint8_t *cdb, size_t cdb_len, enum sg_dir dir,
		void *buf, size_t len, unsigned int timeout_ms,
		struct sg_result *res)
{
	int i, r = -EIO;

	for (i = 0; i < SG_ATTEMPTS; i++) {
		r = sg_io(fd, cdb, cdb_len, dir, buf, len, timeout_ms, res);
		if (!sg_transport_retry(r, res))
			break;
	}
	return r;
}
