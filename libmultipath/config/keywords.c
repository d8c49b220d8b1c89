/* The multipath.conf keyword table. Each row is everything the project
 * knows about one keyword: its value type and range, where it may appear,
 * its built-in default, and where `multipath -t` prints it. */
#include <limits.h>
#include <string.h>

#include "config/keywords.h"
#include "config/kwtypes.h"
#include "config/values.h"
#include "util/cleanup.h"

/* ---- word lists ---------------------------------------------------------- */

static const struct kw_word w_bool[] = {
	{ "yes", 1, 0 }, { "no", 0, 0 },
	{ "1", 1, KWW_ALIAS }, { "0", 0, KWW_ALIAS },
	{ NULL, 0, 0 },
};

static const struct kw_word w_pgpolicy[] = {
	{ "failover", PGP_FAILOVER, 0 },
	{ "multibus", PGP_MULTIBUS, 0 },
	{ "group_by_serial", PGP_GROUP_BY_SERIAL, 0 },
	{ "group_by_prio", PGP_GROUP_BY_PRIO, 0 },
	{ "group_by_node_name", PGP_GROUP_BY_NODE_NAME, 0 },
	{ "group_by_tpg", PGP_GROUP_BY_TPG, 0 },
	{ NULL, 0, 0 },
};

static const struct kw_word w_rr_weight[] = {
	{ "uniform", RR_WEIGHT_UNIFORM, 0 },
	{ "priorities", RR_WEIGHT_PRIORITIES, 0 },
	{ NULL, 0, 0 },
};

static const struct kw_word w_no_path_retry[] = {
	{ "fail", NO_PATH_RETRY_FAIL, 0 },
	{ "queue", NO_PATH_RETRY_QUEUE, 0 },
	{ "0", NO_PATH_RETRY_FAIL, KWW_ALIAS },
	{ NULL, 0, 0 },
};

static const struct kw_word w_failback[] = {
	{ "manual", FAILBACK_MANUAL, 0 },
	{ "immediate", FAILBACK_IMMEDIATE, 0 },
	{ "followover", FAILBACK_FOLLOWOVER, 0 },
	{ NULL, 0, 0 },
};

static const struct kw_word w_no[] = {
	{ "no", VALUE_OFF, 0 },
	{ "0", VALUE_OFF, KWW_ALIAS },
	{ NULL, 0, 0 },
};

/* fast_io_fail_tmo, eh_deadline: only the exact text "0" means zero,
 * other values below 1 are capped to 1, like the reference */
static const struct kw_word w_off[] = {
	{ "off", VALUE_OFF, KWW_BARE },
	{ "0", 0, KWW_ALIAS },
	{ NULL, 0, 0 },
};

static const struct kw_word w_infinity[] = {
	{ "infinity", DEV_LOSS_TMO_INFINITY, 0 },
	{ "4294967295", DEV_LOSS_TMO_INFINITY, KWW_ALIAS },
	{ NULL, 0, 0 },
};

static const struct kw_word w_max[] = {
	{ "max", MAX_FDS_MAX, 0 },
	{ NULL, 0, 0 },
};

static const struct kw_word w_find_multipaths[] = {
	{ "off", FIND_MULTIPATHS_OFF, 0 },
	{ "on", FIND_MULTIPATHS_ON, 0 },
	{ "strict", FIND_MULTIPATHS_STRICT, 0 },
	{ "greedy", FIND_MULTIPATHS_GREEDY, 0 },
	{ "smart", FIND_MULTIPATHS_SMART, 0 },
	{ "no", FIND_MULTIPATHS_OFF, KWW_ALIAS },
	{ "0", FIND_MULTIPATHS_OFF, KWW_ALIAS },
	{ "yes", FIND_MULTIPATHS_ON, KWW_ALIAS },
	{ "1", FIND_MULTIPATHS_ON, KWW_ALIAS },
	{ NULL, 0, 0 },
};

static const struct kw_word w_log_checker_err[] = {
	{ "always", LOG_CHECKER_ERR_ALWAYS, 0 },
	{ "once", LOG_CHECKER_ERR_ONCE, 0 },
	{ NULL, 0, 0 },
};

