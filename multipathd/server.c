/* The command socket in the loop: the listening sockets, and clients that
 * are read and written without ever blocking the loop (a client that
 * does not read its reply only waits itself; its requests are not read
 * until the reply is out). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "cli_reply.h"
#include "commands.h"
#include "daemon.h"
#include "ipc/framing.h"
#include "ipc/server.h"
#include "ipc/uxsock.h"
#include "server.h"
#include "util/log.h"

/* Clients at once; more are refused until one leaves. */
#define MAX_CLIENTS 1024

struct client {
	struct loop_watch w;
	struct server *srv;
	struct ipc_reader in;
	struct ipc_writer out;
	bool replying;
	bool root;
	bool closed;
	struct client *prev, *next;
};

struct server {
	struct daemon *dd;
	struct ipc_server ipc;
	struct loop_watch lw[IPC_MAX_LISTEN];
	struct client *clients;
	unsigned int nclients;
	unsigned long requests;
};

static void client_free(void *arg)
{
	struct client *c = arg;

	ipc_reader_free(&c->in);
	ipc_writer_free(&c->out);
	free(c);
}

static void client_close(struct client *c)
{
	struct server *s = c->srv;

	if (c->closed)
		return;
	c->closed = true;
	loop_remove(&s->dd->loop, &c->w);
	close(c->w.fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		s->clients = c->next;
	if (c->next)
		c->next->prev = c->prev;
	s->nclients--;
	/* an event of this batch may still name it */
	if (loop_defer(&s->dd->loop, client_free, c) < 0)
		client_free(c);
}

static void answer(struct client *c, char *request)
{
	struct server *s = c->srv;
	struct strbuf reply = STRBUF_INIT;
	int r;

	s->requests++;
	r = cli_handle(request, c->root, daemon_handlers, s->dd, &reply);
	condlog(r < 0 && r != -ESRCH ? 3 : 4, "cli: \"%s\": %s", request,
		r ? strerror(-r) : "ok");
	if (ipc_writer_init_strbuf(&c->out, &reply) < 0) {
		strbuf_free(&reply);
		client_close(c);
		return;
	}
	/* most replies fit in the socket at once: no wait for EPOLLOUT */
	r = ipc_writer_flush(&c->out, c->w.fd);
	if (r < 0) {
		client_close(c);
		return;
	}
	if (r == 1) {
		ipc_writer_free(&c->out);
		return;
	}
	c->replying = true;
	loop_modify(&s->dd->loop, &c->w, EPOLLOUT);
}

static void on_client(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct client *c = w->arg;
	int r;

	if (c->closed)
		return;
	if (c->replying) {
		r = ipc_writer_flush(&c->out, c->w.fd);
		if (r < 0) {
			client_close(c);
			return;
		}
		if (!ipc_writer_done(&c->out))
			return;
		ipc_writer_free(&c->out);
		c->replying = false;
		loop_modify(l, &c->w, EPOLLIN);
		return;
	}
	if (events & (EPOLLERR | EPOLLHUP) && !(events & EPOLLIN)) {
		client_close(c);
		return;
	}
	r = ipc_reader_read(&c->in, c->w.fd);
	if (r < 0) {
		/* gone between requests is a normal end */
		if (r != -EPIPE && r != -ECONNRESET)
			log_errno(2, r, "cli: dropping a client");
		client_close(c);
		return;
	}
	if (r == 1) {
		size_t len;
		char *req = ipc_reader_take(&c->in, &len);

		if (!req) {
			client_close(c);
			return;
		}
		answer(c, req);
		free(req);
	}
}

static void on_listen(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct server *s = w->arg;
	struct client *c;
	int fd;

	while ((fd = ipc_accept(w->fd)) >= 0) {
		if (s->nclients >= MAX_CLIENTS) {
			condlog(1, "cli: %u clients connected, refusing more",
				s->nclients);
			close(fd);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->srv = s;
		c->w.fd = fd;
		c->w.fn = on_client;
		c->w.arg = c;
		c->root = peer_is_root(fd);
		ipc_reader_init(&c->in, IPC_MAX_REQUEST);
		if (loop_add(l, &c->w, EPOLLIN) < 0) {
			client_free(c);
			close(fd);
			continue;
		}
		c->next = s->clients;
		if (s->clients)
			s->clients->prev = c;
		s->clients = c;
		s->nclients++;
	}
}

int server_start(struct daemon *dd)
{
	struct server *s = calloc(1, sizeof(*s));
	size_t i;
	int r;

	if (!s)
		return -ENOMEM;
	s->dd = dd;
	r = ipc_server_open(&s->ipc, MULTIPATHD_ABSTRACT_SOCKET,
			    MULTIPATHD_PATH_SOCKET);
	if (r < 0) {
		free(s);
		return log_errno(0, r, "cannot listen on the command socket");
	}
	for (i = 0; i < s->ipc.n; i++) {
		s->lw[i].fd = s->ipc.fd[i];
		s->lw[i].fn = on_listen;
		s->lw[i].arg = s;
		r = loop_add(&dd->loop, &s->lw[i], EPOLLIN);
		if (r < 0) {
			ipc_server_close(&s->ipc);
			free(s);
			return log_errno(0, r, "cannot watch the command socket");
		}
	}
	dd->server = s;
	return 0;
}

void server_stop(struct daemon *dd)
{
	struct server *s = dd->server;
	size_t i;

	if (!s)
		return;
	while (s->clients)
		client_close(s->clients);
	for (i = 0; i < s->ipc.n; i++)
		loop_remove(&dd->loop, &s->lw[i]);
	ipc_server_close(&s->ipc);
	free(s);
	dd->server = NULL;
}

unsigned int server_clients(const struct daemon *dd)
{
	return dd->server ? dd->server->nclients : 0;
}
