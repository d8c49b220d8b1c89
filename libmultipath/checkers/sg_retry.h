/* SCSI commands of the vendor checkers, with their retries of transport
 * hiccups (see sg_transport_retry()). */
#ifndef MP_CHECKERS_SG_RETRY_H
#define MP_CHECKERS_SG_RETRY_H

#include "discovery/sgio.h"

/* sg_io(), sent again (up to 5 times in all) while the transport reports
 * a hiccup. */
int sg_io_retry(int fd, const uint8_t *cdb, size_t cdb_len, enum sg_dir dir,
		void *buf, size_t len, unsigned int timeout_ms,
		struct sg_result *res);

#endif