static const struct kw_word w_marginal_pathgroups[] = {
	{ "off", MARGINAL_PATHGROUPS_OFF, 0 },
	{ "on", MARGINAL_PATHGROUPS_ON, 0 },
	{ "no", MARGINAL_PATHGROUPS_OFF, KWW_ALIAS },
	{ "0", MARGINAL_PATHGROUPS_OFF, KWW_ALIAS },
	{ "yes", MARGINAL_PATHGROUPS_ON, KWW_ALIAS },
	{ "1", MARGINAL_PATHGROUPS_ON, KWW_ALIAS },
	{ NULL, 0, 0 },
};

static const struct kw_word w_vpd_vendor[] = {
	{ "hp3par", VPD_VENDOR_HP3PAR, 0 },
	{ NULL, 0, 0 },
};

static const struct kw_word w_protocol[] = {
	{ "scsi:fcp", PROTOCOL_SCSI_FCP, 0 },
	{ "scsi:spi", PROTOCOL_SCSI_SPI, 0 },
	{ "scsi:ssa", PROTOCOL_SCSI_SSA, 0 },
	{ "scsi:sbp", PROTOCOL_SCSI_SBP, 0 },
	{ "scsi:srp", PROTOCOL_SCSI_SRP, 0 },
	{ "scsi:iscsi", PROTOCOL_SCSI_ISCSI, 0 },
	{ "scsi:sas", PROTOCOL_SCSI_SAS, 0 },
	{ "scsi:adt", PROTOCOL_SCSI_ADT, 0 },
	{ "scsi:ata", PROTOCOL_SCSI_ATA, 0 },
	{ "scsi:usb", PROTOCOL_SCSI_USB, 0 },
	{ "scsi:unspec", PROTOCOL_SCSI_UNSPEC, 0 },
	{ "ccw", PROTOCOL_CCW, 0 },
	{ "cciss", PROTOCOL_CCISS, 0 },
	{ "nvme:pcie", PROTOCOL_NVME_PCIE, 0 },
	{ "nvme:rdma", PROTOCOL_NVME_RDMA, 0 },
	{ "nvme:fc", PROTOCOL_NVME_FC, 0 },
	{ "nvme:tcp", PROTOCOL_NVME_TCP, 0 },
	{ "nvme:loop", PROTOCOL_NVME_LOOP, 0 },
	{ "nvme:apple-nvme", PROTOCOL_NVME_APPLE_NVME, 0 },
	{ "nvme:unspec", PROTOCOL_NVME_UNSPEC, 0 },
	{ "undef", PROTOCOL_UNDEF, 0 },
	{ NULL, 0, 0 },
};

/* ---- type parameters ----------------------------------------------------- */

#define WORDS(w) (&(const struct kw_int_arg){ 0, 0, KWI_WORDS_ONLY, w })
#define RANGE(lo, hi, fl, w) (&(const struct kw_int_arg){ lo, hi, fl, w })
#define STR(fl) (&(const struct kw_str_arg){ fl })

#define A_BOOL WORDS(w_bool)
#define A_COUNT RANGE(0, INT_MAX, KWI_ZERO_UNSET, NULL)
#define A_UINT RANGE(0, INT_MAX, 0, NULL)
#define A_NO RANGE(1, INT_MAX, 0, w_no)
#define A_OFF RANGE(1, INT_MAX, 0, w_off)

/* ---- the table ----------------------------------------------------------- */

#define D SEC_BIT(SEC_DEFAULTS)
#define V SEC_BIT(SEC_DEVICE)
#define M SEC_BIT(SEC_MULTIPATH)
#define O SEC_BIT(SEC_OVERRIDES)
#define P SEC_BIT(SEC_PROTOCOL)
#define B SEC_BIT(SEC_BLACKLIST)
#define BD SEC_BIT(SEC_BL_DEVICE)

/* Print positions: .pos_def in defaults, .pos_dev in devices/device and
 * in overrides, .pos_mp in multipaths/multipath, .pos_pc in protocol. */
#define POS(d, v, m, p) .pos_def = d, .pos_dev = v, .pos_mp = m, .pos_pc = p

