/* ipc/framing and the blocking helpers of ipc/uxsock: messages fed byte by
 * byte and several to a read, refused lengths, texts without or with
 * extra NULs, partial writes on a full socket, timeouts and closed peers. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "testutil.h"
#include "ipc/framing.h"
#include "ipc/uxsock.h"

#define HDR sizeof(size_t)

/* A framed message with the announced length len and these body bytes. */
static size_t frame(unsigned char *out, size_t len, const void *body,
		    size_t n)
{
	memcpy(out, &len, HDR);
	memcpy(out + HDR, body, n);
	return HDR + n;
}

static void test_byte_by_byte(void **state)
{
	unsigned char buf[64];
	size_t n = frame(buf, 12, "show paths\n", 12), i, wire = 0;
	struct ipc_reader r;
	char *text;

	(void)state;
	ipc_reader_init(&r, IPC_MAX_REQUEST);
	assert_int_equal(ipc_reader_want(&r), HDR);
	for (i = 0; i < n; i++) {
		assert_false(ipc_reader_complete(&r));
		assert_null(ipc_reader_take(&r, NULL));
		assert_int_equal(ipc_reader_want(&r),
				 i < HDR ? HDR - i : n - i);
		assert_int_equal(ipc_reader_feed(&r, buf + i, 1), 1);
	}
	assert_true(ipc_reader_complete(&r));
	assert_int_equal(ipc_reader_want(&r), 0);
	/* a complete message takes nothing more */
	assert_int_equal(ipc_reader_feed(&r, buf, 5), 0);
	text = ipc_reader_take(&r, &wire);
	assert_string_equal(text, "show paths\n");
	assert_int_equal(wire, 12);
	free(text);
	/* ready for the next one */
	assert_int_equal(ipc_reader_want(&r), HDR);
	ipc_reader_free(&r);
}

static void test_two_in_one_read(void **state)
{
	unsigned char buf[64];
	size_t n = frame(buf, 3, "ok", 3);
	struct ipc_reader r;
	ssize_t used;
	char *text;

	(void)state;
	n += frame(buf + n, 6, "fail\n", 6);
	ipc_reader_init(&r, IPC_MAX_REPLY);
	used = ipc_reader_feed(&r, buf, n);
	assert_int_equal(used, HDR + 3);
	text = ipc_reader_take(&r, NULL);
	assert_string_equal(text, "ok");
	free(text);
	assert_int_equal(ipc_reader_feed(&r, buf + used, n - (size_t)used),
			 (ssize_t)n - used);
	text = ipc_reader_take(&r, NULL);
	assert_string_equal(text, "fail\n");
	free(text);
	ipc_reader_free(&r);
}

static void test_refused_lengths(void **state)
{
	static const size_t lens[] = { IPC_MAX_REQUEST + 1, SIZE_MAX, 0 };
	unsigned char buf[64];
	struct ipc_reader r;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		int want = lens[i] ? -EMSGSIZE : -EBADMSG;

		frame(buf, lens[i], "x", 1);
		ipc_reader_init(&r, IPC_MAX_REQUEST);
		/* the first 7 header bytes are fine, the 8th decides */
		assert_int_equal(ipc_reader_feed(&r, buf, HDR - 1), HDR - 1);
		assert_int_equal(ipc_reader_feed(&r, buf + HDR - 1, 2), want);
		assert_null(r.body);
		/* the error sticks */
		assert_int_equal(ipc_reader_feed(&r, buf, 1), want);
		assert_false(ipc_reader_complete(&r));
		assert_null(ipc_reader_take(&r, NULL));
		ipc_reader_free(&r);
	}
	/* the limit itself is allowed */
	frame(buf, 8, "1234567", 8);
	ipc_reader_init(&r, 8);
	assert_int_equal(ipc_reader_feed(&r, buf, HDR + 8), HDR + 8);
	assert_true(ipc_reader_complete(&r));
	ipc_reader_free(&r);
}

