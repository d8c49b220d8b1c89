/* ipc/server and ipc/listen_fds: systemd's variables, sockets passed on
 * fd 3, the abstract socket (under a test name, so that a running daemon
 * is not disturbed) and the path socket, accepting clients, and peer
 * credentials. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "ipc/listen_fds.h"
#include "ipc/server.h"
#include "ipc/uxsock.h"

static char test_name[64];

static int setup(void **state)
{
	(void)state;
	snprintf(test_name, sizeof(test_name),
		 "/org/kernel/linux/storage/multipathd-test-%d", (int)getpid());
	return 0;
}

static void test_listen_fds_parse(void **state)
{
	(void)state;
	assert_int_equal(listen_fds_parse(NULL, NULL, 42), 0);
	assert_int_equal(listen_fds_parse("42", NULL, 42), 0);
	assert_int_equal(listen_fds_parse(NULL, "1", 42), 0);
	assert_int_equal(listen_fds_parse("42", "1", 42), 1);
	assert_int_equal(listen_fds_parse("42", "2", 42), 2);
	assert_int_equal(listen_fds_parse("42", "0", 42), 0);
	/* for another process */
	assert_int_equal(listen_fds_parse("43", "1", 42), 0);
	/* malformed */
	assert_int_equal(listen_fds_parse("", "1", 42), -EINVAL);
	assert_int_equal(listen_fds_parse("42", "", 42), -EINVAL);
	assert_int_equal(listen_fds_parse("0", "1", 42), -EINVAL);
	assert_int_equal(listen_fds_parse("42x", "1", 42), -EINVAL);
	assert_int_equal(listen_fds_parse("42", " 1", 42), -EINVAL);
	assert_int_equal(listen_fds_parse("42", "-1", 42), -EINVAL);
	assert_int_equal(listen_fds_parse("42", "+1", 42), -EINVAL);
	assert_int_equal(listen_fds_parse("99999999999999999999", "1", 42),
			 -EINVAL);
	assert_int_equal(listen_fds_parse("42", "2147483647", 42), -EINVAL);
}

static void set_env(int fds)
{
	char pid[16], n[16];

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	snprintf(n, sizeof(n), "%d", fds);
	setenv("LISTEN_PID", pid, 1);
	setenv("LISTEN_FDS", n, 1);
	setenv("LISTEN_FDNAMES", "multipathd.socket", 1);
}

/* Put fd on LISTEN_FDS_START, run listen_fds_take, put things back. */
static int take_with_fd3(int fd, int count, int *fds, size_t max)
{
	int saved = dup(LISTEN_FDS_START), r;

	assert_int_equal(dup2(fd, LISTEN_FDS_START), LISTEN_FDS_START);
	set_env(count);
	r = listen_fds_take(fds, max);
	assert_null(getenv("LISTEN_PID"));
	assert_null(getenv("LISTEN_FDS"));
	assert_null(getenv("LISTEN_FDNAMES"));
	if (r > 0) {
		assert_true(fcntl(LISTEN_FDS_START, F_GETFL) & O_NONBLOCK);
		assert_true(fcntl(LISTEN_FDS_START, F_GETFD) & FD_CLOEXEC);
	}
	if (saved >= 0) {
		dup2(saved, LISTEN_FDS_START);
		close(saved);
	} else {
		close(LISTEN_FDS_START);
	}
	return r;
}

static void test_listen_fds_take(void **state)
{
	int lfd, sv[2], fds[IPC_MAX_LISTEN] = { -1, -1 };

	(void)state;
	/* nothing passed */
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	assert_int_equal(listen_fds_take(fds, IPC_MAX_LISTEN), 0);
	/* a listening socket */
	lfd = ipc_listen(test_name, true);
	assert_true(lfd >= 0);
	assert_int_equal(take_with_fd3(lfd, 1, fds, IPC_MAX_LISTEN), 1);
	assert_int_equal(fds[0], LISTEN_FDS_START);
	/* more than the caller takes */
	assert_int_equal(take_with_fd3(lfd, 3, fds, IPC_MAX_LISTEN), -E2BIG);
	close(lfd);
	/* a socket that does not listen */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(take_with_fd3(sv[0], 1, fds, IPC_MAX_LISTEN),
			 -ENOTSOCK);
	close(sv[0]);
	close(sv[1]);
	/* garbage in the variables */
	setenv("LISTEN_PID", "x", 1);
	setenv("LISTEN_FDS", "1", 1);
	assert_int_equal(listen_fds_take(fds, IPC_MAX_LISTEN), -EINVAL);
	assert_null(getenv("LISTEN_PID"));
}

