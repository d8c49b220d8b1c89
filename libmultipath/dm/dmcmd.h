/* libdevmapper wrapper: commands that change maps (create, reload,
 * remove, rename, messages), with udev synchronisation through cookies so
 * that many changes can be waited for together. */
#ifndef MP_DM_DMCMD_H
#define MP_DM_DMCMD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* udev flags of multipath maps, read by the udev rules (11-dm-mpath) */
#define MPATH_UDEV_RELOAD_FLAG 0x0100	/* DM_SUBSYSTEM_UDEV_FLAG0 */
#define MPATH_UDEV_NO_KPARTX_FLAG 0x0200	/* DM_SUBSYSTEM_UDEV_FLAG1 */
#define MPATH_UDEV_NO_PATHS_FLAG 0x0400	/* DM_SUBSYSTEM_UDEV_FLAG2 */

struct dm_target_spec {
	uint64_t start, length;	/* sectors */
	const char *type;	/* "multipath", "linear" ... */
	const char *params;
};

struct dm_create_opts {
	const char *uuid;
	bool read_only;
	bool set_mode;		/* mode / uid / gid of the device node */
	mode_t mode;
	uid_t uid;
	gid_t gid;
	uint16_t udev_flags;
};

/*
 * A cookie collects udev events of several commands; dm_cookie_wait()
 * waits for all of them at once. Pass NULL to wait per command.
 */
struct dm_cookie {
	uint32_t value;
	bool used;
};

/* Create name with the targets (and resume it). */
int dm_create(const char *name, const struct dm_target_spec *t, unsigned n,
	      const struct dm_create_opts *o, struct dm_cookie *cookie);
/* Load an inactive table and make it live: suspend without flushing I/O
 * (noflush, skip_lockfs, as queued I/O must survive), swap, resume. */
int dm_reload(const char *name, const struct dm_target_spec *t, unsigned n,
	      bool read_only, uint16_t udev_flags, struct dm_cookie *cookie);
/* Remove name: -EBUSY when it is open (deferred: removed on last close,
 * when the kernel supports it). */
int dm_remove(const char *name, bool deferred, struct dm_cookie *cookie);
int dm_rename(const char *name, const char *newname, struct dm_cookie *cookie);
int dm_suspend(const char *name, bool noflush);
int dm_resume(const char *name, uint16_t udev_flags, struct dm_cookie *cookie);
/* A target message (sector 0), e.g. "fail_path 8:16". */
int dm_message(const char *name, const char *msg);

/* Wait until udev processed the events of the cookie; 0 or -errno. */
int dm_cookie_wait(struct dm_cookie *cookie);

#endif
