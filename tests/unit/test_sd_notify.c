/* util/sd_notify: datagrams to a path socket and to an abstract socket
 * the test binds, no-op without NOTIFY_SOCKET, bad addresses, a full
 * receiver (never blocks), and the watchdog interval from the
 * environment. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "util/sd_notify.h"

struct receiver {
	char *dir;
	char addr[108];		/* as in NOTIFY_SOCKET */
	int fd;
};

/* Bind a datagram socket: in a temporary directory, or abstract. */
static void receiver_bind(struct receiver *rc, int abstract)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	socklen_t len;

	rc->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(rc->fd >= 0);
	if (abstract) {
		rc->dir = NULL;
		snprintf(rc->addr, sizeof(rc->addr), "@mp-test-notify-%d-%ld",
			 (int)getpid(), (long)time(NULL));
		memcpy(sa.sun_path, rc->addr, strlen(rc->addr));
		sa.sun_path[0] = '\0';
		len = offsetof(struct sockaddr_un, sun_path) + strlen(rc->addr);
	} else {
		rc->dir = make_temp_dir();
		snprintf(rc->addr, sizeof(rc->addr), "%s/notify", rc->dir);
		strcpy(sa.sun_path, rc->addr);
		len = sizeof(sa);
	}
	assert_int_equal(bind(rc->fd, (struct sockaddr *)&sa, len), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", rc->addr, 1), 0);
}

static void receiver_close(struct receiver *rc)
{
	close(rc->fd);
	if (rc->dir) {
		remove_tree(rc->dir);
		free(rc->dir);
	}
	unsetenv("NOTIFY_SOCKET");
}

/* The next datagram, NUL-terminated in buf; "" when there is none. */
static const char *receive(struct receiver *rc, char *buf, size_t size)
{
	ssize_t n = recv(rc->fd, buf, size - 1, MSG_DONTWAIT);

	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static void test_path_socket(void **state)
{
	struct receiver rc;
	char buf[512];

	(void)state;
	receiver_bind(&rc, 0);
	assert_int_equal(sd_notify_msg("READY=1\nSTATUS=%s", "up"), 1);
	assert_string_equal(receive(&rc, buf, sizeof(buf)),
			    "READY=1\nSTATUS=up");
	assert_int_equal(sd_notify_msg("MAINPID=%d", 1234), 1);
	assert_string_equal(receive(&rc, buf, sizeof(buf)), "MAINPID=1234");
	assert_int_equal(sd_notify_msg("RELOADING=1"), 1);
	assert_int_equal(sd_notify_msg("STOPPING=1"), 1);
	assert_string_equal(receive(&rc, buf, sizeof(buf)), "RELOADING=1");
	assert_string_equal(receive(&rc, buf, sizeof(buf)), "STOPPING=1");
	assert_string_equal(receive(&rc, buf, sizeof(buf)), "");
	receiver_close(&rc);
}

static void test_abstract_socket(void **state)
{
	struct receiver rc;
	char buf[512];

	(void)state;
	receiver_bind(&rc, 1);
	assert_int_equal(sd_notify_msg("WATCHDOG=1"), 1);
	assert_string_equal(receive(&rc, buf, sizeof(buf)), "WATCHDOG=1");
	receiver_close(&rc);
}

static void test_unset_is_noop(void **state)
{
	(void)state;
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(sd_notify_msg("READY=1"), 0);
	setenv("NOTIFY_SOCKET", "", 1);
	assert_int_equal(sd_notify_msg("READY=1"), 0);
	unsetenv("NOTIFY_SOCKET");
}

static void test_bad_addresses(void **state)
{
	char longpath[200];

	(void)state;
	setenv("NOTIFY_SOCKET", "relative/notify", 1);
	assert_int_equal(sd_notify_msg("READY=1"), -EINVAL);
	setenv("NOTIFY_SOCKET", "@", 1);
	assert_int_equal(sd_notify_msg("READY=1"), -EINVAL);
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	setenv("NOTIFY_SOCKET", longpath, 1);
	assert_int_equal(sd_notify_msg("READY=1"), -EINVAL);
	/* nobody listens there */
	setenv("NOTIFY_SOCKET", "/nonexistent-dir/notify", 1);
	assert_int_equal(sd_notify_msg("READY=1"), -ENOENT);
	unsetenv("NOTIFY_SOCKET");
}

/* A receiver that reads nothing: sending fails with -EAGAIN once its
 * queue is full, it never blocks. */
static void test_full_receiver_does_not_block(void **state)
{
	struct receiver rc;
	int i, r = 1;

	(void)state;
	receiver_bind(&rc, 1);
	for (i = 0; i < 100000 && r == 1; i++)
		r = sd_notify_msg("STATUS=filling the queue %d", i);
	assert_int_equal(r, -EAGAIN);
	receiver_close(&rc);
}

static void set_watchdog(const char *usec, const char *pid)
{
	if (usec)
		setenv("WATCHDOG_USEC", usec, 1);
	else
		unsetenv("WATCHDOG_USEC");
	if (pid)
		setenv("WATCHDOG_PID", pid, 1);
	else
		unsetenv("WATCHDOG_PID");
}

static void test_watchdog(void **state)
{
	char pid[32], other[32];
	uint64_t usec = 99;

	(void)state;
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	snprintf(other, sizeof(other), "%d", (int)getpid() + 1);
	set_watchdog(NULL, NULL);
	assert_int_equal(sd_watchdog_interval_usec(&usec), 0);
	assert_true(usec == 0);
	set_watchdog("20000000", NULL);
	assert_int_equal(sd_watchdog_interval_usec(&usec), 0);
	assert_true(usec == 20000000);
	set_watchdog("20000000", pid);
	assert_int_equal(sd_watchdog_interval_usec(&usec), 0);
	assert_true(usec == 20000000);
	/* meant for another process */
	set_watchdog("20000000", other);
	assert_int_equal(sd_watchdog_interval_usec(&usec), 0);
	assert_true(usec == 0);
	/* a pid without an interval: no watchdog */
	set_watchdog(NULL, pid);
	assert_int_equal(sd_watchdog_interval_usec(&usec), 0);
	assert_true(usec == 0);
	set_watchdog("0", NULL);
	assert_int_equal(sd_watchdog_interval_usec(&usec), -EINVAL);
	assert_true(usec == 0);
	set_watchdog("-5", NULL);
	assert_int_equal(sd_watchdog_interval_usec(&usec), -EINVAL);
	set_watchdog("12s", NULL);
	assert_int_equal(sd_watchdog_interval_usec(&usec), -EINVAL);
	set_watchdog("", NULL);
	assert_int_equal(sd_watchdog_interval_usec(&usec), -EINVAL);
	set_watchdog("1000", "x1");
	assert_int_equal(sd_watchdog_interval_usec(&usec), -EINVAL);
	set_watchdog(NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_socket),
		cmocka_unit_test(test_abstract_socket),
		cmocka_unit_test(test_unset_is_noop),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_full_receiver_does_not_block),
		cmocka_unit_test(test_watchdog),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
