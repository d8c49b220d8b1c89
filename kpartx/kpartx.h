/* kpartx: what the command line asks for, the device whose partitions
 * are mapped, and the actions on its partition maps. */
#ifndef KPARTX_KPARTX_H
#define KPARTX_KPARTX_H

#include <stdbool.h>
#include <sys/types.h>

#include "dm/dmcmd.h"
#include "label.h"

enum kpx_action { KPX_LIST, KPX_ADD, KPX_DELETE, KPX_UPDATE };

struct kpx_opts {
	enum kpx_action action;
	bool read_only;		/* -r */
	bool force;		/* -f */
	bool force_gpt;		/* -g */
	bool sync;		/* -s (default) / -n */
	bool verbose;		/* -v */
	const char *delim;	/* -p, NULL for the default */
	const char *type;	/* -t, NULL for any label type */
	const char *device;
};

/* The device whose partition table is read */
struct kpx_parent {
	const char *path;	/* as given, or the loop device of a file */
	char name[256];		/* dm map name, else the device's basename */
	char *uuid;		/* uuid partition maps derive theirs from;
				 * NULL: any (kpartx -d -f) */
	char delim[64];
	unsigned major, minor;
	mode_t mode;
	uid_t uid;
	gid_t gid;
	bool read_only;
};

/* The uuid of partition maps of a device that is not a dm map. */
char *kpx_nondm_uuid(unsigned major, unsigned minor);

/* "name" + delim + num, with '/' made '!' (dm names cannot hold '/');
 * -ENAMETOOLONG when it does not fit in len. */
int kpx_part_name(const struct kpx_parent *p, unsigned num, char *buf,
		  size_t len);

/* The default delimiter: "p" after a name ending in a digit, else "". */
const char *kpx_default_delim(const char *name);

/* -l: print the maps -a would create. */
void kpx_list(const struct kpx_parent *p, const struct pt_table *t);

/* -a / -u: create or reload a map for each slice; -u also removes maps
 * of partitions that are gone. Returns the number of failures. */
int kpx_add(const struct kpx_opts *o, const struct kpx_parent *p,
	    const struct pt_table *t, struct dm_cookie *cookie);

/* -d: remove every partition map of p. Returns the number of failures. */
int kpx_delete(const struct kpx_opts *o, const struct kpx_parent *p,
	       struct dm_cookie *cookie);

#endif
