/* Direct reads of a path's first block, ten a second, counted. */
#include <errno.h>
#include <fcntl.h>
#include <libaio.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "iosample.h"
#include "util/log.h"

#define NSEC_PER_SEC 1000000000ULL
#define TICK_MS (1000 / IOSAMPLE_PER_SEC)
#define NR_EVENTS 64

struct iosample {
	struct iosampler *sp;
	struct iosample *next;
	int fd;
	void *buf;
	size_t len;
	struct iocb cb;
	bool inflight;		/* the kernel has cb and buf */
	bool timed_out;		/* the read out is already counted */
	bool ending;		/* the sample time is over */
	bool orphan;		/* nobody waits: free once nothing is out */
	uint64_t sent_ns, end_ns;
	unsigned int total, errors;
	iosample_done_fn done;
	void *arg;
	struct loop_timer tick;
};

struct iosampler {
	struct loop *l;
	io_context_t ctx;
	bool have_ctx;
	int efd;
	struct loop_watch w;
	struct iosample *list;
	unsigned int running;	/* not orphans */
};

static void completions(struct loop *l, struct loop_watch *w, uint32_t ev);

static int context_up(struct iosampler *sp)
{
	int r;

	if (sp->have_ctx)
		return 0;
	memset(&sp->ctx, 0, sizeof(sp->ctx));
	r = io_setup(NR_EVENTS, &sp->ctx);
	if (r < 0)
		return r;
	sp->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (sp->efd < 0) {
		r = -errno;
		io_destroy(sp->ctx);
		return r;
	}
	sp->w.fd = sp->efd;
	sp->w.fn = completions;
	sp->w.name = "completions";
	sp->w.arg = sp;
	r = loop_add(sp->l, &sp->w, EPOLLIN);
	if (r < 0) {
		close(sp->efd);
		io_destroy(sp->ctx);
		return r;
	}
	sp->have_ctx = true;
	return 0;
}

static void context_down(struct iosampler *sp)
{
	if (!sp->have_ctx || sp->list)
		return;
	loop_remove(sp->l, &sp->w);
	close(sp->efd);
	io_destroy(sp->ctx);
	sp->have_ctx = false;
}

static void sample_release(struct iosample *s)
{
	loop_timer_cancel(s->sp->l, &s->tick);
	if (s->fd >= 0)
		close(s->fd);
	free(s->buf);
	free(s);
}

static void sample_free(struct iosample *s)
{
	struct iosampler *sp = s->sp;
	struct iosample **pp;

	for (pp = &sp->list; *pp; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	sample_release(s);
	context_down(sp);
}

/* Nobody waits for it any more: free it now, or once its read is back. */
static void orphan(struct iosample *s)
{
	if (!s->orphan)
		s->sp->running--;
	s->orphan = true;
	loop_timer_cancel(s->sp->l, &s->tick);
	if (!s->inflight)
		sample_free(s);
}

static void finish(struct iosample *s)
{
	iosample_done_fn done = s->done;
	unsigned int errors = s->errors, total = s->total;
	void *arg = s->arg;

	orphan(s);
	done(s, errors, total, arg);
}

static void send_read(struct iosample *s)
{
	struct iocb *cbs[1] = { &s->cb };

	io_prep_pread(&s->cb, s->fd, s->buf, s->len, 0);
	s->cb.data = s;
	io_set_eventfd(&s->cb, s->sp->efd);
	s->sent_ns = loop_now_ns();
	s->timed_out = false;
	if (io_submit(s->sp->ctx, 1, cbs) == 1) {
		s->inflight = true;
		return;
	}
	s->total++;
	s->errors++;
}

static void tick(struct loop *l, struct loop_timer *t)
{
	struct iosample *s = t->arg;
	uint64_t now = loop_now_ns();
	bool late = s->inflight &&
		    now - s->sent_ns >= IOSAMPLE_TIMEOUT_S * NSEC_PER_SEC;

	if (late && !s->timed_out) {
		struct io_event ev;

		/* a read that takes this long has failed */
		s->timed_out = true;
		s->total++;
		s->errors++;
		io_cancel(s->sp->ctx, &s->cb, &ev);
	}
	if (now >= s->end_ns)
		s->ending = true;
	if (s->ending && (!s->inflight || s->timed_out)) {
		finish(s);
		return;
	}
	if (!s->ending && !s->inflight)
		send_read(s);
	loop_timer_in(l, t, TICK_MS);
}

static void completions(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct iosampler *sp = w->arg;
	struct io_event evs[NR_EVENTS];
	struct timespec zero = { 0, 0 };
	uint64_t n;
	int got, i;

	(void)l;
	(void)events;
	if (read(sp->efd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		condlog(3, "io sampling: eventfd: %s", strerror(errno));
	do {
		got = io_getevents(sp->ctx, 0, NR_EVENTS, evs, &zero);
		for (i = 0; i < got; i++) {
			struct iosample *s = evs[i].data;

			s->inflight = false;
			if (!s->timed_out) {
				s->total++;
				if (evs[i].res != s->len)
					s->errors++;
			}
			if (s->orphan)
				sample_free(s);
			else if (s->ending)
				finish(s);
		}
	} while (got == NR_EVENTS);
}

struct iosampler *iosampler_new(struct loop *l)
{
	struct iosampler *sp = calloc(1, sizeof(*sp));

	if (sp) {
		sp->l = l;
		sp->efd = -1;
	}
	return sp;
}

void iosampler_free(struct iosampler *sp)
{
	struct iosample *s, *next;

	if (!sp)
		return;
	if (sp->have_ctx) {
		loop_remove(sp->l, &sp->w);
		/* waits for the reads still out */
		io_destroy(sp->ctx);
		close(sp->efd);
	}
	for (s = sp->list; s; s = next) {
		next = s->next;
		sample_release(s);
	}
	free(sp);
}

struct iosample *iosample_start(struct iosampler *sp, const char *node,
				unsigned int seconds, iosample_done_fn done,
				void *arg)
{
	struct iosample *s;
	int bs = 0, r;

	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->fd = open(node, O_RDONLY | O_DIRECT | O_CLOEXEC);
	if (s->fd < 0) {
		condlog(2, "io sampling: cannot open %s: %s", node,
			strerror(errno));
		free(s);
		return NULL;
	}
	if (ioctl(s->fd, BLKSSZGET, &bs) < 0 || bs <= 0)
		bs = 512;
	s->len = bs > 4096 ? (size_t)bs : 4096;
	if (posix_memalign(&s->buf, s->len, s->len)) {
		close(s->fd);
		free(s);
		return NULL;
	}
	r = context_up(sp);
	if (r < 0) {
		condlog(2, "io sampling: no AIO context: %s", strerror(-r));
		close(s->fd);
		free(s->buf);
		free(s);
		return NULL;
	}
	s->sp = sp;
	s->done = done;
	s->arg = arg;
	s->end_ns = loop_now_ns() + (uint64_t)seconds * NSEC_PER_SEC;
	s->tick.fn = tick;
	s->tick.name = "tick";
	s->tick.arg = s;
	s->next = sp->list;
	sp->list = s;
	sp->running++;
	send_read(s);
	loop_timer_in(sp->l, &s->tick, TICK_MS);
	return s;
}

void iosample_cancel(struct iosample *s)
{
	if (s && !s->orphan)
		orphan(s);
}

unsigned int iosampler_running(const struct iosampler *sp)
{
	return sp ? sp->running : 0;
}
