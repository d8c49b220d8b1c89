/* The hardware table: built-in and user device entries, matched against a
 * path's vendor / product / revision. */
#ifndef MP_CONFIG_HWTABLE_H
#define MP_CONFIG_HWTABLE_H

#include <stddef.h>

#include "config/keywords.h"

struct config;
struct hwentry;

#define HWE_MAX_SETTINGS 16

struct hwe_setting {
	enum kw_id kw;
	const char *value;	/* config syntax, unquoted */
};

struct hwe_builtin {
	const char *vendor, *product, *revision;
	struct hwe_setting settings[HWE_MAX_SETTINGS];
};

extern const struct hwe_builtin builtin_hwtable[];
extern const size_t builtin_hwtable_len;

/* Append the built-in entries to conf->hwtable. */
int hwtable_add_builtin(struct config *conf);

struct hwentry *hwe_new(void);
void hwe_free(struct hwentry *hwe);

/* Merge entries with identical vendor, product and revision strings: the
 * later one keeps its settings, takes the earlier one's for the rest, and
 * the earlier one is dropped. */
int hwtable_factorize(struct config *conf);

/* Fill out[] with up to max entries matching the device, highest
 * precedence (latest in the table) first. Returns the number found. */
size_t hwtable_find(const struct config *conf, const char *vendor,
		    const char *product, const char *revision,
		    const struct hwentry **out, size_t max);

#endif
