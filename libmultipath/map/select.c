/* Choosing a map's settings from the configuration. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "map/prkeys.h"
#include "map/select.h"
#include "model/map.h"
#include "util/log.h"

struct prop_scope map_scope(const struct config *conf,
			    const struct multipath *mpp,
			    const struct kvset *cmdline)
{
	const struct path *first = mpp->paths.len ? mpp->paths.items[0] : NULL;
	struct prop_scope s = {
		.conf = conf,
		.cmdline = cmdline,
		.mpe = mpp->mpe,
		.hwes = first ? first->hwe : NULL,
		.n_hwes = first ? first->n_hwe : 0,
	};

	return s;
}

/* "mpatha: name = value (setting: ...)" with the reference's quoting */
static void log_value(const struct multipath *mpp, enum kw_id kw,
		      const char *quote, const char *text,
		      enum prop_origin o)
{
	condlog(3, "%s: %s = %s%s%s %s", multipath_name(mpp),
		kw == KW_RR_MIN_IO_RQ ? "minio" : kw_get(kw)->name, quote,
		text, quote, origin_name(o));
}

static long long pick_int(struct prop_scope *s, const struct multipath *mpp,
			  enum kw_id kw, long long def)
{
	enum prop_origin o;
	long long v = prop_int(s, kw, def, &o);
	const char *word = kw_value_word(kw, v);
	char num[32];

	if (o == ORIGIN_NONE) {
		log_value(mpp, kw, "", "undef", o);
		return def;
	}
	snprintf(num, sizeof(num), "%lld", v);
	log_value(mpp, kw, "", word ? word : num, o);
	return v;
}

static const char *pick_str(struct prop_scope *s, const struct multipath *mpp,
			    enum kw_id kw, const char *quote)
{
	enum prop_origin o;
	const char *v = prop_str(s, kw, &o);

	log_value(mpp, kw, quote, v ? v : "", o);
	return v;
}

/* retain_attached_hw_handler: a handler the kernel already attached to
 * the paths (scsi_dh_alua ...) is kept */
static char *select_hwhandler(struct prop_scope *s, struct multipath *mpp)
{
	const struct path *pp;
	enum prop_origin o;
	const char *h;
	char *out = NULL;
	size_t i;

	if (mpp->retain_hwhandler) {
		vec_foreach(&mpp->paths, pp, i) {
			if (!pp->dh_state[0])
				continue;
			if (asprintf(&out, "1 %s", pp->dh_state) < 0)
				return NULL;
			condlog(3, "%s: hardware_handler = \"%s\" (setting: retained by kernel driver)",
				multipath_name(mpp), out);
			return out;
		}
	}
	h = prop_str(s, KW_HARDWARE_HANDLER, &o);
	if (!h) {
		h = "0";
		o = ORIGIN_BUILTIN;
	}
	log_value(mpp, KW_HARDWARE_HANDLER, "\"", h, o);
	return strdup(h);
}

void select_reservation_key(const struct config *conf,
			    struct multipath *mpp)
{
	struct prop_scope s = map_scope(conf, mpp, NULL);
	const union kwval *v;
	enum prop_origin o;
	unsigned flags;
	uint64_t key;
	char text[40];

	/* not from the device entries, like the reference */
	s.hwes = NULL;
	s.n_hwes = 0;
	v = prop_select(&s, KW_RESERVATION_KEY, &o);
	mpp->reservation_key = 0;
	mpp->prkey_flags = 0;
	mpp->prkey_configured = v != NULL;
	if (!v)
		return;
	mpp->prkey_flags = v->prkey.flags;
	if (v->prkey.flags & PRKEY_SOURCE_FILE) {
		if (prkeys_get(config_get_str(conf, KW_PRKEYS_FILE), mpp->wwid,
			       &key, &flags) == 1) {
			mpp->reservation_key = key;
			mpp->prkey_flags = PRKEY_SOURCE_FILE |
					   (flags & PRKEYS_APTPL ? PRKEY_APTPL : 0);
		}
		snprintf(text, sizeof(text), "file (from prkeys file)");
	} else {
		mpp->reservation_key = v->prkey.key;
		snprintf(text, sizeof(text), "0x%" PRIx64 "%s",
			 (uint64_t)v->prkey.key,
			 v->prkey.flags & PRKEY_APTPL ? ":aptpl" : "");
	}
	condlog(3, "%s: reservation_key = %s %s", multipath_name(mpp), text,
		origin_name(o));
}

int select_map_settings(const struct config *conf, struct multipath *mpp,
			const struct kvset *cmdline)
{
	struct prop_scope s = map_scope(conf, mpp, cmdline);
	const char *v;

	mpp->pgpolicy = (int)pick_int(&s, mpp, KW_PATH_GROUPING_POLICY,
				      PGP_FAILOVER);
	v = pick_str(&s, mpp, KW_PATH_SELECTOR, "\"");
	free(mpp->selector);
	mpp->selector = strdup(v ? v : "service-time 0");
	v = pick_str(&s, mpp, KW_FEATURES, "\"");
	free(mpp->features);
	mpp->features = strdup(v ? v : "0");
	mpp->no_path_retry = (int)pick_int(&s, mpp, KW_NO_PATH_RETRY, 0);
	mpp->rr_weight = (int)pick_int(&s, mpp, KW_RR_WEIGHT, RR_WEIGHT_UNIFORM);
	mpp->minio = (int)pick_int(&s, mpp, KW_RR_MIN_IO_RQ, 1);
	mpp->failback = (int)pick_int(&s, mpp, KW_FAILBACK, FAILBACK_MANUAL);
	mpp->retain_hwhandler = pick_int(&s, mpp, KW_RETAIN_ATTACHED_HW_HANDLER,
					 1);
	free(mpp->hwhandler);
	mpp->hwhandler = select_hwhandler(&s, mpp);
	mpp->flush_on_last_del = pick_int(&s, mpp, KW_FLUSH_ON_LAST_DEL, 0);
	mpp->skip_kpartx = pick_int(&s, mpp, KW_SKIP_KPARTX, 0);
	mpp->deferred_remove = pick_int(&s, mpp, KW_DEFERRED_REMOVE, 0);
	mpp->ghost_delay = (int)pick_int(&s, mpp, KW_GHOST_DELAY, 0);
	if (mpp->ghost_delay < 0)
		mpp->ghost_delay = 0;
	if (prop_select(&s, KW_MODE, NULL) || prop_select(&s, KW_UID, NULL) ||
	    prop_select(&s, KW_GID, NULL)) {
		mpp->set_mode = true;
		mpp->mode = (unsigned)prop_int(&s, KW_MODE, 0600, NULL);
		mpp->uid = (unsigned)prop_int(&s, KW_UID, 0, NULL);
		mpp->gid = (unsigned)prop_int(&s, KW_GID, 0, NULL);
	}
	select_reservation_key(conf, mpp);
	if (!mpp->selector || !mpp->features || !mpp->hwhandler)
		return -ENOMEM;
	return 0;
}
