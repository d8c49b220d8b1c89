/* Logging: verbosity-filtered messages to stderr (with the reference's
 * "seconds.micro | " prefix), to syslog, or to a caller-supplied sink. */
#ifndef MP_UTIL_LOG_H
#define MP_UTIL_LOG_H

#include <stdarg.h>

enum log_target {
	LOG_TARGET_STDERR,	/* "  12.345678 | message" on stderr */
	LOG_TARGET_SYSLOG,	/* syslog(3), for the daemon */
	LOG_TARGET_PLAIN,	/* stderr, no timestamp */
};

/* Verbosity levels: 0 errors only, 1 terse, 2 normal (default), 3 debug,
 * 4 verbose debug, 5 everything. */
#define LOG_VERBOSITY_DEFAULT 2
#define LOG_VERBOSITY_MAX 5

typedef void (*log_sink_fn)(int level, const char *msg, void *userdata);

extern int log_verbosity;

void log_open(const char *ident, enum log_target target);
void log_close(void);
void log_set_verbosity(int level);
/* Route messages to fn instead of the target (tests); NULL restores. */
void log_set_sink(log_sink_fn fn, void *userdata);

void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_vmsg(int level, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Log when level <= verbosity. Arguments are not evaluated otherwise. */
#define condlog(level, ...)                                                    \
	do {                                                                   \
		if ((level) <= log_verbosity)                                  \
			log_msg((level), __VA_ARGS__);                         \
	} while (0)

/* Log with ": strerror(err)" appended and return -|err|. */
int log_errno(int level, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
