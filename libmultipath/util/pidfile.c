/* The daemon's pid file, locked with a POSIX record lock. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/cleanup.h"
#include "util/pidfile.h"

/* Lost races (the holder went away, the file was replaced) are retried
 * this often before giving up with -EAGAIN. */
#define PIDFILE_TRIES 5

static void whole_file(struct flock *l, short type)
{
	memset(l, 0, sizeof(*l));
	l->l_type = type;
	l->l_whence = SEEK_SET;
}

/* The pid written in the file, or 0. */
static pid_t pid_in_file(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long v;
	char *end;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	v = strtol(buf, &end, 10);
	return v > 0 && (*end == '\0' || *end == '\n') ? (pid_t)v : 0;
}

/* Who holds the lock: the kernel's answer, or the file's content when the
 * kernel cannot tell (a holder in another pid namespace shows as 0).
 * -EAGAIN with *holder set; 0 when nobody holds it any more. */
static int lock_holder(int fd, pid_t *holder)
{
	struct flock l;

	whole_file(&l, F_WRLCK);
	if (fcntl(fd, F_GETLK, &l) < 0)
		return -errno;
	if (l.l_type == F_UNLCK)
		return 0;
	*holder = l.l_pid > 0 ? l.l_pid : pid_in_file(fd);
	return -EAGAIN;
}

/* Does path still name the file fd is open on (not removed or replaced
 * by an instance that exited meanwhile)? */
static bool still_named(const char *path, int fd)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Open path and lock it into *out: 0, -EAGAIN (*holder set), 1 to try
 * again (a race was lost), or -errno. */
static int open_locked(const char *path, int *out, pid_t *holder)
{
	_cleanup_close_ int fd = -1;
	struct flock l;
	int r;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -errno;
	whole_file(&l, F_WRLCK);
	if (fcntl(fd, F_SETLK, &l) < 0) {
		if (errno != EAGAIN && errno != EACCES)
			return -errno;
		r = lock_holder(fd, holder);
		return r < 0 ? r : 1;
	}
	if (!still_named(path, fd))
		return 1;
	*out = TAKE_FD(fd);
	return 0;
}

static int write_pid(int fd)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%d", (int)getpid());

	if (ftruncate(fd, 0) < 0)
		return -errno;
	if (pwrite(fd, buf, len, 0) != len)
		return errno ? -errno : -EIO;
	return 0;
}

int pidfile_create(const char *path, pid_t *holder)
{
	int fd = -1, i, r = 1;

	*holder = 0;
	for (i = 0; i < PIDFILE_TRIES && r == 1; i++)
		r = open_locked(path, &fd, holder);
	if (r)
		return r < 0 ? r : -EAGAIN;
	errno = 0;
	r = write_pid(fd);
	if (r < 0) {
		close(fd);
		return r;
	}
	return fd;
}

void pidfile_remove(const char *path, int fd)
{
	unlink(path);
	if (fd >= 0)
		close(fd);
}
