/* Should this block device be a multipath path? */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "dm/devmapper.h"
#include "ipc/uxsock.h"
#include "map/from_dm.h"
#include "map/valid.h"
#include "map/wwids.h"
#include "model/path.h"
#include "util/file.h"
#include "util/log.h"

static const char *root_of(const struct discovery *d)
{
	return d->sysfs_root ? d->sysfs_root : SYSFS_ROOT_DEFAULT;
}

bool path_is_multipathed(const struct discovery *d, const char *dev,
			 char *wwid, size_t len)
{
	_cleanup_closedir_ DIR *dir = NULL;
	char path[512], uuid[256];
	struct dirent *e;

	snprintf(path, sizeof(path), "%s/class/block/%s/holders", root_of(d),
		 dev);
	dir = opendir(path);
	if (!dir)
		return false;
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, "dm-", 3))
			continue;
		if (sysfs_read(d->sysfs_root, uuid, sizeof(uuid),
			       "class/block/%s/dm/uuid", e->d_name) < 0 ||
		    strncmp(uuid, MPATH_UUID_PREFIX,
			    strlen(MPATH_UUID_PREFIX)))
			continue;
		if (wwid)
			snprintf(wwid, len, "%s", dm_uuid_to_wwid(uuid));
		return true;
	}
	return false;
}

static bool has_holders(const char *root, const char *dev, const char *part)
{
	_cleanup_closedir_ DIR *dir = NULL;
	char path[512];
	struct dirent *e;

	if (part)
		snprintf(path, sizeof(path), "%s/class/block/%s/%s/holders",
			 root, dev, part);
	else
		snprintf(path, sizeof(path), "%s/class/block/%s/holders", root,
			 dev);
	dir = opendir(path);
	if (!dir)
		return false;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.')
			return true;
	return false;
}

/* /proc/self/mountinfo field 3 is the major:minor of the mounted device */
static bool devt_mounted(const char *devt)
{
	_cleanup_free_ char *buf = NULL;
	char needle[48];
	size_t len;

	if (file_read_all("/proc/self/mountinfo", 16 << 20, &buf, &len) < 0)
		return false;
	snprintf(needle, sizeof(needle), " %s ", devt);
	return strstr(buf, needle) != NULL;
}

static bool name_swapped(const char *name)
{
	_cleanup_free_ char *buf = NULL;
	char needle[96];
	size_t len;

	if (file_read_all("/proc/swaps", 1 << 20, &buf, &len) < 0)
		return false;
	snprintf(needle, sizeof(needle), "/dev/%s ", name);
	return strstr(buf, needle) != NULL;
}

static bool one_in_use(const char *root, const char *dev, const char *part)
{
	const char *name = part ? part : dev;
	char devt[32];

	if (has_holders(root, dev, part) || name_swapped(name))
		return true;
	if ((part ? sysfs_read(root, devt, sizeof(devt),
			       "class/block/%s/%s/dev", dev, part) :
		    sysfs_read(root, devt, sizeof(devt), "class/block/%s/dev",
			       dev)) > 0 &&
	    devt_mounted(devt))
		return true;
	return false;
}

bool device_in_use(const struct discovery *d, const char *dev)
{
	_cleanup_closedir_ DIR *dir = NULL;
	const char *root = root_of(d);
	char path[512], buf[16];
	struct dirent *e;
	bool used = one_in_use(root, dev, NULL);

	snprintf(path, sizeof(path), "%s/class/block/%s", root, dev);
	dir = opendir(path);
	while (!used && dir && (e = readdir(dir))) {
		if (strncmp(e->d_name, dev, strlen(dev)) != 0 ||
		    sysfs_read(root, buf, sizeof(buf), "class/block/%s/%s/partition",
			       dev, e->d_name) < 0)
			continue;
		used = one_in_use(root, dev, e->d_name);
	}
	condlog(3, "%s: %s is %sin use", __func__, dev, used ? "" : "not ");
	return used;
}

/* Is multipathd.service enabled (wanted by some target)? */
static bool multipathd_enabled(void)
{
	static const char *const dirs[] = {
		"/etc/systemd/system", "/usr/lib/systemd/system",
		"/lib/systemd/system",
	};
	char path[600];
	struct dirent *e;
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		_cleanup_closedir_ DIR *dir = opendir(dirs[i]);

		while (dir && (e = readdir(dir))) {
			size_t n = strlen(e->d_name);
			struct stat st;

			if (n < 6 || strcmp(e->d_name + n - 6, ".wants"))
				continue;
			snprintf(path, sizeof(path), "%s/%s/multipathd.service",
				 dirs[i], e->d_name);
			if (lstat(path, &st) == 0)
				return true;
		}
	}
	return false;
}

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
	if (path_is_multipathed(d, name, pp->wwid, sizeof(pp->wwid)))
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
	    device_in_use(d, name))
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

long find_multipaths_timeout(const struct discovery *d, const struct path *pp)
{
	long t = (long)config_get_int(d->conf, KW_FIND_MULTIPATHS_TIMEOUT);

	if (t == 0)
		t = -10;
	if (t < 0)
		t = pp->n_hwe ? -t : 1;
	condlog(3, "%s: timeout for find_multipaths \"smart\": %ld", pp->dev, t);
	return t;
}

enum fm_wait find_multipaths_wait(const char *dir, const struct path *pp,
				  long expire, struct timespec *until)
{
	char path[512];
	struct timespec now, ts[2];
	struct stat st;
	int fd;

	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(path, sizeof(path), "%s/%s", dir, pp->dev_t);
	if (stat(path, &st) == 0) {
		*until = st.st_mtim;
	} else {
		if (expire <= 0)
			return FM_WAIT_NEVER;
		if (mkdir_parents(path, 0700) < 0)
			return FM_WAIT_NEVER;
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0)
			return FM_WAIT_NEVER;
		/* the timestamp file's mtime is the end of the wait */
		ts[0] = now;
		ts[1] = now;
		ts[1].tv_sec += expire;
		if (futimens(fd, ts) < 0) {
			close(fd);
			return FM_WAIT_NEVER;
		}
		close(fd);
		*until = ts[1];
	}
	/* report the time left, what systemd-run --on-active wants */
	until->tv_sec -= now.tv_sec;
	until->tv_nsec -= now.tv_nsec;
	if (until->tv_nsec < 0) {
		until->tv_nsec += 1000000000L;
		until->tv_sec--;
	}
	if (until->tv_sec < 0 || (until->tv_sec == 0 && until->tv_nsec == 0))
		return FM_WAIT_DONE;
	return FM_WAITING;
}
