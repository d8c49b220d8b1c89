/* Going to the background as a classic daemon, with the command that
 * started it waiting until the daemon says how its start went. */
#ifndef MP_UTIL_DAEMONIZE_H
#define MP_UTIL_DAEMONIZE_H

/*
 * Fork, setsid(), fork again, chdir("/"), and stdin, stdout, stderr on
 * /dev/null, as the reference multipathd does. Returns 0 in the daemon,
 * or -errno in the calling process when nothing could be forked.
 *
 * Unlike the reference, whose command exits 0 right after the first fork
 * (so that "already running" or a failed start shows only in the log),
 * the calling process stays until the daemon calls daemonize_done() and
 * then exits with the status given there, or with 1 if the daemon ends
 * without a word. The daemon should answer as soon as it holds its pid
 * file and listening socket, before the slow discovery, so that the
 * command returns about as fast as the reference's and a client started
 * after it finds the socket.
 *
 * stdio is flushed before forking; the waiting process leaves with
 * _exit(), running no atexit() handlers.
 */
int daemonize(void);

/* Let the waiting command exit with status (0: running). Once; nothing
 * in a process that did not daemonize (foreground mode). */
void daemonize_done(int status);

#endif
