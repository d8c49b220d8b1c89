/* mpathpersist's work on one map: the map of the device, its paths and
 * their states (the checker runs, as for multipath -ll), the configured
 * reservation key, then PR IN through one usable path or PR OUT on the
 * paths the service action needs, and what multipathd is told after. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "checkers/checker.h"
#include "config/config.h"
#include "config/propsel.h"
#include "config/values.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "ipc/framing.h"
#include "ipc/uxsock.h"
#include "map/from_dm.h"
#include "map/prkeys.h"
#include "map/select.h"
#include "model/map.h"
#include "persist.h"
#include "persist/pr_io.h"
#include "persist/pr_print.h"
#include "util/cleanup.h"
#include "util/log.h"
#include "util/strbuf.h"

/* what a PR IN asks for when -l does not say */
#define PRIN_DEFAULT_LEN 8192
/* a PR OUT parameter list: 24 bytes and the TransportIDs */
#define PROUT_MAX_LEN (28 + PR_MAX_TIDS * 256)

/* -H: the bytes of each command logged (as the reference does) */
static bool noisy;

/* buf in the reference's hex dump, one log line (level 0) a row */
static void log_hex(const uint8_t *buf, size_t len)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	char *line, *save = NULL;

	if (!noisy || pr_print_hex(&sb, buf, len, true) < 0 || !sb.buf)
		return;
	for (line = strtok_r(sb.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		condlog(0, "%s", line);
}

static bool usable(const struct path *pp)
{
	return pp->dev[0] && (pp->state == PATH_UP || pp->state == PATH_GHOST);
}

/* the paths in the order of their groups, as the kernel's table has them */
#define foreach_map_path(mpp, pg, pp, i, j)                                    \
	vec_foreach(&(mpp)->pgs, pg, j)                                        \
		vec_foreach(&(pg)->paths, pp, i)

/* A failure worth trying on the next path: the path's or transport's,
 * not the device's answer to the request. */
static bool retryable(int st)
{
	return st != PR_STATUS_SUCCESS && st != PR_STATUS_RESERV_CONFLICT &&
	       st != PR_STATUS_ILLEGAL_REQ && st != PR_STATUS_SENSE_INVALID_OP &&
	       st != PR_STATUS_SYNTAX_ERROR;
}

/* ---- the map -------------------------------------------------------------- */

/* the map's all_tg_pt setting: one registration per SCSI host */
static bool all_tg_pt;

static int get_map(const struct pr_context *ctx, int fd,
		   struct multipath **out)
{
	struct dm_map m = { 0 };
	struct multipath *mpp = NULL;
	struct vec paths = VEC_INIT;
	struct stat st;
	struct path *pp;
	struct prop_scope s;
	size_t i;
	int r;

	if (fstat(fd, &st) != 0) {
		condlog(0, "stat error fd=%d", fd);
		return PR_STATUS_FILE_ERROR;
	}
	if (!S_ISBLK(st.st_mode)) {
		condlog(3, "Failed to get major:minor. fd=%d", fd);
		return PR_STATUS_FILE_ERROR;
	}
	r = dm_map_get_by_devt(major(st.st_rdev), minor(st.st_rdev), true, &m);
	if (r < 0 || !m.target_type || strcmp(m.target_type, "multipath")) {
		condlog(r < 0 ? 1 : 3, "%u:%u: not a multipath device.",
			major(st.st_rdev), minor(st.st_rdev));
		dm_map_clear(&m);
		return PR_STATUS_DMMP_ERROR;
	}
	condlog(4, "alias = %s", m.name);
	r = multipath_from_dm(ctx->disc, &m, DI_SYSFS, &mpp);
	dm_map_clear(&m);
	if (r < 0) {
		condlog(0, "error parsing map");
		return PR_STATUS_DMMP_ERROR;
	}
	vec_foreach(&mpp->paths, pp, i)
		if (pp->dev[0] && vec_push(&paths, pp) < 0) {
			vec_free(&paths, NULL);
			multipath_free(mpp);
			return PR_STATUS_OTHER;
		}
	paths_check(ctx->disc, (struct path *const *)paths.items, paths.len);
	vec_free(&paths, NULL);
	mpp->mpe = config_find_mpe(ctx->conf, mpp->wwid);
	select_reservation_key(ctx->conf, mpp);
	s = map_scope(ctx->conf, mpp, NULL);
	mpp->skip_kpartx = prop_int(&s, KW_SKIP_KPARTX, 0, NULL) == 1;
	all_tg_pt = prop_int(&s, KW_ALL_TG_PT, 0, NULL) == 1;
	*out = mpp;
	return PR_STATUS_SUCCESS;
}

/* ---- multipathd ---------------------------------------------------------- */

/* "VERB map ALIAS [key KEY]" to a running daemon; false when it did not
 * answer "ok" */
static bool tell_daemon(const char *verb, const char *alias, const char *key)
{
	_cleanup_close_ int fd = mpath_connect();
	_cleanup_free_ char *reply = NULL;
	char request[512];

	if (fd < 0)
		return false;
	snprintf(request, sizeof(request), "%s map %s%s%s", verb, alias,
		 key ? " key " : "", key ? key : "");
	if (mpath_send_msg(fd, request, MULTIPATHD_REPLY_TIMEOUT) < 0 ||
	    mpath_recv_msg(fd, IPC_MAX_REPLY, MULTIPATHD_REPLY_TIMEOUT,
			   &reply) < 0)
		return false;
	condlog(3, "multipathd: \"%s\": %s", request, reply);
	return !strcmp(reply, "ok\n") || !strcmp(reply, "ok");
}

/* The map's new key when it comes from the prkeys file: multipathd keeps
 * the file; without a daemon mpathpersist writes it (the reference fails). */
static int set_file_key(const struct pr_context *ctx, struct multipath *mpp,
			uint64_t key, bool aptpl)
{
	char text[40];

	snprintf(text, sizeof(text), "%" PRIx64 "%s", key, aptpl ? ":aptpl" : "");
	if (tell_daemon("setprkey", mpp->alias, text))
		return 0;
	if (multipathd_running()) {
		condlog(0, "%s: failed to set prkey for multipathd.", mpp->alias);
		return -EIO;
	}
	if (prkeys_set(config_get_str(ctx->conf, KW_PRKEYS_FILE), mpp->wwid, key,
		       aptpl ? PRKEYS_APTPL : 0) < 0) {
		condlog(0, "%s: failed to write the prkeys file", mpp->alias);
		return -EIO;
	}
	return 0;
}

/* ---- PR IN ----------------------------------------------------------------- */

static int prin_activepath(const struct multipath *mpp, int sa, uint8_t *buf,
			   size_t len, size_t *got)
{
	const struct pathgroup *pg;
	const struct path *pp;
	int st = PR_STATUS_DMMP_ERROR;
	size_t i, j;

	foreach_map_path(mpp, pg, pp, i, j) {
		if (!usable(pp)) {
			condlog(3, "%s: %s not available. Skip.", mpp->wwid, pp->dev);
			continue;
		}
		condlog(3, "%s: sending pr in command to %s ", mpp->wwid, pp->dev);
		st = pr_in(pp->dev, sa, buf, len, got);
		if (st == PR_STATUS_SUCCESS)
			log_hex(buf, *got);
		if (!retryable(st))
			return st;
	}
	return st;
}

/* The reservation: 1 held (key, scope, type set), 0 none, or -status. */
static int read_reservation(const struct multipath *mpp, uint64_t *key,
			    unsigned *scope, unsigned *type)
{
	uint8_t buf[64];
	struct pr_reservation r;
	size_t got;
	int st;

	st = prin_activepath(mpp, PR_IN_READ_RESERVATION, buf, sizeof(buf), &got);
	if (st != PR_STATUS_SUCCESS)
		return -st;
	if (pr_reservation_decode(buf, got, &r) < 0)
		return -PR_STATUS_SENSE_MALFORMED;
	if (!r.held)
		return 0;
	*key = r.key;
	*scope = r.scope;
	*type = r.type;
	return 1;
}

static int do_prin(const struct multipath *mpp, const struct pr_request *rq)
{
	_cleanup_free_ uint8_t *buf = NULL;
	_cleanup_strbuf_ struct strbuf out = STRBUF_INIT;
	_cleanup_strbuf_ struct strbuf err = STRBUF_INIT;
	size_t len = rq->alloc_len ? rq->alloc_len : PRIN_DEFAULT_LEN, got;
	int st;

	buf = calloc(1, len);
	if (!buf)
		return PR_STATUS_OTHER;
	st = prin_activepath(mpp, rq->prin_sa, buf, len, &got);
	if (st != PR_STATUS_SUCCESS) {
		fprintf(stderr, "Persistent Reserve IN command failed\n");
		return st;
	}
	pr_print_reply(&out, &err, rq->prin_sa, buf, got);
	fputs(strbuf_str(&err), stderr);
	fputs(strbuf_str(&out), stdout);
	return PR_STATUS_SUCCESS;
}

/* ---- PR OUT ---------------------------------------------------------------- */

struct prout_call {
	int sa;
	unsigned scope, type;
	struct prout_params p;
};

static int send_prout(const char *dev, const struct prout_call *c)
{
	uint8_t buf[PROUT_MAX_LEN];
	ssize_t n = prout_params_encode(&c->p, buf, sizeof(buf));

	if (n < 0)
		return PR_STATUS_SYNTAX_ERROR;
	log_hex(buf, (size_t)n);
	return pr_out(dev, c->sa, c->scope, c->type, buf, (size_t)n);
}

/* Through the first usable path that answers; *used: which. */
static int prout_common(const struct multipath *mpp, const struct prout_call *c,
			const struct path **used)
{
	const struct pathgroup *pg;
	const struct path *pp;
	bool found = false;
	size_t i, j;
	int st;

	foreach_map_path(mpp, pg, pp, i, j) {
		if (!usable(pp)) {
			condlog(1, "%s: %s path not up. Skip", mpp->wwid, pp->dev);
			continue;
		}
		condlog(3, "%s: sending pr out command to %s", mpp->wwid, pp->dev);
		found = true;
		st = send_prout(pp->dev, c);
		if (st == PR_STATUS_SUCCESS && used)
			*used = pp;
		if (!retryable(st))
			return st;
	}
	if (found)
		return PR_STATUS_OTHER;
	condlog(0, "%s: no path available", mpp->wwid);
	return PR_STATUS_DMMP_ERROR;
}

/*
 * REGISTER / REGISTER AND IGNORE on every usable path (one per SCSI host
 * with ALL_TG_PT); a reservation conflict on one path undoes a new
 * registration on the others.
 */
static int prout_reg(const struct multipath *mpp, const struct prout_call *c0)
{
	const struct path *done[256];
	int status[256];
	struct prout_call c = *c0;
	const struct pathgroup *pg;
	const struct path *pp;
	bool one_per_host = all_tg_pt || c.p.all_tg_pt;
	bool rollback = false;
	int st = PR_STATUS_SUCCESS;
	size_t i, j, k, n = 0;

	foreach_map_path(mpp, pg, pp, i, j) {
		if (!usable(pp)) {
			condlog(1, "%s: %s path not up. Skip.", mpp->wwid, pp->dev);
			continue;
		}
		if (one_per_host && pp->has_hcil) {
			for (k = 0; k < n; k++)
				if (done[k]->has_hcil &&
				    done[k]->hcil.host == pp->hcil.host)
					break;
			if (k < n) {
				condlog(3, "%s: %s host %d matches skip.", mpp->wwid,
					pp->dev, pp->hcil.host);
				continue;
			}
		}
		if (n == sizeof(done) / sizeof(*done))
			break;
		condlog(3, "%s: sending pr out command to %s", mpp->wwid, pp->dev);
		status[n] = send_prout(pp->dev, &c);
		done[n++] = pp;
		/* the TransportIDs are registered by the first path */
		c.p.spec_i_pt = false;
		c.p.n_tids = 0;
	}
	if (n == 0) {
		condlog(0, "%s: no path available", mpp->wwid);
		return PR_STATUS_DMMP_ERROR;
	}
	for (k = 0; k < n; k++) {
		if (!rollback && status[k] == PR_STATUS_RESERV_CONFLICT) {
			rollback = true;
			st = PR_STATUS_RESERV_CONFLICT;
		}
		if (!rollback && st == PR_STATUS_SUCCESS)
			st = status[k];
	}
	if (rollback && c0->sa == PR_OUT_REGISTER && c0->p.sa_key) {
		condlog(3, "%s: ERROR: initiating pr out rollback", mpp->wwid);
		c = *c0;
		c.p.key = c0->p.sa_key;
		c.p.sa_key = 0;
		c.p.spec_i_pt = false;
		c.p.n_tids = 0;
		for (k = 0; k < n; k++)
			if (status[k] == PR_STATUS_SUCCESS)
				send_prout(done[k]->dev, &c);
	}
	return st;
}

/*
 * RELEASE through every usable path. When the reservation is still held
 * with the map's key, the path holding it is not usable: with the map
 * suspended, preempt it to a usable path, release it there, resume and
 * register the key on every path again.
 */
static int prout_rel(const struct multipath *mpp, const struct prout_call *c)
{
	const struct pathgroup *pg;
	const struct path *pp, *holder = NULL;
	struct prout_call p;
	bool any_ok = false;
	int st = PR_STATUS_SUCCESS, r, rr;
	unsigned scope, type;
	uint64_t key;
	size_t i, j, n = 0;

	foreach_map_path(mpp, pg, pp, i, j) {
		if (!usable(pp)) {
			condlog(1, "%s: %s path not up.", mpp->wwid, pp->dev);
			continue;
		}
		condlog(3, "%s: sending pr out command to %s", mpp->wwid, pp->dev);
		n++;
		r = send_prout(pp->dev, c);
		if (r == PR_STATUS_SUCCESS)
			any_ok = true;
		else if (r == PR_STATUS_RESERV_CONFLICT)
			st = r;
		else if (st == PR_STATUS_SUCCESS)
			st = r;
	}
	if (n == 0) {
		condlog(0, "%s: no path available", mpp->wwid);
		return PR_STATUS_DMMP_ERROR;
	}
	if (!any_ok) {
		condlog(0, "%s: all threads failed to release reservation.",
			mpp->wwid);
		return st;
	}
	r = read_reservation(mpp, &key, &scope, &type);
	if (r < 0) {
		condlog(0, "%s: pr in read reservation command failed.", mpp->wwid);
		return PR_STATUS_OTHER;
	}
	if (r == 0) {
		condlog(2, "%s: Path holding reservation is released.", mpp->wwid);
		return PR_STATUS_SUCCESS;
	}
	if (!mpp->reservation_key || key != mpp->reservation_key) {
		condlog(2, "%s: Releasing key not holding reservation.", mpp->wwid);
		return PR_STATUS_SUCCESS;
	}
	condlog(2, "%s: Path holding reservation is not available.", mpp->wwid);
	if (dm_suspend(mpp->alias, true) < 0) {
		condlog(0, "%s: release: failed to suspend dm device.", mpp->wwid);
		return PR_STATUS_OTHER;
	}
	p = (struct prout_call){ .sa = PR_OUT_PREEMPT, .scope = c->scope,
				 .type = c->type };
	p.p.key = p.p.sa_key = mpp->reservation_key;
	st = prout_common(mpp, &p, &holder);
	if (st != PR_STATUS_SUCCESS) {
		condlog(0, "%s: release: pr preempt command failed.", mpp->wwid);
	} else {
		p = (struct prout_call){ .sa = PR_OUT_RELEASE, .scope = c->scope,
					 .type = c->type };
		p.p.key = mpp->reservation_key;
		st = send_prout(holder->dev, &p);
		if (st != PR_STATUS_SUCCESS)
			condlog(0, "%s: release on alternate path failed.", mpp->wwid);
	}
	if (dm_resume(mpp->alias, mpp->skip_kpartx ? MPATH_UDEV_NO_KPARTX_FLAG : 0,
		      NULL) < 0) {
		condlog(0, "%s: release: failed to resume dm device.", mpp->wwid);
		if (st == PR_STATUS_SUCCESS)
			st = PR_STATUS_OTHER;
	}
	if (holder) {
		p = (struct prout_call){ .sa = PR_OUT_REGISTER_IGNORE,
					 .scope = c->scope, .type = c->type };
		p.p.sa_key = mpp->reservation_key;
		rr = prout_reg(mpp, &p);
		if (rr != PR_STATUS_SUCCESS) {
			condlog(0, "%s: release: failed to reregister paths.",
				mpp->wwid);
			if (st == PR_STATUS_SUCCESS)
				st = rr;
		}
	}
	return st;
}

static int do_prout(const struct pr_context *ctx, struct multipath *mpp,
		    const struct pr_request *rq)
{
	struct prout_call c = {
		.sa = rq->prout_sa,
		.scope = 0,
		.type = rq->type,
		.p = {
			.key = rq->rk,
			.sa_key = rq->sark,
			.all_tg_pt = rq->all_tg_pt,
			.aptpl = rq->aptpl,
			.spec_i_pt = rq->n_tids > 0,
			.tids = rq->tids,
			.n_tids = rq->n_tids,
		},
	};
	uint64_t prkey = rq->sark, rkey, dummy;
	unsigned u1, u2;
	bool preempting = false;
	int st;

	if ((mpp->prkey_flags & PRKEY_SOURCE_FILE) && prkey &&
	    (c.sa == PR_OUT_REGISTER_IGNORE ||
	     (c.sa == PR_OUT_REGISTER &&
	      (!mpp->reservation_key || rq->rk == mpp->reservation_key)))) {
		mpp->reservation_key = prkey;
		if (set_file_key(ctx, mpp, prkey, rq->aptpl) < 0)
			return PR_STATUS_DMMP_ERROR;
	}
	rkey = mpp->reservation_key;
	if (!rkey && (prkey || c.sa != PR_OUT_REGISTER_IGNORE)) {
		condlog(0, "%s: no configured reservation key", mpp->alias);
		return PR_STATUS_SYNTAX_ERROR;
	}
	if (rq->rk != rkey && rq->sark != rkey &&
	    (prkey || c.sa != PR_OUT_REGISTER_IGNORE)) {
		condlog(0, "%s: configured reservation key doesn't match: 0x%" PRIx64,
			mpp->alias, rkey);
		return PR_STATUS_SYNTAX_ERROR;
	}

	switch (c.sa) {
	case PR_OUT_REGISTER:
	case PR_OUT_REGISTER_IGNORE:
		st = prout_reg(mpp, &c);
		break;
	case PR_OUT_PREEMPT:
	case PR_OUT_PREEMPT_AND_ABORT:
		if (read_reservation(mpp, &dummy, &u1, &u2) == 1 &&
		    dummy == rq->sark)
			preempting = true;
		/* fallthrough */
	case PR_OUT_RESERVE:
	case PR_OUT_CLEAR:
		st = prout_common(mpp, &c, NULL);
		break;
	case PR_OUT_RELEASE:
		st = prout_rel(mpp, &c);
		break;
	default:
		return PR_STATUS_OTHER;
	}
	if (st != PR_STATUS_SUCCESS)
		return st;

	switch (c.sa) {
	case PR_OUT_REGISTER:
	case PR_OUT_REGISTER_IGNORE:
		if (prkey == 0) {
			tell_daemon("unsetprstatus", mpp->alias, NULL);
			tell_daemon("unsetprkey", mpp->alias, NULL);
		} else {
			tell_daemon("setprstatus", mpp->alias, NULL);
		}
		break;
	case PR_OUT_CLEAR:
		tell_daemon("unsetprstatus", mpp->alias, NULL);
		tell_daemon("unsetprkey", mpp->alias, NULL);
		break;
	case PR_OUT_RESERVE:
		tell_daemon("setprhold", mpp->alias, NULL);
		break;
	case PR_OUT_RELEASE:
		tell_daemon("unsetprhold", mpp->alias, NULL);
		break;
	default:
		if (preempting)
			tell_daemon("setprhold", mpp->alias, NULL);
		break;
	}
	return st;
}

int pr_run(const struct pr_context *ctx, const struct pr_request *rq, int fd)
{
	struct multipath *mpp = NULL;
	int st;

	noisy = rq->noisy;
	st = get_map(ctx, fd, &mpp);
	if (st == PR_STATUS_SUCCESS)
		st = rq->in ? do_prin(mpp, rq) : do_prout(ctx, mpp, rq);
	else if (rq->in)
		fprintf(stderr, "Persistent Reserve IN command failed\n");
	if (rq->out && st != PR_STATUS_SUCCESS) {
		if (st == PR_STATUS_SENSE_UNIT_ATTENTION)
			printf("persistent reserve out: scsi status: Unit Attention\n");
		else if (st == PR_STATUS_RESERV_CONFLICT)
			printf("persistent reserve out: scsi status: Reservation Conflict\n");
		printf("PR out: command failed\n");
	}
	if (mpp)
		multipath_free(mpp);
	return st;
}