const struct keyword keyword_table[KW__COUNT] = {
	[KW_VERBOSITY] = { "verbosity", &kwt_int, RANGE(0, 4, 0, NULL),
		D, 0, 0, "2", POS(1, 0, 0, 0) },
	[KW_POLLING_INTERVAL] = { "polling_interval", &kwt_int,
		RANGE(1, INT_MAX, KWI_REJECT, NULL),
		D, 0, 0, "5", POS(2, 0, 0, 0) },
	/* default: 4 * polling_interval, see config_get_int() */
	[KW_MAX_POLLING_INTERVAL] = { "max_polling_interval", &kwt_int,
		RANGE(0, INT_MAX, KWI_REJECT | KWI_ZERO_UNSET, NULL),
		D, 0, 0, NULL, POS(3, 0, 0, 0) },
	[KW_REASSIGN_MAPS] = { "reassign_maps", &kwt_int, A_BOOL,
		D, 0, 0, "no", POS(4, 0, 0, 0) },
	[KW_MULTIPATH_DIR] = { "multipath_dir", &kwt_ignored, NULL,
		D, KWF_IGNORED, 0, NULL, POS(0, 0, 0, 0) },
	[KW_PATH_SELECTOR] = { "path_selector", &kwt_string, STR(KWS_SELECTOR),
		D | V | M | O, 0, 0, "service-time 0", POS(5, 7, 4, 0) },
	[KW_PATH_GROUPING_POLICY] = { "path_grouping_policy", &kwt_int,
		WORDS(w_pgpolicy),
		D | V | M | O, 0, 0, "failover", POS(6, 5, 3, 0) },
	[KW_PG_TIMEOUT] = { "pg_timeout", &kwt_ignored, NULL,
		D | V | M, KWF_IGNORED, 0, NULL, POS(0, 0, 0, 0) },
	[KW_UID_ATTRS] = { "uid_attrs", &kwt_string, STR(KWS_UID_ATTRS),
		D, 0, 0, NULL, POS(7, 0, 0, 0) },
	[KW_UID_ATTRIBUTE] = { "uid_attribute", &kwt_string, NULL,
		D | V | O, 0, 0, "ID_SERIAL", POS(8, 6, 0, 0) },
	[KW_GETUID_CALLOUT] = { "getuid_callout", &kwt_ignored, NULL,
		D | V | O, KWF_IGNORED, 0, NULL, POS(0, 0, 0, 0) },
	[KW_PRIO] = { "prio", &kwt_string, NULL,
		D | V | M | O, 0, 0, "const", POS(9, 12, 5, 0) },
	[KW_PRIO_ARGS] = { "prio_args", &kwt_string, NULL,
		D | V | M | O, 0, 0, "", POS(10, 13, 6, 0) },
	[KW_FEATURES] = { "features", &kwt_string, STR(KWS_COUNTED),
		D | V | M | O, 0, 0, "0", POS(11, 10, 13, 0) },
	[KW_PATH_CHECKER] = { "path_checker", &kwt_string, NULL,
		D | V | O, 0, 0, "tur", POS(12, 8, 0, 0) },
	[KW_CHECKER] = { "checker", &kwt_string, NULL,
		D | V | O, KWF_ALIAS, KW_PATH_CHECKER, NULL, POS(0, 0, 0, 0) },
	[KW_ALIAS_PREFIX] = { "alias_prefix", &kwt_string, NULL,
		D | V | O, 0, 0, "mpath", POS(13, 9, 0, 0) },
	[KW_FAILBACK] = { "failback", &kwt_int,
		RANGE(0, INT_MAX, KWI_ZERO_UNSET, w_failback),
		D | V | M | O, 0, 0, "manual", POS(14, 14, 7, 0) },
	[KW_RR_MIN_IO] = { "rr_min_io", &kwt_int, A_COUNT,
		D | V | M | O, 0, 0, "1000", POS(15, 17, 10, 0) },
	[KW_RR_MIN_IO_RQ] = { "rr_min_io_rq", &kwt_int, A_COUNT,
		D | V | M | O, 0, 0, "1", POS(16, 18, 11, 0) },
	[KW_MAX_FDS] = { "max_fds", &kwt_int,
		RANGE(0, INT_MAX, 0, w_max),
		D, 0, 0, "max", POS(17, 0, 0, 0) },
	[KW_RR_WEIGHT] = { "rr_weight", &kwt_int, WORDS(w_rr_weight),
		D | V | M | O, 0, 0, "uniform", POS(18, 15, 8, 0) },
	[KW_NO_PATH_RETRY] = { "no_path_retry", &kwt_int,
		RANGE(1, INT_MAX, 0, w_no_path_retry),
		D | V | M | O, 0, 0, NULL, POS(19, 16, 9, 0) },
	[KW_QUEUE_WITHOUT_DAEMON] = { "queue_without_daemon", &kwt_int, A_BOOL,
		D, 0, 0, "no", POS(20, 0, 0, 0) },
	[KW_CHECKER_TIMEOUT] = { "checker_timeout", &kwt_int, A_COUNT,
		D, 0, 0, NULL, POS(21, 0, 0, 0) },
	[KW_ALLOW_USB_DEVICES] = { "allow_usb_devices", &kwt_int, A_BOOL,
		D, 0, 0, "no", POS(22, 0, 0, 0) },
	[KW_FLUSH_ON_LAST_DEL] = { "flush_on_last_del", &kwt_int, A_BOOL,
		D | V | M | O, 0, 0, "no", POS(23, 19, 12, 0) },
	[KW_USER_FRIENDLY_NAMES] = { "user_friendly_names", &kwt_int, A_BOOL,
		D | V | M | O, 0, 0, "no", POS(24, 23, 18, 0) },
	[KW_MODE] = { "mode", &kwt_int,
		RANGE(0, 0777, KWI_OCTAL | KWI_REJECT, NULL),
		D | M, 0, 0, NULL, POS(25, 0, 14, 0) },
	[KW_UID] = { "uid", &kwt_owner, NULL,
		D | M, 0, 0, NULL, POS(26, 0, 15, 0) },
	[KW_GID] = { "gid", &kwt_owner, "group",
		D | M, 0, 0, NULL, POS(27, 0, 16, 0) },
	[KW_FAST_IO_FAIL_TMO] = { "fast_io_fail_tmo", &kwt_int, A_OFF,
		D | V | O | P, 0, 0, "5", POS(28, 20, 0, 2) },
	[KW_DEV_LOSS_TMO] = { "dev_loss_tmo", &kwt_int,
		RANGE(0, 4294967294LL, KWI_ZERO_UNSET, w_infinity),
		D | V | O | P, 0, 0, NULL, POS(29, 21, 0, 3) },
	[KW_EH_DEADLINE] = { "eh_deadline", &kwt_int, A_OFF,
		D | V | O | P, 0, 0, NULL, POS(30, 22, 0, 4) },
	[KW_BINDINGS_FILE] = { "bindings_file", &kwt_string, STR(KWS_ABSPATH),
		D, KWF_DEPRECATED, 0, MP_SYSCONFDIR "/multipath/bindings",
		POS(31, 0, 0, 0) },
	[KW_WWIDS_FILE] = { "wwids_file", &kwt_string, STR(KWS_ABSPATH),
		D, KWF_DEPRECATED, 0, MP_SYSCONFDIR "/multipath/wwids",
		POS(32, 0, 0, 0) },
	[KW_PRKEYS_FILE] = { "prkeys_file", &kwt_string, STR(KWS_ABSPATH),
		D, KWF_DEPRECATED, 0, MP_SYSCONFDIR "/multipath/prkeys",
		POS(33, 0, 0, 0) },
	[KW_LOG_CHECKER_ERR] = { "log_checker_err", &kwt_int,
		WORDS(w_log_checker_err),
		D, 0, 0, "always", POS(34, 0, 0, 0) },
	[KW_RESERVATION_KEY] = { "reservation_key", &kwt_prkey, NULL,
		D | M, 0, 0, NULL, POS(35, 0, 17, 0) },
	[KW_ALL_TG_PT] = { "all_tg_pt", &kwt_int, A_BOOL,
		D | V | O, 0, 0, "no", POS(36, 40, 0, 0) },
	[KW_RETAIN_ATTACHED_HW_HANDLER] = { "retain_attached_hw_handler",
		&kwt_int, A_BOOL,
		D | V | O, 0, 0, "yes", POS(37, 24, 0, 0) },
	[KW_DETECT_PRIO] = { "detect_prio", &kwt_int, A_BOOL,
		D | V | O, 0, 0, "yes", POS(38, 25, 0, 0) },
	[KW_DETECT_CHECKER] = { "detect_checker", &kwt_int, A_BOOL,
		D | V | O, 0, 0, "yes", POS(39, 26, 0, 0) },
	[KW_FORCE_SYNC] = { "force_sync", &kwt_int, A_BOOL,
		D, 0, 0, "no", POS(40, 0, 0, 0) },
	[KW_STRICT_TIMING] = { "strict_timing", &kwt_int, A_BOOL,
		D, 0, 0, "no", POS(41, 0, 0, 0) },
	[KW_DEFERRED_REMOVE] = { "deferred_remove", &kwt_int, A_BOOL,
		D | V | M | O, 0, 0, "no", POS(42, 27, 19, 0) },
	[KW_PARTITION_DELIMITER] = { "partition_delimiter", &kwt_string, NULL,
		D, 0, 0, NULL, POS(43, 0, 0, 0) },
	[KW_CONFIG_DIR] = { "config_dir", &kwt_ignored, NULL,
		D, KWF_IGNORED, 0, NULL, POS(0, 0, 0, 0) },
	[KW_DELAY_WATCH_CHECKS] = { "delay_watch_checks", &kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(44, 28, 20, 0) },
	[KW_DELAY_WAIT_CHECKS] = { "delay_wait_checks", &kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(45, 29, 21, 0) },
	[KW_SAN_PATH_ERR_THRESHOLD] = { "san_path_err_threshold", &kwt_int,
		A_NO, D | V | M | O, 0, 0, "no", POS(46, 30, 22, 0) },
	[KW_SAN_PATH_ERR_FORGET_RATE] = { "san_path_err_forget_rate", &kwt_int,
		A_NO, D | V | M | O, 0, 0, "no", POS(47, 31, 23, 0) },
	[KW_SAN_PATH_ERR_RECOVERY_TIME] = { "san_path_err_recovery_time",
		&kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(48, 32, 24, 0) },
	[KW_MARGINAL_PATH_ERR_SAMPLE_TIME] = { "marginal_path_err_sample_time",
		&kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(49, 33, 25, 0) },
	[KW_MARGINAL_PATH_ERR_RATE_THRESHOLD] = {
		"marginal_path_err_rate_threshold", &kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(50, 34, 26, 0) },
	[KW_MARGINAL_PATH_ERR_RECHECK_GAP_TIME] = {
		"marginal_path_err_recheck_gap_time", &kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(51, 35, 27, 0) },
	[KW_MARGINAL_PATH_DOUBLE_FAILED_TIME] = {
		"marginal_path_double_failed_time", &kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(52, 36, 28, 0) },
	[KW_FIND_MULTIPATHS] = { "find_multipaths", &kwt_int,
		WORDS(w_find_multipaths),
		D, 0, 0, "strict", POS(53, 0, 0, 0) },
	[KW_UXSOCK_TIMEOUT] = { "uxsock_timeout", &kwt_int,
		RANGE(4000, INT_MAX, 0, NULL),
		D, 0, 0, "4000", POS(54, 0, 0, 0) },
	[KW_RETRIGGER_TRIES] = { "retrigger_tries", &kwt_int, A_UINT,
		D, 0, 0, "3", POS(55, 0, 0, 0) },
	[KW_RETRIGGER_DELAY] = { "retrigger_delay", &kwt_int, A_UINT,
		D, 0, 0, "10", POS(56, 0, 0, 0) },
	[KW_MISSING_UEV_WAIT_TIMEOUT] = { "missing_uev_wait_timeout", &kwt_int,
		A_UINT, D, 0, 0, "30", POS(57, 0, 0, 0) },
	[KW_SKIP_KPARTX] = { "skip_kpartx", &kwt_int, A_BOOL,
		D | V | M | O, 0, 0, "no", POS(58, 37, 29, 0) },
	[KW_DISABLE_CHANGED_WWIDS] = { "disable_changed_wwids", &kwt_ignored,
		NULL, D, KWF_IGNORED, 0, "ignored", POS(59, 0, 0, 0) },
	[KW_REMOVE_RETRIES] = { "remove_retries", &kwt_int, A_UINT,
		D, 0, 0, "0", POS(60, 0, 0, 0) },
	[KW_MAX_SECTORS_KB] = { "max_sectors_kb", &kwt_int, A_COUNT,
		D | V | M | O, 0, 0, NULL, POS(61, 38, 30, 0) },
	[KW_GHOST_DELAY] = { "ghost_delay", &kwt_int, A_NO,
		D | V | M | O, 0, 0, "no", POS(62, 39, 31, 0) },
	[KW_FIND_MULTIPATHS_TIMEOUT] = { "find_multipaths_timeout", &kwt_int,
		RANGE(INT_MIN, INT_MAX, KWI_ZERO_UNSET, NULL),
		D, 0, 0, "-10", POS(63, 0, 0, 0) },
	/* a regex, but only compiled when foreign libraries are loaded */
	[KW_ENABLE_FOREIGN] = { "enable_foreign", &kwt_string, NULL,
		D, 0, 0, "NONE", POS(64, 0, 0, 0) },
	[KW_MARGINAL_PATHGROUPS] = { "marginal_pathgroups", &kwt_int,
		WORDS(w_marginal_pathgroups),
		D, 0, 0, "off", POS(65, 0, 0, 0) },
	[KW_RECHECK_WWID] = { "recheck_wwid", &kwt_int, A_BOOL,
		D | V | O, 0, 0, "no", POS(66, 42, 0, 0) },

	[KW_VENDOR] = { "vendor", &kwt_string, STR(KWS_REGEX),
		V | BD, 0, 0, NULL, POS(0, 1, 0, 0) },
	[KW_PRODUCT] = { "product", &kwt_string, STR(KWS_REGEX),
		V | BD, 0, 0, NULL, POS(0, 2, 0, 0) },
	[KW_REVISION] = { "revision", &kwt_string, STR(KWS_REGEX),
		V, 0, 0, NULL, POS(0, 3, 0, 0) },
	[KW_PRODUCT_BLACKLIST] = { "product_blacklist", &kwt_string,
		STR(KWS_REGEX), V, 0, 0, NULL, POS(0, 4, 0, 0) },
	[KW_HARDWARE_HANDLER] = { "hardware_handler", &kwt_string,
		STR(KWS_COUNTED), V, 0, 0, NULL, POS(0, 11, 0, 0) },
	[KW_VPD_VENDOR] = { "vpd_vendor", &kwt_int, WORDS(w_vpd_vendor),
		V, 0, 0, NULL, POS(0, 41, 0, 0) },

	[KW_WWID] = { "wwid", &kwt_string, NULL,
		M, 0, 0, NULL, POS(0, 0, 1, 0) },
	[KW_ALIAS] = { "alias", &kwt_string, NULL,
		M, 0, 0, NULL, POS(0, 0, 2, 0) },

	[KW_PROTOCOL_TYPE] = { "type", &kwt_int, WORDS(w_protocol),
		P, 0, 0, NULL, POS(0, 0, 0, 1) },

	[KW_BL_DEVNODE] = { "devnode", &kwt_string, STR(KWS_REGEX),
		B, 0, 0, NULL, POS(0, 0, 0, 0) },
	[KW_BL_WWID] = { "wwid", &kwt_string, STR(KWS_REGEX),
		B, 0, 0, NULL, POS(0, 0, 0, 0) },
	[KW_BL_PROPERTY] = { "property", &kwt_string, STR(KWS_REGEX),
		B, 0, 0, NULL, POS(0, 0, 0, 0) },
	[KW_BL_PROTOCOL] = { "protocol", &kwt_string, STR(KWS_REGEX),
		B, 0, 0, NULL, POS(0, 0, 0, 0) },
};

