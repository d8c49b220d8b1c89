/* The one-shot client, `multipathd CMD...`: one request built from the
 * words as the reference builds it, sent to the running daemon, its reply
 * printed as it came, and the reference's exit status. */
#ifndef MPD_CLIENT_H
#define MPD_CLIENT_H

#include <stdio.h>

#include "util/strbuf.h"

/* the reference's limit on the request the words make (its CMDSIZE) */
#define CLIENT_MAX_REQUEST 160

struct client_opts {
	/* the configuration's uxsock_timeout: each wait for the daemon
	 * lasts 100 ms longer, as in the reference */
	int uxsock_timeout_ms;
	/* where the daemon listens; NULL skips one */
	const char *abstract_name;
	const char *path;
	/* the reply and the reference's messages about the exchange go to
	 * out; the message about an overlong command to err */
	FILE *out, *err;
};

/* The daemon's sockets and timeout; stdout and stderr. */
void client_opts_default(struct client_opts *o);

/* The request for the words: each followed by a space (in double quotes
 * when it holds one), then a newline, as the reference's client sends
 * them. -E2BIG when that takes CLIENT_MAX_REQUEST bytes or more; -ENOMEM. */
int client_build_request(int argc, char *const argv[], struct strbuf *out);

/* The step of an exchange that failed. */
enum client_step {
	CLIENT_CONNECT,
	CLIENT_SEND,
	CLIENT_RECEIVE,
};

/* Send a request and receive the reply into *reply (heap; free() it),
 * printing nothing: 0, or -errno with *failed the step that failed. */
int client_exchange(const char *request, const struct client_opts *o,
		    char **reply, enum client_step *failed);

/* Send a request (the words' request, or the verbatim text of
 * `multipathd -k"CMD"`), print the reply. The exit status: 1 when the
 * daemon cannot be reached (silently, like the reference), the exchange
 * fails ("cannot send packet", "timeout receiving packet", "error -N
 * receiving packet" on out) or the reply is "fail"; else 0. */
int client_request(const char *request, const struct client_opts *o);

/* `multipathd WORD...`: argv holds the words only (argc of them). */
int client_run(int argc, char *const argv[], const struct client_opts *o);
/* The same with the default options. */
int client_main(int argc, char **argv);

#endif
