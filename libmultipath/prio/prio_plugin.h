/* The ABI of external prioritizers for libmultipath: a shared object
 * exporting one descriptor. Installed as <multipath/prio_plugin.h>. */
#ifndef MULTIPATH_PRIO_PLUGIN_H
#define MULTIPATH_PRIO_PLUGIN_H

/*
 * A prioritizer named NAME that is not built into libmultipath is loaded
 * from the plugin directory (the build's plugindir, /usr/lib/multipath by
 * default) as the file "prio_NAME.so", when a configuration names it
 * (prio NAME). The file must export a symbol called "mp_prio_plugin"
 * (MP_PRIO_PLUGIN_SYMBOL) of type struct mp_prio_plugin, with
 * abi_version = MP_PRIO_ABI_VERSION, size = sizeof(struct mp_prio_plugin),
 * name = "NAME" and getprio set; otherwise the plugin is refused (with a
 * message naming the file) and its paths get the "const" prioritizer.
 *
 * How a plugin is called:
 * - getprio() runs on one of libmultipath's worker threads, never on the
 *   caller's thread, so it may block in I/O. The priorities of different
 *   paths are asked for at the same time on different threads: state a
 *   plugin shares between paths needs its own locking.
 * - It must return within about args->timeout_ms (pass it on to SG_IO and
 *   the like). After that the path's priority is taken as unknown and the
 *   late result is discarded. A path that its checker found down gets a
 *   short timeout_ms; paths that are offline or gone are never asked.
 * - It returns the priority, 0 or more (higher is better), or a negative
 *   errno when the priority cannot be determined.
 * - args and every string it points to are valid during the call only.
 * - The device is not opened for the plugin: open_dev() opens it (or open
 *   devnode itself); the plugin closes what it opened.
 * - log() is the way to report: the messages are shown with those of the
 *   path, in the order of the paths, at multipath's verbosity.
 * - Only the functions of this header may be relied upon; a plugin must
 *   not call into libmultipath. Plugins are never unloaded.
 *
 * Versioning: a change that breaks binary compatibility increments
 * MP_PRIO_ABI_VERSION; libmultipath loads only plugins of its own version.
 * Within a version, fields are only ever appended to both structures: the
 * size fields tell libmultipath which ones a plugin knows, and the plugin
 * which ones libmultipath fills in.
 */

#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MP_PRIO_ABI_VERSION 1
#define MP_PRIO_PLUGIN_SYMBOL "mp_prio_plugin"

#if defined(__GNUC__)
#define MP_PRIO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define MP_PRIO_PRINTF(f, a)
#endif

/* One request for a path's priority. */
struct mp_prio_args {
	uint32_t size;			/* sizeof(struct mp_prio_args) */
	const char *dev;		/* the path's block device, "sdc" */
	const char *devnode;		/* its node, "/dev/sdc" */
	dev_t devt;			/* its device number */
	const char *args;		/* prio_args of the configuration, or "" */
	unsigned int timeout_ms;	/* for each command sent to the device */
	const char *sysfs_root;		/* where sysfs is mounted, "/sys" */
	/* Open devnode with open(2) flags | O_CLOEXEC: a file descriptor,
	 * or a negative errno. */
	int (*open_dev)(const struct mp_prio_args *args, int flags);
	/* Log a message (printf format, one line; libmultipath puts "sdc: "
	 * in front) at level 0 (error), 1 (warning), 2 (notice), 3 (debug)
	 * or 4 (verbose debug); multipath -vN shows levels up to N. */
	void (*log)(const struct mp_prio_args *args, int level,
		    const char *fmt, ...) MP_PRIO_PRINTF(3, 4);
	void *internal;			/* libmultipath's: do not touch */
};

struct mp_prio_plugin {
	uint32_t abi_version;	/* MP_PRIO_ABI_VERSION */
	uint32_t size;		/* sizeof(struct mp_prio_plugin) */
	const char *name;	/* NAME of prio_NAME.so */
	/* required: the priority (>= 0) or a negative errno */
	int (*getprio)(const struct mp_prio_args *args);
};

#ifdef __cplusplus
}
#endif

#endif
