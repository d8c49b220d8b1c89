/* The daemon's process helpers: util/pidfile (two instances in two
 * processes, the holder's pid, a stale file taken over, removal) and
 * util/daemonize (the daemon's session, directory and stdio, the command
 * waiting for its status). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "util/daemonize.h"
#include "util/pidfile.h"

struct dir {
	char *path;
	char pidfile[PATH_MAX];
};

static int setup_dir(void **state)
{
	struct dir *d = calloc(1, sizeof(*d));

	d->path = make_temp_dir();
	snprintf(d->pidfile, sizeof(d->pidfile), "%s/multipathd.pid", d->path);
	*state = d;
	return 0;
}

static int teardown_dir(void **state)
{
	struct dir *d = *state;

	remove_tree(d->path);
	free(d->path);
	free(d);
	return 0;
}

static void write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
}

static char *content(const char *path)
{
	return read_test_file(path);
}

static void read_byte(int fd, char want)
{
	char c = 0;

	assert_int_equal(read(fd, &c, 1), 1);
	assert_int_equal(c, want);
}

static int exit_status(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void test_create_writes_pid(void **state)
{
	struct dir *d = *state;
	_cleanup_free_ char *c = NULL;
	char want[32];
	pid_t holder = 123;
	struct stat st;
	mode_t mask = umask(022);
	int fd;

	fd = pidfile_create(d->pidfile, &holder);
	umask(mask);
	assert_true(fd >= 0);
	assert_int_equal(holder, 0);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	snprintf(want, sizeof(want), "%d", (int)getpid());
	c = content(d->pidfile);
	assert_string_equal(c, want);
	assert_int_equal(stat(d->pidfile, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	pidfile_remove(d->pidfile, fd);
	assert_int_equal(access(d->pidfile, F_OK), -1);
	assert_int_equal(errno, ENOENT);
}

/* A second instance (another process) is refused while the first runs,
 * and told the first one's pid; it gets the file once the first exits. */
static void test_second_instance(void **state)
{
	struct dir *d = *state;
	int ready[2], go[2], fd;
	pid_t child, holder = 0;

	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		pid_t h;
		char c;
		int f = pidfile_create(d->pidfile, &h);

		if (write(ready[1], f >= 0 ? "y" : "n", 1) != 1 ||
		    read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(f >= 0 ? 0 : 1);
	}
	read_byte(ready[0], 'y');
	assert_int_equal(pidfile_create(d->pidfile, &holder), -EAGAIN);
	assert_int_equal(holder, child);
	/* refused again: the failed attempt did not disturb the lock */
	assert_int_equal(pidfile_create(d->pidfile, &holder), -EAGAIN);
	assert_int_equal(write(go[1], "x", 1), 1);
	assert_int_equal(exit_status(child), 0);
	fd = pidfile_create(d->pidfile, &holder);
	assert_true(fd >= 0);
	pidfile_remove(d->pidfile, fd);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}

/* A file left behind by a dead daemon (its pid, no lock) is taken over. */
static void test_stale_file(void **state)
{
	struct dir *d = *state;
	_cleanup_free_ char *c = NULL;
	char want[32];
	pid_t holder, dead;
	int fd;

	dead = fork();
	assert_true(dead >= 0);
	if (dead == 0)
		_exit(0);
	assert_int_equal(exit_status(dead), 0);
	snprintf(want, sizeof(want), "%d\n", (int)dead);
	write_file(d->pidfile, want);
	fd = pidfile_create(d->pidfile, &holder);
	assert_true(fd >= 0);
	snprintf(want, sizeof(want), "%d", (int)getpid());
	c = content(d->pidfile);
	assert_string_equal(c, want);
	pidfile_remove(d->pidfile, fd);
}

