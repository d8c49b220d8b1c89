/* The parsed configuration: an immutable snapshot once loaded. */
#ifndef MP_CONFIG_CONFIG_H
#define MP_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "config/blacklist.h"
#include "config/kvset.h"
#include "config/values.h"
#include "util/strbuf.h"
#include "util/vector.h"

#define DEFAULT_CONFIG_FILE MP_SYSCONFDIR "/multipath.conf"
#define DEFAULT_CONFIG_DIR MP_SYSCONFDIR "/multipath/conf.d"

/* One devices { device { } } entry, built-in or from the user. */
struct hwentry {
	struct kvset kv;	/* vendor, product, revision, settings */
	bool builtin;
	/* vendor, product, revision regexes, compiled on first use (most
	 * lookups stop at the vendor): see hwtable.c */
	struct mp_regex *re[3];
	int re_ready[3];
};

/* One multipaths { multipath { } } entry. */
struct mpentry {
	struct kvset kv;	/* wwid, alias, settings */
};

/* One overrides { protocol { } } entry. */
struct pcentry {
	enum protocol type;
	struct kvset kv;
};

struct config {
	struct kvset builtin;	/* the built-in defaults of the keyword table */
	struct kvset defaults;	/* defaults { } */
	struct kvset overrides;	/* overrides { } */
	struct vec protocols;	/* struct pcentry *, overrides { protocol { } } */
	struct vec hwtable;	/* struct hwentry *, lowest precedence first */
	struct vec mptable;	/* struct mpentry * */
	struct blacklist blist;	/* blacklist { } */
	struct blacklist elist;	/* blacklist_exceptions { } */
	unsigned warnings;	/* diagnostics issued while parsing */
	struct strbuf diag;	/* their text, "FILE line N, ..." lines */
};

/* A configuration with only built-in settings (defaults, hardware table,
 * blacklist). NULL when out of memory. */
struct config *config_new(void);

/*
 * Load file, then every *.conf in dir in alphabetical order, on top of the
 * built-in settings. A missing file or dir is fine (built-ins only); one
 * that exists but cannot be read is an error naming it. Bad lines are
 * warned about and skipped. Returns 0 or -errno; *out on success.
 */
int config_load(const char *file, const char *dir, struct config **out);

/* Parse one buffer of multipath.conf text into conf (name is used in
 * messages). Only fails on -ENOMEM. config_finalize() afterwards. */
int config_parse_buffer(struct config *conf, const char *buf, size_t len,
			const char *name);

/* Merge duplicate entries and add the built-in blacklist: call once after
 * the last config_parse_buffer(). */
int config_finalize(struct config *conf);

void config_free(struct config *conf);

/* A defaults-section setting: defaults { } if set there, else built-in.
 * max_polling_interval defaults to 4 * polling_interval. */
long long config_get_int(const struct config *conf, enum kw_id kw);
const char *config_get_str(const struct config *conf, enum kw_id kw);
const union kwval *config_get(const struct config *conf, enum kw_id kw);

/* Entry lookups. */
const struct mpentry *config_find_mpe(const struct config *conf,
				      const char *wwid);
const struct mpentry *config_find_mpe_by_alias(const struct config *conf,
					       const char *alias);
const struct pcentry *config_find_pce(const struct config *conf,
				      enum protocol type);

#endif
