/* Framing of the multipathd socket protocol (the reference's): a message
 * is a native-endian size_t length, then that many bytes of text ending in
 * a NUL, in each direction. An incremental reader and a resumable writer
 * for non-blocking sockets; the pure parts work on buffers. */
#ifndef MP_IPC_FRAMING_H
#define MP_IPC_FRAMING_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "util/strbuf.h"

/* The reference's limits: a daemon drops a client whose request is longer
 * than 512 bytes; a client refuses a reply of 32 MiB or more. */
#define IPC_MAX_REQUEST ((size_t)512)
#define IPC_MAX_REPLY ((size_t)32 * 1024 * 1024 - 1)

/*
 * Reads one message at a time. A length of 0 is refused (-EBADMSG) and
 * one above the caller's limit too (-EMSGSIZE), before anything is
 * allocated; both errors stick until ipc_reader_free(). The text of a
 * message is what precedes its first NUL, all of it when it has none: the
 * reference's daemon reads a request the same way, and any byte other
 * than NUL is text (invalid UTF-8 too).
 */
struct ipc_reader {
	size_t limit;
	size_t len;	/* the message's length, once the header is in */
	size_t have;	/* bytes of header and body received */
	int error;
	unsigned char hdr[sizeof(size_t)];
	char *body;	/* len + 1 bytes once the header is in */
};

void ipc_reader_init(struct ipc_reader *r, size_t limit);
void ipc_reader_free(struct ipc_reader *r);
/* How many bytes the current message still needs: the rest of its header,
 * then the rest of its body; 0 once it is complete. Reading no more than
 * this never takes bytes of the next message. */
size_t ipc_reader_want(const struct ipc_reader *r);
bool ipc_reader_complete(const struct ipc_reader *r);
/* Consume bytes of the current message from buf: the count taken (at most
 * n; it stops where the message ends, so the rest belongs to the next
 * one), or the reader's error. */
ssize_t ipc_reader_feed(struct ipc_reader *r, const void *buf, size_t n);
/* The text of the complete message (heap, NUL-terminated; free() it), and
 * the reader is ready for the next message. *wire_len (may be NULL) gets
 * the length the header announced. NULL if incomplete. */
char *ipc_reader_take(struct ipc_reader *r, size_t *wire_len);
/* One read from a socket, of at most what the message still needs:
 * 1 when the message is complete, 0 when the socket has nothing now,
 * -EPIPE when the peer closed between messages, -EIO when it closed in
 * the middle of one, the reader's error or another -errno. */
int ipc_reader_read(struct ipc_reader *r, int fd);

/*
 * Sends one message, resumably: each flush sends what the socket takes
 * and remembers how far it got.
 */
struct ipc_writer {
	unsigned char hdr[sizeof(size_t)];
	char *body;	/* the text and its NUL */
	size_t len;	/* bytes of body */
	size_t off;	/* bytes of header and body sent */
};

/* Frame text (a heap string, which the writer now owns) with its NUL. */
void ipc_writer_init(struct ipc_writer *w, char *text);
/* Frame a copy of text; -ENOMEM. */
int ipc_writer_init_copy(struct ipc_writer *w, const char *text);
/* Frame the text of sb, which is left empty. -ENOMEM. */
int ipc_writer_init_strbuf(struct ipc_writer *w, struct strbuf *sb);
void ipc_writer_free(struct ipc_writer *w);
bool ipc_writer_done(const struct ipc_writer *w);
/* The bytes still to send, in at most two pieces; returns how many. */
int ipc_writer_pending(const struct ipc_writer *w, struct iovec iov[2]);
/* Count n more bytes as sent (n no more than what is pending). */
void ipc_writer_advance(struct ipc_writer *w, size_t n);
/* Send what the socket takes now, without blocking and without SIGPIPE:
 * 1 when all is sent, 0 when the socket is full (flush again once it is
 * writable), -EPIPE when the peer is gone, another -errno. */
int ipc_writer_flush(struct ipc_writer *w, int fd);

#endif
