/* The ABI of external path checkers for libmultipath: a shared object
 * exporting one descriptor. Installed as <multipath/checker_plugin.h>. */
#ifndef MULTIPATH_CHECKER_PLUGIN_H
#define MULTIPATH_CHECKER_PLUGIN_H

/*
 * A path checker named NAME that is not built into libmultipath is loaded
 * from the plugin directory (the build's plugindir, /usr/lib/multipath by
 * default) as the file "checker_NAME.so", when a configuration names it
 * (path_checker NAME). The file must export a symbol called
 * "mp_checker_plugin" (MP_CHECKER_PLUGIN_SYMBOL) of type
 * struct mp_checker_plugin, with abi_version = MP_CHECKER_ABI_VERSION,
 * size = sizeof(struct mp_checker_plugin) and name = "NAME"; otherwise the
 * checker is unknown and its paths are left unchecked ("undef").
 *
 * How a plugin is called:
 * - check() runs on one of libmultipath's worker threads, never on the
 *   caller's event loop, so it may block in I/O; it must return within
 *   about timeout_ms (pass it on to SG_IO and the like). After timeout_ms
 *   the path is reported "timeout" and the check's late result is
 *   discarded; the path is not checked again until check() has returned.
 * - Checks of different paths run at the same time on different threads;
 *   checks of one path never overlap. A plugin therefore needs no locks
 *   for its per-path context, only for state it shares between paths.
 * - init(), if given, runs before the first check of a path, on the same
 *   kind of thread; it may store a per-path context in *ctx. free(ctx)
 *   releases it, on any thread, once no check of the path runs anymore.
 * - The file descriptor is the path's block device (e.g. /dev/sdc) opened
 *   with open_flags | O_CLOEXEC; it belongs to libmultipath: do not close
 *   it. open_flags < 0 is not allowed (every plugin gets a device).
 * - msg: set *msg to a static string completing "NAME checker" (the
 *   reference wording: " reports path is up"), or leave it NULL. It must
 *   remain valid while the plugin is loaded; plugins are never unloaded.
 * - Only the functions of this header may be relied upon; a plugin must
 *   not call into libmultipath.
 *
 * Versioning: a change that breaks binary compatibility increments
 * MP_CHECKER_ABI_VERSION; libmultipath loads only plugins of its own
 * version. Fields are only ever appended within a version, and size tells
 * libmultipath which ones a plugin knows.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MP_CHECKER_ABI_VERSION 1
#define MP_CHECKER_PLUGIN_SYMBOL "mp_checker_plugin"

/* Path states, with the values and names multipath-tools has always used. */
enum mp_path_state {
	MP_PATH_WILD = 0,	/* cannot tell (e.g. unsupported device) */
	MP_PATH_UNCHECKED = 1,
	MP_PATH_DOWN = 2,	/* shown "faulty" */
	MP_PATH_UP = 3,		/* "ready" */
	MP_PATH_SHAKY = 4,
	MP_PATH_GHOST = 5,	/* usable but passive (standby) */
	MP_PATH_PENDING = 6,	/* ask again soon */
	MP_PATH_TIMEOUT = 7,
};

/* One check. */
struct mp_check_args {
	int fd;			/* the path's block device */
	const char *dev;	/* its name, "sdc" */
	unsigned int timeout_ms;
	void *ctx;		/* what init() stored, or NULL */
};

struct mp_checker_plugin {
	uint32_t abi_version;	/* MP_CHECKER_ABI_VERSION */
	uint32_t size;		/* sizeof(struct mp_checker_plugin) */
	const char *name;	/* NAME of checker_NAME.so */
	int open_flags;		/* open(2) flags for the device, e.g. O_RDONLY */
	/* optional: 0, or a negative errno (the path is left unchecked) */
	int (*init)(int fd, const char *dev, unsigned int timeout_ms,
		    void **ctx);
	/* optional */
	void (*free)(void *ctx);
	/* required: an enum mp_path_state */
	int (*check)(const struct mp_check_args *args, const char **msg);
};

#ifdef __cplusplus
}
#endif

#endif
