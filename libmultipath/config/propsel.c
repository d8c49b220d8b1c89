/* Property selection with origins. */
#include <string.h>

#include "config/config.h"
#include "config/propsel.h"
#include "util/log.h"

const char *origin_name(enum prop_origin o)
{
	switch (o) {
	case ORIGIN_CMDLINE:
		return "(setting: multipath command line [-p] flag)";
	case ORIGIN_OVERRIDES_PROTOCOL:
		return "(setting: multipath.conf overrides protocol section)";
	case ORIGIN_OVERRIDES:
		return "(setting: multipath.conf overrides section)";
	case ORIGIN_MULTIPATHS:
		return "(setting: multipath.conf multipaths section)";
	case ORIGIN_DEVICE:
		return "(setting: storage device configuration)";
	case ORIGIN_DEFAULTS:
		return "(setting: multipath.conf defaults/devices section)";
	case ORIGIN_BUILTIN:
		return "(setting: multipath internal)";
	case ORIGIN_AUTODETECT:
		return "(setting: storage device autodetected)";
	case ORIGIN_SYSFS:
		return "(setting: kernel sysfs)";
	case ORIGIN_NONE:
		break;
	}
	return "(setting: unset)";
}

const union kwval *prop_select(const struct prop_scope *s, enum kw_id kw,
			       enum prop_origin *origin)
{
	const struct config *conf = s->conf;
	const union kwval *v = NULL;
	enum prop_origin o = ORIGIN_NONE;
	size_t i;

	if (s->cmdline && (v = kvset_get(s->cmdline, kw))) {
		o = ORIGIN_CMDLINE;
		goto out;
	}
	/* like the reference: a multipaths entry beats even overrides */
	if (s->mpe && (v = kvset_get(&s->mpe->kv, kw))) {
		o = ORIGIN_MULTIPATHS;
		goto out;
	}
	if (s->has_protocol) {
		const struct pcentry *pce = config_find_pce(conf, s->protocol);

		if (pce && (v = kvset_get(&pce->kv, kw))) {
			o = ORIGIN_OVERRIDES_PROTOCOL;
			goto out;
		}
	}
	if ((v = kvset_get(&conf->overrides, kw))) {
		o = ORIGIN_OVERRIDES;
		goto out;
	}
	for (i = 0; i < s->n_hwes; i++) {
		if ((v = kvset_get(&s->hwes[i]->kv, kw))) {
			o = ORIGIN_DEVICE;
			goto out;
		}
	}
	if ((v = kvset_get(&conf->defaults, kw))) {
		o = ORIGIN_DEFAULTS;
		goto out;
	}
	if ((v = kvset_get(&conf->builtin, kw)))
		o = ORIGIN_BUILTIN;
out:
	if (origin)
		*origin = o;
	return v;
}

long long prop_int(const struct prop_scope *s, enum kw_id kw, long long def,
		   enum prop_origin *origin)
{
	const union kwval *v = prop_select(s, kw, origin);

	return v ? v->num : def;
}

const char *prop_str(const struct prop_scope *s, enum kw_id kw,
		     enum prop_origin *origin)
{
	const union kwval *v = prop_select(s, kw, origin);

	return v ? v->str : NULL;
}

void prop_log(const char *name, enum kw_id kw, const union kwval *v,
	      enum prop_origin origin)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	const char *text;
	size_t len;

	if (log_verbosity < 3)
		return;
	if (v)
		kw_print_value(kw, v, &sb);
	text = strbuf_str(&sb);
	len = strlen(text);
	/* the log shows values bare: strip the quotes of -t syntax */
	if (len >= 2 && text[0] == '"' && text[len - 1] == '"') {
		strbuf_truncate(&sb, len - 1);
		text = strbuf_str(&sb) + 1;
	}
	condlog(3, "%s: %s = %s %s", name, kw_get(kw)->name, text,
		origin_name(origin));
}