static void test_text_and_nuls(void **state)
{
	unsigned char buf[64];
	struct ipc_reader r;
	size_t wire;
	char *text;

	(void)state;
	/* no final NUL: all bytes are text */
	frame(buf, 4, "list", 4);
	ipc_reader_init(&r, IPC_MAX_REQUEST);
	ipc_reader_feed(&r, buf, HDR + 4);
	text = ipc_reader_take(&r, &wire);
	assert_string_equal(text, "list");
	assert_int_equal(wire, 4);
	free(text);
	/* an embedded NUL ends the text; bytes above 0x7f are text */
	frame(buf, 9, "ab\xff\0cd\0\0", 9);
	ipc_reader_feed(&r, buf, HDR + 9);
	text = ipc_reader_take(&r, &wire);
	assert_string_equal(text, "ab\xff");
	assert_int_equal(wire, 9);
	free(text);
	ipc_reader_free(&r);
}

static void test_writer_pieces(void **state)
{
	struct ipc_writer w;
	struct iovec iov[2];
	size_t len;

	(void)state;
	assert_int_equal(ipc_writer_init_copy(&w, "ok\n"), 0);
	assert_int_equal(ipc_writer_pending(&w, iov), 2);
	assert_int_equal(iov[0].iov_len, HDR);
	memcpy(&len, iov[0].iov_base, HDR);
	assert_int_equal(len, 4);
	assert_int_equal(iov[1].iov_len, 4);
	assert_memory_equal(iov[1].iov_base, "ok\n", 4);
	ipc_writer_advance(&w, 3);
	assert_int_equal(ipc_writer_pending(&w, iov), 2);
	assert_int_equal(iov[0].iov_len, HDR - 3);
	ipc_writer_advance(&w, HDR - 3 + 1);
	assert_int_equal(ipc_writer_pending(&w, iov), 1);
	assert_int_equal(iov[0].iov_len, 3);
	assert_memory_equal(iov[0].iov_base, "k\n", 3);
	assert_false(ipc_writer_done(&w));
	ipc_writer_advance(&w, 3);
	assert_true(ipc_writer_done(&w));
	assert_int_equal(ipc_writer_pending(&w, iov), 0);
	ipc_writer_free(&w);
}

static void test_writer_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ipc_writer w;

	(void)state;
	assert_int_equal(ipc_writer_init_strbuf(&w, &sb), 0);
	/* an empty text still makes a message: its NUL */
	assert_int_equal(w.len, 1);
	ipc_writer_free(&w);
	strbuf_append(&sb, "name sysfs\n");
	assert_int_equal(ipc_writer_init_strbuf(&w, &sb), 0);
	assert_int_equal(strbuf_len(&sb), 0);
	assert_int_equal(w.len, 12);
	ipc_writer_free(&w);
}

static void nonblocking(int fd)
{
	assert_int_equal(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK),
			 0);
}

/* A big reply through a small socket buffer: the writer stops when the
 * socket is full and resumes; the reader gets all of it. */
static void test_partial_writes(void **state)
{
	const size_t big = 1 << 20;
	int sv[2], sndbuf = 4096, r = 0, stops = 0;
	char *text = malloc(big), *got = NULL;
	struct ipc_writer w;
	struct ipc_reader rd;
	size_t i;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	nonblocking(sv[1]);
	for (i = 0; i < big - 1; i++)
		text[i] = (char)('a' + i % 26);
	text[big - 1] = '\0';
	ipc_writer_init(&w, text);
	ipc_reader_init(&rd, IPC_MAX_REPLY);
	while ((r = ipc_writer_flush(&w, sv[0])) == 0) {
		stops++;
		/* drain a little, as a slow client would */
		for (i = 0; i < 4 && ipc_reader_read(&rd, sv[1]) == 0; i++)
			;
	}
	assert_int_equal(r, 1);
	assert_true(stops > 0);
	while ((r = ipc_reader_read(&rd, sv[1])) == 0)
		;
	assert_int_equal(r, 1);
	got = ipc_reader_take(&rd, NULL);
	assert_string_equal(got, w.body);
	free(got);
	ipc_reader_free(&rd);
	ipc_writer_free(&w);
	close(sv[0]);
	close(sv[1]);
}

