/* multipathd/client: the request the words make, and exchanges with a
 * fake daemon (a thread on an abstract socket with a test name): the
 * reply printed as it came, the reference's messages and exit statuses. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "client.h"
#include "ipc/framing.h"
#include "ipc/server.h"
#include "ipc/uxsock.h"

enum fake_mode {
	FAKE_REPLY,	/* reply with the text */
	FAKE_SILENT,	/* read the request, never reply */
	FAKE_HANGUP,	/* read the request, close */
	FAKE_RAW,	/* send raw bytes as the reply */
};

struct fake_daemon {
	int lfd;
	enum fake_mode mode;
	const char *reply;
	unsigned char raw[16];
	size_t raw_len;
	char *request;
	pthread_t thread;
};

static char test_name[64];

static void *fake_daemon_run(void *arg)
{
	struct fake_daemon *d = arg;
	char c;
	int fd;

	do
		fd = ipc_accept(d->lfd);
	while (fd == -EAGAIN);
	if (fd < 0)
		return NULL;
	mpath_recv_msg(fd, IPC_MAX_REQUEST, 2000, &d->request);
	switch (d->mode) {
	case FAKE_REPLY:
		mpath_send_msg(fd, d->reply, 2000);
		break;
	case FAKE_SILENT:
		/* until the client gives up */
		fcntl(fd, F_SETFL, 0);
		while (read(fd, &c, 1) > 0)
			;
		break;
	case FAKE_HANGUP:
		break;
	case FAKE_RAW:
		if (write(fd, d->raw, d->raw_len) < 0)
			break;
		break;
	}
	close(fd);
	return NULL;
}

static void fake_start(struct fake_daemon *d)
{
	d->lfd = ipc_listen(test_name, true);
	assert_true(d->lfd >= 0);
	assert_int_equal(pthread_create(&d->thread, NULL, fake_daemon_run, d),
			 0);
}

static void fake_stop(struct fake_daemon *d)
{
	pthread_join(d->thread, NULL);
	close(d->lfd);
	free(d->request);
}

/* Run the client for words against d, return its status and output. */
static int run_client(struct fake_daemon *d, int argc, char *const argv[],
		      char **out)
{
	struct client_opts o;
	FILE *f = tmpfile();
	size_t n;
	int st;

	assert_non_null(f);
	client_opts_default(&o);
	o.abstract_name = test_name;
	o.path = NULL;
	o.uxsock_timeout_ms = 100;
	o.out = f;
	o.err = f;
	if (d)
		fake_start(d);
	st = client_run(argc, argv, &o);
	fflush(f);
	n = (size_t)ftell(f);
	*out = calloc(1, n + 1);
	rewind(f);
	assert_int_equal(fread(*out, 1, n, f), n);
	fclose(f);
	return st;
}

static int setup(void **state)
{
	(void)state;
	snprintf(test_name, sizeof(test_name),
		 "/org/kernel/linux/storage/multipathd-test-client-%d",
		 (int)getpid());
	return 0;
}

static void check_request(int argc, char *const argv[], int result,
			  const char *want)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

	assert_int_equal(client_build_request(argc, argv, &sb), result);
	if (want)
		assert_string_equal(strbuf_str(&sb), want);
}

static void test_build_request(void **state)
{
	char *show_paths[] = { "show", "paths" };
	char *fmt[] = { "show", "paths", "format", "%d %w" };
	char *tab[] = { "show", "a\tb" };
	char long_word[200], exact[160];
	char *too_long[] = { long_word };
	char *fits[] = { exact };

	(void)state;
	check_request(2, show_paths, 0, "show paths \n");
	/* a word with a space is quoted; only a space, not other blanks */
	check_request(4, fmt, 0, "show paths format \"%d %w\" \n");
	check_request(2, tab, 0, "show a\tb \n");
	check_request(0, NULL, 0, "\n");
	memset(long_word, 'x', sizeof(long_word) - 1);
	long_word[sizeof(long_word) - 1] = '\0';
	check_request(1, too_long, -E2BIG, NULL);
	/* 158 bytes and the blank: no room left for the newline */
	memset(exact, 'y', 158);
	exact[158] = '\0';
	check_request(1, fits, 0, NULL);
	{
		_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

		client_build_request(1, fits, &sb);
		assert_int_equal(strbuf_len(&sb), 159);
		assert_int_equal(strbuf_str(&sb)[158], ' ');
		/* one byte less leaves room */
		exact[157] = '\0';
		strbuf_reset(&sb);
		client_build_request(1, fits, &sb);
		assert_int_equal(strbuf_len(&sb), 159);
		assert_int_equal(strbuf_str(&sb)[158], '\n');
	}
}

static void test_replies_and_status(void **state)
{
	static const struct {
		const char *reply;
		int status;
	} cases[] = {
		{ "ok\n", 0 },
		{ "fail\n", 1 },
		/* only exactly "fail\n" fails */
		{ "fail", 0 },
		{ "permission deny: need to be root\n", 0 },
		{ "timeout\n", 0 },
		{ "name sysfs uuid\nmpatha dm-0 36001\n", 0 },
		{ "", 0 },
	};
	char *argv[] = { "show", "maps", "format", "%n %w" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fake_daemon d = { .mode = FAKE_REPLY,
					 .reply = cases[i].reply };
		char *out;

		assert_int_equal(run_client(&d, 4, argv, &out),
				 cases[i].status);
		/* printed as it came, no newline added */
		assert_string_equal(out, cases[i].reply);
		free(out);
		pthread_join(d.thread, NULL);
		assert_string_equal(d.request, "show maps format \"%n %w\" \n");
		close(d.lfd);
		free(d.request);
	}
}

static void test_exchange_failures(void **state)
{
	static const struct {
		enum fake_mode mode;
		size_t header;	/* FAKE_RAW: a bare length, no body */
		const char *out;
	} cases[] = {
		{ FAKE_SILENT, 0, "timeout receiving packet\n" },
		{ FAKE_HANGUP, 0, "error -5 receiving packet\n" },
		/* lengths the reference refuses with ERANGE */
		{ FAKE_RAW, 0, "error -34 receiving packet\n" },
		{ FAKE_RAW, SIZE_MAX, "error -34 receiving packet\n" },
	};
	char *argv[] = { "show", "daemon" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fake_daemon d = { .mode = cases[i].mode,
					 .raw_len = sizeof(size_t) };
		char *out;

		memcpy(d.raw, &cases[i].header, sizeof(size_t));
		assert_int_equal(run_client(&d, 2, argv, &out), 1);
		assert_string_equal(out, cases[i].out);
		free(out);
		fake_stop(&d);
	}
}

static void test_no_daemon(void **state)
{
	char *argv[] = { "show", "maps" };
	char *out;

	(void)state;
	/* silent, status 1, like the reference */
	assert_int_equal(run_client(NULL, 2, argv, &out), 1);
	assert_string_equal(out, "");
	free(out);
}

static void test_command_too_large(void **state)
{
	char word[300];
	char *argv[] = { "show", "map", word };
	char *out;

	(void)state;
	memset(word, 'm', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	assert_int_equal(run_client(NULL, 3, argv, &out), 1);
	assert_string_equal(out, "multipathd command too large\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_request),
		cmocka_unit_test(test_replies_and_status),
		cmocka_unit_test(test_exchange_failures),
		cmocka_unit_test(test_no_daemon),
		cmocka_unit_test(test_command_too_large),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
