/* Printing the configuration in multipath.conf syntax (multipath -t). */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "config/config.h"
#include "config/dump.h"
#include "util/regex.h"

enum layout { L_DEF, L_DEV, L_MP, L_PC };

static unsigned position(const struct keyword *kw, enum layout l)
{
	switch (l) {
	case L_DEF:
		return kw->pos_def;
	case L_DEV:
		return kw->pos_dev;
	case L_MP:
		return kw->pos_mp;
	case L_PC:
		return kw->pos_pc;
	}
	return 0;
}

struct layout_order {
	unsigned n;
	enum kw_id kw[KW__COUNT];
};

static struct layout_order orders[L_PC + 1];
static pthread_once_t orders_once = PTHREAD_ONCE_INIT;

static void compute_orders(void)
{
	unsigned l, pos, i;

	for (l = L_DEF; l <= L_PC; l++)
		for (pos = 1; pos <= 255; pos++)
			for (i = 0; i < KW__COUNT; i++)
				if (position(kw_get(i), l) == pos)
					orders[l].kw[orders[l].n++] = i;
}

/* Keywords of a layout in print order. */
static const struct layout_order *print_order(enum layout l)
{
	pthread_once(&orders_once, compute_orders);
	return &orders[l];
}

static int print_kv(struct strbuf *sb, const char *indent, enum kw_id id,
		    const union kwval *v)
{
	if (strbuf_printf(sb, "%s%s ", indent, kw_get(id)->name) < 0 ||
	    kw_print_value(id, v, sb) < 0 || strbuf_addc(sb, '\n') < 0)
		return -ENOMEM;
	return 0;
}

/* Print the values of kv in layout order; in the defaults layout, fall
 * back to the built-in defaults of conf. */