static void test_read_eof(void **state)
{
	unsigned char buf[64];
	size_t cut[] = { 0, 3, HDR, HDR + 2 };
	size_t i;

	(void)state;
	frame(buf, 4, "abc", 4);
	for (i = 0; i < ARRAY_SIZE(cut); i++) {
		struct ipc_reader r;
		int sv[2], ret;

		assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
		ipc_reader_init(&r, IPC_MAX_REQUEST);
		/* nothing there yet */
		assert_int_equal(ipc_reader_read(&r, sv[1]), 0);
		assert_int_equal(write(sv[0], buf, cut[i]), (ssize_t)cut[i]);
		close(sv[0]);
		while ((ret = ipc_reader_read(&r, sv[1])) == 0)
			;
		assert_int_equal(ret, cut[i] ? -EIO : -EPIPE);
		ipc_reader_free(&r);
		close(sv[1]);
	}
}

/* A reader never takes bytes of the next message from the socket. */
static void test_read_stops_at_message(void **state)
{
	unsigned char buf[64];
	size_t n = frame(buf, 3, "ok", 3);
	struct ipc_reader r;
	int sv[2];
	char *text;

	(void)state;
	n += frame(buf + n, 2, "x", 2);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(write(sv[0], buf, n), (ssize_t)n);
	ipc_reader_init(&r, IPC_MAX_REQUEST);
	while (ipc_reader_read(&r, sv[1]) == 0)
		;
	text = ipc_reader_take(&r, NULL);
	assert_string_equal(text, "ok");
	free(text);
	while (ipc_reader_read(&r, sv[1]) == 0)
		;
	text = ipc_reader_take(&r, NULL);
	assert_string_equal(text, "x");
	free(text);
	ipc_reader_free(&r);
	close(sv[0]);
	close(sv[1]);
}

static void test_blocking_round_trip(void **state)
{
	int sv[2];
	char *text;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(mpath_send_msg(sv[0], "show maps\n", 1000), 0);
	assert_int_equal(mpath_recv_msg(sv[1], IPC_MAX_REQUEST, 1000, &text), 0);
	assert_string_equal(text, "show maps\n");
	free(text);
	/* nothing comes: a timeout */
	assert_int_equal(mpath_recv_msg(sv[1], IPC_MAX_REPLY, 20, &text),
			 -ETIMEDOUT);
	assert_null(text);
	/* too long for the receiver */
	assert_int_equal(mpath_send_msg(sv[0], "0123456789", 1000), 0);
	assert_int_equal(mpath_recv_msg(sv[1], 10, 1000, &text), -EMSGSIZE);
	close(sv[0]);
	/* closed before a reply */
	close(sv[1]);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[0]);
	assert_int_equal(mpath_recv_msg(sv[1], IPC_MAX_REPLY, 1000, &text),
			 -EIO);
	close(sv[1]);
}

static void test_send_to_closed_peer(void **state)
{
	struct ipc_writer w;
	int sv[2];

	(void)state;
	/* no SIGPIPE: the test would die of it */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	assert_int_equal(ipc_writer_init_copy(&w, "ok\n"), 0);
	assert_int_equal(ipc_writer_flush(&w, sv[0]), -EPIPE);
	ipc_writer_free(&w);
	assert_int_equal(mpath_send_msg(sv[0], "ok\n", 100), -EPIPE);
	close(sv[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byte_by_byte),
		cmocka_unit_test(test_two_in_one_read),
		cmocka_unit_test(test_refused_lengths),
		cmocka_unit_test(test_text_and_nuls),
		cmocka_unit_test(test_writer_pieces),
		cmocka_unit_test(test_writer_strbuf),
		cmocka_unit_test(test_partial_writes),
		cmocka_unit_test(test_read_eof),
		cmocka_unit_test(test_read_stops_at_message),
		cmocka_unit_test(test_blocking_round_trip),
		cmocka_unit_test(test_send_to_closed_peer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
