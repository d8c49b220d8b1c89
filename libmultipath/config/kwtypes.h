/* Value types of multipath.conf keywords: parse text, print it back. */
#ifndef MP_CONFIG_KWTYPES_H
#define MP_CONFIG_KWTYPES_H

#include <stdbool.h>

#include "config/keywords.h"
#include "util/strbuf.h"

union kwval {
	long long num;
	char *str;
	struct {
		unsigned long long key;
		unsigned flags;	/* PRKEY_* */
	} prkey;
};

/* Where a value came from, for messages: "FILE line N, ...". */
struct cfg_loc {
	const char *file;
	unsigned line;
	struct strbuf *diag;	/* also kept here when not NULL */
};

/* Log a configuration diagnostic prefixed with "FILE line N, " (and add
 * it as a line to loc->diag). */
void cfg_log(const struct cfg_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define CFG_LOG_LEVEL 1

/* Results of kw_type.parse besides 0 (store the value). */
enum {
	KWP_UNSET = 1,	/* valid, means "not set": fall back to lower levels */
	KWP_IGNORE = 2, /* accepted and ignored (already warned) */
};

struct kw_type {
	const char *name;
	/* 0, KWP_UNSET or KWP_IGNORE; -EINVAL when the caller should report
	 * "invalid value"; another -errno when the type already did.
	 * loc is NULL for built-in values (never warn about those). */
	int (*parse)(const struct keyword *kw, const char *text,
		     union kwval *out, const struct cfg_loc *loc);
	int (*print)(const struct keyword *kw, const union kwval *v,
		     struct strbuf *sb);
	bool owns_str;	/* v.str is a heap string owned by the value */
};

/* A word accepted (and printed) in place of a number. */
struct kw_word {
	const char *word;
	long long value;
	unsigned flags;
};
#define KWW_ALIAS 0x1u	/* accepted, never printed */
#define KWW_BARE 0x2u	/* printed without quotes */

struct kw_int_arg {
	long long min, max;
	unsigned flags;
	const struct kw_word *words;	/* NULL-terminated, may be NULL */
};
#define KWI_WORDS_ONLY 0x1u	/* no numbers: an enumeration */
#define KWI_ZERO_UNSET 0x2u	/* 0 means "use the default" */
#define KWI_REJECT 0x4u		/* out of range is invalid, not capped */
#define KWI_OCTAL 0x8u		/* parse and print in octal (mode) */

struct kw_str_arg {
	unsigned flags;
};
#define KWS_REGEX 0x1u		/* must compile as an extended regex */
#define KWS_ABSPATH 0x2u	/* must be an absolute path */
#define KWS_COUNTED 0x4u	/* "N word1 .. wordN" (features, handler) */
#define KWS_SELECTOR 0x8u	/* "name N arg1 .. argN" (path_selector) */
#define KWS_UID_ATTRS 0x10u	/* "prefix:ATTR prefix:ATTR ..." */

extern const struct kw_type kwt_int;
extern const struct kw_type kwt_string;
extern const struct kw_type kwt_prkey;
extern const struct kw_type kwt_owner;
extern const struct kw_type kwt_ignored;

/* Parse text for keyword id, logging problems at loc. */
int kw_parse_value(enum kw_id id, const char *text, union kwval *out,
		   const struct cfg_loc *loc);
int kw_print_value(enum kw_id id, const union kwval *v, struct strbuf *sb);
void kw_free_value(enum kw_id id, union kwval *v);
int kw_copy_value(enum kw_id id, const union kwval *src, union kwval *dst);

/* The word naming value v for a word-valued keyword, or NULL. */
const char *kw_value_word(enum kw_id id, long long v);

#endif
