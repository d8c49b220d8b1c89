/* The multipath.conf keyword table: one row per keyword drives parsing,
 * validation, printing (multipath -t) and property selection. */
#ifndef MP_CONFIG_KEYWORDS_H
#define MP_CONFIG_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>

struct kw_type;

enum kw_id {
	KW_VERBOSITY,
	KW_POLLING_INTERVAL,
	KW_MAX_POLLING_INTERVAL,
	KW_REASSIGN_MAPS,
	KW_MULTIPATH_DIR,
	KW_PATH_SELECTOR,
	KW_PATH_GROUPING_POLICY,
	KW_PG_TIMEOUT,
	KW_UID_ATTRS,
	KW_UID_ATTRIBUTE,
	KW_GETUID_CALLOUT,
	KW_PRIO,
	KW_PRIO_ARGS,
	KW_FEATURES,
	KW_PATH_CHECKER,
	KW_CHECKER,
	KW_ALIAS_PREFIX,
	KW_FAILBACK,
	KW_RR_MIN_IO,
	KW_RR_MIN_IO_RQ,
	KW_MAX_FDS,
	KW_RR_WEIGHT,
	KW_NO_PATH_RETRY,
	KW_QUEUE_WITHOUT_DAEMON,
	KW_CHECKER_TIMEOUT,
	KW_ALLOW_USB_DEVICES,
	KW_FLUSH_ON_LAST_DEL,
	KW_USER_FRIENDLY_NAMES,
	KW_MODE,
	KW_UID,
	KW_GID,
	KW_FAST_IO_FAIL_TMO,
	KW_DEV_LOSS_TMO,
	KW_EH_DEADLINE,
	KW_BINDINGS_FILE,
	KW_WWIDS_FILE,
	KW_PRKEYS_FILE,
	KW_LOG_CHECKER_ERR,
	KW_RESERVATION_KEY,
	KW_ALL_TG_PT,
	KW_RETAIN_ATTACHED_HW_HANDLER,
	KW_DETECT_PRIO,
	KW_DETECT_CHECKER,
	KW_FORCE_SYNC,
	KW_STRICT_TIMING,
	KW_DEFERRED_REMOVE,
	KW_PARTITION_DELIMITER,
	KW_CONFIG_DIR,
	KW_DELAY_WATCH_CHECKS,
	KW_DELAY_WAIT_CHECKS,
	KW_SAN_PATH_ERR_THRESHOLD,
	KW_SAN_PATH_ERR_FORGET_RATE,
	KW_SAN_PATH_ERR_RECOVERY_TIME,
	KW_MARGINAL_PATH_ERR_SAMPLE_TIME,
	KW_MARGINAL_PATH_ERR_RATE_THRESHOLD,
	KW_MARGINAL_PATH_ERR_RECHECK_GAP_TIME,
	KW_MARGINAL_PATH_DOUBLE_FAILED_TIME,
	KW_FIND_MULTIPATHS,
	KW_UXSOCK_TIMEOUT,
	KW_RETRIGGER_TRIES,
	KW_RETRIGGER_DELAY,
	KW_MISSING_UEV_WAIT_TIMEOUT,
	KW_SKIP_KPARTX,
	KW_DISABLE_CHANGED_WWIDS,
	KW_REMOVE_RETRIES,
	KW_MAX_SECTORS_KB,
	KW_GHOST_DELAY,
	KW_FIND_MULTIPATHS_TIMEOUT,
	KW_ENABLE_FOREIGN,
	KW_MARGINAL_PATHGROUPS,
	KW_RECHECK_WWID,
	/* devices { device { } } only */
	KW_VENDOR,
	KW_PRODUCT,
	KW_REVISION,
	KW_PRODUCT_BLACKLIST,
	KW_HARDWARE_HANDLER,
	KW_VPD_VENDOR,
	/* multipaths { multipath { } } only */
	KW_WWID,
	KW_ALIAS,
	/* overrides { protocol { } } only */
	KW_PROTOCOL_TYPE,
	/* blacklist / blacklist_exceptions list items */
	KW_BL_DEVNODE,
	KW_BL_WWID,
	KW_BL_PROPERTY,
	KW_BL_PROTOCOL,
	KW__COUNT
};

/* Where a keyword may appear. */
enum kw_section {
	SEC_DEFAULTS,
	SEC_DEVICE,		/* devices { device { } } */
	SEC_MULTIPATH,		/* multipaths { multipath { } } */
	SEC_OVERRIDES,
	SEC_PROTOCOL,		/* overrides { protocol { } } */
	SEC_BLACKLIST,		/* blacklist and blacklist_exceptions */
	SEC_BL_DEVICE,		/* their device { } */
	SEC__COUNT
};
#define SEC_BIT(s) (1u << (s))

enum kw_flags {
	/* Accepted, warned about, and otherwise ignored. */
	KWF_IGNORED = 1u << 0,
	/* Accepted and used, with a deprecation warning. */
	KWF_DEPRECATED = 1u << 1,
	/* Another spelling of the keyword named in .alias_of. */
	KWF_ALIAS = 1u << 2,
};

struct keyword {
	const char *name;
	const struct kw_type *type;
	const void *arg;	/* type parameters: range, word list ... */
	unsigned sections;	/* SEC_BIT() mask */
	unsigned flags;
	enum kw_id alias_of;	/* for KWF_ALIAS */
	/* Built-in default in config syntax; NULL: none (not printed). */
	const char *deflt;
	/* Print position inside each section kind (0: not printed there).
	 * Overrides uses the device order. */
	unsigned char pos_def, pos_dev, pos_mp, pos_pc;
};

extern const struct keyword keyword_table[KW__COUNT];

static inline const struct keyword *kw_get(enum kw_id id)
{
	return &keyword_table[id];
}

/* Look a keyword up by name among those allowed in section sec.
 * Aliases resolve to their target. NULL when unknown there. */
const struct keyword *kw_lookup(const char *name, enum kw_section sec,
				enum kw_id *id);
/* Like kw_lookup, but in any section: tells whether a name is a keyword
 * at all (for "invalid keyword in section" vs "unknown keyword"). */
const struct keyword *kw_lookup_any(const char *name);

static inline bool kw_allowed(enum kw_id id, enum kw_section sec)
{
	return keyword_table[id].sections & SEC_BIT(sec);
}

const char *section_name(enum kw_section sec);

#endif
