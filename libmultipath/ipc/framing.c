/* Framing of the multipathd socket protocol: the incremental reader and
 * the resumable writer (see framing.h for the rules). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ipc/framing.h"

#define HDR_SIZE sizeof(size_t)

void ipc_reader_init(struct ipc_reader *r, size_t limit)
{
	memset(r, 0, sizeof(*r));
	r->limit = limit;
}

void ipc_reader_free(struct ipc_reader *r)
{
	free(r->body);
	ipc_reader_init(r, r->limit);
}

size_t ipc_reader_want(const struct ipc_reader *r)
{
	if (r->have < HDR_SIZE)
		return HDR_SIZE - r->have;
	return r->len - (r->have - HDR_SIZE);
}

bool ipc_reader_complete(const struct ipc_reader *r)
{
	return !r->error && r->have >= HDR_SIZE && ipc_reader_want(r) == 0;
}

/* The header is in: check the length, make room for the body. */
static int reader_start_body(struct ipc_reader *r)
{
	memcpy(&r->len, r->hdr, HDR_SIZE);
	if (r->len == 0)
		return -EBADMSG;
	if (r->len > r->limit)
		return -EMSGSIZE;
	r->body = malloc(r->len + 1);
	if (!r->body)
		return -ENOMEM;
	r->body[r->len] = '\0';
	return 0;
}

ssize_t ipc_reader_feed(struct ipc_reader *r, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	size_t used = 0, k;

	if (r->error)
		return r->error;
	if (r->have < HDR_SIZE) {
		k = ipc_reader_want(r) < n ? ipc_reader_want(r) : n;
		memcpy(r->hdr + r->have, p, k);
		r->have += k;
		used = k;
		if (r->have < HDR_SIZE)
			return (ssize_t)used;
		r->error = reader_start_body(r);
		if (r->error)
			return r->error;
	}
	k = ipc_reader_want(r) < n - used ? ipc_reader_want(r) : n - used;
	memcpy(r->body + (r->have - HDR_SIZE), p + used, k);
	r->have += k;
	return (ssize_t)(used + k);
}

char *ipc_reader_take(struct ipc_reader *r, size_t *wire_len)
{
	char *text = r->body;

	if (!ipc_reader_complete(r))
		return NULL;
	if (wire_len)
		*wire_len = r->len;
	r->body = NULL;
	ipc_reader_init(r, r->limit);
	return text;
}

int ipc_reader_read(struct ipc_reader *r, int fd)
{
	/* straight into the header or the body, never past the message */
	unsigned char *dst;
	ssize_t n;

	if (r->error)
		return r->error;
	if (ipc_reader_complete(r))
		return 1;
	dst = r->have < HDR_SIZE ? r->hdr + r->have
				 : (unsigned char *)r->body + (r->have - HDR_SIZE);
	n = recv(fd, dst, ipc_reader_want(r), MSG_DONTWAIT);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
			       ? 0 : -errno;
	if (n == 0)
		return r->have ? -EIO : -EPIPE;
	r->have += (size_t)n;
	if (r->have == HDR_SIZE) {
		r->error = reader_start_body(r);
		if (r->error)
			return r->error;
	}
	return ipc_reader_complete(r);
}

void ipc_writer_init(struct ipc_writer *w, char *text)
{
	w->body = text;
	w->len = strlen(text) + 1;
	w->off = 0;
	memcpy(w->hdr, &w->len, HDR_SIZE);
}

/* Frame a heap text, -ENOMEM if there is none. */
static int writer_init_owned(struct ipc_writer *w, char *text)
{
	if (!text)
		return -ENOMEM;
	ipc_writer_init(w, text);
	return 0;
}

int ipc_writer_init_copy(struct ipc_writer *w, const char *text)
{
	return writer_init_owned(w, strdup(text));
}

int ipc_writer_init_strbuf(struct ipc_writer *w, struct strbuf *sb)
{
	return writer_init_owned(w, strbuf_steal(sb));
}

void ipc_writer_free(struct ipc_writer *w)
{
	free(w->body);
	memset(w, 0, sizeof(*w));
}

bool ipc_writer_done(const struct ipc_writer *w)
{
	return w->off >= HDR_SIZE + w->len;
}

int ipc_writer_pending(const struct ipc_writer *w, struct iovec iov[2])
{
	int n = 0;

	if (w->off < HDR_SIZE) {
		iov[n].iov_base = (void *)(w->hdr + w->off);
		iov[n++].iov_len = HDR_SIZE - w->off;
	}
	if (!ipc_writer_done(w)) {
		size_t body_off = w->off > HDR_SIZE ? w->off - HDR_SIZE : 0;

		iov[n].iov_base = w->body + body_off;
		iov[n++].iov_len = w->len - body_off;
	}
	return n;
}

void ipc_writer_advance(struct ipc_writer *w, size_t n)
{
	w->off += n;
}

int ipc_writer_flush(struct ipc_writer *w, int fd)
{
	while (!ipc_writer_done(w)) {
		struct iovec iov[2];
		struct msghdr msg = { .msg_iov = iov };
		ssize_t n;

		msg.msg_iovlen = (size_t)ipc_writer_pending(w, iov);
		n = sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			return -errno;
		}
		ipc_writer_advance(w, (size_t)n);
	}
	return 1;
}
