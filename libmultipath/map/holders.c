/* Who holds a block device open, and whether it is in use. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "discovery/sysfs.h"
#include "dm/devmapper.h"
#include "map/holders.h"
#include "util/cleanup.h"
#include "util/file.h"
#include "util/log.h"
#include "util/mountinfo.h"

__attribute__((format(printf, 3, 4)))
static int add(struct strbuf *sb, int *n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if ((*n)++ && strbuf_append(sb, ", ") < 0)
		return -1;
	va_start(ap, fmt);
	r = strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
	return r;
}

struct holder_list {
	const char *root;
	struct strbuf *sb;
	int *n;
};

static int add_stacked(const char *holder, void *arg)
{
	struct holder_list *h = arg;
	char name[256];

	if (sysfs_read(h->root, name, sizeof(name), "class/block/%s/dm/name",
		       holder) > 0)
		add(h->sb, h->n, "%s (%s)", holder, name);
	else
		add(h->sb, h->n, "%s", holder);
	return 0;
}

static void add_mount(const char *mnt, void *arg)
{
	struct holder_list *h = arg;

	add(h->sb, h->n, "mounted on %s", mnt);
}

static void processes(dev_t devt, struct strbuf *sb, int *n)
{
	_cleanup_closedir_ DIR *proc = opendir("/proc");
	struct dirent *p;

	while (proc && (p = readdir(proc))) {
		_cleanup_closedir_ DIR *fds = NULL;
		char path[600], comm[64] = "";
		struct dirent *f;
		bool found = false;

		if (!isdigit((unsigned char)p->d_name[0]) ||
		    strcmp(p->d_name, "self") == 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd", p->d_name);
		fds = opendir(path);
		while (fds && !found && (f = readdir(fds))) {
			struct stat st;

			if (f->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/fd/%s",
				 p->d_name, f->d_name);
			found = stat(path, &st) == 0 && S_ISBLK(st.st_mode) &&
				st.st_rdev == devt;
		}
		if (!found || atoi(p->d_name) == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", p->d_name);
		{
			FILE *fp = fopen(path, "re");

			if (fp) {
				if (!fgets(comm, sizeof(comm), fp))
					comm[0] = '\0';
				fclose(fp);
			}
			comm[strcspn(comm, "\n")] = '\0';
		}
		add(sb, n, "process %s (%s)", p->d_name, comm);
	}
}

int describe_holders(const char *sysfs_root, const char *dev, unsigned major,
		     unsigned minor, struct strbuf *sb)
{
	int n = 0;
	struct holder_list h = { sysfs_root, sb, &n };

	sysfs_foreach_holder(sysfs_root, dev, add_stacked, &h);
	mountinfo_foreach(major, minor, add_mount, &h);
	processes(makedev(major, minor), sb, &n);
	return n;
}

static int any_holder(const char *holder, void *arg)
{
	return 1;
}

static bool swapped(const char *dev)
{
	_cleanup_free_ char *buf = NULL;
	char needle[96];
	size_t len;

	if (file_read_all("/proc/swaps", 1 << 20, &buf, &len) < 0)
		return false;
	snprintf(needle, sizeof(needle), "/dev/%s ", dev);
	return strstr(buf, needle) != NULL;
}

/* dev (a disk or a partition) is held, mounted or a swap */
static bool one_in_use(const char *root, const char *dev)
{
	unsigned major, minor;
	char devt[32];

	if (sysfs_foreach_holder(root, dev, any_holder, NULL) > 0 ||
	    swapped(dev))
		return true;
	return sysfs_read(root, devt, sizeof(devt), "class/block/%s/dev",
			  dev) > 0 &&
	       parse_devt(devt, &major, &minor) == 0 &&
	       mountinfo_foreach(major, minor, NULL, NULL) > 0;
}

bool device_in_use(const char *sysfs_root, const char *dev)
{
	_cleanup_closedir_ DIR *dir = NULL;
	char path[PATH_MAX], buf[16];
	bool used = one_in_use(sysfs_root, dev);
	struct dirent *e;

	/* its partitions: <dev>/<dev>N with a "partition" attribute */
	if (!used && sysfs_path(sysfs_root, path, sizeof(path),
				"class/block/%s", dev) == 0)
		dir = opendir(path);
	while (!used && dir && (e = readdir(dir))) {
		if (strncmp(e->d_name, dev, strlen(dev)) != 0 ||
		    sysfs_read(sysfs_root, buf, sizeof(buf),
			       "class/block/%s/%s/partition", dev,
			       e->d_name) < 0)
			continue;
		used = one_in_use(sysfs_root, e->d_name);
	}
	condlog(3, "%s: %s is %sin use", __func__, dev, used ? "" : "not ");
	return used;
}

struct mpath_holder {
	const char *root;
	char *wwid;
	size_t len;
};

static int mpath_holder(const char *holder, void *arg)
{
	struct mpath_holder *h = arg;
	char uuid[256];

	if (strncmp(holder, "dm-", 3) ||
	    sysfs_read(h->root, uuid, sizeof(uuid), "class/block/%s/dm/uuid",
		       holder) < 0 ||
	    strncmp(uuid, MPATH_UUID_PREFIX, strlen(MPATH_UUID_PREFIX)))
		return 0;
	if (h->wwid)
		snprintf(h->wwid, h->len, "%s", uuid + strlen(MPATH_UUID_PREFIX));
	return 1;
}

bool path_is_multipathed(const char *sysfs_root, const char *dev, char *wwid,
			 size_t len)
{
	struct mpath_holder h = { sysfs_root, wwid, len };

	return sysfs_foreach_holder(sysfs_root, dev, mpath_holder, &h) > 0;
}
