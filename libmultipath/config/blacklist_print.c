/* The blacklist and its exceptions as multipathd "show blacklist" lists
 * them: per kind of rule, the rules in the order they are tried, each
 * marked as the configuration's or a built-in one. */
#include <errno.h>

#include "config/blacklist.h"
#include "config/config.h"
#include "util/regex.h"
#include "util/strbuf.h"

#define ORIGIN(builtin) ((builtin) ? "(default rule)    " : "(config file rule)")

static int print_entries(struct strbuf *sb, const char *title,
			 const struct vec *list)
{
	const struct bl_entry *e;
	size_t i;

	if (strbuf_printf(sb, "- %s:\n", title) < 0)
		return -ENOMEM;
	if (!list->len)
		return strbuf_append(sb, "        <empty>\n") < 0 ? -ENOMEM : 0;
	vec_foreach(list, e, i)
		if (strbuf_printf(sb, "        %s %s\n", ORIGIN(e->builtin),
				  mp_regex_pattern(e->re)) < 0)
			return -ENOMEM;
	return 0;
}

/* A missing vendor or product is shown as the reference shows it. */
static const char *pattern_or_null(const struct mp_regex *re)
{
	return re ? mp_regex_pattern(re) : "(null)";
}

static int print_devices(struct strbuf *sb, const char *title,
			 const struct vec *list)
{
	const struct bl_device *d;
	size_t i;

	if (strbuf_printf(sb, "- %s:\n", title) < 0)
		return -ENOMEM;
	if (!list->len)
		return strbuf_append(sb, "        <empty>\n") < 0 ? -ENOMEM : 0;
	vec_foreach(list, d, i)
		if (strbuf_printf(sb, "        %s %s:%s\n", ORIGIN(d->builtin),
				  pattern_or_null(d->vendor),
				  pattern_or_null(d->product)) < 0)
			return -ENOMEM;
	return 0;
}

static int print_kind(struct strbuf *sb, const char *title,
		      const struct vec *listed, const struct vec *excepted)
{
	if (strbuf_printf(sb, "%s rules:\n", title) < 0 ||
	    print_entries(sb, "blacklist", listed) < 0 ||
	    print_entries(sb, "exceptions", excepted) < 0)
		return -ENOMEM;
	return 0;
}

int blacklist_print(const struct config *conf, struct strbuf *sb)
{
	const struct blacklist *b = &conf->blist, *e = &conf->elist;

	if (print_kind(sb, "device node", &b->devnode, &e->devnode) < 0 ||
	    print_kind(sb, "udev property", &b->property, &e->property) < 0 ||
	    print_kind(sb, "protocol", &b->protocol, &e->protocol) < 0 ||
	    print_kind(sb, "wwid", &b->wwid, &e->wwid) < 0 ||
	    strbuf_append(sb, "device rules:\n") < 0 ||
	    print_devices(sb, "blacklist", &b->device) < 0 ||
	    print_devices(sb, "exceptions", &e->device) < 0)
		return -ENOMEM;
	return 0;
}