const struct keyword *kw_lookup(const char *name, enum kw_section sec,
				enum kw_id *id)
{
	unsigned i;

	for (i = 0; i < KW__COUNT; i++) {
		const struct keyword *kw = &keyword_table[i];

		if (!(kw->sections & SEC_BIT(sec)) || strcmp(kw->name, name))
			continue;
		if (kw->flags & KWF_ALIAS)
			i = kw->alias_of;
		if (id)
			*id = (enum kw_id)i;
		return &keyword_table[i];
	}
	return NULL;
}

const struct keyword *kw_lookup_any(const char *name)
{
	unsigned i;

	for (i = 0; i < KW__COUNT; i++)
		if (strcmp(keyword_table[i].name, name) == 0)
			return &keyword_table[i];
	return NULL;
}

const char *section_name(enum kw_section sec)
{
	static const char *const names[SEC__COUNT] = {
		[SEC_DEFAULTS] = "defaults",
		[SEC_DEVICE] = "device",
		[SEC_MULTIPATH] = "multipath",
		[SEC_OVERRIDES] = "overrides",
		[SEC_PROTOCOL] = "protocol",
		[SEC_BLACKLIST] = "blacklist",
		[SEC_BL_DEVICE] = "device",
	};

	return sec < SEC__COUNT ? names[sec] : "?";
}

const char *protocol_name(enum protocol p)
{
	const char *w = kw_value_word(KW_PROTOCOL_TYPE, p);

	return w ? w : "undef";
}

const char *pgpolicy_name(enum pgpolicy p)
{
	const char *w = kw_value_word(KW_PATH_GROUPING_POLICY, p);

	return w ? w : "undef";
}
