/* mpathpersist's text for PR IN replies and its hex dumps, character for
 * character as multipath-tools 0.9.4 prints them. */
#ifndef MP_PERSIST_PR_PRINT_H
#define MP_PERSIST_PR_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/*
 * Append to out what the reference prints on stdout for the PR IN reply
 * buf (len bytes received) of service action sa, and to err what it
 * prints on stderr. Returns 0; -EINVAL for an unknown sa; -EBADMSG for a
 * malformed reply (pr_codec.h), with a line on err and nothing on out;
 * -ENOMEM. A REPORT CAPABILITIES reply that pr_caps_decode() refuses gets
 * the reference's "Unexpected response for PRIN Report Capabilities" on
 * err and returns 0, as the reference exits 0 then. A reply cut short by
 * the allocation length prints what was received, with a line on err.
 */
int pr_print_reply(struct strbuf *out, struct strbuf *err, int sa,
		   const uint8_t *buf, size_t len);

/*
 * The reference's hex dump (dumpHex): rows of 16 bytes, each row 8
 * blanks and then "xx " per byte with one more blank after the 8th, no
 * offsets and no ASCII column. A full row is its first 76 characters
 * (trailing blanks included); the last, partial row ends at its last
 * digit.
 *
 * as_log false is the form printed on stdout (transport IDs in READ FULL
 * STATUS): full rows have NO newline, as in the reference, only a partial
 * last row ends with one.
 *
 * as_log true is the form logged at level 0: every row ends with "\n";
 * each line is one log message (the logger adds its "sec.usec | "
 * prefix). This is all that -H (--hex) adds in 0.9.4: the library,
 * never main, dumps on stderr through the logger
 *  - for PR IN, once, the raw reply (the bytes received, before
 *    decoding) of the path that answered, before the decoded text;
 *  - for PR OUT, the parameter list sent (header and TransportIDs),
 *    before each command to each path, retries included.
 * No heading is printed (the reference's is logged at level 4, above
 * mpathpersist's highest verbosity). -v3 or more turns it on too.
 */
int pr_print_hex(struct strbuf *out, const uint8_t *buf, size_t len,
		 bool as_log);

#endif
