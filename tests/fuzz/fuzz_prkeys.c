/* libFuzzer target: the prkeys file parser and setprkey's argument on
 * arbitrary bytes. The first line is the WWID looked up, the rest the
 * file. Besides not crashing: a key found for the WWID is on a line that
 * ends with the WWID, and an argument that parses prints back to a key
 * that parses to the same value. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map/prkeys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	char wwid[256], arg[64], again[64];
	size_t wl = nl ? (size_t)(nl - text) : size;
	unsigned flags, f2;
	uint64_t key, k2;

	if (wl >= sizeof(wwid))
		return 0;
	memcpy(wwid, text, wl);
	wwid[wl] = '\0';
	if (nl && wl && !strpbrk(wwid, " \t\r") &&
	    prkeys_lookup(nl + 1, size - wl - 1, wwid, &key, &flags) == 1 &&
	    (flags & ~PRKEYS_APTPL))
		abort();
	if (wl < sizeof(arg)) {
		memcpy(arg, text, wl);
		arg[wl] = '\0';
		if (!memchr(arg, '\0', wl) &&
		    prkey_parse_arg(arg, &key, &flags) == 0) {
			snprintf(again, sizeof(again), "0x%" PRIx64 "%s", key,
				 flags & PRKEYS_APTPL ? ":aptpl" : "");
			if (prkey_parse_arg(again, &k2, &f2) != 0 || k2 != key ||
			    f2 != flags)
				abort();
		}
	}
	return 0;
}
