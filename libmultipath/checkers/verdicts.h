/* What the SCSI checkers' verdicts are made of: the outcome of one SG_IO
 * command with its sense data, and the vendor pages of rdac and
 * emc_clariion. Pure functions over buffers, for unit tests and fuzzing. */
#ifndef MP_CHECKERS_VERDICTS_H
#define MP_CHECKERS_VERDICTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discovery/sgio.h"
#include "model/path.h"

/* Messages: the text after "<name> checker", as the reference words it. */
#define MSG_UP " reports path is up"
#define MSG_DOWN " reports path is down"
#define MSG_GHOST " reports path is ghost"
#define MSG_UNSUPPORTED " doesn't support this device"
#define MSG_NO_FD " has no usable fd"
#define MSG_TIMEOUT " timed out"
#define MSG_INIT_FAILED " failed to initialize"
#define MSG_TRANSITIONING " reports path is transitioning"

/* Transport outcomes (host_status, the kernel's DID_*) checkers tell apart */
#define DID_OK 0x00
#define DID_NO_CONNECT 0x01
#define DID_BUS_BUSY 0x02
#define DID_TIME_OUT 0x03
#define DID_BAD_TARGET 0x04
#define DID_ABORT 0x05
#define DID_ERROR 0x07
#define DID_SOFT_ERROR 0x0b
#define DID_TRANSPORT_DISRUPTED 0x0e
#define DID_TRANSPORT_FAILFAST 0x0f

/* A verdict that asks for the command to be sent again. */
#define CHECK_RETRY (-1)

/*
 * TEST UNIT READY as the tur checker judges it, from sg_io()'s return r
 * and result: UP (also on RESERVATION CONFLICT), GHOST for NOT READY /
 * ALUA standby (04/0b), PENDING for ALUA transitioning (04/0a), TIMEOUT,
 * CHECK_RETRY for UNIT ATTENTION and transport errors other than "no
 * connect", "bad target", "abort" and "failfast", else DOWN.
 */
int tur_verdict(int r, const struct sg_result *res, const char **msg);

/* READ of sector 0 (readsector0, emc_clariion's read): UP, TIMEOUT,
 * CHECK_RETRY on UNIT ATTENTION, else DOWN. */
int read_verdict(int r, const struct sg_result *res, const char **msg);

/* A transport hiccup the vendor checkers retry: bus busy, error, soft
 * error, transport disrupted. */
bool sg_transport_retry(int r, const struct sg_result *res);

/* rdac: INQUIRY VPD page 0xC9 (volume access control) */
#define RDAC_C9_LEN 48
enum path_state rdac_c9_verdict(const uint8_t *c9, size_t len,
				const char **msg);

/* emc_clariion: INQUIRY VPD page 0xC0 (unit path report) */
#define EMC_C0_LEN 128
struct emc_path_ctx {
	uint8_t wwn[16];	/* the LUN's WWN, as first seen */
	bool wwn_set;
};
/* DOWN or SHAKY with a message when the page shows a problem; else UP
 * with *active telling whether this is the LUN's active path (the caller
 * then reads from it). Remembers the WWN in ct at the first call. */
enum path_state emc_c0_verdict(const uint8_t *c0, size_t len,
			       struct emc_path_ctx *ct, bool *active,
			       const char **msg);

/* directio: the read of len bytes at offset 0 returned res. */
enum path_state directio_verdict(long res, size_t len, const char **msg);

#endif
