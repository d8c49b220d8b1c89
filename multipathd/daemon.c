/* The daemon's life: start-up (udev monitor before discovery so that no
 * event is lost, paths, adoption of the kernel's maps, the command
 * socket), the loop, and shutdown (every map stays). */
#include <errno.h>
#include <libudev.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include <urcu.h>

#include "config/config.h"
#include "daemon.h"
#include "util/fdlimit.h"
#include "discovery/enumerate.h"
#include "dm/dmcmd.h"
#include "iosample.h"
#include "server.h"
#include "util/log.h"
#include "util/daemonize.h"
#include "util/sd_notify.h"

const char *daemon_state_name(enum daemon_state s)
{
	switch (s) {
	case DAEMON_INIT:
		return "init";
	case DAEMON_CONFIGURE:
		return "configure";
	case DAEMON_IDLE:
		return "idle";
	case DAEMON_RUNNING:
		return "running";
	case DAEMON_SHUTDOWN:
		return "shutdown";
	}
	return "unknown";
}

void daemon_set_state(struct daemon *dd, enum daemon_state s)
{
	if (dd->state == s)
		return;
	if (dd->state == DAEMON_CONFIGURE && s == DAEMON_IDLE)
		sd_notify_msg("READY=1\nSTATUS=up: %zu paths, %zu maps",
			      registry_npaths(&dd->reg),
			      registry_nmaps(&dd->reg));
	dd->state = s;
}

/* systemd's watchdog (WatchdogSec=): a ping at half its interval; the
 * loop keeps no other timer for it, so an idle daemon wakes only then. */
static void watchdog_ping(struct loop *l, struct loop_timer *t)
{
	struct daemon *dd = t->arg;

	sd_notify_msg("WATCHDOG=1");
	loop_timer_in(l, t, dd->watchdog_ms);
}

static void start_watchdog(struct daemon *dd)
{
	uint64_t usec = 0;

	if (sd_watchdog_interval_usec(&usec) < 0 || !usec)
		return;
	dd->watchdog_ms = usec / 2000 ? usec / 2000 : 1;
	dd->watchdog_timer.fn = watchdog_ping;
	dd->watchdog_timer.name = "watchdog_ping";
	dd->watchdog_timer.arg = dd;
	condlog(3, "systemd watchdog: a ping every %llu ms",
		(unsigned long long)dd->watchdog_ms);
	loop_timer_in(&dd->loop, &dd->watchdog_timer, dd->watchdog_ms);
}

void daemon_shutdown(struct daemon *dd)
{
	if (dd->state == DAEMON_SHUTDOWN)
		return;
	condlog(2, "multipathd: shut down");
	sd_notify_msg("STOPPING=1");
	dd->state = DAEMON_SHUTDOWN;
	loop_stop(&dd->loop);
}

static void on_signal(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct daemon *dd = w->arg;
	struct signalfd_siginfo si;

	while (read(w->fd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGHUP:
			sd_notify_msg("RELOADING=1");
			daemon_reconfigure(dd, false, NULL);
			sd_notify_msg("READY=1");
			break;
		case SIGINT:
		case SIGTERM:
			daemon_shutdown(dd);
			break;
		default:
			break;
		}
	}
}

static int watch_signals(struct daemon *dd)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL))
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	dd->sig_w.fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (dd->sig_w.fd < 0)
		return -errno;
	dd->sig_w.fn = on_signal;
	dd->sig_w.name = "on_signal";
	dd->sig_w.arg = dd;
	return loop_add(&dd->loop, &dd->sig_w, EPOLLIN);
}

/* Check results are taken a slice of time at a time, like uevents: a
 * thousand paths failing at once is a thousand map messages, and the
 * clients must be answered meanwhile. */
#define ENGINE_SLICE_MS 50

static void on_engine(struct loop *l, struct loop_watch *w, uint32_t events)
{
	struct daemon *dd = w->arg;

	check_engine_process_for(dd->engine, ENGINE_SLICE_MS);
}

static int watch_engine(struct daemon *dd)
{
	dd->engine = check_engine_shared();
	if (!dd->engine)
		return -ENOMEM;
	dd->engine_w.fd = check_engine_fd(dd->engine);
	dd->engine_w.fn = on_engine;
	dd->engine_w.name = "on_engine";
	dd->engine_w.arg = dd;
	return loop_add(&dd->loop, &dd->engine_w, EPOLLIN);
}

