/* util/log: verbosity filtering, sinks, log_errno, and the exact stderr
 * line format ("SECONDS.MICROS | message\n"), checked by redirecting
 * file descriptor 2 into a temporary file. */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "util/log.h"

/* ---- a recording sink ---------------------------------------------------- */

#define MAXREC 64

struct record {
	int n;
	int level[MAXREC];
	char *msg[MAXREC];
	void *ud[MAXREC];
};

static struct record rec;

static void rec_sink(int level, const char *msg, void *ud)
{
	assert_true(rec.n < MAXREC);
	rec.level[rec.n] = level;
	rec.msg[rec.n] = strdup(msg);
	rec.ud[rec.n] = ud;
	rec.n++;
}

static void rec_clear(void)
{
	int i;

	for (i = 0; i < rec.n; i++)
		free(rec.msg[i]);
	memset(&rec, 0, sizeof(rec));
}

static int setup(void **state)
{
	(void)state;
	rec_clear();
	log_set_verbosity(LOG_VERBOSITY_DEFAULT);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rec_clear();
	log_set_sink(NULL, NULL);
	log_close();
	log_set_verbosity(LOG_VERBOSITY_DEFAULT);
	return 0;
}

/* ---- stderr capture ------------------------------------------------------ */

static int saved_stderr = -1;
static char capture_path[4096];

