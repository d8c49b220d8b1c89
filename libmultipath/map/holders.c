/* Who holds a block device open. */
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
#include "map/holders.h"
#include "util/cleanup.h"
#include "util/file.h"

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

static void stacked(const char *root, const char *dev, struct strbuf *sb,
		    int *n)
{
	_cleanup_closedir_ DIR *dir = NULL;
	char path[512], name[256];
	struct dirent *e;

	snprintf(path, sizeof(path), "%s/class/block/%s/holders",
		 root ? root : SYSFS_ROOT_DEFAULT, dev);
	dir = opendir(path);
	while (dir && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		if (sysfs_read(root, name, sizeof(name), "class/block/%s/dm/name",
			       e->d_name) < 0)
			name[0] = '\0';
		if (name[0])
			add(sb, n, "%s (%s)", e->d_name, name);
		else
			add(sb, n, "%s", e->d_name);
	}
}

/* /proc/self/mountinfo: "id parent major:minor root mountpoint ..." */
static void mounts(unsigned major, unsigned minor, struct strbuf *sb, int *n)
{
	_cleanup_free_ char *buf = NULL;
	char needle[32], *line, *save = NULL;
	size_t len;

	if (file_read_all("/proc/self/mountinfo", 16 << 20, &buf, &len) < 0)
		return;
	snprintf(needle, sizeof(needle), "%u:%u", major, minor);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char devt[32], mnt[PATH_MAX];

		if (sscanf(line, "%*s %*s %31s %*s %4095s", devt, mnt) == 2 &&
		    strcmp(devt, needle) == 0)
			add(sb, n, "mounted on %s", mnt);
	}
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

	stacked(sysfs_root, dev, sb, &n);
	mounts(major, minor, sb, &n);
	processes(makedev(major, minor), sb, &n);
	return n;
}
