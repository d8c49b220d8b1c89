/* The systemd service notification protocol without libsystemd: one
 * datagram of "KEY=VALUE" lines to $NOTIFY_SOCKET, and the watchdog
 * interval systemd asks for in $WATCHDOG_USEC. */
#ifndef MP_UTIL_SD_NOTIFY_H
#define MP_UTIL_SD_NOTIFY_H

#include <stdint.h>

/*
 * Send the formatted text (e.g. "READY=1\nSTATUS=up", "RELOADING=1",
 * "STOPPING=1", "WATCHDOG=1", "MAINPID=%d") as one datagram to the socket
 * $NOTIFY_SOCKET names: an absolute path, or "@name" for the abstract
 * namespace. Never blocks (MSG_DONTWAIT): a full receiver is -EAGAIN.
 * Returns 0 when NOTIFY_SOCKET is unset or empty (not run by systemd),
 * 1 when sent, -EINVAL for an address it cannot use, or -errno.
 */
int sd_notify_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The watchdog interval systemd expects "WATCHDOG=1" within, from
 * $WATCHDOG_USEC, when $WATCHDOG_PID is unset or this process's pid.
 * *usec is 0 when there is no watchdog (unset, or meant for another
 * process). Returns 0, or -EINVAL for a value that is not a positive
 * number (*usec 0 then).
 */
int sd_watchdog_interval_usec(uint64_t *usec);

#endif
