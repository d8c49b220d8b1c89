/* Test helper for the guest: load a multipath table into a live map with
 * the library's dm_reload(), to see what a refused table does to the map.
 *
 *   mp_reload MAP SECTORS PARAMS
 *
 * Exit status 0 when the table went live, 1 when it was refused, 2 on bad
 * arguments. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/devmapper.h"
#include "dm/dmcmd.h"
#include "util/log.h"

int main(int argc, char **argv)
{
	struct dm_target_spec spec = { 0, 0, DM_TARGET_MULTIPATH, NULL };
	char *end;
	int r;

	if (argc != 4) {
		fprintf(stderr, "usage: %s MAP SECTORS PARAMS\n", argv[0]);
		return 2;
	}
	errno = 0;
	spec.length = strtoull(argv[2], &end, 10);
	if (errno || *end || !spec.length) {
		fprintf(stderr, "%s: bad length \"%s\"\n", argv[0], argv[2]);
		return 2;
	}
	spec.params = argv[3];
	log_set_verbosity(2);
	r = dm_reload(argv[1], &spec, 1, false, 0, NULL);
	printf("dm_reload: %s\n", r ? strerror(-r) : "ok");
	return r ? 1 : 0;
}
