/* Property selection: the value of a setting for one device and map, and
 * where it came from: command line > multipaths entry > overrides protocol
 * entry > overrides > devices entries (latest first) > defaults > built-in,
 * the reference's order. */
#ifndef MP_CONFIG_PROPSEL_H
#define MP_CONFIG_PROPSEL_H

#include <stdbool.h>
#include <stddef.h>

#include "config/kvset.h"
#include "config/values.h"

struct config;
struct hwentry;
struct mpentry;

enum prop_origin {
	ORIGIN_NONE,
	ORIGIN_CMDLINE,
	ORIGIN_OVERRIDES_PROTOCOL,
	ORIGIN_OVERRIDES,
	ORIGIN_MULTIPATHS,
	ORIGIN_DEVICE,		/* a devices { } entry, user or built-in */
	ORIGIN_DEFAULTS,
	ORIGIN_BUILTIN,
	ORIGIN_AUTODETECT,	/* derived from the device (detect_prio ...) */
	ORIGIN_SYSFS,		/* read from the kernel */
};

/* "(setting: multipath.conf overrides section)" and friends. */
const char *origin_name(enum prop_origin o);

struct prop_scope {
	const struct config *conf;
	const struct kvset *cmdline;	/* forced by options, may be NULL */
	const struct mpentry *mpe;	/* may be NULL */
	const struct hwentry *const *hwes; /* highest precedence first */
	size_t n_hwes;
	bool has_protocol;
	enum protocol protocol;
};

/* The effective value of kw in this scope (NULL when nothing sets it). */
const union kwval *prop_select(const struct prop_scope *s, enum kw_id kw,
			       enum prop_origin *origin);
long long prop_int(const struct prop_scope *s, enum kw_id kw, long long def,
		   enum prop_origin *origin);
const char *prop_str(const struct prop_scope *s, enum kw_id kw,
		     enum prop_origin *origin);

/* Log "name: keyword = value (setting: ...)" at verbosity 3. */
void prop_log(const char *name, enum kw_id kw, const union kwval *v,
	      enum prop_origin origin);

#endif
