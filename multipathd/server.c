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

/* Clients at once. When all are taken, a new client gets the place of
 * the client idle the longest (not root, if one is not): whoever holds
 * connections open cannot keep root out. */
#define MAX_CLIENTS 1024
/* A request must arrive whole within this time of its first byte (the
 * reference's clients send it in one write); a reply must make progress
 * within REPLY_STALL_MS. Slower clients are dropped: a client that sends
 * a length and never the body, or never reads its reply, holds a place
 * and memory only that long. */
#define REQUEST_MS 5000
#define REPLY_STALL_MS 30000
/* one line per kind of refused or dropped client per this interval at
 * most */
#define DROP_LOG_MS 10000

enum drop_kind {
	DROP_SLOW_REQUEST,
	DROP_SLOW_REPLY,
	DROP_EVICTED,
	DROP_REFUSED,
	DROP__MAX
};

static const char *const drop_what[DROP__MAX] = {
	[DROP_SLOW_REQUEST] = "dropping a client whose request does not arrive",
	[DROP_SLOW_REPLY] = "dropping a client that does not read its reply",
	[DROP_EVICTED] = "too many clients, dropping the one idle the longest",
	[DROP_REFUSED] = "all places busy, refusing a client",
};

struct client {
	struct loop_watch w;
	struct loop_timer deadline;	/* armed while a request or a reply
					 * is under way */
	struct server *srv;
	struct ipc_reader in;
	struct ipc_writer out;
	uint64_t idle_since_ns;		/* between requests: since when */
	bool replying;
	bool root;
	bool closed;
	struct client *prev, *next;
};

struct server {
	struct daemon *dd;
	struct ipc_server ipc;
	struct loop_watch lw[IPC_MAX_LISTEN];
	struct client *clients;		/* newest first */
	unsigned int nclients;
	unsigned long requests;
	/* per kind of drop: how many since its last log line, and when */
	struct {
		unsigned long n;
		uint64_t logged_ns;
	} drops[DROP__MAX];
};

/* A client dropped or refused; a line about it, at most one per kind
 * every DROP_LOG_MS (a flood of abusive connections must not flood the
 * log too), with how many there were since the last one. */
static void log_drop(struct server *s, enum drop_kind k)
{
	uint64_t now = loop_now_ns();

	s->drops[k].n++;
	if (s->drops[k].logged_ns &&
	    now - s->drops[k].logged_ns < (uint64_t)DROP_LOG_MS * 1000000ULL)
		return;
	condlog(1, "cli: %s (%lu since the last such line, %u clients connected)",
		drop_what[k], s->drops[k].n, s->nclients);
	s->drops[k].logged_ns = now;
	s->drops[k].n = 0;
}

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
	loop_timer_cancel(&s->dd->loop, &c->deadline);
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
		c->idle_since_ns = loop_now_ns();
		return;
	}
	c->replying = true;
	loop_timer_in(&s->dd->loop, &c->deadline, REPLY_STALL_MS);
	loop_modify(&s->dd->loop, &c->w, EPOLLOUT);
}

/* Too slow with its request or its reply. */
static void on_deadline(struct loop *l, struct loop_timer *t)
{
	struct client *c = t->arg;
	struct server *s = c->srv;

	enum drop_kind k = c->replying ? DROP_SLOW_REPLY : DROP_SLOW_REQUEST;

	(void)l;
	if (c->closed)
		return;
	log_drop(s, k);
	client_close(c);
}

static void on_client(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct client *c = w->arg;
	int r;

	if (c->closed)
		return;
	if (c->replying) {
		size_t before = c->out.off;

		r = ipc_writer_flush(&c->out, c->w.fd);
		if (r < 0) {
			client_close(c);
			return;
		}
		if (!ipc_writer_done(&c->out)) {
			/* progress: a slow reader is not a stalled one */
			if (c->out.off != before)
				loop_timer_in(l, &c->deadline, REPLY_STALL_MS);
			return;
		}
		ipc_writer_free(&c->out);
		c->replying = false;
		loop_timer_cancel(l, &c->deadline);
		c->idle_since_ns = loop_now_ns();
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
	/* the first bytes of a request: it has REQUEST_MS to arrive */
	if (r == 0 && c->in.have && !c->deadline.armed)
		loop_timer_in(l, &c->deadline, REQUEST_MS);
	if (r == 1) {
		loop_timer_cancel(l, &c->deadline);
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

/* The client idle the longest, between two requests (a non-root one
 * first); NULL when every client is in the middle of an exchange. */
static struct client *longest_idle(struct server *s)
{
	struct client *c, *best = NULL;

	for (c = s->clients; c; c = c->next) {
		if (c->closed || c->replying || c->in.have)
			continue;
		if (!best || (best->root && !c->root) ||
		    (best->root == c->root &&
		     c->idle_since_ns <= best->idle_since_ns))
			best = c;
	}
	return best;
}

/* Room for one more client: the longest idle one goes when all places
 * are taken. false when none can go (every place is busy: the new
 * client is refused; the others' deadlines free places soon). */
static bool make_room(struct server *s)
{
	struct client *victim;

	if (s->nclients < MAX_CLIENTS)
		return true;
	victim = longest_idle(s);
	if (!victim) {
		log_drop(s, DROP_REFUSED);
		return false;
	}
	client_close(victim);
	log_drop(s, DROP_EVICTED);
	return true;
}

static void on_listen(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct server *s = w->arg;
	struct client *c;
	int fd;

	while ((fd = ipc_accept(w->fd)) >= 0) {
		if (!make_room(s)) {
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
		c->w.name = "on_client";
		c->w.arg = c;
		c->deadline.fn = on_deadline;
		c->deadline.name = "on_deadline";
		c->deadline.arg = c;
		c->idle_since_ns = loop_now_ns();
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
		s->lw[i].name = "on_listen";
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
