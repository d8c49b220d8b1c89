/* SCSI Persistent Reservations (SPC-4 PERSISTENT RESERVE IN/OUT): CDBs,
 * PR OUT parameter lists, TransportIDs, decoded PR IN replies and the
 * status codes mpathpersist reports. Pure functions over buffers. */
#ifndef MP_PERSIST_PR_CODEC_H
#define MP_PERSIST_PR_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "discovery/sgio.h"

#define PR_IN_OPCODE 0x5e
#define PR_OUT_OPCODE 0x5f

enum pr_in_sa {
	PR_IN_READ_KEYS = 0,
	PR_IN_READ_RESERVATION = 1,
	PR_IN_REPORT_CAPABILITIES = 2,
	PR_IN_READ_FULL_STATUS = 3,
};

enum pr_out_sa {
	PR_OUT_REGISTER = 0,
	PR_OUT_RESERVE = 1,
	PR_OUT_RELEASE = 2,
	PR_OUT_CLEAR = 3,
	PR_OUT_PREEMPT = 4,
	PR_OUT_PREEMPT_AND_ABORT = 5,
	PR_OUT_REGISTER_IGNORE = 6,
	PR_OUT_REGISTER_AND_MOVE = 7,
};

/* Reservation types (scope is always 0, LU_SCOPE) */
enum pr_type {
	PR_TYPE_WRITE_EXCLUSIVE = 1,
	PR_TYPE_EXCLUSIVE_ACCESS = 3,
	PR_TYPE_WRITE_EXCLUSIVE_RO = 5,
	PR_TYPE_EXCLUSIVE_ACCESS_RO = 6,
	PR_TYPE_WRITE_EXCLUSIVE_AR = 7,
	PR_TYPE_EXCLUSIVE_ACCESS_AR = 8,
};

/* mpathpersist's results and exit codes, the numbers of the reference's
 * MPATH_PR_* (libmpathpersist/mpath_persist.h). */
enum pr_status {
	PR_STATUS_SUCCESS = 0,
	PR_STATUS_SYNTAX_ERROR = 1,
	PR_STATUS_SENSE_NOT_READY = 2,
	PR_STATUS_SENSE_MEDIUM_ERROR = 3,
	PR_STATUS_SENSE_HARDWARE_ERROR = 4,
	PR_STATUS_ILLEGAL_REQ = 5,
	PR_STATUS_SENSE_UNIT_ATTENTION = 6,
	PR_STATUS_SENSE_INVALID_OP = 7,
	PR_STATUS_SENSE_ABORTED_COMMAND = 8,
	PR_STATUS_NO_SENSE = 9,
	PR_STATUS_SENSE_MALFORMED = 10,
	PR_STATUS_RESERV_CONFLICT = 11,
	PR_STATUS_FILE_ERROR = 12,
	PR_STATUS_DMMP_ERROR = 13,
	PR_STATUS_THREAD_ERROR = 14,
	PR_STATUS_OTHER = 15,
};

/* 10-byte PERSISTENT RESERVE IN / OUT CDBs. The PR OUT parameter list
 * length is SPC-4's 4-byte field (bytes 5-8). */
void prin_cdb(uint8_t cdb[10], int sa, uint16_t alloc_len);
void prout_cdb(uint8_t cdb[10], int sa, unsigned scope, unsigned type,
	       uint32_t param_len);

/*
 * The status of a PR command from its SCSI status byte and sense data, as
 * the reference maps it: GOOD -> SUCCESS; RESERVATION CONFLICT ->
 * RESERV_CONFLICT; CHECK CONDITION by sense key (RECOVERED ERROR is
 * SUCCESS, no sense data reads as NO SENSE); anything else OTHER. The
 * reference looks at neither ASC nor ASCQ: INVALID COMMAND OPERATION CODE
 * (ILLEGAL REQUEST, 0x20/0x00) is ILLEGAL_REQ like any ILLEGAL REQUEST,
 * and PR_STATUS_SENSE_INVALID_OP is never returned.
 */
int pr_status_from_scsi(uint8_t status, bool have_sense, uint8_t key,
			uint8_t asc, uint8_t ascq);
/* The same from what sg_io() reports, with the reference's test of the
 * transport: GOOD status but a host or driver error is OTHER. */
int pr_status_from_sg(const struct sg_result *res);
/* Whether the reference sends the command again after this result: on
 * UNIT ATTENTION, and on NOT READY 04/07 (operation in progress) after
 * 1 ms, up to 5 more times. */
bool pr_status_retry(int status, uint8_t asc, uint8_t ascq);

/* ---- TransportIDs ------------------------------------------------------ */

#define PR_PROTO_FC 0x0
#define PR_PROTO_ISCSI 0x5
#define PR_PROTO_SAS 0x6
#define PR_MAX_TIDS 32		/* the reference's MPATH_MX_TIDS */

/* One encoded TransportID (24 bytes for FC and SAS, 24 to 244 for iSCSI). */
struct pr_tid {
	uint8_t b[256];
	size_t len;
};

