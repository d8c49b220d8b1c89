/* Should this block device be a multipath path? The decision behind
 * multipath -c / -u, which udev asks for every new disk. */
#include <errno.h>
#include <stdio.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "ipc/uxsock.h"
#include "map/holders.h"
#include "map/valid.h"
#include "map/wwids.h"
#include "model/path.h"
#include "util/log.h"

enum path_validity path_validity(const struct discovery *d, const char *name,
				 struct path *pp, bool check_multipathd)
{
	int fm = (int)config_get_int(d->conf, KW_FIND_MULTIPATHS);
	const char *wwids_file = config_get_str(d->conf, KW_WWIDS_FILE);
	struct dm_map m;
	char uuid[WWID_SIZE + 8];
	int r;

	if (path_init(d, pp, name) < 0)
		return PATH_IS_ERROR;
	if (path_is_multipathed(d->sysfs_root, name, pp->wwid, sizeof(pp->wwid)))
		return pp->wwid[0] ? PATH_IS_VALID_NO_CHECK : PATH_IS_ERROR;
	if (check_multipathd && !multipathd_running() &&
	    !multipathd_enabled()) {
		condlog(3, "multipathd not running or enabled");
		return PATH_IS_NOT_VALID;
	}
	r = pathinfo(d, pp, DI_SYSFS | DI_WWID | DI_BLACKLIST);
	if (r == PATHINFO_SKIPPED)
		return PATH_IS_NOT_VALID;
	if (r < 0)
		return r == -ENODATA ? PATH_IS_NOT_VALID : PATH_IS_ERROR;
	if (!pp->wwid[0])
		return PATH_IS_NOT_VALID;
	if ((fm == FIND_MULTIPATHS_GREEDY || fm == FIND_MULTIPATHS_SMART) &&
	    device_in_use(d->sysfs_root, name))
		return PATH_IS_NOT_VALID;
	if (fm == FIND_MULTIPATHS_GREEDY)
		return PATH_IS_VALID;
	if (wwids_check(wwids_file, pp->wwid) == 1)
		return PATH_IS_VALID_NO_CHECK;
	snprintf(uuid, sizeof(uuid), "%s%s", MPATH_UUID_PREFIX, pp->wwid);
	if (dm_map_get_by_uuid(uuid, false, &m) == 0) {
		dm_map_clear(&m);
		return PATH_IS_VALID;
	}
	return fm == FIND_MULTIPATHS_SMART ? PATH_IS_MAYBE_VALID :
					     PATH_IS_NOT_VALID;
}
