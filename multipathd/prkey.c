/* A path of a map whose reservation key is registered (mpathpersist told
 * the daemon: "setprstatus") that comes up, or joins the map, is
 * registered too before it is used: where the LUN lists the map's key
 * (read through this path), the key is registered on this path's I_T
 * nexus with REGISTER AND IGNORE EXISTING KEY. The SCSI commands run on
 * a worker of the check engine, after the path's check. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "config/values.h"
#include "daemon.h"
#include "persist/pr_codec.h"
#include "persist/pr_io.h"
#include "policy.h"
#include "prkey.h"
#include "util/log.h"

/* READ KEYS through cc's path: is job->key registered on the LUN?
 * PATH_UP yes, PATH_DOWN no, PATH_UNCHECKED when the command failed
 * (PR_STATUS_ILLEGAL_REQ: no persistent reservations). */
static enum path_state key_listed(struct check_call *cc, const struct pr_reg *job,
				  int *status)
{
	uint8_t buf[8192];
	struct pr_keys k;
	size_t got, i;

	*status = pr_in_fd(cc->fd, cc->dev, PR_IN_READ_KEYS, buf, sizeof(buf),
			   &got);
	if (*status != PR_STATUS_SUCCESS || pr_keys_decode(buf, got, &k) < 0)
		return PATH_UNCHECKED;
	for (i = 0; i < k.count; i++)
		if (pr_keys_get(&k, i) == job->key)
			return PATH_UP;
	return PATH_DOWN;
}

static enum path_state register_check(struct check_call *cc)
{
	const struct pr_reg *job = cc->mpctx;
	uint8_t params[32];
	struct prout_params p = { .sa_key = job->key, .aptpl = job->aptpl };
	enum path_state listed;
	ssize_t n;
	int st;

	listed = key_listed(cc, job, &st);
	if (st == PR_STATUS_ILLEGAL_REQ) {
		cc->note_level = 2;
		snprintf(cc->note, sizeof(cc->note),
			 "%s: no persistent reservations: not registered", cc->dev);
		return PATH_UP;
	}
	if (listed == PATH_UNCHECKED) {
		cc->note_level = 0;
		snprintf(cc->note, sizeof(cc->note),
			 "%s: pr in read keys service action failed Error=%d",
			 cc->dev, st);
		return PATH_DOWN;
	}
	if (listed == PATH_DOWN) {
		cc->note_level = 3;
		snprintf(cc->note, sizeof(cc->note),
			 "%s: key 0x%" PRIx64 " not registered on the LUN: not registering it",
			 cc->dev, job->key);
		return PATH_UP;
	}
	n = prout_params_encode(&p, params, sizeof(params));
	st = n < 0 ? PR_STATUS_OTHER :
		     pr_out_fd(cc->fd, cc->dev, PR_OUT_REGISTER_IGNORE, 0, 0,
			       params, (size_t)n);
	if (st != PR_STATUS_SUCCESS) {
		cc->note_level = 0;
		snprintf(cc->note, sizeof(cc->note),
			 "%s: registration of key 0x%" PRIx64 " failed, status %d",
			 cc->dev, job->key, st);
		return PATH_DOWN;
	}
	cc->note_level = 2;
	snprintf(cc->note, sizeof(cc->note),
		 "%s: reservation key 0x%" PRIx64 " registered", cc->dev,
		 job->key);
	return PATH_UP;
}

static const struct checker_ops register_ops = {
	.name = "prkey",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.check = register_check,
};

bool prkey_register_wanted(const struct dpath *dp, enum path_state st)
{
	const struct multipath *mpp = dp->pp->mpp;

	return mpp && mpp->prflag && mpp->reservation_key &&
	       state_usable(st) && !state_usable(dp->pp->state);
}

static void register_done(struct checker *c, void *arg)
{
	struct dpath *dp = arg;

	dp->checking = false;
	if (c->state == PATH_UP)
		dpath_verdict(dp, dp->pr_state, dp->pr_msg);
	else
		dpath_verdict(dp, PATH_DOWN,
			      "persistent reservation key not registered");
}

int prkey_register_start(struct dpath *dp, enum path_state st,
			 const char *msg)
{
	const struct multipath *mpp = dp->pp->mpp;

	checker_release(&dp->prreg);
	checker_init(&dp->prreg, &register_ops, dp->pp->dev, PR_IO_TIMEOUT_MS);
	dp->prreg_job.key = mpp->reservation_key;
	dp->prreg_job.aptpl = (mpp->prkey_flags & PRKEY_APTPL) != 0;
	dp->prreg.mpctx = &dp->prreg_job;
	dp->pr_state = st;
	snprintf(dp->pr_msg, sizeof(dp->pr_msg), "%s", msg ? msg : "");
	condlog(3, "%s: registering reservation key 0x%" PRIx64 " before use",
		dp->pp->dev, dp->prreg_job.key);
	return checker_start(dp->dd->engine, &dp->prreg, register_done, dp);
}

static enum path_state probe_check(struct check_call *cc)
{
	int st;

	return key_listed(cc, cc->mpctx, &st);
}

static const struct checker_ops probe_ops = {
	.name = "prkey",
	.open_flags = O_RDONLY | O_NONBLOCK,
	.run = CHECK_ON_WORKER,
	.check = probe_check,
};

static void probe_done(struct checker *c, void *arg)
{
	struct dmap *dm = arg;
	struct multipath *mpp = dm->mpp;

	if (c->state == PATH_UP) {
		mpp->prflag = true;
		condlog(2, "%s: key found. prflag set.", multipath_name(mpp));
	} else {
		condlog(3, "%s: key not found. prflag unset.",
			multipath_name(mpp));
	}
}

void prkey_probe(struct path *pp)
{
	struct multipath *mpp = pp->mpp;
	struct dmap *dm = mpp ? mpp->priv : NULL;

	if (!dm || mpp->prflag || !mpp->reservation_key || dm->pr_probed)
		return;
	dm->pr_probed = true;
	checker_init(&dm->pr_probe, &probe_ops, pp->dev, PR_IO_TIMEOUT_MS);
	dm->pr_probe_job.key = mpp->reservation_key;
	dm->pr_probe.mpctx = &dm->pr_probe_job;
	if (checker_start(dm->dd->engine, &dm->pr_probe, probe_done, dm) < 0)
		dm->pr_probed = false;
}
