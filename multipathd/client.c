/* The one-shot client, `multipathd CMD...`: build the request, exchange
 * it with the daemon, print the reply, return the reference's status. */
#include <errno.h>
#include <string.h>

#include "client.h"
#include "ipc/framing.h"
#include "ipc/uxsock.h"
#include "util/cleanup.h"

/* the reference's client waits this much longer than uxsock_timeout */
#define CLIENT_TIMEOUT_MARGIN_MS 100

void client_opts_default(struct client_opts *o)
{
	*o = (struct client_opts){
		.uxsock_timeout_ms = MULTIPATHD_REPLY_TIMEOUT,
		.abstract_name = MULTIPATHD_ABSTRACT_SOCKET,
		.path = MULTIPATHD_PATH_SOCKET,
	};
}

int client_build_request(int argc, char *const argv[], struct strbuf *out)
{
	int i, r;

	for (i = 0; i < argc; i++) {
		r = strchr(argv[i], ' ') ? strbuf_printf(out, "\"%s\" ", argv[i])
					 : strbuf_printf(out, "%s ", argv[i]);
		if (r < 0)
			return r;
		if (strbuf_len(out) >= CLIENT_MAX_REQUEST)
			return -E2BIG;
	}
	/* the reference's buffer may have no room left for the newline */
	if (strbuf_len(out) + 1 < CLIENT_MAX_REQUEST &&
	    strbuf_addc(out, '\n') < 0)
		return -ENOMEM;
	return 0;
}

/* The errno the reference prints for a failed receive. */
static int reference_errno(int r)
{
	/* it refuses a length of 0 or too large one with ERANGE */
	return r == -EBADMSG || r == -EMSGSIZE ? -ERANGE : r;
}

int client_exchange(const char *request, const struct client_opts *o,
		    char **reply, enum client_step *failed)
{
	int timeout = o->uxsock_timeout_ms + CLIENT_TIMEOUT_MARGIN_MS;
	_cleanup_close_ int fd = mpath_connect_to(o->abstract_name, o->path);
	int r;

	*reply = NULL;
	*failed = CLIENT_CONNECT;
	if (fd < 0)
		return fd;
	*failed = CLIENT_SEND;
	r = mpath_send_msg(fd, request, timeout);
	if (r < 0)
		return r;
	*failed = CLIENT_RECEIVE;
	return mpath_recv_msg(fd, IPC_MAX_REPLY, timeout, reply);
}

int client_request(const char *request, const struct client_opts *o)
{
	FILE *out = o->out ? o->out : stdout;
	_cleanup_free_ char *reply = NULL;
	enum client_step failed;
	int r = client_exchange(request, o, &reply, &failed);

	if (r < 0 && failed == CLIENT_CONNECT)
		return 1;
	if (r < 0 && failed == CLIENT_SEND) {
		fputs("cannot send packet\n", out);
		return 1;
	}
	if (r == -ETIMEDOUT) {
		fputs("timeout receiving packet\n", out);
		return 1;
	}
	if (r < 0) {
		fprintf(out, "error %d receiving packet\n", reference_errno(r));
		return 1;
	}
	fputs(reply, out);
	fflush(out);
	return strcmp(reply, "fail\n") == 0;
}

int client_run(int argc, char *const argv[], const struct client_opts *o)
{
	_cleanup_strbuf_ struct strbuf req = STRBUF_INIT;
	int r = client_build_request(argc, argv, &req);

	if (r == -E2BIG)
		fputs("multipathd command too large\n", o->err ? o->err : stderr);
	if (r < 0)
		return 1;
	return client_request(strbuf_str(&req), o);
}

int client_main(int argc, char **argv)
{
	struct client_opts o;

	client_opts_default(&o);
	return client_run(argc, argv, &o);
}
