/* The SCSI transport timeouts multipath sets on its paths: fast_io_fail_tmo,
 * dev_loss_tmo (FC remote ports, iSCSI sessions, SAS end devices) and
 * eh_deadline (SCSI hosts). */
#ifndef MP_DISCOVERY_SCSI_TMO_H
#define MP_DISCOVERY_SCSI_TMO_H

struct discovery;
struct multipath;
struct path;

/* Select the three timeouts for pp in mpp's scope (the protocol's
 * overrides included) and write them to sysfs. Unsupported transports are
 * logged like the reference. */
void path_set_scsi_timeouts(const struct discovery *d, struct path *pp,
			    const struct multipath *mpp);

#endif
