/* The SCSI timeout values a path gets and the order of the FC remote port
 * writes that the kernel accepts; pure logic, applied by scsi_tmo.c. */
#include <string.h>

#include "config/values.h"
#include "discovery/scsi_tmo_plan.h"

/*
 * What scsi_transport_fc (drivers/scsi/scsi_transport_fc.c) checks when
 * /sys/class/fc_remote_ports/rport-H:C-N/ is written:
 *
 *  - any write fails with EBUSY while the port is Blocked, Deleted or
 *    Not Present;
 *  - fast_io_fail_tmo "off" (stored as -1) is always taken;
 *  - fast_io_fail_tmo N fails with EINVAL unless N is below the port's
 *    CURRENT dev_loss_tmo and at most SCSI_DEVICE_BLOCK_MAX_TIMEOUT (600);
 *  - dev_loss_tmo N fails with EINVAL above UINT_MAX, and above 600 while
 *    the CURRENT fast_io_fail_tmo is off. It is not compared with
 *    fast_io_fail_tmo otherwise, so lowering it never fails.
 *
 * dev_loss_tmo reads back with "%d" on some kernels: UINT_MAX shows as -1.
 */

long long scsi_tmo_min_dev_loss(int no_path_retry, long long polling_interval)
{
	if (no_path_retry == NO_PATH_RETRY_QUEUE)
		return TMO_DEV_LOSS_MAX;
	if (no_path_retry <= 0 || polling_interval <= 0)
		return 0;
	if (polling_interval > TMO_DEV_LOSS_MAX / no_path_retry)
		return TMO_DEV_LOSS_MAX;
	return no_path_retry * polling_interval;
}

unsigned scsi_tmo_cap(struct scsi_tmo *t, long long min_dev_loss)
{
	unsigned flags = 0;

	/* without a dev_loss_tmo to write, the kernel's value stays */
	if (t->dev_loss == TMO_UNSET)
		return 0;
	if (t->dev_loss < min_dev_loss) {
		t->dev_loss = min_dev_loss;
		flags |= TMO_DEV_LOSS_RAISED;
	}
	if (t->fast_io_fail > 0 && t->fast_io_fail >= t->dev_loss) {
		t->fast_io_fail = TMO_OFF;
		flags |= TMO_FIO_TURNED_OFF;
	}
	return flags;
}

static void emit(struct fc_tmo_plan *p, struct scsi_tmo *now,
		 enum fc_tmo_attr attr, long long value)
{
	p->w[p->n].attr = attr;
	p->w[p->n].value = value;
	p->n++;
	if (attr == FC_TMO_DEV_LOSS)
		now->dev_loss = value;
	else
		now->fast_io_fail = value;
}

/* The values the kernel can hold: fast_io_fail at most 600, and
 * dev_loss at most 600 when fast_io_fail ends up off. */
static void limit(const struct scsi_tmo *cur, struct scsi_tmo *want,
		  unsigned *flags)
{
	long long fio;

	if (want->fast_io_fail > TMO_BLOCK_MAX) {
		want->fast_io_fail = TMO_BLOCK_MAX;
		*flags |= TMO_FIO_LIMITED;
	}
	fio = want->fast_io_fail == TMO_UNSET ? cur->fast_io_fail :
						want->fast_io_fail;
	if (fio == TMO_OFF && want->dev_loss > TMO_BLOCK_MAX) {
		want->dev_loss = TMO_BLOCK_MAX;
		*flags |= TMO_DEV_LOSS_LIMITED;
	}
}

void fc_tmo_plan(const struct scsi_tmo *cur, const struct scsi_tmo *want_in,
		 struct fc_tmo_plan *p)
{
	struct scsi_tmo now = *cur, want = *want_in;
	long long fio, dev, bridge;

	memset(p, 0, sizeof(*p));
	limit(cur, &want, &p->flags);
	fio = want.fast_io_fail;
	if (fio == TMO_OFF || fio == TMO_UNSET) {
		/* "off" is always taken, and then dev_loss is at most 600 */
		if (fio == TMO_OFF)
			emit(p, &now, FC_TMO_FAST_IO_FAIL, TMO_OFF);
		if (want.dev_loss != TMO_UNSET)
			emit(p, &now, FC_TMO_DEV_LOSS, want.dev_loss);
		return;
	}
	if (fio < now.dev_loss) {
		/* fast_io_fail goes first: it turns on what dev_loss > 600
		 * needs */
		emit(p, &now, FC_TMO_FAST_IO_FAIL, fio);
		if (want.dev_loss != TMO_UNSET)
			emit(p, &now, FC_TMO_DEV_LOSS, want.dev_loss);
		return;
	}
	/* dev_loss must first go above fast_io_fail: to its new value, or,
	 * when it stays, to one second more, as the reference does */
	dev = want.dev_loss != TMO_UNSET ? want.dev_loss : fio + 1;
	bridge = TMO_UNSET;
	if (now.fast_io_fail == TMO_OFF && dev > TMO_BLOCK_MAX) {
		/* that needs fast_io_fail on, which needs a dev_loss above
		 * it: go through 600 and a fast_io_fail below 600 */
		bridge = fio < TMO_BLOCK_MAX ? fio : TMO_BLOCK_MAX - 1;
		if (now.dev_loss < TMO_BLOCK_MAX)
			emit(p, &now, FC_TMO_DEV_LOSS, TMO_BLOCK_MAX);
		emit(p, &now, FC_TMO_FAST_IO_FAIL, bridge);
	}
	emit(p, &now, FC_TMO_DEV_LOSS, dev);
	if (bridge != fio)
		emit(p, &now, FC_TMO_FAST_IO_FAIL, fio);
}

const char *fc_tmo_attr_name(enum fc_tmo_attr attr)
{
	return attr == FC_TMO_DEV_LOSS ? "dev_loss_tmo" : "fast_io_fail_tmo";
}
