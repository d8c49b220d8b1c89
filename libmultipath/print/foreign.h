/* The %-wildcards of native NVMe maps, groups and paths: the letters and
 * titles of ours, with the values the reference's foreign nvme library
 * gives ("n/a" for what the kernel's multipath does not have). */
#ifndef MP_PRINT_FOREIGN_H
#define MP_PRINT_FOREIGN_H

#include "print/wildcards.h"

/* obj: a struct nvme_map for PRINT_MAP, a struct nvme_path for PRINT_PG
 * (each path is a group of its own) and PRINT_PATH. */
int nvme_wildcard(struct strbuf *sb, enum print_kind kind, char letter,
		  const void *obj);

#endif
