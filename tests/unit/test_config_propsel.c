/* Property selection: every level of the precedence chain, and the origin
 * each value reports. */
#include <string.h>

#include "config/config.h"
#include "config/hwtable.h"
#include "config/propsel.h"
#include "testutil.h"
#include "util/log.h"

static const char chain_conf[] =
	"defaults {\n"
	"  no_path_retry 1\n  rr_min_io_rq 11\n  prio_args d\n"
	"  fast_io_fail_tmo 21\n  failback 31\n"
	"}\n"
	"devices {\n"
	"  device {\n    vendor ACME\n    product Box\n"
	"    no_path_retry 2\n    rr_min_io_rq 12\n    prio_args v\n"
	"    fast_io_fail_tmo 22\n  }\n"
	"}\n"
	"multipaths {\n"
	"  multipath {\n    wwid w1\n    no_path_retry 3\n    rr_min_io_rq 13\n"
	"  }\n"
	"}\n"
	"overrides {\n"
	"  no_path_retry 4\n  fast_io_fail_tmo 24\n"
	"  protocol {\n    type scsi:fcp\n    fast_io_fail_tmo 25\n  }\n"
	"}\n";

struct fixture {
	struct config *conf;
	const struct hwentry *hw[8];
	struct prop_scope s;
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	f.conf = config_from_string(chain_conf, "t");
	f.s.conf = f.conf;
	f.s.hwes = f.hw;
	f.s.n_hwes = hwtable_find(f.conf, "ACME", "Box", NULL, f.hw, 8);
	f.s.mpe = config_find_mpe(f.conf, "w1");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	config_free(f->conf);
	return 0;
}

static void expect(const struct prop_scope *s, enum kw_id kw, long long val,
		   enum prop_origin origin)
{
	enum prop_origin o;

	assert_int_equal(prop_int(s, kw, -99, &o), val);
	assert_int_equal(o, origin);
}

/* As in the reference, a multipaths entry wins even over overrides. */
static void test_multipaths_win(void **state)
{
	struct fixture *f = *state;

	assert_non_null(f->s.mpe);
	assert_int_equal(f->s.n_hwes, 1);
	expect(&f->s, KW_NO_PATH_RETRY, 3, ORIGIN_MULTIPATHS);
	expect(&f->s, KW_RR_MIN_IO_RQ, 13, ORIGIN_MULTIPATHS);
}

static void test_overrides_over_devices(void **state)
{
	struct fixture *f = *state;
	struct prop_scope s = f->s;

	s.mpe = NULL;
	expect(&s, KW_NO_PATH_RETRY, 4, ORIGIN_OVERRIDES);
	expect(&s, KW_RR_MIN_IO_RQ, 12, ORIGIN_DEVICE);
}

static void test_devices_over_defaults(void **state)
{
	struct fixture *f = *state;
	enum prop_origin o;

	assert_string_equal(prop_str(&f->s, KW_PRIO_ARGS, &o), "v");
	assert_int_equal(o, ORIGIN_DEVICE);
}

static void test_defaults_over_builtin(void **state)
{
	struct fixture *f = *state;

	expect(&f->s, KW_FAILBACK, 31, ORIGIN_DEFAULTS);
	expect(&f->s, KW_RR_MIN_IO, 1000, ORIGIN_BUILTIN);
}

static void test_unset_everywhere(void **state)
{
	struct fixture *f = *state;

	expect(&f->s, KW_DEV_LOSS_TMO, -99, ORIGIN_NONE);
}

static void test_protocol_over_overrides(void **state)
{
	struct fixture *f = *state;
	struct prop_scope s = f->s;

	expect(&s, KW_FAST_IO_FAIL_TMO, 24, ORIGIN_OVERRIDES);
	s.has_protocol = true;
	s.protocol = PROTOCOL_SCSI_FCP;
	expect(&s, KW_FAST_IO_FAIL_TMO, 25, ORIGIN_OVERRIDES_PROTOCOL);
	s.protocol = PROTOCOL_SCSI_ISCSI;
	expect(&s, KW_FAST_IO_FAIL_TMO, 24, ORIGIN_OVERRIDES);
}

static void test_cmdline_first(void **state)
{
	struct fixture *f = *state;
	struct kvset cmd = KVSET_INIT;
	struct prop_scope s = f->s;

	assert_int_equal(kvset_put_int(&cmd, KW_NO_PATH_RETRY, 9), 0);
	s.cmdline = &cmd;
	expect(&s, KW_NO_PATH_RETRY, 9, ORIGIN_CMDLINE);
	kvset_free(&cmd);
}

static void test_without_mpe_or_hwe(void **state)
{
	struct fixture *f = *state;
	struct prop_scope s = { .conf = f->conf };

	expect(&s, KW_RR_MIN_IO_RQ, 11, ORIGIN_DEFAULTS);
	expect(&s, KW_NO_PATH_RETRY, 4, ORIGIN_OVERRIDES);
}

static void test_origin_names(void **state)
{
	(void)state;
	assert_string_equal(origin_name(ORIGIN_DEVICE),
			    "(setting: storage device configuration)");
	assert_string_equal(origin_name(ORIGIN_BUILTIN),
			    "(setting: multipath internal)");
	assert_string_equal(origin_name(ORIGIN_DEFAULTS),
			    "(setting: multipath.conf defaults/devices section)");
	assert_string_equal(origin_name(ORIGIN_OVERRIDES_PROTOCOL),
			    "(setting: multipath.conf overrides protocol section)");
}

static void test_prop_log_format(void **state)
{
	struct fixture *f = *state;
	const union kwval *v;
	enum prop_origin o;

	log_capture_start(3);
	v = prop_select(&f->s, KW_PRIO_ARGS, &o);
	prop_log("sda", KW_PRIO_ARGS, v, o);
	v = prop_select(&f->s, KW_NO_PATH_RETRY, &o);
	prop_log("mpatha", KW_NO_PATH_RETRY, v, o);
	assert_string_equal(log_captured(),
		"sda: prio_args = v (setting: storage device configuration)\n"
		"mpatha: no_path_retry = 3 (setting: multipath.conf multipaths section)\n");
	log_capture_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multipaths_win),
		cmocka_unit_test(test_overrides_over_devices),
		cmocka_unit_test(test_devices_over_defaults),
		cmocka_unit_test(test_defaults_over_builtin),
		cmocka_unit_test(test_unset_everywhere),
		cmocka_unit_test(test_protocol_over_overrides),
		cmocka_unit_test(test_cmdline_first),
		cmocka_unit_test(test_without_mpe_or_hwe),
		cmocka_unit_test(test_origin_names),
		cmocka_unit_test(test_prop_log_format),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
