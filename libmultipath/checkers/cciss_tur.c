/* The cciss_tur checker: TEST UNIT READY through the cciss/hpsa
 * passthrough ioctl, for HP Smart Array logical volumes. */
#include <errno.h>
#include <fcntl.h>
#include <linux/cciss_ioctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "checkers/checker.h"
#include "checkers/verdicts.h"

static enum path_state cciss_tur_check(struct check_call *cc)
{
	IOCTL_Command_struct cmd;
	LogvolInfo_struct lvi;

	cc->msg = MSG_DOWN;
	if (ioctl(cc->fd, CCISS_GETLUNINFO, &lvi) < 0) {
		cc->note_level = 3;
		snprintf(cc->note, sizeof(cc->note),
			 "%s: cciss TUR failed in CCISS_GETLUNINFO: %m",
			 cc->dev);
		return PATH_DOWN;
	}
	memset(&cmd, 0, sizeof(cmd));
	cmd.LUN_info.LogDev.VolId = lvi.LunID & 0x3fffffff;
	cmd.LUN_info.LogDev.Mode = 0x01;	/* logical volume addressing */
	cmd.Request.CDBLen = 6;			/* TEST UNIT READY: all zero */
	cmd.Request.Type.Type = TYPE_CMD;
	cmd.Request.Type.Attribute = ATTR_SIMPLE;
	cmd.Request.Type.Direction = XFER_NONE;
	if (ioctl(cc->fd, CCISS_PASSTHRU, &cmd) < 0) {
		cc->note_level = 3;
		snprintf(cc->note, sizeof(cc->note),
			 "%s: cciss TUR failed: %m", cc->dev);
		return PATH_DOWN;
	}
	if (cmd.error_info.CommandStatus || cmd.error_info.ScsiStatus)
		return PATH_DOWN;
	cc->msg = MSG_UP;
	return PATH_UP;
}

const struct checker_ops checker_cciss_tur = {
	.name = "cciss_tur",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.check = cciss_tur_check,
};
