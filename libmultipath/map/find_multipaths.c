/* find_multipaths: whether a WWID gets a map, and for "smart" how long
 * udev waits for a second path of a new disk (a timestamp file per
 * device, kept across udev runs). */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "config/values.h"
#include "discovery/pathinfo.h"
#include "map/find_multipaths.h"
#include "map/wwids.h"
#include "model/path.h"
#include "util/file.h"
#include "util/log.h"

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

bool should_multipath(const struct config *conf, const struct path *pp,
		      bool map_exists, size_t siblings, struct wwids_cache *wc)
{
	const char *file = config_get_str(conf, KW_WWIDS_FILE);
	int fm = (int)config_get_int(conf, KW_FIND_MULTIPATHS);

	if (fm == FIND_MULTIPATHS_OFF || fm == FIND_MULTIPATHS_GREEDY)
		return true;
	if (fm != FIND_MULTIPATHS_STRICT) {
		if (map_exists) {
			condlog(3, "wwid %s is already multipathed, keeping it",
				pp->wwid);
			return true;
		}
		if (siblings > 1) {
			condlog(3, "found multiple paths with wwid %s, multipathing %s",
				pp->wwid, pp->dev);
			return true;
		}
	}
	if ((wc ? wwids_cache_check(wc, file, pp->wwid) :
		  wwids_check(file, pp->wwid)) != 1) {
		condlog(3, "wwid %s not in wwids file, skipping %s", pp->wwid,
			pp->dev);
		return false;
	}
	condlog(3, "found wwid %s in wwids file, multipathing %s", pp->wwid,
		pp->dev);
	return true;
}
