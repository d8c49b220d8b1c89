/* The SCSI timeout planner without sysfs: the reference's capping rules
 * and the order of FC remote port writes, each plan replayed on a model of
 * the kernel's checks over a grid of current and wanted values. */
#include <stdio.h>
#include <string.h>

#include "config/values.h"
#include "discovery/scsi_tmo_plan.h"
#include "testutil.h"

#define MAX TMO_DEV_LOSS_MAX
#define OFF TMO_OFF
#define UNSET TMO_UNSET

/* scsi_transport_fc's checks, written from its source independently of
 * the planner: 0, or the errno the kernel gives. */
static int kernel_write(struct scsi_tmo *port, const struct fc_tmo_write *w)
{
	if (w->attr == FC_TMO_FAST_IO_FAIL) {
		if (w->value != OFF &&
		    (w->value >= port->dev_loss || w->value > 600))
			return 22;
		port->fast_io_fail = w->value;
		return 0;
	}
	if (w->value < 0 || w->value > 4294967295LL)
		return 22;
	if (port->fast_io_fail == OFF && w->value > 600)
		return 22;
	port->dev_loss = w->value;
	return 0;
}

/* "fio=5 dev=60": the plan's writes in order */
static const char *plan_text(const struct fc_tmo_plan *p)
{
	static char buf[256];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->n; i++) {
		const struct fc_tmo_write *w = &p->w[i];

		if (w->value == OFF)
			n += snprintf(buf + n, sizeof(buf) - n, "%sfio=off",
				      i ? " " : "");
		else
			n += snprintf(buf + n, sizeof(buf) - n, "%s%s=%lld",
				      i ? " " : "",
				      w->attr == FC_TMO_DEV_LOSS ? "dev" :
								   "fio",
				      w->value);
	}
	return buf;
}

static const char *plan(long long cur_fio, long long cur_dev, long long fio,
			long long dev, unsigned *flags)
{
	struct scsi_tmo cur = { cur_fio, cur_dev }, want = { fio, dev };
	struct fc_tmo_plan p;

	fc_tmo_plan(&cur, &want, &p);
	if (flags)
		*flags = p.flags;
	return plan_text(&p);
}

static void test_min_dev_loss(void **state)
{
	(void)state;
	assert_int_equal(scsi_tmo_min_dev_loss(12, 5), 60);
	assert_int_equal(scsi_tmo_min_dev_loss(NO_PATH_RETRY_QUEUE, 5), MAX);
	assert_int_equal(scsi_tmo_min_dev_loss(NO_PATH_RETRY_FAIL, 5), 0);
	assert_int_equal(scsi_tmo_min_dev_loss(0, 5), 0);
	/* capped at the largest dev_loss_tmo */
	assert_int_equal(scsi_tmo_min_dev_loss(2000000000, 5), MAX);
	assert_int_equal(scsi_tmo_min_dev_loss(858993459, 5), 4294967295LL);
}

static void test_cap(void **state)
{
	struct scsi_tmo t;

	(void)state;
	/* raised for no_path_retry */
	t = (struct scsi_tmo){ 5, 30 };
	assert_int_equal(scsi_tmo_cap(&t, 60), TMO_DEV_LOSS_RAISED);
	assert_int_equal(t.dev_loss, 60);
	assert_int_equal(t.fast_io_fail, 5);
	/* never lowered */
	t = (struct scsi_tmo){ 5, 90 };
	assert_int_equal(scsi_tmo_cap(&t, 60), 0);
	assert_int_equal(t.dev_loss, 90);
	/* an unset dev_loss stays unset, and fast_io_fail with it */
	t = (struct scsi_tmo){ 50, UNSET };
	assert_int_equal(scsi_tmo_cap(&t, MAX), 0);
	assert_int_equal(t.dev_loss, UNSET);
	assert_int_equal(t.fast_io_fail, 50);
	/* fast_io_fail not smaller than dev_loss: off */
	t = (struct scsi_tmo){ 10, 10 };
	assert_int_equal(scsi_tmo_cap(&t, 0), TMO_FIO_TURNED_OFF);
	assert_int_equal(t.fast_io_fail, OFF);
	/* ... but compared after the raise */
	t = (struct scsi_tmo){ 10, 5 };
	assert_int_equal(scsi_tmo_cap(&t, 60), TMO_DEV_LOSS_RAISED);
	assert_int_equal(t.fast_io_fail, 10);
	/* 0 and off are left alone */
	t = (struct scsi_tmo){ 0, 5 };
	assert_int_equal(scsi_tmo_cap(&t, 0), 0);
	assert_int_equal(t.fast_io_fail, 0);
	t = (struct scsi_tmo){ OFF, 5 };
	assert_int_equal(scsi_tmo_cap(&t, 0), 0);
	assert_int_equal(t.fast_io_fail, OFF);
}

