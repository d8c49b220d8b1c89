/* A path: one block device (SCSI disk, NVMe namespace ...) leading to a
 * LUN, with what discovery, the checker and the prioritizer learned. */
#ifndef MP_MODEL_PATH_H
#define MP_MODEL_PATH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "config/values.h"

#define WWID_SIZE 128
#define DEV_NAME_SIZE 64
#define DEVT_SIZE 32
#define SCSI_VENDOR_SIZE 9
/* an NVMe model is 40 characters, its firmware revision 8 (SCSI: 16, 4) */
#define PATH_PRODUCT_SIZE 41
#define PATH_REV_SIZE 17
#define SERIAL_SIZE 128
#define NODE_NAME_SIZE 224
#define PATH_MAX_HWES 8

struct hwentry;
struct multipath;
struct pathgroup;
struct udev_device;

/* Checker verdicts, with the reference's names (see path_state_name()). */
enum path_state {
	PATH_WILD,		/* not yet known */
	PATH_UNCHECKED,
	PATH_DOWN,		/* "faulty" */
	PATH_UP,		/* "ready" */
	PATH_SHAKY,
	PATH_GHOST,		/* usable but passive (ALUA standby) */
	PATH_PENDING,		/* "i/o pending" */
	PATH_TIMEOUT,		/* "i/o timeout" */
	PATH_REMOVED,
	PATH_DELAYED,
	PATH__MAX
};

/* The kernel's view of the path inside its map (dm status A / F). */
enum dm_path_state {
	DMP_UNDEF,
	DMP_ACTIVE,
	DMP_FAILED,
};

enum path_bus {
	BUS_UNDEF,
	BUS_SCSI,
	BUS_NVME,
	BUS_CCW,
	BUS_CCISS,
};

/* Where a path's WWID came from. */
enum wwid_source {
	WWID_NONE,
	WWID_UDEV,		/* the uid_attribute udev property */
	WWID_SYSFS,		/* /sys/block/X/device/vpd_pg83 or wwid */
	WWID_SGIO,		/* SG_IO INQUIRY of VPD page 0x83 */
	WWID_CONFIG,		/* set from a map (-l: the map's WWID) */
};

struct hcil {
	int host, channel, target;
	uint64_t lun;
};

struct path {
	char dev[DEV_NAME_SIZE];	/* "sda" */
	char dev_t[DEVT_SIZE];		/* "8:0" */
	dev_t devt;
	struct hcil hcil;
	bool has_hcil;
	enum path_bus bus;
	enum protocol protocol;
	char vendor[SCSI_VENDOR_SIZE];
	char product[PATH_PRODUCT_SIZE];
	char rev[PATH_REV_SIZE];
	char serial[SERIAL_SIZE];
	char wwid[WWID_SIZE];
	enum wwid_source wwid_source;
	char tgt_node_name[NODE_NAME_SIZE];
	unsigned long long size;	/* 512-byte sectors */
	char sysfs_state[32];		/* "running", "offline" ...; "" unknown */
	int tpgs;			/* ALUA support from INQUIRY, -1 unknown */
	int tpg;			/* target port group id, -1 unknown */
	char dh_state[32];		/* attached SCSI device handler, "" none */

	/* checker and prioritizer results */
	enum path_state state;
	char checker_name[32];
	char checker_msg[128];
	int priority;			/* -1: not computed */
	char prio_name[32];
	/* the prioritizer detect_prio and the settings chose, kept so that
	 * a refresh (multipathd) does not detect again */
	char prio_args[128];
	bool prio_resolved;

	/* inside a map */
	enum dm_path_state dmstate;
	unsigned failcount;
	struct multipath *mpp;
	struct pathgroup *pg;

	/* matching devices { } entries, highest precedence first */
	const struct hwentry *hwe[PATH_MAX_HWES];
	unsigned n_hwe;

	struct udev_device *udev;	/* holds a reference, may be NULL */
	/* for show paths, kept by multipathd */
	unsigned int check_tick;	/* seconds to the next check */
	unsigned int check_interval;	/* seconds between checks */
	bool marginal;

	size_t reg_idx;			/* its slot in a registry */
	void *priv;			/* the owner's (multipathd's) state */
};

struct path *path_new(void);
void path_free(struct path *pp);

const char *path_state_name(enum path_state s);
const char *dm_path_state_name(enum dm_path_state s);

/* "H:C:T:L", or "#:#:#:#" when unknown. */
int format_hcil(const struct path *pp, char *buf, size_t len);

#endif