static void stderr_capture_begin(void)
{
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int fd;

	snprintf(capture_path, sizeof(capture_path), "%s/mplog.XXXXXX", base);
	fd = mkstemp(capture_path);
	assert_true(fd >= 0);
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	assert_true(saved_stderr >= 0);
	assert_int_equal(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	close(fd);
}

/* Restore stderr and return what was written to it (free() it). */
static char *stderr_capture_end(void)
{
	char *out;

	fflush(stderr);
	assert_int_equal(dup2(saved_stderr, STDERR_FILENO), STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
	out = read_test_file(capture_path);
	unlink(capture_path);
	return out;
}

static double now_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Match one stderr line "SEC.USEC | text" (6 digit micros, no padding
 * before the seconds); returns the timestamp and checks the text. */
static double parse_stamped_line(const char *line, size_t linelen,
				 const char *want_text)
{
	regex_t re;
	regmatch_t m[3];
	char buf[8192];
	double t;

	assert_true(linelen < sizeof(buf));
	memcpy(buf, line, linelen);
	buf[linelen] = '\0';
	assert_int_equal(regcomp(&re, "^([0-9]+)\\.([0-9]{6}) \\| (.*)$",
				 REG_EXTENDED), 0);
	if (regexec(&re, buf, 3, m, 0) != 0) {
		regfree(&re);
		fail_msg("bad stderr line format: \"%s\"", buf);
	}
	regfree(&re);
	assert_string_equal(buf + m[2].rm_eo + 3, want_text);
	buf[m[2].rm_eo] = '\0';
	t = strtod(buf, NULL);
	return t;
}

/* ---- tests --------------------------------------------------------------- */

static void test_default_verbosity(void **state)
{
	(void)state;
	/* runs first: nothing has changed the verbosity yet */
	assert_int_equal(LOG_VERBOSITY_DEFAULT, 2);
	assert_int_equal(log_verbosity, 2);
}

static void test_set_verbosity_clamps(void **state)
{
	(void)state;
	log_set_verbosity(3);
	assert_int_equal(log_verbosity, 3);
	log_set_verbosity(0);
	assert_int_equal(log_verbosity, 0);
	log_set_verbosity(-7);
	assert_int_equal(log_verbosity, 0);
	log_set_verbosity(LOG_VERBOSITY_MAX);
	assert_int_equal(log_verbosity, LOG_VERBOSITY_MAX);
	log_set_verbosity(99);
	assert_int_equal(log_verbosity, LOG_VERBOSITY_MAX);
}

static void test_verbosity_filter(void **state)
{
	int v, l, i;

	(void)state;
	log_set_sink(rec_sink, NULL);
	for (v = 0; v <= LOG_VERBOSITY_MAX; v++) {
		rec_clear();
		log_set_verbosity(v);
		for (l = 0; l <= LOG_VERBOSITY_MAX; l++)
			log_msg(l, "level %d", l);
		for (l = 0; l <= LOG_VERBOSITY_MAX; l++)
			condlog(l, "cond %d", l);
		assert_int_equal(rec.n, 2 * (v + 1));
		for (i = 0; i <= v; i++) {
			char want[32];

			assert_int_equal(rec.level[i], i);
			snprintf(want, sizeof(want), "level %d", i);
			assert_string_equal(rec.msg[i], want);
			assert_int_equal(rec.level[v + 1 + i], i);
			snprintf(want, sizeof(want), "cond %d", i);
			assert_string_equal(rec.msg[v + 1 + i], want);
		}
	}
}

static int bumps;

static int bump(void)
{
	return ++bumps;
}

static void test_condlog_lazy(void **state)
{
	(void)state;
	log_set_sink(rec_sink, NULL);
	log_set_verbosity(1);
	bumps = 0;
	condlog(2, "not shown %d", bump());
	condlog(5, "not shown %d", bump());
	assert_int_equal(bumps, 0);
	assert_int_equal(rec.n, 0);
	condlog(1, "shown %d", bump());
	assert_int_equal(bumps, 1);
	assert_int_equal(rec.n, 1);
	assert_string_equal(rec.msg[0], "shown 1");
}

static void test_sink_gets_formatted_message(void **state)
{
	int token;
	char big[3000];

	(void)state;
	log_set_sink(rec_sink, &token);
	log_msg(0, "%s=%d %5.2f %%", "x", -3, 1.5);
	assert_int_equal(rec.n, 1);
	assert_int_equal(rec.level[0], 0);
	assert_ptr_equal(rec.ud[0], &token);
	/* no timestamp, no newline */
	assert_string_equal(rec.msg[0], "x=-3  1.50 %");
	/* arguments are not re-interpreted as formats */
	log_msg(1, "%s", "100% %s %n");
	assert_string_equal(rec.msg[1], "100% %s %n");
	/* a message longer than any small internal buffer */
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_msg(2, "<%s>", big);
	assert_int_equal(rec.n, 3);
	assert_int_equal(strlen(rec.msg[2]), sizeof(big) + 1);
	assert_int_equal(rec.msg[2][0], '<');
	assert_int_equal(rec.msg[2][sizeof(big)], '>');
}

static void test_sink_replaced_and_removed(void **state)
{
	char *err;

	(void)state;
	log_set_sink(rec_sink, NULL);
	log_msg(0, "to sink");
	log_set_sink(NULL, NULL);
	stderr_capture_begin();
	log_msg(0, "to stderr");
	err = stderr_capture_end();
	assert_int_equal(rec.n, 1);
	assert_string_equal(rec.msg[0], "to sink");
	assert_str_contains(err, " | to stderr\n");
	free(err);
}

/* With a sink installed nothing goes to stderr. */
static void test_sink_silences_stderr(void **state)
{
	char *err;

	(void)state;
	log_set_sink(rec_sink, NULL);
	stderr_capture_begin();
	log_msg(0, "only in the sink");
	err = stderr_capture_end();
	assert_string_equal(err, "");
	assert_int_equal(rec.n, 1);
	free(err);
}

static void test_log_errno(void **state)
{
	char want[256];

	(void)state;
	log_set_sink(rec_sink, NULL);
	assert_int_equal(log_errno(1, ENOENT, "open %s", "/x"), -ENOENT);
	snprintf(want, sizeof(want), "open /x: %s", strerror(ENOENT));
	assert_int_equal(rec.n, 1);
	assert_int_equal(rec.level[0], 1);
	assert_string_equal(rec.msg[0], want);
	/* a negative errno gives the same result */
	assert_int_equal(log_errno(0, -EACCES, "stat %d", 7), -EACCES);
	snprintf(want, sizeof(want), "stat 7: %s", strerror(EACCES));
	assert_string_equal(rec.msg[1], want);
	/* it reports err, not whatever errno holds */
	errno = EPERM;
	assert_int_equal(log_errno(0, EIO, "io"), -EIO);
	snprintf(want, sizeof(want), "io: %s", strerror(EIO));
	assert_string_equal(rec.msg[2], want);
	assert_int_equal(rec.n, 3);
}

static void test_log_errno_filtered(void **state)
{
	(void)state;
	log_set_sink(rec_sink, NULL);
	log_set_verbosity(1);
	/* still returns the error when the message is filtered out */
	assert_int_equal(log_errno(2, ENOMEM, "hidden"), -ENOMEM);
	assert_int_equal(log_errno(5, -EBUSY, "hidden"), -EBUSY);
	assert_int_equal(rec.n, 0);
	assert_int_equal(log_errno(1, EBUSY, "shown"), -EBUSY);
	assert_int_equal(rec.n, 1);
}

static void test_log_errno_long_message(void **state)
{
	char arg[500], want[1024];

	(void)state;
	log_set_sink(rec_sink, NULL);
	memset(arg, 'p', sizeof(arg) - 1);
	arg[sizeof(arg) - 1] = '\0';
	assert_int_equal(log_errno(0, ENOSPC, "%s/%s", arg, "file"), -ENOSPC);
	snprintf(want, sizeof(want), "%s/file: %s", arg, strerror(ENOSPC));
	assert_string_equal(rec.msg[0], want);
}

static void test_log_errno_zero(void **state)
{
	char want[128];

	(void)state;
	log_set_sink(rec_sink, NULL);
	assert_int_equal(log_errno(0, 0, "none"), 0);
	snprintf(want, sizeof(want), "none: %s", strerror(0));
	assert_string_equal(rec.msg[0], want);
}

static void test_stderr_format(void **state)
{
	double before, after, t;
	char *err;
	size_t len;

	(void)state;
	before = now_monotonic();
	stderr_capture_begin();
	log_msg(2, "hello %s", "world");
	err = stderr_capture_end();
	after = now_monotonic();
	len = strlen(err);
	assert_true(len > 0);
	assert_int_equal(err[len - 1], '\n');
	assert_ptr_equal(strchr(err, '\n'), err + len - 1);	/* one line */
	t = parse_stamped_line(err, len - 1, "hello world");
	/* the stamp is CLOCK_MONOTONIC, truncated to microseconds */
	assert_true(t >= before - 1e-6);
	assert_true(t <= after + 1e-6);
	free(err);
}

/* Right after a whole second the microseconds are small: they must still
 * be printed as six zero-padded digits ("N.000123"). */
static void test_stderr_micros_zero_padded(void **state)
{
	struct timespec ts;
	char *err, *dot;
	double t;

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec++;
	ts.tv_nsec = 1000 * 1000;	/* 1 ms past the next whole second */
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
	stderr_capture_begin();
	log_msg(0, "padded");
	err = stderr_capture_end();
	t = parse_stamped_line(err, strlen(err) - 1, "padded");
	assert_true(t >= (double)ts.tv_sec + 0.001 - 1e-6);
	dot = strchr(err, '.');
	assert_non_null(dot);
	/* unless this process was descheduled for 100 ms, the first digit
	 * after the dot is a padding zero */
	if (t < (double)ts.tv_sec + 0.099)
		assert_int_equal(dot[1], '0');
	free(err);
}

static void test_stderr_filter_and_order(void **state)
{
	double t1, t2, t3;
	char *err, *l2, *l3;

	(void)state;
	log_set_verbosity(2);
	stderr_capture_begin();
	log_msg(0, "first");
	log_msg(3, "too verbose");
	condlog(4, "also too verbose");
	log_msg(1, "second");
	condlog(2, "third %d", 3);
	err = stderr_capture_end();
	assert_str_not_contains(err, "verbose");
	l2 = strchr(err, '\n');
	assert_non_null(l2);
	l2++;
	l3 = strchr(l2, '\n');
	assert_non_null(l3);
	l3++;
	assert_non_null(strchr(l3, '\n'));
	assert_string_equal(strchr(l3, '\n'), "\n");
	t1 = parse_stamped_line(err, (size_t)(l2 - err - 1), "first");
	t2 = parse_stamped_line(l2, (size_t)(l3 - l2 - 1), "second");
	t3 = parse_stamped_line(l3, strlen(l3) - 1, "third 3");
	assert_true(t1 <= t2 && t2 <= t3);
	free(err);
}

static void test_stderr_long_line(void **state)
{
	char big[6000];
	char *err;

	(void)state;
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	stderr_capture_begin();
	log_msg(0, "%s", big);
	err = stderr_capture_end();
	parse_stamped_line(err, strlen(err) - 1, big);
	assert_int_equal(err[strlen(err) - 1], '\n');
	free(err);
}

static void test_plain_target(void **state)
{
	char *err;

	(void)state;
	log_open("mptest", LOG_TARGET_PLAIN);
	stderr_capture_begin();
	log_msg(1, "plain %d", 1);
	log_msg(4, "filtered");
	log_msg(0, "plain %d", 2);
	err = stderr_capture_end();
	assert_string_equal(err, "plain 1\nplain 2\n");
	free(err);
	/* log_close goes back to the timestamped stderr format */
	log_close();
	stderr_capture_begin();
	log_msg(0, "stamped");
	err = stderr_capture_end();
	parse_stamped_line(err, strlen(err) - 1, "stamped");
	free(err);
}

static void test_syslog_target(void **state)
{
	char *err;

	(void)state;
	log_open("mptest", LOG_TARGET_SYSLOG);
	/* syslog messages do not go to stderr */
	stderr_capture_begin();
	log_msg(0, "to syslog");
	err = stderr_capture_end();
	assert_string_equal(err, "");
	free(err);
	/* a sink takes precedence over syslog */
	log_set_sink(rec_sink, NULL);
	log_msg(1, "to sink");
	assert_int_equal(rec.n, 1);
	assert_string_equal(rec.msg[0], "to sink");
	log_set_sink(NULL, NULL);
	log_close();
	stderr_capture_begin();
	log_msg(0, "back on stderr");
	err = stderr_capture_end();
	parse_stamped_line(err, strlen(err) - 1, "back on stderr");
	free(err);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_verbosity),
		T(test_set_verbosity_clamps),
		T(test_verbosity_filter),
		T(test_condlog_lazy),
		T(test_sink_gets_formatted_message),
		T(test_sink_replaced_and_removed),
		T(test_sink_silences_stderr),
		T(test_log_errno),
		T(test_log_errno_filtered),
		T(test_log_errno_long_message),
		T(test_log_errno_zero),
		T(test_stderr_format),
		T(test_stderr_micros_zero_padded),
		T(test_stderr_filter_and_order),
		T(test_stderr_long_line),
		T(test_plain_target),
		T(test_syslog_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
