/* Named values of multipath.conf settings, as stored in a kvset. */
#ifndef MP_CONFIG_VALUES_H
#define MP_CONFIG_VALUES_H

/* path_grouping_policy */
enum pgpolicy {
	PGP_FAILOVER = 1,
	PGP_MULTIBUS,
	PGP_GROUP_BY_SERIAL,
	PGP_GROUP_BY_PRIO,
	PGP_GROUP_BY_NODE_NAME,
	PGP_GROUP_BY_TPG,
};

enum rr_weight {
	RR_WEIGHT_UNIFORM = 1,
	RR_WEIGHT_PRIORITIES,
};

/* no_path_retry: a count of checker intervals, or one of these */
#define NO_PATH_RETRY_FAIL (-1)
#define NO_PATH_RETRY_QUEUE (-2)

/* failback: a delay in seconds, or one of these */
#define FAILBACK_MANUAL (-1)
#define FAILBACK_IMMEDIATE (-2)
#define FAILBACK_FOLLOWOVER (-3)

/* "no" / "off" for the integer settings that can be disabled:
 * fast_io_fail_tmo, eh_deadline, delay_*_checks, san_path_err_*,
 * marginal_path_*, ghost_delay */
#define VALUE_OFF (-1)

#define DEV_LOSS_TMO_INFINITY (-1)
#define MAX_FDS_MAX (-1)

enum find_multipaths {
	FIND_MULTIPATHS_OFF = 1,
	FIND_MULTIPATHS_ON,
	FIND_MULTIPATHS_STRICT,
	FIND_MULTIPATHS_GREEDY,
	FIND_MULTIPATHS_SMART,
};

enum log_checker_err {
	LOG_CHECKER_ERR_ALWAYS = 1,
	LOG_CHECKER_ERR_ONCE,
};

enum marginal_pathgroups {
	MARGINAL_PATHGROUPS_OFF = 0,
	MARGINAL_PATHGROUPS_ON,
	MARGINAL_PATHGROUPS_FPIN,
};

enum vpd_vendor {
	VPD_VENDOR_UNDEF = 0,
	VPD_VENDOR_HP3PAR,
};

/* overrides { protocol { type ... } }: the transport of a path */
enum protocol {
	PROTOCOL_SCSI_FCP,
	PROTOCOL_SCSI_SPI,
	PROTOCOL_SCSI_SSA,
	PROTOCOL_SCSI_SBP,
	PROTOCOL_SCSI_SRP,
	PROTOCOL_SCSI_ISCSI,
	PROTOCOL_SCSI_SAS,
	PROTOCOL_SCSI_ADT,
	PROTOCOL_SCSI_ATA,
	PROTOCOL_SCSI_USB,
	PROTOCOL_SCSI_UNSPEC,
	PROTOCOL_CCW,
	PROTOCOL_CCISS,
	PROTOCOL_NVME_PCIE,
	PROTOCOL_NVME_RDMA,
	PROTOCOL_NVME_FC,
	PROTOCOL_NVME_TCP,
	PROTOCOL_NVME_LOOP,
	PROTOCOL_NVME_APPLE_NVME,
	PROTOCOL_NVME_UNSPEC,
	PROTOCOL_UNDEF,
	PROTOCOL__COUNT
};

/* reservation_key flags */
#define PRKEY_SOURCE_FILE 0x1u	/* "file": the key lives in prkeys_file */
#define PRKEY_APTPL 0x2u	/* ":aptpl" suffix */

const char *protocol_name(enum protocol p);
const char *pgpolicy_name(enum pgpolicy p);

#endif
