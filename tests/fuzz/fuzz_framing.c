/* libFuzzer target: the socket protocol's framing. The input's first byte
 * chooses piece sizes and the limit; the rest is (1) a byte stream from a
 * peer, fed to a reader in pieces: it never takes more than it is given,
 * stops only where a message ends, refuses lengths of 0 or above the
 * limit for good, and every message's text is its bytes up to the first
 * NUL; (2) texts (cut at NUL bytes) framed by writers in pieces and read
 * back by a reader: the same texts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/framing.h"

static size_t next_step(size_t step, uint8_t seed)
{
	return 1 + (step * 7 + seed) % 37;
}

static void check_stream(const uint8_t *data, size_t size, uint8_t seed)
{
	size_t limit = seed & 0x80 ? IPC_MAX_REQUEST : (size_t)(seed & 0x3f);
	size_t off = 0, step = 1 + (seed & 15);
	struct ipc_reader r;

	ipc_reader_init(&r, limit);
	while (off < size) {
		size_t n = step < size - off ? step : size - off;
		ssize_t k = ipc_reader_feed(&r, data + off, n);

		if (k < 0) {
			if (ipc_reader_feed(&r, data, 1) != k ||
			    ipc_reader_complete(&r) || ipc_reader_take(&r, NULL))
				abort();
			break;
		}
		if ((size_t)k > n)
			abort();
		off += (size_t)k;
		if (ipc_reader_complete(&r)) {
			size_t wire = 0, len;
			char *t = ipc_reader_take(&r, &wire);

			if (!t || wire == 0 || wire > limit || wire > off)
				abort();
			len = strlen(t);
			if (len > wire || memcmp(t, data + off - wire, len) ||
			    (len < wire && data[off - wire + len] != 0))
				abort();
			free(t);
		} else if ((size_t)k < n) {
			abort();
		}
		step = next_step(step, seed);
	}
	ipc_reader_free(&r);
}

/* Frame every text of data (cut at NULs) into one stream, a writer's
 * pending bytes taken in pieces. */
static uint8_t *frame_all(const uint8_t *data, size_t size, uint8_t seed,
			  size_t *len)
{
	uint8_t *out = malloc(size * (sizeof(size_t) + 2) + sizeof(size_t) + 1);
	size_t start = 0, end, step = 1;

	*len = 0;
	if (!out)
		abort();
	for (start = 0; start <= size; start = end + 1) {
		struct ipc_writer w;
		char *text;

		for (end = start; end < size && data[end]; end++)
			;
		text = strndup((const char *)data + start, end - start);
		if (!text)
			abort();
		ipc_writer_init(&w, text);
		while (!ipc_writer_done(&w)) {
			struct iovec iov[2];
			size_t n = (size_t)ipc_writer_pending(&w, iov);

			if (n < 1 || n > 2)
				abort();
			n = iov[0].iov_len < step ? iov[0].iov_len : step;
			memcpy(out + *len, iov[0].iov_base, n);
			*len += n;
			ipc_writer_advance(&w, n);
			step = next_step(step, seed);
		}
		ipc_writer_free(&w);
	}
	return out;
}

static void check_round_trip(const uint8_t *data, size_t size, uint8_t seed)
{
	size_t len, off = 0, start = 0, end, step = 1 + (seed >> 4);
	uint8_t *stream = frame_all(data, size, seed, &len);
	struct ipc_reader r;

	ipc_reader_init(&r, IPC_MAX_REPLY);
	for (start = 0; start <= size; start = end + 1) {
		char *t;

		for (end = start; end < size && data[end]; end++)
			;
		while (!ipc_reader_complete(&r)) {
			size_t n = step < len - off ? step : len - off;
			ssize_t k = ipc_reader_feed(&r, stream + off, n);

			if (k <= 0)
				abort();
			off += (size_t)k;
			step = next_step(step, seed);
		}
		t = ipc_reader_take(&r, NULL);
		if (!t || strlen(t) != end - start ||
		    memcmp(t, data + start, end - start))
			abort();
		free(t);
	}
	if (off != len)
		abort();
	ipc_reader_free(&r);
	free(stream);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	check_stream(data + 1, size - 1, data[0]);
	check_round_trip(data + 1, size - 1, data[0]);
	return 0;
}
