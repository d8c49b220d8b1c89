/* The SCSI transport timeouts multipath sets on its paths: fast_io_fail_tmo,
 * dev_loss_tmo (FC remote ports, iSCSI sessions, SAS end devices) and
 * eh_deadline (SCSI hosts). */
#ifndef MP_DISCOVERY_SCSI_TMO_H
#define MP_DISCOVERY_SCSI_TMO_H

struct discovery;
struct multipath;

/* Select the three timeouts for each path of mpp in mpp's scope (the
 * protocol's overrides included), adjust them to mpp's no_path_retry like
 * the reference, and write them to sysfs in an order the kernel accepts.
 * Unsupported transports are logged like the reference. */
void map_set_scsi_timeouts(const struct discovery *d,
			   const struct multipath *mpp);

#endif
