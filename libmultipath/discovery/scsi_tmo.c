/* The SCSI transport timeouts multipath sets on its paths. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "config/propsel.h"
#include "discovery/pathinfo.h"
#include "discovery/scsi_tmo.h"
#include "discovery/sysfs.h"
#include "model/multipath.h"
#include "util/log.h"

#define MAX_DEV_LOSS_TMO 2147483647u

/* "/.../rport-2:0-1/..." -> "rport-2:0-1" */
static int component(const char *path, const char *prefix, char *out,
		     size_t len)
{
	const char *p = strstr(path, prefix);
	size_t n;

	if (!p)
		return -1;
	p++;
	n = strcspn(p, "/");
	if (n >= len)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* write value to <class>/<obj>/<attr> */
static void write_tmo(const struct discovery *d, const struct path *pp,
		      const char *value, const char *class, const char *obj,
		      const char *attr)
{
	int r = sysfs_write(d->sysfs_root, value, "class/%s/%s/%s", class, obj,
			    attr);

	if (r < 0)
		condlog(2, "%s: cannot set %s of %s to %s: %s", pp->dev, attr,
			obj, value, strerror(-r));
}

void path_set_scsi_timeouts(const struct discovery *d, struct path *pp,
			    const struct multipath *mpp)
{
	struct prop_scope s = {
		.conf = d->conf, .mpe = mpp->mpe, .hwes = pp->hwe,
		.n_hwes = pp->n_hwe, .has_protocol = true,
		.protocol = pp->protocol,
	};
	const union kwval *fio = prop_select(&s, KW_FAST_IO_FAIL_TMO, NULL);
	const union kwval *dlt = prop_select(&s, KW_DEV_LOSS_TMO, NULL);
	const union kwval *ehd = prop_select(&s, KW_EH_DEADLINE, NULL);
	char devpath[PATH_MAX], obj[64], val[32];
	unsigned dev_loss = 0;

	if (pp->bus != BUS_SCSI)
		return;
	if (ehd && pp->has_hcil) {
		char host[32];

		snprintf(host, sizeof(host), "host%d", pp->hcil.host);
		if (ehd->num == VALUE_OFF)
			snprintf(val, sizeof(val), "off");
		else
			snprintf(val, sizeof(val), "%lld", ehd->num);
		write_tmo(d, pp, val, "scsi_host", host, "eh_deadline");
	}
	if (!fio && !dlt)
		return;
	if (dlt)
		dev_loss = dlt->num == DEV_LOSS_TMO_INFINITY ? MAX_DEV_LOSS_TMO :
							      (unsigned)dlt->num;
	/* queued I/O must not outlive the device */
	if (mpp->no_path_retry > 0) {
		long long need = (long long)mpp->no_path_retry *
				 config_get_int(d->conf, KW_POLLING_INTERVAL);

		if (dlt && need > dev_loss) {
			condlog(3, "%s: Raising dev_loss_tmo to %lld because of no_path_retry setting",
				pp->dev, need);
			dev_loss = (unsigned)need;
		}
	} else if (mpp->no_path_retry == NO_PATH_RETRY_QUEUE && dlt) {
		dev_loss = MAX_DEV_LOSS_TMO;
	}
	if (sysfs_realpath(d->sysfs_root, devpath, sizeof(devpath),
			   "class/block/%s/device", pp->dev) < 0)
		return;
	switch (pp->protocol) {
	case PROTOCOL_SCSI_FCP:
		if (component(devpath, "/rport-", obj, sizeof(obj)) < 0)
			return;
		if (fio) {
			if (fio->num == VALUE_OFF)
				snprintf(val, sizeof(val), "off");
			else
				snprintf(val, sizeof(val), "%lld", fio->num);
			write_tmo(d, pp, val, "fc_remote_ports", obj,
				  "fast_io_fail_tmo");
		}
		if (dlt) {
			snprintf(val, sizeof(val), "%u", dev_loss);
			write_tmo(d, pp, val, "fc_remote_ports", obj,
				  "dev_loss_tmo");
		}
		break;
	case PROTOCOL_SCSI_ISCSI:
		/* the session's recovery timeout plays fast_io_fail_tmo */
		if (fio && fio->num != VALUE_OFF &&
		    component(devpath, "/session", obj, sizeof(obj)) == 0) {
			snprintf(val, sizeof(val), "%lld", fio->num);
			write_tmo(d, pp, val, "iscsi_session", obj,
				  "recovery_tmo");
		}
		break;
	case PROTOCOL_SCSI_SAS:
		if (dlt && component(devpath, "/end_device-", obj,
				     sizeof(obj)) == 0) {
			snprintf(val, sizeof(val), "%u", dev_loss);
			write_tmo(d, pp, val, "sas_end_device", obj,
				  "I_T_nexus_loss_timeout");
		}
		break;
	default:
		condlog(2, "%s: setting scsi timeouts is unsupported for protocol %s",
			pp->dev, protocol_name(pp->protocol));
		break;
	}
}