/*
 * Parse one argument of mpathpersist's -X/--transport-id (the reference
 * takes one TransportID per -X; several -X make the list):
 *   fcp,<16 hex digits>   FC N_Port name (also "FCP,")
 *   sas,<16 hex digits>   SAS address (also "SAS,")
 *   iqn.<name>            iSCSI name (format 00b)
 *   iqn.<name>,i,0x<ISID> iSCSI initiator port (format 01b), 1-12 hex
 * For iqn. forms, anything from the first blank on is ignored, like the
 * reference. Returns 0, or -EINVAL for anything else (an iSCSI
 * TransportID over 244 bytes included).
 */
int pr_tid_parse(const char *arg, struct pr_tid *tid);

/* ---- PR OUT parameter lists ------------------------------------------- */

struct prout_params {
	uint64_t key;		/* RESERVATION KEY */
	uint64_t sa_key;	/* SERVICE ACTION RESERVATION KEY */
	bool spec_i_pt;
	bool all_tg_pt;
	bool aptpl;
	const struct pr_tid *tids;	/* with spec_i_pt only */
	size_t n_tids;
};

/* The basic PR OUT parameter list (24 bytes; with SPEC_I_PT then the
 * 4-byte TRANSPORTID PARAMETER DATA LENGTH and the TransportIDs) into buf.
 * Returns its length, -EINVAL (TransportIDs without spec_i_pt, more than
 * PR_MAX_TIDS, a TransportID of a bad length), or -ENOSPC. */
ssize_t prout_params_encode(const struct prout_params *p, uint8_t *buf,
			    size_t len);

struct prout_move_params {
	uint64_t key;
	uint64_t sa_key;
	bool unreg;
	bool aptpl;
	uint16_t rtpi;		/* RELATIVE TARGET PORT IDENTIFIER */
	const struct pr_tid *tid;
};

/* The REGISTER AND MOVE parameter list (24 bytes and one TransportID).
 * Returns its length, -EINVAL (no or bad TransportID), or -ENOSPC. */
ssize_t prout_move_params_encode(const struct prout_move_params *p,
				 uint8_t *buf, size_t len);

/* ---- PR IN replies ----------------------------------------------------- */

/*
 * The decoders read a reply of len bytes as received. What a reply
 * claims (its ADDITIONAL LENGTH) beyond what was received, because the
 * allocation length was too small, is cut off at the last whole key or
 * descriptor and flagged "truncated"; a reply that contradicts itself
 * (a descriptor running past the additional length, a header not
 * received) is -EBADMSG. Decoded pointers point into buf.
 */

struct pr_keys {
	uint32_t generation;
	uint32_t additional_length;	/* as claimed */
	const uint8_t *keys;		/* count keys of 8 bytes */
	size_t count;
	bool truncated;
};

int pr_keys_decode(const uint8_t *buf, size_t len, struct pr_keys *k);
uint64_t pr_keys_get(const struct pr_keys *k, size_t i);

struct pr_reservation {
	uint32_t generation;
	uint32_t additional_length;
	bool held;		/* additional length >= 8, like the reference */
	uint64_t key;
	uint8_t scope;
	uint8_t type;
};

/* -EBADMSG: no 8-byte header, or a reservation without its scope/type
 * byte (offset 21) in both the reply and its additional length. */
int pr_reservation_decode(const uint8_t *buf, size_t len,
			  struct pr_reservation *r);

struct pr_caps {
	uint16_t length;	/* the LENGTH field */
	uint8_t flags[2];	/* bytes 2 and 3 as received */
	uint8_t mask[2];	/* bytes 4 and 5, 0 where not received */
	bool crh, sip_c, atp_c, ptpl_c;
	bool tmv, ptpl_a;
	uint8_t allow_commands;	/* 0-7 */
	uint16_t types;		/* bit n: PR type n supported (SPC-4) */
};

/* -EBADMSG: LENGTH <= 2 (the reference's "Unexpected response" test) or
 * the flag bytes not in both the reply and LENGTH. The type mask bytes
 * not covered read as 0, as in the reference's zeroed buffer. */
int pr_caps_decode(const uint8_t *buf, size_t len, struct pr_caps *c);

struct pr_fullstatus {
	uint32_t generation;
	uint32_t additional_length;
	const uint8_t *descs;	/* the descriptors, descs_len bytes */
	size_t descs_len;
	size_t count;		/* whole descriptors received */
	bool truncated;
};

struct pr_fs_desc {
	uint64_t key;
	bool all_tg_pt;
	bool r_holder;
	uint8_t scope;
	uint8_t type;
	uint16_t rtpi;
	const uint8_t *tid;	/* the TransportID bytes */
	uint32_t tid_len;
};

/* -EBADMSG: no 8-byte header, or a descriptor (24 bytes and its
 * TransportID) running past the additional length. */
int pr_fullstatus_decode(const uint8_t *buf, size_t len,
			 struct pr_fullstatus *fs);
/* The descriptor at *pos (start with 0) of a decoded reply; advances
 * *pos. Returns 1, or 0 after the last one. */
int pr_fullstatus_next(const struct pr_fullstatus *fs, size_t *pos,
		       struct pr_fs_desc *d);

#endif
