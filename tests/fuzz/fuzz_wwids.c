/* libFuzzer target: the wwids file on arbitrary bytes. The first line is
 * a WWID, the rest the file. Besides not crashing: the file read through
 * the cache says the same as a plain read (NUL bytes included); adding the WWID (when valid) makes it listed
 * (and says whether it was), removing it unlists it; an invalid WWID is
 * never listed nor added. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "map/wwids.h"
#include "util/file.h"

#define FILE_PATH "/tmp/fuzz_wwids.wwids"

static int check_cached(const char *wwid)
{
	struct wwids_cache c = WWIDS_CACHE_INIT;
	int r = wwids_cache_check(&c, FILE_PATH, wwid);

	wwids_cache_free(&c);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t wl = nl ? (size_t)(nl - text) : size;
	size_t blen = nl ? size - wl - 1 : 0;
	const char *body = nl ? nl + 1 : "";
	char wwid[256];
	int before, r;

	if (wl >= sizeof(wwid) || memchr(text, '\0', wl))
		return 0;
	memcpy(wwid, text, wl);
	wwid[wl] = '\0';
	unlink(FILE_PATH);
	if (file_write_atomic(FILE_PATH, body, blen, 0644) < 0)
		abort();
	before = wwids_check(FILE_PATH, wwid);
	if (before < 0)
		return 0;	/* too large */
	if (check_cached(wwid) != before)
		abort();
	if (!wwid_valid(wwid)) {
		if (before != 0 || wwids_add(FILE_PATH, wwid) >= 0)
			abort();
		return 0;
	}
	r = wwids_add(FILE_PATH, wwid);
	if (r < 0 || (r == 1) == (before == 1) ||
	    wwids_check(FILE_PATH, wwid) != 1 || check_cached(wwid) != 1)
		abort();
	r = wwids_remove(FILE_PATH, wwid);
	if (r != 1 || wwids_check(FILE_PATH, wwid) != 0 ||
	    check_cached(wwid) != 0)
		abort();
	return 0;
}