static int discover_paths(struct daemon *dd)
{
	struct vec paths = VEC_INIT;
	struct path *pp;
	size_t i;
	int r;

	r = path_discovery(&dd->disc, DI_SYSFS | DI_SERIAL | DI_WWID |
					      DI_BLACKLIST, &paths);
	if (r < 0)
		log_errno(0, r, "path discovery failed");
	vec_foreach(&paths, pp, i)
		daemon_add_path(dd, pp);
	vec_free(&paths, NULL);
	return r;
}

static void free_model(struct daemon *dd)
{
	struct multipath *mpp;
	struct path *pp;
	size_t i;

	registry_foreach_map(&dd->reg, mpp, i) {
		registry_remove_map(&dd->reg, mpp);
		dmap_free(mpp);
	}
	registry_foreach_path(&dd->reg, pp, i) {
		registry_remove_path(&dd->reg, pp);
		dpath_free(pp);
	}
	registry_free(&dd->reg);
}

/* Without queue_without_daemon, nobody would end the queueing of a map
 * once the daemon is gone: the reference turns it off at shutdown. */
static void stop_queueing(struct daemon *dd)
{
	struct multipath *mpp;
	size_t i;

	if (dd->force_queueing ||
	    config_get_int(dd->conf, KW_QUEUE_WITHOUT_DAEMON))
		return;
	registry_foreach_map(&dd->reg, mpp, i)
		if (mpp->queue_if_no_path > 0)
			map_set_queueing(dd, mpp, false);
}

int daemon_run(struct daemon *dd)
{
	int r;

	rcu_register_thread();
	dd->start_ns = loop_now_ns();
	dd->state = DAEMON_INIT;
	r = loop_init(&dd->loop);
	if (r < 0)
		return log_errno(0, r, "cannot set up the event loop");
	dm_setup();
	/* a checker keeps each path's device open: room for thousands */
	fdlimit_apply(config_get_int(dd->conf, KW_MAX_FDS));
	dd->udev = udev_new();
	dd->disc.udev = dd->udev;
	dd->disc.conf = dd->conf;
	if (!dd->udev) {
		r = log_errno(0, -ENOMEM, "cannot talk to udev");
		goto out;
	}
	r = watch_signals(dd);
	if (r == 0)
		r = watch_engine(dd);
	if (r == 0) {
		dd->sampler = iosampler_new(&dd->loop);
		if (!dd->sampler)
			r = -ENOMEM;
	}
	if (r == 0)
		r = settler_start(dd);
	if (r == 0)
		r = server_start(dd);
	/* the starting command may return: the socket answers */
	daemonize_done(r < 0 ? 1 : 0);
	/* before discovery: what happens meanwhile is an event, not lost */
	if (r == 0)
		r = uevents_start(dd);
	if (r == 0)
		r = dm_events_start(dd);
	if (r < 0) {
		log_errno(0, r, "cannot start");
		goto out;
	}
	condlog(2, "multipathd v" MP_VERSION ": start up");
	start_watchdog(dd);
	dd->state = DAEMON_CONFIGURE;
	condlog(2, "reconfigure: setting up paths and maps");
	discover_paths(dd);
	daemon_repair_maps();
	daemon_adopt_maps(dd);
	/* with nothing to assemble, configuring is over at once */
	if (!dd->dirty_order.len)
		daemon_set_state(dd, DAEMON_IDLE);
	r = loop_run(&dd->loop);
	stop_queueing(dd);
out:
	dm_events_stop(dd);
	uevents_stop(dd);
	server_stop(dd);
	settler_stop(dd);
	free_model(dd);
	iosampler_free(dd->sampler);
	hashmap_free(&dd->dirty);
	vec_free(&dd->dirty_order, free);
	wwids_cache_free(&dd->wwids);
	if (dd->udev)
		udev_unref(dd->udev);
	if (dd->sig_w.fd > 0)
		close(dd->sig_w.fd);
	loop_release(&dd->loop);
	rcu_unregister_thread();
	return r;
}
