/* Path checkers: a registry of small ops tables (one file per checker),
 * the per-path checker, the asynchronous engine that runs the checks, and
 * the synchronous batch multipath -ll uses. */
#ifndef MP_CHECKERS_CHECKER_H
#define MP_CHECKERS_CHECKER_H

#include <stdbool.h>
#include <stddef.h>

#include "model/path.h"

struct discovery;
struct check_engine;
struct check_req;

#define CHECKER_MSG_LEN 128

/*
 * One check as a checker's functions see it. Everything here is a copy
 * owned by the request: a check runs on a worker thread and never touches
 * paths, maps or the struct checker.
 */
struct check_call {
	const struct checker_ops *ops;
	int fd;			/* the device, opened with ops->open_flags */
	const char *dev;	/* "sda", for messages */
	unsigned int timeout_ms;
	void *ctx;		/* per path: what ops->init stored */
	void *mpctx;		/* per map, may be NULL (emc_clariion) */
	/* results besides the state */
	const char *msg;	/* static text after "<name> checker", or NULL */
	int note_level;		/* note[] is logged at this level by the */
	char note[128];		/* thread that processes the completion */
};

/* Where a checker's check runs. */
enum checker_run {
	CHECK_ON_WORKER,	/* check() blocks: a worker thread runs it */
	CHECK_INLINE,		/* check() never blocks and needs no device */
	CHECK_ON_AIO,		/* an O_DIRECT read on the shared AIO context */
};

/* open_flags of work that is not a check (a prioritizer): the engine
 * opens no device for it, check() works on what cc->ctx holds. */
#define CHECKER_NO_DEVICE (-1)

struct checker_ops {
	const char *name;
	int open_flags;		/* open(2) flags for /dev/<dev>, or
				 * CHECKER_NO_DEVICE */
	enum checker_run run;
	/* Optional, on the first check of a path, before check(): set up
	 * cc->ctx (may do I/O). 0 or -errno (the path is then unchecked). */
	int (*init)(struct check_call *cc);
	void (*free)(void *ctx);
	/* The check: a path_state, cc->msg, maybe a note. For CHECK_ON_AIO,
	 * the blocking fallback when the process has no AIO context. */
	enum path_state (*check)(struct check_call *cc);
	/* CHECK_ON_AIO: how many bytes to read at offset 0 ... */
	size_t (*read_len)(int fd);
	/* ... and the verdict on the read's result (bytes or -errno). */
	enum path_state (*read_done)(struct check_call *cc, long res,
				     size_t len);
	const void *plugin;	/* external checkers: their descriptor */
};

extern const struct checker_ops checker_cciss_tur;
extern const struct checker_ops checker_directio;
extern const struct checker_ops checker_emc_clariion;
extern const struct checker_ops checker_hp_sw;
extern const struct checker_ops checker_none;
extern const struct checker_ops checker_rdac;
extern const struct checker_ops checker_readsector0;
extern const struct checker_ops checker_tur;

/* A built-in checker, else the plugin <dir>/checker_<name>.so (dir NULL:
 * MP_PLUGIN_DIR); NULL when there is none (logged like the reference). */
const struct checker_ops *checker_lookup(const char *name);
const struct checker_ops *checker_lookup_in(const char *dir,
					    const char *name);

/* The reference's names of checker states ("up", "down", "timeout" ...),
 * as its logs show them. */
const char *checker_state_name(enum path_state st);

/* ---- one path's checker ---------------------------------------------------- */

struct checker;
/* Called from check_engine_process() when a started check has a result. */
typedef void (*checker_done_fn)(struct checker *c, void *arg);

struct checker {
	const struct checker_ops *ops;
	char dev[DEV_NAME_SIZE];
	int fd;			/* opened at the first check, or given */
	unsigned int timeout_ms;
	void *mpctx;		/* per map context for ops that use one */
	/* the last result */
	enum path_state state;
	char message[CHECKER_MSG_LEN];	/* "tur checker reports path is up" */
	unsigned long elapsed_ms;	/* how long the check took */
	/* private: the engine's */
	void *ctx;
	bool ctx_ready;
	struct check_req *req;		/* the check in flight */
	struct check_req *stalled;	/* a timed-out check still running */
	checker_done_fn done;
	void *done_arg;
};

