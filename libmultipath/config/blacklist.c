/* blacklist / blacklist_exceptions: rules and their evaluation. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/blacklist.h"
#include "config/config.h"
#include "util/log.h"
#include "util/regex.h"

static bool pattern_is(const struct mp_regex *re, const char *pattern)
{
	if (!re || !pattern)
		return !re && !pattern;
	return strcmp(mp_regex_pattern(re), pattern) == 0;
}

/* Identical rules are kept once, where they first appeared. */
int blacklist_add(struct vec *list, const char *pattern, bool builtin)
{
	struct bl_entry *e;
	size_t i;
	int r;

	vec_foreach(list, e, i) {
		if (pattern_is(e->re, pattern)) {
			condlog(3, "duplicate blacklist rule \"%s\" ignored",
				pattern);
			return 0;
		}
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->re = mp_regex_new(pattern, true, &r);
	e->builtin = builtin;
	if (!e->re || vec_push(list, e) < 0) {
		mp_regex_free(e->re);
		free(e);
		return r < 0 ? r : -ENOMEM;
	}
	return 0;
}

int blacklist_add_device(struct blacklist *bl, const char *vendor,
			 const char *product, bool builtin)
{
	struct bl_device *d;
	size_t i;
	int r = 0;

	vec_foreach(&bl->device, d, i) {
		if (pattern_is(d->vendor, vendor) &&
		    pattern_is(d->product, product)) {
			condlog(3, "duplicate blacklist device %s:%s ignored",
				vendor ? vendor : "", product ? product : "");
			return 0;
		}
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->builtin = builtin;
	if (vendor)
		d->vendor = mp_regex_new(vendor, true, &r);
	if (r == 0 && product)
		d->product = mp_regex_new(product, true, &r);
	if (r == 0 && vec_push(&bl->device, d) < 0)
		r = -ENOMEM;
	if (r < 0) {
		mp_regex_free(d->vendor);
		mp_regex_free(d->product);
		free(d);
	}
	return r;
}

static void free_entry(void *p)
{
	struct bl_entry *e = p;

	mp_regex_free(e->re);
	free(e);
}

static void free_device(void *p)
{
	struct bl_device *d = p;

	mp_regex_free(d->vendor);
	mp_regex_free(d->product);
	free(d);
}

void blacklist_free(struct blacklist *bl)
{
	vec_free(&bl->devnode, free_entry);
	vec_free(&bl->wwid, free_entry);
	vec_free(&bl->property, free_entry);
	vec_free(&bl->protocol, free_entry);
	vec_free(&bl->device, free_device);
}

static bool match_list(const struct vec *list, const char *s)
{
	struct bl_entry *e;
	size_t i;

	vec_foreach(list, e, i)
		if (mp_regex_match(e->re, s))
			return true;
	return false;
}

static bool match_device(const struct vec *list, const char *vendor,
			 const char *product)
{
	struct bl_device *d;
	size_t i;

	vec_foreach(list, d, i) {
		if (d->vendor && !mp_regex_match(d->vendor, vendor))
			continue;
		if (d->product && !mp_regex_match(d->product, product))
			continue;
		return true;
	}
	return false;
}

static int filter_list(const struct vec *except, const struct vec *black,
		       enum bl_kind kind, const char *s)
{
	if (!s)
		return BL_NOTHING;
	if (match_list(except, s))
		return BL_EXCEPTED(kind);
	if (match_list(black, s))
		return BL_LISTED(kind);
	return BL_NOTHING;
}

int filter_devnode(const struct config *conf, const char *devnode)
{
	return filter_list(&conf->elist.devnode, &conf->blist.devnode,
			   BL_DEVNODE, devnode);
}

int filter_wwid(const struct config *conf, const char *wwid)
{
	return filter_list(&conf->elist.wwid, &conf->blist.wwid, BL_WWID, wwid);
}

int filter_protocol(const struct config *conf, const char *protocol)
{
	return filter_list(&conf->elist.protocol, &conf->blist.protocol,
			   BL_PROTOCOL, protocol);
}

int filter_device(const struct config *conf, const char *vendor,
		  const char *product)
{
	if (!vendor || !product)
		return BL_NOTHING;
	if (match_device(&conf->elist.device, vendor, product))
		return BL_EXCEPTED(BL_DEVICE);
	if (match_device(&conf->blist.device, vendor, product))
		return BL_LISTED(BL_DEVICE);
	return BL_NOTHING;
}

static int filter_property_named(const struct config *conf,
				 const char *const *props, size_t nprops,
				 const char *uid_attribute, const char **which)
{
	bool check_missing = uid_attribute && *uid_attribute;
	bool uid_seen = false;
	size_t i;

	*which = NULL;
	for (i = 0; i < nprops; i++) {
		if (check_missing && strcmp(props[i], uid_attribute) == 0)
			uid_seen = true;
		if (match_list(&conf->elist.property, props[i])) {
			*which = props[i];
			return BL_EXCEPTED(BL_PROPERTY);
		}
		if (match_list(&conf->blist.property, props[i])) {
			*which = props[i];
			return BL_LISTED(BL_PROPERTY);
		}
	}
	if (conf->elist.property.len && check_missing && uid_seen)
		return BL_LISTED(BL_PROPERTY_MISSING);
	return BL_NOTHING;
}

int filter_property(const struct config *conf, const char *const *props,
		    size_t nprops, const char *uid_attribute)
{
	const char *which;

	return filter_property_named(conf, props, nprops, uid_attribute,
				     &which);
}

static void log_filter(const struct bl_device_info *dev, int r,
		       const char *what)
{
	const char *name = dev->devnode ? dev->devnode : "?";
	const char *verdict = r > 0 ? "blacklisted" : "whitelisted";
	int kind = r > 0 ? r - 1 : -r - 1;

	if (r == BL_NOTHING)
		return;
	switch (kind) {
	case BL_DEVNODE:
		condlog(3, "%s: device node name %s", name, verdict);
		break;
	case BL_DEVICE:
		condlog(3, "%s: (%s:%s) vendor/product %s", name, dev->vendor,
			dev->product, verdict);
		break;
	case BL_WWID:
		condlog(3, "%s: wwid %s %s", name, dev->wwid, verdict);
		break;
	case BL_PROPERTY:
		condlog(3, "%s: udev property %s %s", name, what, verdict);
		break;
	case BL_PROPERTY_MISSING:
		condlog(3, "%s: blacklisted, udev property missing", name);
		break;
	case BL_PROTOCOL:
		condlog(3, "%s: protocol %s %s", name, dev->protocol, verdict);
		break;
	}
}

int blacklist_check(const struct config *conf,
		    const struct bl_device_info *dev)
{
	const char *which = NULL;
	int r;

	r = filter_devnode(conf, dev->devnode);
	log_filter(dev, r, NULL);
	if (r > 0)
		return r;
	r = filter_device(conf, dev->vendor, dev->product);
	log_filter(dev, r, NULL);
	if (r > 0)
		return r;
	if (dev->props) {
		r = filter_property_named(conf, dev->props, dev->nprops,
					  dev->uid_attribute, &which);
		log_filter(dev, r, which);
		if (r > 0)
			return r;
	}
	r = filter_protocol(conf, dev->protocol);
	log_filter(dev, r, NULL);
	if (r > 0)
		return r;
	r = filter_wwid(conf, dev->wwid);
	log_filter(dev, r, NULL);
	return r > 0 ? r : 0;
}
