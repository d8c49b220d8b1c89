/* Planning the SCSI transport timeouts of a path without touching sysfs:
 * the reference's capping rules, and the order in which an FC remote
 * port's timeouts must be written for the kernel to accept each write. */
#ifndef MP_DISCOVERY_SCSI_TMO_PLAN_H
#define MP_DISCOVERY_SCSI_TMO_PLAN_H

#include <stddef.h>

/* Timeouts are seconds, or one of these. */
#define TMO_UNSET (-2LL)	/* not configured: the kernel's value stays */
#define TMO_OFF (-1LL)		/* fast_io_fail_tmo, eh_deadline "off" */

/* dev_loss_tmo is a u32 in the kernel; "infinity" is its maximum */
#define TMO_DEV_LOSS_MAX 4294967295LL
/* the kernel's SCSI_DEVICE_BLOCK_MAX_TIMEOUT, in seconds */
#define TMO_BLOCK_MAX 600LL

struct scsi_tmo {
	long long fast_io_fail;	/* seconds, TMO_OFF or TMO_UNSET */
	long long dev_loss;	/* seconds or TMO_UNSET */
};

/* What the planners changed, for the caller to log: dev_loss raised to
 * cover no_path_retry's queueing, fast_io_fail turned off as it was not
 * below dev_loss, dev_loss limited to TMO_BLOCK_MAX as fast_io_fail is
 * off, fast_io_fail limited to TMO_BLOCK_MAX, the kernel's maximum. */
#define TMO_DEV_LOSS_RAISED 0x1u
#define TMO_FIO_TURNED_OFF 0x2u
#define TMO_DEV_LOSS_LIMITED 0x4u
#define TMO_FIO_LIMITED 0x8u

/* The dev_loss_tmo that lets a map queue for no_path_retry checker
 * intervals: the product, no_path_retry queue: TMO_DEV_LOSS_MAX, else 0. */
long long scsi_tmo_min_dev_loss(int no_path_retry, long long polling_interval);

/* The reference's rules for every transport: a configured dev_loss_tmo is
 * raised to min_dev_loss, then a fast_io_fail_tmo that is not below it is
 * turned off. Returns TMO_* flags. */
unsigned scsi_tmo_cap(struct scsi_tmo *t, long long min_dev_loss);

enum fc_tmo_attr {
	FC_TMO_FAST_IO_FAIL,
	FC_TMO_DEV_LOSS,
};

struct fc_tmo_write {
	enum fc_tmo_attr attr;
	long long value;	/* seconds, or TMO_OFF */
};

#define FC_TMO_MAX_WRITES 4

struct fc_tmo_plan {
	struct fc_tmo_write w[FC_TMO_MAX_WRITES];
	size_t n;
	unsigned flags;		/* TMO_*_LIMITED */
};

/* The writes, in order, that take an FC remote port from cur (both values
 * known; fast_io_fail TMO_OFF when unknown, the stricter case) to want (as
 * scsi_tmo_cap() left it), each one valid for the kernel given the ones
 * before it. */
void fc_tmo_plan(const struct scsi_tmo *cur, const struct scsi_tmo *want,
		 struct fc_tmo_plan *plan);

const char *fc_tmo_attr_name(enum fc_tmo_attr attr);

#endif
