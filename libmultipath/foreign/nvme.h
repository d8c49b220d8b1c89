/* Native NVMe multipath, listed beside the dm maps (the reference's
 * "foreign" nvme library): with nvme_core multipath=Y the kernel bundles
 * the controllers of a subsystem that reach one namespace into one
 * nvmeXnY; each controller's hidden nvmeXcYnZ is a path. Nothing here
 * changes anything: the kernel owns these maps. */
#ifndef MP_FOREIGN_NVME_H
#define MP_FOREIGN_NVME_H

#include <stdbool.h>

#include "util/vector.h"

struct nvme_map;

struct nvme_path {
	char dev[32];		/* nvme0c1n1 */
	char hcil[48];		/* subsystem:controller:namespace, "0:1:1" */
	char ana_state[32];	/* "" without ANA */
	char ctrl_state[32];	/* live, connecting, ... */
	char transport[32];	/* tcp, rdma, fc, pcie, loop */
	char address[256];	/* traddr=...,trsvcid=... */
	char serial[64];	/* as the controller gives it, padded */
	const struct nvme_map *map;
};

struct nvme_map {
	char name[320];		/* subsystem NQN:nsid.N */
	char wwid[256];
	char dev[32];		/* nvme0n1 */
	char size[32];		/* sectors, as sysfs gives them */
	char model[64];		/* trimmed */
	char rev[32];
	bool ro;
	struct vec paths;	/* struct nvme_path *, by controller */
};

/* The priority of an ANA state, as the foreign listing shows it
 * (optimized 50, non-optimized 10, anything else 0). */
int nvme_ana_prio(const char *ana_state);

/* Whether the listing of the foreign library "nvme" is enabled by the
 * enable_foreign regex (NULL or "NONE": no; "" matches everything). */
bool nvme_foreign_enabled(const char *enable_foreign);

/* Every native NVMe multipath namespace under root's class/nvme-subsystem,
 * as struct nvme_map * in maps (ordered by device name). 0 (also when
 * there is no NVMe subsystem) or -ENOMEM. */
int nvme_foreign_scan(const char *root, struct vec *maps);

/* Whether arg names the map: its device (nvme0n1 or /dev/nvme0n1), its
 * WWID or its name. */
bool nvme_map_matches(const struct nvme_map *m, const char *arg);

void nvme_map_free(void *m);

#endif
