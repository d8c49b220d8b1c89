/* Logging: verbosity-filtered messages to stderr, syslog or a sink. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "util/log.h"
#include "util/strbuf.h"

int log_verbosity = LOG_VERBOSITY_DEFAULT;

static enum log_target log_target = LOG_TARGET_STDERR;
static log_sink_fn log_sink;
static void *log_sink_data;

void log_open(const char *ident, enum log_target target)
{
	log_target = target;
	if (target == LOG_TARGET_SYSLOG)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_close(void)
{
	if (log_target == LOG_TARGET_SYSLOG)
		closelog();
	log_target = LOG_TARGET_STDERR;
}

void log_set_verbosity(int level)
{
	if (level < 0)
		level = 0;
	if (level > LOG_VERBOSITY_MAX)
		level = LOG_VERBOSITY_MAX;
	log_verbosity = level;
}

void log_set_sink(log_sink_fn fn, void *userdata)
{
	log_sink = fn;
	log_sink_data = userdata;
}

static int syslog_priority(int level)
{
	switch (level) {
	case 0:
		return LOG_ERR;
	case 1:
		return LOG_WARNING;
	case 2:
		return LOG_NOTICE;
	case 3:
		return LOG_INFO;
	default:
		return LOG_DEBUG;
	}
}

void log_vmsg(int level, const char *fmt, va_list ap)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct timespec ts;

	if (level > log_verbosity)
		return;
	if (log_sink || log_target == LOG_TARGET_SYSLOG) {
		if (strbuf_vprintf(&sb, fmt, ap) < 0)
			return;
		if (log_sink)
			log_sink(level, strbuf_str(&sb), log_sink_data);
		else
			syslog(syslog_priority(level), "%s", strbuf_str(&sb));
		return;
	}
	if (log_target == LOG_TARGET_STDERR) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		strbuf_printf(&sb, "%ld.%06ld | ", (long)ts.tv_sec,
			      ts.tv_nsec / 1000);
	}
	if (strbuf_vprintf(&sb, fmt, ap) < 0 || strbuf_addc(&sb, '\n') < 0)
		return;
	fputs(strbuf_str(&sb), stderr);
}

void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

int log_errno(int level, int err, const char *fmt, ...)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (err < 0)
		err = err == INT_MIN ? EINVAL : -err;
	if (level <= log_verbosity) {
		va_start(ap, fmt);
		strbuf_vprintf(&sb, fmt, ap);
		va_end(ap);
		log_msg(level, "%s: %s", strbuf_str(&sb), strerror(err));
	}
	return -err;
}
