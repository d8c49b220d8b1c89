/* Internal to discovery/vpd*.c: helpers the WWID derivations share. */
#ifndef MP_DISCOVERY_VPD_UTIL_H
#define MP_DISCOVERY_VPD_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const char vpd_hexdig[];		/* "0123456789abcdef" */

/* A big-endian 16-bit field. */
unsigned int vpd_be16(const uint8_t *p);
/* Copy at most min(len, cap) bytes of src to the start of view and zero
 * the rest: the tools we mimic read pages into zeroed fixed-size buffers,
 * so bytes a device did not send read as zero. */
void vpd_load_view(uint8_t *view, size_t viewsz, const uint8_t *src,
		   size_t len, size_t cap);
/* Printable ASCII. */
bool vpd_is_print(uint8_t c);
/* A byte udev keeps as it is in identifiers (others are encoded). */
bool vpd_udev_allowed(uint8_t c);

#endif
