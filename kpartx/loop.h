/* Loop devices for disk image files: find the one a file is attached to,
 * attach a file, detach. */
#ifndef KPARTX_LOOP_H
#define KPARTX_LOOP_H

#include <stdbool.h>
#include <stddef.h>

/* The loop device (/dev/loopN) backed by file (a canonical path): 1 and
 * dev filled when there is one, 0 when none. */
int loop_find(const char *file, char *dev, size_t len);

/* Attach file to a free loop device, read-only when *ro or when the file
 * cannot be written (then *ro is set). It stays attached until
 * loop_detach(), as with the reference: kpartx -d detaches it. 0 or
 * -errno. */
int loop_attach(const char *file, bool *ro, char *dev, size_t len);

/* Detach dev (retrying a moment while it is busy); a device that is no
 * longer bound is fine. 0 or -errno. */
int loop_detach(const char *dev);

#endif
