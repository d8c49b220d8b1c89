/* Path grouping policies: split a map's paths into priority groups and
 * order the groups like the reference (best priority first). */
#ifndef MP_MAP_PGPOLICY_H
#define MP_MAP_PGPOLICY_H

struct multipath;

/* Replace mpp->pgs with groups of mpp->paths built by policy (enum
 * pgpolicy), each group's priority computed, groups sorted. 0, -EINVAL
 * for an unknown policy, -ENOMEM. */
int group_paths(struct multipath *mpp, int policy);

/* Order groups: higher priority first, then more usable paths; stable. */
void sort_pathgroups(struct multipath *mpp);

#endif