static void test_plan_orders(void **state)
{
	unsigned flags;

	(void)state;
	/* below the current dev_loss: fast_io_fail first */
	assert_string_equal(plan(OFF, 30, 5, 60, NULL), "fio=5 dev=60");
	assert_string_equal(plan(5, 30, 5, 900, NULL), "fio=5 dev=900");
	/* not below it: dev_loss first */
	assert_string_equal(plan(5, 10, 15, 60, NULL), "dev=60 fio=15");
	assert_string_equal(plan(OFF, 10, 15, 60, NULL), "dev=60 fio=15");
	/* dev_loss kept: raised to one more than fast_io_fail */
	assert_string_equal(plan(5, 10, 15, UNSET, NULL), "dev=16 fio=15");
	assert_string_equal(plan(5, 30, 15, UNSET, NULL), "fio=15");
	/* off: always taken, then dev_loss */
	assert_string_equal(plan(5, 30, OFF, 300, NULL), "fio=off dev=300");
	assert_string_equal(plan(5, 900, OFF, UNSET, NULL), "fio=off");
	assert_string_equal(plan(5, 30, UNSET, 60, NULL), "dev=60");
	/* dev_loss above 600 from fast_io_fail off, fast_io_fail not below
	 * the current dev_loss: through 600 */
	assert_string_equal(plan(OFF, 3, 5, 900, NULL),
			    "dev=600 fio=5 dev=900");
	assert_string_equal(plan(OFF, 30, 30, MAX, NULL),
			    "dev=600 fio=30 dev=4294967295");
	/* ... and through a fast_io_fail below 600 when it is 600 */
	assert_string_equal(plan(OFF, 600, 600, 900, NULL),
			    "fio=599 dev=900 fio=600");
	assert_string_equal(plan(OFF, 100, 600, UNSET, NULL),
			    "dev=600 fio=599 dev=601 fio=600");
	/* the kernel's limits */
	assert_string_equal(plan(5, 30, OFF, 900, &flags), "fio=off dev=600");
	assert_int_equal(flags, TMO_DEV_LOSS_LIMITED);
	assert_string_equal(plan(OFF, 30, UNSET, MAX, &flags), "dev=600");
	assert_int_equal(flags, TMO_DEV_LOSS_LIMITED);
	assert_string_equal(plan(5, 30, UNSET, 900, &flags), "dev=900");
	assert_int_equal(flags, 0);
	assert_string_equal(plan(5, 1000, 700, 900, &flags), "fio=600 dev=900");
	assert_int_equal(flags, TMO_FIO_LIMITED);
}

/* Every combination: each write is one the kernel takes, and the port ends
 * with the wanted values (within the kernel's limits). */
static void test_plan_grid(void **state)
{
	static const long long devs[] = { 0, 1, 3, 5, 30, 599, 600, 601, 900,
					  2147483647LL, MAX };
	static const long long fios[] = { OFF, 0, 1, 5, 30, 599, 600 };
	static const long long want_fios[] = { UNSET, OFF, 0, 5, 30, 599,
					       600, 700 };
	static const long long want_devs[] = { UNSET, 1, 5, 30, 600, 601,
					       900, MAX };
	size_t a, b, c, e, i, n = 0;

	(void)state;
	for (a = 0; a < sizeof(devs) / sizeof(*devs); a++)
	for (b = 0; b < sizeof(fios) / sizeof(*fios); b++)
	for (c = 0; c < sizeof(want_fios) / sizeof(*want_fios); c++)
	for (e = 0; e < sizeof(want_devs) / sizeof(*want_devs); e++) {
		struct scsi_tmo port = { fios[b], devs[a] };
		struct scsi_tmo want = { want_fios[c], want_devs[e] };
		struct fc_tmo_plan p;
		long long fio, dev;

		scsi_tmo_cap(&want, 0);
		fc_tmo_plan(&port, &want, &p);
		assert_true(p.n <= FC_TMO_MAX_WRITES);
		for (i = 0; i < p.n; i++)
			if (kernel_write(&port, &p.w[i]))
				fail_msg("cur fio %lld dev %lld, want fio %lld "
					 "dev %lld: \"%s\" fails at write %zu",
					 fios[b], devs[a], want_fios[c],
					 want_devs[e], plan_text(&p), i + 1);
		fio = want.fast_io_fail == UNSET ? fios[b] :
			want.fast_io_fail > 600 ? 600 : want.fast_io_fail;
		assert_int_equal(port.fast_io_fail, fio);
		dev = want.dev_loss;
		if (dev != UNSET && fio == OFF && dev > 600)
			dev = 600;
		if (dev != UNSET)
			assert_int_equal(port.dev_loss, dev);
		else if (want.fast_io_fail >= 0 && fio >= devs[a])
			assert_int_equal(port.dev_loss, fio + 1);
		else
			assert_int_equal(port.dev_loss, devs[a]);
		n++;
	}
	assert_int_equal(n, 11 * 7 * 8 * 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_min_dev_loss),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_plan_orders),
		cmocka_unit_test(test_plan_grid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
