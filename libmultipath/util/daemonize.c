/* The double fork into the background, and the pipe through which the
 * daemon tells the waiting command its exit status. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/daemonize.h"

/* The daemon's end of the pipe to the waiting command; -1 once done. */
static int done_fd = -1;

/* The command: wait for the daemon's status byte (EOF: it died first). */
static _Noreturn void wait_for_daemon(int fd, pid_t child)
{
	unsigned char status = 1;
	ssize_t n;

	do
		n = read(fd, &status, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		status = 1;
	waitpid(child, NULL, 0);
	_exit(status);
}

static int null_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC), i;

	if (fd < 0)
		return -errno;
	for (i = 0; i <= STDERR_FILENO; i++)
		if (dup2(fd, i) < 0)
			return -errno;
	if (fd > STDERR_FILENO)
		close(fd);
	return 0;
}

int daemonize(void)
{
	int p[2];
	pid_t pid;

	fflush(NULL);
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -errno;
	}
	if (pid > 0) {
		close(p[1]);
		wait_for_daemon(p[0], pid);
	}
	close(p[0]);
	/* the session leader forks once more, so that the daemon can never
	 * acquire a controlling terminal; on failure the command reads EOF */
	if (setsid() < 0)
		_exit(1);
	pid = fork();
	if (pid < 0)
		_exit(1);
	if (pid > 0)
		_exit(0);
	if (chdir("/") < 0 || null_stdio() < 0)
		_exit(1);
	done_fd = p[1];
	return 0;
}

void daemonize_done(int status)
{
	unsigned char b = status < 0 || status > 255 ? 1 : status;
	ssize_t n;

	if (done_fd < 0)
		return;
	do
		n = write(done_fd, &b, 1);
	while (n < 0 && errno == EINTR);
	close(done_fd);
	done_fd = -1;
}