/* Set up c for device dev ("sda": /dev/sda, or an absolute path); no I/O,
 * nothing to undo but checker_release(). */
void checker_init(struct checker *c, const struct checker_ops *ops,
		  const char *dev, unsigned int timeout_ms);
/* Use fd (owned by c from now on) instead of opening /dev/<dev>. */
void checker_set_fd(struct checker *c, int fd);

/*
 * Start a check of c on engine e; never blocks. done(c, arg) is called
 * later from check_engine_process() with c->state and c->message set:
 * the checker's verdict, or PATH_TIMEOUT ("<name> checker timed out")
 * when it has not come within c->timeout_ms. While a timed-out check is
 * still stuck in the kernel, a new start reports PATH_TIMEOUT at once.
 * Returns 0, -EBUSY if a check of c is in flight, -errno.
 */
int checker_start(struct check_engine *e, struct checker *c,
		  checker_done_fn done, void *arg);
/* Forget the check in flight (no callback); a stuck one is left to end
 * in the background. */
void checker_cancel(struct checker *c);
/* Cancel, then free what c holds (context, file descriptor); nothing
 * for a checker never set up with checker_init(). */
void checker_release(struct checker *c);
/* Start a check and wait for its result (at most about c->timeout_ms). */
enum path_state checker_check_sync(struct check_engine *e, struct checker *c);

/* ---- the engine ----------------------------------------------------------------- */

/*
 * An engine runs checks: blocking ones on an elastic pool of at most
 * max_workers threads, directio on one libaio context (set up at the
 * first directio check, sized down when fs.aio-max-nr is low). Results
 * and timeouts make check_engine_fd() readable; the caller then calls
 * check_engine_process(), which invokes the done callbacks.
 */
int check_engine_new(struct check_engine **ep, unsigned int max_workers);
/* Free e. Checks still running (stuck in the kernel) are waited for. */
void check_engine_free(struct check_engine *e);
/* The process's engine (created at first use, never freed), so that all
 * paths of the process share one AIO context; NULL on failure. */
struct check_engine *check_engine_shared(void);

/* A file descriptor to poll for input (an epoll fd). */
int check_engine_fd(const struct check_engine *e);
/* Deliver completed and timed-out checks; the number delivered. */
int check_engine_process(struct check_engine *e);
/* The same for about budget_ms (0: no limit), oldest results first; what
 * is left is delivered by the next call (the fd stays readable). */
int check_engine_process_for(struct check_engine *e, unsigned int budget_ms);
/* Wait up to timeout_ms (-1: no limit) for the fd, then process. */
int check_engine_wait(struct check_engine *e, int timeout_ms);
/* Checks started and not yet freed (including stuck ones). */
size_t check_engine_live(const struct check_engine *e);
/* Worker threads alive, and the size of the AIO context (0: none yet). */
unsigned int check_engine_workers(const struct check_engine *e);
unsigned int check_engine_aio_events(const struct check_engine *e);

/* ---- multipath: the paths of one command --------------------------------------- */

/* The checker name for pp (detect_checker, overrides, devices, defaults),
 * logged with its origin at -v3. */
const char *checker_select(const struct discovery *d, const struct path *pp);
/* checker_timeout, else the device's SCSI timeout, else 30 s (in ms). */
unsigned checker_timeout_ms(const struct discovery *d, const struct path *pp);

/* Check n paths at once on the shared engine and wait for all results
 * (bounded by the checkers' timeouts); sets each path's state,
 * checker_name and checker_msg the way the reference's pathinfo() does. */
void paths_check(const struct discovery *d, struct path *const *paths,
		 size_t n);
/* paths_check() of one path. */
void path_check_sync(const struct discovery *d, struct path *pp);

#endif
