/* The mounts of a block device, from /proc/self/mountinfo: each line is
 * "id parent major:minor root mountpoint options ...". */
#include <stdio.h>
#include <string.h>

#include "util/cleanup.h"
#include "util/file.h"
#include "util/mountinfo.h"

#define MOUNTINFO "/proc/self/mountinfo"
#define MOUNTINFO_MAX (16 << 20)

int mountinfo_scan(char *text, unsigned major, unsigned minor, mount_fn fn,
		   void *arg)
{
	char *line, *save = NULL;
	int n = 0;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char mnt[4096];
		unsigned ma, mi;

		if (sscanf(line, "%*s %*s %u:%u %*s %4095s", &ma, &mi, mnt) != 3 ||
		    ma != major || mi != minor)
			continue;
		n++;
		if (fn)
			fn(mnt, arg);
	}
	return n;
}

int mountinfo_foreach(unsigned major, unsigned minor, mount_fn fn, void *arg)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	r = file_read_all(MOUNTINFO, MOUNTINFO_MAX, &buf, &len);
	if (r < 0)
		return r;
	return mountinfo_scan(buf, major, minor, fn, arg);
}
