/* The daemon's pid file (/run/multipathd.pid): one instance at a time,
 * through a POSIX record lock on the file, held as long as its fd stays
 * open. The reference multipathd takes the same kind of lock (fcntl
 * F_SETLK, not flock), so either daemon sees the other. */
#ifndef MP_UTIL_PIDFILE_H
#define MP_UTIL_PIDFILE_H

#include <sys/types.h>

/*
 * Open or create path (0644), lock it without waiting, and write this
 * process's pid into it ("%d", no newline, as the reference does). Returns
 * the fd, O_CLOEXEC, to keep open while the daemon runs; -EAGAIN when
 * another process holds the lock, with its pid in *holder (0 when it
 * cannot be told); or -errno. A file left by a process that died holds no
 * lock and is taken over. The lock belongs to this process: take it after
 * daemonize(), and never open and close path elsewhere in the process
 * (closing any fd of the file drops a POSIX lock).
 *
 * The reference logs, when the lock is taken, "process is already
 * running" (level 0), then "failed to create pidfile" (level 1), and exits
 * with status 1.
 */
int pidfile_create(const char *path, pid_t *holder);

/* At a clean exit: remove path, then close fd (dropping the lock). */
void pidfile_remove(const char *path, int fd);

#endif