static void test_create_errors(void **state)
{
	struct dir *d = *state;
	char path[PATH_MAX];
	pid_t holder;

	snprintf(path, sizeof(path), "%s/no/such/dir/x.pid", d->path);
	assert_int_equal(pidfile_create(path, &holder), -ENOENT);
	snprintf(path, sizeof(path), "%s/link.pid", d->path);
	assert_int_equal(symlink(d->pidfile, path), 0);
	assert_int_equal(pidfile_create(path, &holder), -ELOOP);
}

/* ---- daemonize ---------------------------------------------------------- */

/* What the daemon finds itself to be, as it tells the test. */
struct daemon_report {
	pid_t pid, sid, pgid;
	int cwd_is_root;
	int stdio_is_null;
};

static int is_dev_null(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
	       st.st_rdev == makedev(1, 3);
}

/* The daemon side of a test: report, wait for the go byte, then give
 * the command its status (or, status < 0, exit without a word). */
static _Noreturn void run_daemon(int report_fd, int go_fd, int status)
{
	struct daemon_report r = { 0 };
	char cwd[PATH_MAX], c;

	r.pid = getpid();
	r.sid = getsid(0);
	r.pgid = getpgid(0);
	r.cwd_is_root = getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0;
	r.stdio_is_null = is_dev_null(0) && is_dev_null(1) && is_dev_null(2);
	if (write(report_fd, &r, sizeof(r)) != sizeof(r) ||
	    read(go_fd, &c, 1) != 1)
		_exit(2);
	if (status >= 0)
		daemonize_done(status);
	_exit(0);
}

/* Start a command that daemonizes; the daemon reports through *report. */
static pid_t start_command(int status, int report[2], int go[2],
			   struct daemon_report *r)
{
	pid_t cmd;

	assert_int_equal(pipe(report), 0);
	assert_int_equal(pipe(go), 0);
	cmd = fork();
	assert_true(cmd >= 0);
	if (cmd == 0) {
		if (daemonize() < 0)
			_exit(4);
		run_daemon(report[1], go[0], status);
	}
	assert_int_equal(read(report[0], r, sizeof(*r)), (ssize_t)sizeof(*r));
	return cmd;
}

static void close_pipes(int a[2], int b[2])
{
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
}

static void test_daemon_and_waiting_command(void **state)
{
	struct daemon_report r;
	int report[2], go[2];
	pid_t cmd;

	(void)state;
	cmd = start_command(3, report, go, &r);
	/* a new session that it does not lead: no controlling terminal,
	 * ever */
	assert_true(r.pid != cmd);
	assert_true(r.sid != getsid(0));
	assert_true(r.sid != r.pid);
	assert_int_equal(r.pgid, r.sid);
	assert_true(r.cwd_is_root);
	assert_true(r.stdio_is_null);
	/* the command is still there, waiting for the daemon's word */
	usleep(100 * 1000);
	assert_int_equal(waitpid(cmd, NULL, WNOHANG), 0);
	assert_int_equal(write(go[1], "x", 1), 1);
	assert_int_equal(exit_status(cmd), 3);
	close_pipes(report, go);
}

/* A daemon that dies before its word: the command exits 1. */
static void test_daemon_dies_first(void **state)
{
	struct daemon_report r;
	int report[2], go[2];
	pid_t cmd;

	(void)state;
	cmd = start_command(-1, report, go, &r);
	assert_int_equal(write(go[1], "x", 1), 1);
	assert_int_equal(exit_status(cmd), 1);
	close_pipes(report, go);
}

/* In the foreground (no daemonize) the word goes nowhere. */
static void test_done_without_daemonize(void **state)
{
	(void)state;
	daemonize_done(0);
	daemonize_done(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_writes_pid,
						setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_second_instance,
						setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_stale_file, setup_dir,
						teardown_dir),
		cmocka_unit_test_setup_teardown(test_create_errors, setup_dir,
						teardown_dir),
		cmocka_unit_test(test_daemon_and_waiting_command),
		cmocka_unit_test(test_daemon_dies_first),
		cmocka_unit_test(test_done_without_daemonize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
