/* The prkeys file (/etc/multipath/prkeys): the persistent reservation key
 * of each WWID whose reservation_key is "file", one "0x<16 hex> WWID"
 * line each ("0X" when the key was registered with APTPL). */
#ifndef MP_MAP_PRKEYS_H
#define MP_MAP_PRKEYS_H

#include <stddef.h>
#include <stdint.h>

/* PRKEY_APTPL of config/values.h */
#define PRKEYS_APTPL 0x2u

/*
 * The key of wwid in the text of a prkeys file (len bytes): 1 with *key
 * and *flags set, 0 when there is none. Comments, blank lines and lines
 * that are not "KEY WWID" are skipped; of several lines for a WWID the
 * last one counts.
 */
int prkeys_lookup(const char *text, size_t len, const char *wwid,
		  uint64_t *key, unsigned *flags);
/* The same, from the file; 0 as well when the file does not exist. */
int prkeys_get(const char *file, const char *wwid, uint64_t *key,
	       unsigned *flags);
/* Set wwid's key (key 0: remove it), under the file's lock, atomically. */
int prkeys_set(const char *file, const char *wwid, uint64_t key,
	       unsigned flags);

/* "0x12ab", "12ab", "0x12ab:aptpl" (what setprkey and reservation_key
 * take: 1 to 16 hex digits) into a key and flags; -EINVAL when it is not
 * one. */
int prkey_parse_arg(const char *s, uint64_t *key, unsigned *flags);

#endif