static int print_values(struct strbuf *sb, const char *indent,
			const struct kvset *kv, enum layout l,
			const struct config *conf, enum kw_section sec)
{
	const struct layout_order *order = print_order(l);
	unsigned i;

	for (i = 0; i < order->n; i++) {
		enum kw_id id = order->kw[i];
		const union kwval *v;
		union kwval tmp;

		if (!kw_allowed(id, sec))
			continue;
		if (conf) {
			v = config_get(conf, id);
			if (!v && id == KW_MAX_POLLING_INTERVAL) {
				tmp.num = config_get_int(conf, id);
				v = &tmp;
			}
		} else {
			v = kvset_get(kv, id);
		}
		if (v && print_kv(sb, indent, id, v) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int print_patterns(struct strbuf *sb, const char *name,
			  const struct vec *list)
{
	struct bl_entry *e;
	size_t i;

	vec_foreach(list, e, i) {
		if (strbuf_printf(sb, "\t%s ", name) < 0 ||
		    strbuf_append_quoted(sb, mp_regex_pattern(e->re)) < 0 ||
		    strbuf_addc(sb, '\n') < 0)
			return -ENOMEM;
	}
	return 0;
}

static int print_blacklist(struct strbuf *sb, const char *title,
			   const struct blacklist *bl)
{
	struct bl_device *d;
	size_t i;

	if (strbuf_printf(sb, "%s {\n", title) < 0 ||
	    print_patterns(sb, "devnode", &bl->devnode) < 0 ||
	    print_patterns(sb, "wwid", &bl->wwid) < 0 ||
	    print_patterns(sb, "property", &bl->property) < 0 ||
	    print_patterns(sb, "protocol", &bl->protocol) < 0)
		return -ENOMEM;
	vec_foreach(&bl->device, d, i) {
		if (strbuf_append(sb, "\tdevice {\n") < 0)
			return -ENOMEM;
		if (d->vendor &&
		    (strbuf_append(sb, "\t\tvendor ") < 0 ||
		     strbuf_append_quoted(sb, mp_regex_pattern(d->vendor)) < 0 ||
		     strbuf_addc(sb, '\n') < 0))
			return -ENOMEM;
		if (d->product &&
		    (strbuf_append(sb, "\t\tproduct ") < 0 ||
		     strbuf_append_quoted(sb, mp_regex_pattern(d->product)) < 0 ||
		     strbuf_addc(sb, '\n') < 0))
			return -ENOMEM;
		if (strbuf_append(sb, "\t}\n") < 0)
			return -ENOMEM;
	}
	return strbuf_append(sb, "}\n") < 0 ? -ENOMEM : 0;
}

static int print_entry(struct strbuf *sb, const char *name,
		       const struct kvset *kv, enum layout l,
		       enum kw_section sec)
{
	if (strbuf_printf(sb, "\t%s {\n", name) < 0 ||
	    print_values(sb, "\t\t", kv, l, NULL, sec) < 0 ||
	    strbuf_append(sb, "\t}\n") < 0)
		return -ENOMEM;
	return 0;
}

static int print_devices(struct strbuf *sb, const struct config *conf,
			 const struct config_print_opts *opts)
{
	const struct hwentry *hwe;
	size_t i;

	if (strbuf_append(sb, "devices {\n") < 0)
		return -ENOMEM;
	if (opts && opts->hwes) {
		for (i = 0; i < opts->n_hwes; i++)
			if (print_entry(sb, "device", &opts->hwes[i]->kv, L_DEV,
					SEC_DEVICE) < 0)
				return -ENOMEM;
	} else {
		vec_foreach(&conf->hwtable, hwe, i)
			if (print_entry(sb, "device", &hwe->kv, L_DEV,
					SEC_DEVICE) < 0)
				return -ENOMEM;
	}
	return strbuf_append(sb, "}\n") < 0 ? -ENOMEM : 0;
}

static int print_overrides(struct strbuf *sb, const struct config *conf)
{
	const struct pcentry *pce;
	size_t i;

	if (strbuf_append(sb, "overrides {\n") < 0 ||
	    print_values(sb, "\t", &conf->overrides, L_DEV, NULL,
			 SEC_OVERRIDES) < 0)
		return -ENOMEM;
	vec_foreach(&conf->protocols, pce, i)
		if (print_entry(sb, "protocol", &pce->kv, L_PC, SEC_PROTOCOL) < 0)
			return -ENOMEM;
	return strbuf_append(sb, "}\n") < 0 ? -ENOMEM : 0;
}

static int print_multipaths(struct strbuf *sb, const struct config *conf,
			    const struct config_print_opts *opts)
{
	const struct mpentry *mpe;
	bool always = opts && opts->always_multipaths;
	size_t i;

	if (!conf->mptable.len && !always)
		return 0;
	if (strbuf_append(sb, "multipaths {\n") < 0)
		return -ENOMEM;
	vec_foreach(&conf->mptable, mpe, i)
		if (print_entry(sb, "multipath", &mpe->kv, L_MP,
				SEC_MULTIPATH) < 0)
			return -ENOMEM;
	if (opts && opts->multipaths_extra &&
	    strbuf_append(sb, opts->multipaths_extra) < 0)
		return -ENOMEM;
	return strbuf_append(sb, "}\n") < 0 ? -ENOMEM : 0;
}

int config_print(const struct config *conf, struct strbuf *sb,
		 const struct config_print_opts *opts)
{
	if (strbuf_append(sb, "defaults {\n") < 0 ||
	    print_values(sb, "\t", NULL, L_DEF, conf, SEC_DEFAULTS) < 0 ||
	    strbuf_append(sb, "}\n") < 0 ||
	    print_blacklist(sb, "blacklist", &conf->blist) < 0 ||
	    print_blacklist(sb, "blacklist_exceptions", &conf->elist) < 0 ||
	    print_devices(sb, conf, opts) < 0 ||
	    print_overrides(sb, conf) < 0 ||
	    print_multipaths(sb, conf, opts) < 0)
		return -ENOMEM;
	return 0;
}
