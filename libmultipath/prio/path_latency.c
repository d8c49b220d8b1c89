/* The path_latency prioritizer: times io_num direct reads of one block and
 * maps the average of their logarithms (base base_num) onto priorities:
 * the lower the latency, the higher the priority, one step per factor of
 * base_num between 1 us and 100 s. prio_args "io_num=N base_num=M". */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"

#define PL_MAX_AVG_US 100000000.0	/* 100 s */
#define PL_MIN_AVG_US 1.0
#define PL_DEF_BLOCK 4096
#define BLANKS " \t"

/*
 * The priorities hinge on log(): where a latency is an exact power of
 * base_num, one unit in the last place decides between two priorities.
 * To give the reference's numbers, use the C library's log() itself; the
 * build does not link libm, so it is looked up once at run time.
 */
static double (*libm_log)(double);
static pthread_once_t libm_once = PTHREAD_ONCE_INIT;

static void libm_load(void)
{
	void *h = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);

	if (h)
		libm_log = (double (*)(double))dlsym(h, "log");
}

static bool have_log(void)
{
	pthread_once(&libm_once, libm_load);
	return libm_log != NULL;
}

int path_latency_parse_args(const char *args, int *io_num, double *base_num)
{
	bool have_io = false, have_base = false;
	int i;

	/* only the first two words count; numbers end at a blank anyway */
	for (i = 0; i < 2; i++) {
		size_t n;

		args += strspn(args, BLANKS);
		n = strcspn(args, BLANKS);
		if (n == 0)
			break;
		if (n > 7 && !strncmp(args, "io_num=", 7)) {
			*io_num = (int)strtoul(args + 7, NULL, 10);
			have_io = true;
		} else if (n > 9 && !strncmp(args, "base_num=", 9)) {
			*base_num = strtod(args + 9, NULL);
			have_base = true;
		}
		args += n;
	}
	if (!have_io || !have_base)
		return -EINVAL;
	if (*io_num < PL_IO_NUM_MIN || *io_num > PL_IO_NUM_MAX ||
	    !(*base_num >= PL_BASE_NUM_MIN && *base_num <= PL_BASE_NUM_MAX))
		return -EINVAL;
	return 0;
}

int path_latency_prio(const long long *us, size_t n, double base_num)
{
	double lg_base, lg_max, lg_min, sum = 0, avg;
	size_t i;

	if (!have_log())
		return -ENOSYS;
	if (n == 0)
		return -EINVAL;
	lg_base = libm_log(base_num);
	lg_max = libm_log(PL_MAX_AVG_US) / lg_base;
	lg_min = libm_log(PL_MIN_AVG_US) / lg_base;
	for (i = 0; i < n; i++)
		if (us[i] > 0)	/* a 0 us read counts as the fastest */
			sum += libm_log((double)us[i]) / lg_base;
	avg = sum / (long long)n;
	if (avg >= lg_max)
		return 0;	/* 100 s or slower on average */
	if (avg <= lg_min)
		return (int)(lg_max - lg_min);
	return (int)(lg_max - avg);
}

/* Whole microseconds from a to b, as the reference counts them. */
static long long elapsed_us(const struct timespec *a, const struct timespec *b)
{
	long long ns = (b->tv_sec - a->tv_sec) * 1000000000LL +
		       (b->tv_nsec - a->tv_nsec);

	return ns / 1000;
}

static int time_reads(const struct prio_ctx *ctx, int fd, long long *us,
		      int n)
{
	_cleanup_free_ void *buf = NULL;
	int blksz, i;

	if (ioctl(fd, BLKBSZGET, &blksz) < 0 || blksz <= 0) {
		prio_log(ctx, 3, "%s: path_latency prio: cannot get blocksize, set default",
			ctx->dev);
		blksz = PL_DEF_BLOCK;
	}
	if (posix_memalign(&buf, (size_t)getpagesize(), (size_t)blksz))
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct timespec before, after;
		ssize_t got;

		clock_gettime(CLOCK_MONOTONIC, &before);
		got = pread(fd, buf, (size_t)blksz, 0);
		clock_gettime(CLOCK_MONOTONIC, &after);
		if (got != blksz) {
			prio_log(ctx, 0, "%s: path_latency prio: path down",
				ctx->dev);
			return got < 0 ? -errno : -EIO;
		}
		us[i] = elapsed_us(&before, &after);
	}
	return 0;
}

static int path_latency_getprio(const struct prio_ctx *ctx)
{
	const char *dev = ctx->dev;
	_cleanup_close_ int fd = -1;
	_cleanup_free_ long long *us = NULL;
	double base_num;
	int io_num, r;

	if (path_latency_parse_args(ctx->args, &io_num, &base_num) < 0) {
		io_num = PL_IO_NUM_DEF;
		base_num = PL_BASE_NUM_DEF;
		prio_log(ctx, 0, "%s: path_latency prio: fails to get path_latency args, set default:io_num=%d base_num=%.3lf",
			dev, io_num, base_num);
	}
	fd = prio_open(ctx, O_RDONLY | O_DIRECT);
	if (fd < 0)
		return fd;
	us = calloc((size_t)io_num, sizeof(*us));
	if (!us)
		return -ENOMEM;
	r = time_reads(ctx, fd, us, io_num);
	if (r < 0)
		return r;
	r = path_latency_prio(us, (size_t)io_num, base_num);
	prio_log(ctx, 3, "%s: path_latency prio: io_num=%d base_num=%.3f prio=%d",
		dev, io_num, base_num, r);
	return r;
}

const struct prio_ops prio_path_latency = {
	.name = "path_latency",
	.getprio = path_latency_getprio,
};