static void test_abstract_listen_accept(void **state)
{
	int lfd, c, a;

	(void)state;
	lfd = ipc_listen(test_name, true);
	assert_true(lfd >= 0);
	assert_true(fcntl(lfd, F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(lfd, F_GETFD) & FD_CLOEXEC);
	/* a second daemon under the same name */
	assert_int_equal(ipc_listen(test_name, true), -EADDRINUSE);
	assert_int_equal(ipc_accept(lfd), -EAGAIN);
	c = mpath_connect_to(test_name, NULL);
	assert_true(c >= 0);
	a = ipc_accept(lfd);
	assert_true(a >= 0);
	assert_true(fcntl(a, F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(a, F_GETFD) & FD_CLOEXEC);
	assert_int_equal(ipc_accept(lfd), -EAGAIN);
	close(a);
	close(c);
	close(lfd);
	/* nobody listens any more */
	assert_int_equal(mpath_connect_to(test_name, NULL), -ECONNREFUSED);
}

static void test_name_too_long(void **state)
{
	char name[200];

	(void)state;
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(ipc_listen(name, true), -ENAMETOOLONG);
	assert_int_equal(ipc_listen(name, false), -ENAMETOOLONG);
	assert_int_equal(mpath_connect_to(name, name), -ENAMETOOLONG);
}

/* A client connecting to these names is accepted on lfd. */
static void check_accepts(const char *abstract_name, const char *path, int lfd)
{
	int c = mpath_connect_to(abstract_name, path), fd;

	assert_true(c >= 0);
	fd = ipc_accept(lfd);
	assert_true(fd >= 0);
	close(fd);
	close(c);
}

static void test_server_open(void **state)
{
	_cleanup_free_ char *dir = make_temp_dir();
	char path[PATH_MAX];
	struct ipc_server s, other;
	struct stat st;
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s/multipathd.socket", dir);
	/* a stale socket of a daemon that died */
	fd = ipc_listen(path, false);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(ipc_server_open(&s, test_name, path), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0666);
	/* clients come in on both */
	check_accepts(NULL, path, s.fd[1]);
	check_accepts(test_name, path, s.fd[0]);
	/* another daemon is refused and leaves the path alone */
	log_capture_start(2);
	assert_int_equal(ipc_server_open(&other, test_name, path), -EADDRINUSE);
	assert_str_contains(log_captured(), "cannot listen");
	assert_int_equal(stat(path, &st), 0);
	ipc_server_close(&s);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
	/* something else at the path is not removed */
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(ipc_server_open(&s, test_name, path), -EEXIST);
	assert_str_contains(log_captured(), "cannot replace");
	log_capture_stop();
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* and the abstract name is free again */
	fd = ipc_listen(test_name, true);
	assert_true(fd >= 0);
	close(fd);
	remove_tree(dir);
}

static void test_server_open_systemd(void **state)
{
	int lfd = ipc_listen(test_name, true), saved = dup(LISTEN_FDS_START);
	struct ipc_server s;

	(void)state;
	assert_true(lfd >= 0);
	assert_int_equal(dup2(lfd, LISTEN_FDS_START), LISTEN_FDS_START);
	set_env(1);
	/* the names are not used: systemd has the sockets */
	assert_int_equal(ipc_server_open(&s, "unused", "/nonexistent/x"), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.fd[0], LISTEN_FDS_START);
	assert_null(s.path);
	ipc_server_close(&s);
	if (saved >= 0) {
		dup2(saved, LISTEN_FDS_START);
		close(saved);
	}
	close(lfd);
}

static void test_peer_credentials(void **state)
{
	int sv[2], p[2];
	uid_t uid = 12345;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(peer_uid(sv[0], &uid), 0);
	assert_int_equal(uid, geteuid());
	assert_int_equal(peer_is_root(sv[1]), geteuid() == 0);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(peer_uid(p[0], &uid), -ENOTSOCK);
	assert_false(peer_is_root(p[0]));
	close(p[0]);
	close(p[1]);
	assert_false(peer_is_root(-1));
}

/* As root: a client that is not root is told apart. */
static void test_peer_not_root(void **state)
{
	int lfd, a, status;
	uid_t uid;
	pid_t pid;

	(void)state;
	if (geteuid() != 0)
		skip();
	lfd = ipc_listen(test_name, true);
	assert_true(lfd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char c;
		int fd;

		if (setuid(65534) < 0)
			_exit(2);
		fd = mpath_connect_to(test_name, NULL);
		_exit(fd < 0 ? 3 : read(fd, &c, 1) < 0 ? 4 : 0);
	}
	do
		a = ipc_accept(lfd);
	while (a == -EAGAIN);
	assert_true(a >= 0);
	assert_int_equal(peer_uid(a, &uid), 0);
	assert_int_equal(uid, 65534);
	assert_false(peer_is_root(a));
	close(a);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(lfd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listen_fds_parse),
		cmocka_unit_test(test_listen_fds_take),
		cmocka_unit_test(test_abstract_listen_accept),
		cmocka_unit_test(test_name_too_long),
		cmocka_unit_test(test_server_open),
		cmocka_unit_test(test_server_open_systemd),
		cmocka_unit_test(test_peer_credentials),
		cmocka_unit_test(test_peer_not_root),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
