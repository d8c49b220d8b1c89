/* Setting SCSI transport timeouts on a fake sysfs tree whose FC remote
 * ports check writes like scsi_transport_fc: the order and values of the
 * writes, the final attributes, and what is logged. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/scsi_tmo.h"
#include "discovery/sysfs.h"
#include "model/map.h"
#include "testutil.h"
#include "util/cleanup.h"
#include "util/file.h"
#include "util/log.h"
#include "util/vector.h"

/* ---- the fake kernel: sysfs_write is wrapped (tests.mk) ------------- */

int __real_sysfs_write(const char *root, const char *value, const char *fmt,
		       ...) __attribute__((format(printf, 3, 4)));
int __wrap_sysfs_write(const char *root, const char *value, const char *fmt,
		       ...) __attribute__((format(printf, 3, 4)));

/* "rport-2:0-1/dev_loss_tmo=60\n" for each write tried, in order */
static struct strbuf writes = STRBUF_INIT;

static long long read_attr(const char *root, const char *rport,
			   const char *attr)
{
	char buf[32];

	if (sysfs_read(root, buf, sizeof(buf), "class/fc_remote_ports/%s/%s",
		       rport, attr) < 0)
		return -1;	/* no fast_io_fail_tmo: it stays off */
	if (!strcmp(buf, "off"))
		return -1;
	/* dev_loss_tmo is a u32 shown with %d */
	return strtoll(buf, NULL, 10) == -1 ? 4294967295LL :
					      strtoll(buf, NULL, 10);
}

/* What store_fc_rport_dev_loss_tmo / store_fc_rport_fast_io_fail_tmo
 * answer, from the port's current attributes. */
static int fc_check(const char *root, const char *rport, const char *attr,
		    const char *value)
{
	char state[32] = "";
	long long dev = read_attr(root, rport, "dev_loss_tmo");
	long long fio = read_attr(root, rport, "fast_io_fail_tmo");
	long long v = strtoll(value, NULL, 10);

	/* no port_state in the fake tree: Online */
	sysfs_read(root, state, sizeof(state),
		   "class/fc_remote_ports/%s/port_state", rport);
	if (!strcmp(state, "Blocked"))
		return -EBUSY;
	if (!strcmp(attr, "fast_io_fail_tmo"))
		return strcmp(value, "off") && (v >= dev || v > 600) ? -EINVAL :
								      0;
	if (!strcmp(attr, "dev_loss_tmo"))
		return v > 4294967295LL || (fio == -1 && v > 600) ? -EINVAL : 0;
	return 0;
}

/* A read-only attribute (no store method) cannot be opened for writing,
 * not even by root. */
static int kernfs_open(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	return st.st_mode & 0222 ? 0 : -EACCES;
}

int __wrap_sysfs_write(const char *root, const char *value, const char *fmt,
		       ...)
{
	char rel[512], path[1024], rport[64], attr[64];
	bool fc;
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	strbuf_printf(&writes, "%s=%s\n",
		      strchr(rel + strlen("class/"), '/') + 1, value);
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	r = kernfs_open(path);
	if (r < 0)
		return r;
	fc = sscanf(rel, "class/fc_remote_ports/%63[^/]/%63s", rport,
		    attr) == 2;
	if (fc && (r = fc_check(root, rport, attr, value)) < 0)
		return r;
	/* sysfs replaces the value */
	assert_int_equal(truncate(path, 0), 0);
	r = __real_sysfs_write(root, value, "%s", rel);
	/* dev_loss_tmo is shown with %d */
	if (r == 0 && fc && !strcmp(attr, "dev_loss_tmo") &&
	    strtoll(value, NULL, 10) > 2147483647LL) {
		assert_int_equal(truncate(path, 0), 0);
		r = __real_sysfs_write(root, "-1", "%s", rel);
	}
	return r;
}

/* ---- fixtures ------------------------------------------------------- */

struct fc_case;

struct fx {
	const struct fc_case *fc_case;	/* test_fc_case's */
	char *root;
	struct config *conf;
	struct discovery d;
	struct multipath *mpp;
};

static void put(const char *root, const char *rel, const char *text)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644), 0);
}

static char *get(const char *root, const char *rel)
{
	static char buf[64];

	if (sysfs_read(root, buf, sizeof(buf), "%s", rel) < 0)
		return "(none)";
	return buf;
}

/* Block device dev at devices/<tree>/H:C:T:L, a path of the map. */
static struct path *add_path(struct fx *f, const char *dev, const char *tree,
			     int host, enum protocol protocol)
{
	char rel[512], target[1024], link[1024];
	struct path *pp = path_new();

	snprintf(rel, sizeof(rel), "devices/%s/%d:0:0:1/state", tree, host);
	put(f->root, rel, "running\n");
	snprintf(target, sizeof(target), "%s/devices/%s/%d:0:0:1", f->root,
		 tree, host);
	snprintf(link, sizeof(link), "%s/class/block/%s/device", f->root, dev);
	assert_int_equal(mkdir_parents(link, 0755), 0);
	assert_int_equal(symlink(target, link), 0);

	snprintf(pp->dev, sizeof(pp->dev), "%s", dev);
	pp->bus = BUS_SCSI;
	pp->protocol = protocol;
	pp->has_hcil = true;
	pp->hcil.host = host;
	pp->hcil.lun = 1;
	assert_int_equal(vec_push(&f->mpp->paths, pp), 0);
	return pp;
}

/* An FC path through rport-H:0-1 with the port's current timeouts (NULL:
 * no such attribute, or one the test made). */
static void fc_path(struct fx *f, const char *dev, int host,
		    const char *dev_loss, const char *fio)
{
	char tree[128], rel[128];

	snprintf(tree, sizeof(tree), "pci0/host%d/rport-%d:0-1/target%d:0:0",
		 host, host, host);
	add_path(f, dev, tree, host, PROTOCOL_SCSI_FCP);
	snprintf(rel, sizeof(rel), "class/fc_remote_ports/rport-%d:0-1/%s",
		 host, "dev_loss_tmo");
	if (dev_loss)
		put(f->root, rel, dev_loss);
	snprintf(rel, sizeof(rel), "class/fc_remote_ports/rport-%d:0-1/%s",
		 host, "fast_io_fail_tmo");
	if (fio)
		put(f->root, rel, fio);
	snprintf(rel, sizeof(rel), "class/scsi_host/host%d/eh_deadline", host);
	put(f->root, rel, "off\n");
}

static void configure(struct fx *f, const char *defaults, int no_path_retry)
{
	char text[512];

	snprintf(text, sizeof(text), "defaults {\n  polling_interval 5\n%s}\n",
		 defaults);
	f->conf = config_from_string(text, "t");
	f->d.conf = f->conf;
	f->mpp->no_path_retry = no_path_retry;
}

static void run(struct fx *f, const char *defaults, int no_path_retry)
{
	configure(f, defaults, no_path_retry);
	map_set_scsi_timeouts(&f->d, f->mpp);
}

/* sdb through rport-2:0-1 with the port's current timeouts, the given
 * defaults and no_path_retry: the writes tried must be expected. */
static void run_fc(struct fx *f, const char *dev_loss, const char *fio,
		   const char *defaults, int no_path_retry,
		   const char *expected)
{
	fc_path(f, "sdb", 2, dev_loss, fio);
	run(f, defaults, no_path_retry);
	assert_string_equal(strbuf_str(&writes), expected);
}

/* sdd in iSCSI session7 (recovery_tmo NULL: no such attribute) */
static void iscsi_path(struct fx *f, const char *recovery_tmo)
{
	add_path(f, "sdd", "platform/host4/session7/target4:0:0", 4,
		 PROTOCOL_SCSI_ISCSI);
	if (recovery_tmo)
		put(f->root, "class/iscsi_session/session7/recovery_tmo",
		    recovery_tmo);
}

static void assert_rport(const struct fx *f, int host, const char *fio,
			 const char *dev_loss)
{
	char rel[128];

	snprintf(rel, sizeof(rel),
		 "class/fc_remote_ports/rport-%d:0-1/fast_io_fail_tmo", host);
	assert_string_equal(get(f->root, rel), fio);
	snprintf(rel, sizeof(rel),
		 "class/fc_remote_ports/rport-%d:0-1/dev_loss_tmo", host);
	assert_string_equal(get(f->root, rel), dev_loss);
}

static int setup(void **state)
{
	static struct fx f;

	memset(&f, 0, sizeof(f));
	f.fc_case = *state;
	f.root = make_temp_dir();
	f.d.sysfs_root = f.root;
	f.mpp = multipath_new();
	f.mpp->alias = strdup("mpatha");
	strbuf_reset(&writes);
	*state = &f;
	log_capture_start(3);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	log_capture_stop();
	strbuf_free(&writes);
	multipath_free(f->mpp);
	config_free(f->conf);
	remove_tree(f->root);
	free(f->root);
	return 0;
}

#define RPORT2 "class/fc_remote_ports/rport-2:0-1/"

/* ---- FC remote ports ----------------------------------------------- */

/* One FC path, sdb through rport-2:0-1: the port's current timeouts and
 * the configuration, the writes tried in order, the port's values after
 * them, and a line that must be in the -v3 log. */
struct fc_case {
	const char *name;
	const char *cur_dev_loss, *cur_fio;
	const char *defaults;
	int no_path_retry;
	const char *writes;
	const char *fio, *dev_loss;
	const char *log;
};

#define W(attr, value) "rport-2:0-1/" attr "=" value "\n"
#define FIO(v) W("fast_io_fail_tmo", v)
#define DEV(v) W("dev_loss_tmo", v)
#define FROM_CONF "(setting: multipath.conf defaults/devices section)"

static const struct fc_case fc_cases[] = {
	/* below the current dev_loss: fast_io_fail first, which dev_loss
	 * above 600 needs */
	{ "test_fc_fio_below_dev_loss", "30", "off",
	  "fast_io_fail_tmo 5\ndev_loss_tmo 900\n", 0,
	  FIO("5") DEV("900"), "5", "900",
	  "sdb: dev_loss_tmo = 900 " FROM_CONF },
	/* 15 is not below the current 10: dev_loss first */
	{ "test_fc_fio_above_dev_loss", "10", "5",
	  "fast_io_fail_tmo 15\ndev_loss_tmo 60\n", 0,
	  DEV("60") FIO("15"), "15", "60",
	  "sdb: fast_io_fail_tmo = 15 " FROM_CONF },
	/* no dev_loss_tmo configured: raised just above fast_io_fail */
	{ "test_fc_fio_above_kept_dev_loss", "10", "5",
	  "fast_io_fail_tmo 15\n", 0,
	  DEV("16") FIO("15"), "15", "16", NULL },
	{ "test_fc_fio_below_kept_dev_loss", "30", "5",
	  "fast_io_fail_tmo 15\n", 0,
	  FIO("15"), "15", "30", NULL },
	/* off, and dev_loss above 600: through 600 */
	{ "test_fc_through_600", "3", "off",
	  "fast_io_fail_tmo 5\ndev_loss_tmo 900\n", 0,
	  DEV("600") FIO("5") DEV("900"), "5", "900", NULL },
	{ "test_fc_through_600_to_600", "100", "off",
	  "fast_io_fail_tmo 600\ndev_loss_tmo 900\n", 0,
	  DEV("600") FIO("599") DEV("900") FIO("600"), "600", "900", NULL },
	{ "test_fc_fio_off", "30", "5",
	  "fast_io_fail_tmo off\ndev_loss_tmo 300\n", 0,
	  FIO("off") DEV("300"), "off", "300", NULL },
	{ "test_fc_fio_off_limits_dev_loss", "30", "5",
	  "fast_io_fail_tmo off\ndev_loss_tmo 900\n", 0,
	  FIO("off") DEV("600"), "off", "600",
	  "sdb: rport-2:0-1: limiting dev_loss_tmo to 600, "
	  "since fast_io_fail is off" },
	{ "test_fc_fio_limited", "30", "5",
	  "fast_io_fail_tmo 700\ndev_loss_tmo 900\n", 0,
	  DEV("900") FIO("600"), "600", "900",
	  "sdb: rport-2:0-1: limiting fast_io_fail_tmo to 600, "
	  "the kernel's maximum" },
	{ "test_fc_fio_not_smaller", "30", "5",
	  "fast_io_fail_tmo 10\ndev_loss_tmo 10\n", 0,
	  FIO("off") DEV("10"), "off", "10",
	  "sdb: turning fast_io_fail_tmo off: 10 is not below dev_loss_tmo 10" },
	/* no_path_retry 12 with polling_interval 5 */
	{ "test_fc_no_path_retry", "30", "5",
	  "fast_io_fail_tmo 5\ndev_loss_tmo 30\n", 12,
	  FIO("5") DEV("60"), "5", "60",
	  "mpatha: raising dev_loss_tmo to 60 to cover no_path_retry" },
	{ "test_fc_no_path_retry_fio_not_smaller", "30", "5",
	  "fast_io_fail_tmo 60\ndev_loss_tmo 30\n", 12,
	  FIO("off") DEV("60"), "off", "60",
	  "sdb: turning fast_io_fail_tmo off: 60 is not below dev_loss_tmo 60" },
	/* the reference leaves a dev_loss_tmo nobody configured alone */
	{ "test_fc_no_path_retry_unset_dev_loss", "30", "5",
	  "fast_io_fail_tmo 5\n", 12,
	  FIO("5"), "5", "30", NULL },
	/* the kernel shows the u32 with %d */
	{ "test_fc_queue", "30", "off",
	  "fast_io_fail_tmo 5\ndev_loss_tmo 30\n", NO_PATH_RETRY_QUEUE,
	  FIO("5") DEV("4294967295"), "5", "-1",
	  "mpatha: raising dev_loss_tmo to 4294967295 to cover no_path_retry" },
	/* the largest value the kernel takes without fast_io_fail */
	{ "test_fc_queue_fio_off", "30", "5",
	  "fast_io_fail_tmo off\ndev_loss_tmo 30\n", NO_PATH_RETRY_QUEUE,
	  FIO("off") DEV("600"), "off", "600",
	  "limiting dev_loss_tmo to 600, since fast_io_fail is off" },
	/* already at infinity, which reads back as -1 */
	{ "test_fc_infinity_again", "-1", "5",
	  "fast_io_fail_tmo 15\ndev_loss_tmo infinity\n", 0,
	  FIO("15") DEV("4294967295"), "15", "-1",
	  "sdb: dev_loss_tmo = infinity " FROM_CONF },
	{ "test_fc_default_fio", "30", "off",
	  "", 0,
	  FIO("5"), "5", "30",
	  "sdb: fast_io_fail_tmo = 5 (setting: multipath internal)" },
};

static void test_fc_case(void **state)
{
	struct fx *f = *state;
	const struct fc_case *c = f->fc_case;
	char cur_dev[32], cur_fio[32];

	snprintf(cur_dev, sizeof(cur_dev), "%s\n", c->cur_dev_loss);
	snprintf(cur_fio, sizeof(cur_fio), "%s\n", c->cur_fio);
	run_fc(f, cur_dev, cur_fio, c->defaults, c->no_path_retry, c->writes);
	assert_rport(f, 2, c->fio, c->dev_loss);
	if (c->log)
		assert_str_contains(log_captured(), c->log);
	assert_str_not_contains(log_captured(), "cannot");
}

static void test_fc_no_path_retry_once_per_map(void **state)
{
	struct fx *f = *state;

	fc_path(f, "sdc", 3, "30\n", "5\n");
	log_capture_start(2);
	/* 12 intervals of 5 seconds */
	run_fc(f, "30\n", "5\n", "  fast_io_fail_tmo 5\n  dev_loss_tmo 30\n",
	       12, "rport-3:0-1/fast_io_fail_tmo=5\n"
		   "rport-3:0-1/dev_loss_tmo=60\n"
		   "rport-2:0-1/fast_io_fail_tmo=5\n"
		   "rport-2:0-1/dev_loss_tmo=60\n");
	/* once for the map, at the default verbosity */
	assert_string_equal(log_captured(),
			    "mpatha: raising dev_loss_tmo to 60 to cover no_path_retry\n");
}

static void test_fc_infinity(void **state)
{
	struct fx *f = *state;

	fc_path(f, "sdc", 3, "10\n", "off\n");
	/* the port already at infinity reads back as -1 */
	run_fc(f, "-1\n", "off\n",
	       "  fast_io_fail_tmo 15\n  dev_loss_tmo infinity\n", 0,
	       "rport-3:0-1/dev_loss_tmo=600\n"
	       "rport-3:0-1/fast_io_fail_tmo=15\n"
	       "rport-3:0-1/dev_loss_tmo=4294967295\n"
	       "rport-2:0-1/fast_io_fail_tmo=15\n"
	       "rport-2:0-1/dev_loss_tmo=4294967295\n");
	assert_rport(f, 2, "15", "-1");
	assert_rport(f, 3, "15", "-1");
	assert_str_contains(log_captured(),
			    "sdb: dev_loss_tmo = infinity (setting: multipath.conf defaults/devices section)");
}

static void test_fc_blocked(void **state)
{
	struct fx *f = *state;

	put(f->root, RPORT2 "port_state", "Blocked\n");
	log_capture_start(2);
	/* every write would fail: one error */
	run_fc(f, "30\n", "5\n", "  fast_io_fail_tmo 5\n  dev_loss_tmo 900\n",
	       0, "rport-2:0-1/fast_io_fail_tmo=5\n");
	assert_string_equal(log_captured(),
			    "sdb: rport-2:0-1: cannot set fast_io_fail_tmo to 5: Device or resource busy\n");
}

static void test_fc_write_fails(void **state)
{
	struct fx *f = *state;
	char path[1024];

	/* a driver that cannot change dev_loss_tmo makes it read-only */
	put(f->root, RPORT2 "dev_loss_tmo", "30\n");
	snprintf(path, sizeof(path), "%s/" RPORT2 "dev_loss_tmo", f->root);
	assert_int_equal(chmod(path, 0444), 0);
	log_capture_start(1);
	run_fc(f, NULL, "off\n", "  fast_io_fail_tmo 5\n  dev_loss_tmo 900\n",
	       0, "rport-2:0-1/fast_io_fail_tmo=5\n"
		  "rport-2:0-1/dev_loss_tmo=900\n");
	assert_string_equal(log_captured(),
			    "sdb: rport-2:0-1: cannot set dev_loss_tmo to 900: Permission denied\n");
	assert_rport(f, 2, "5", "30");
}

static void test_fc_no_fio_attribute(void **state)
{
	struct fx *f = *state;

	/* unknown fast_io_fail: planned as off, the stricter case */
	run_fc(f, "3\n", NULL, "  fast_io_fail_tmo 5\n  dev_loss_tmo 900\n",
	       0, "rport-2:0-1/dev_loss_tmo=600\n"
		  "rport-2:0-1/fast_io_fail_tmo=5\n"
		  "rport-2:0-1/dev_loss_tmo=900\n");
	assert_str_contains(log_captured(),
			    "sdb: rport-2:0-1: cannot set fast_io_fail_tmo to 5: No such file or directory\n");
}

static void test_fc_no_rport(void **state)
{
	struct fx *f = *state;
	char path[1024];

	fc_path(f, "sdb", 2, "30\n", "5\n");
	snprintf(path, sizeof(path), "%s/" RPORT2 "dev_loss_tmo", f->root);
	assert_int_equal(unlink(path), 0);
	log_capture_start(1);
	run(f, "  fast_io_fail_tmo 5\n", 0);
	assert_string_equal(strbuf_str(&writes), "");
	assert_string_equal(log_captured(),
			    "sdb: rport-2:0-1: cannot read dev_loss_tmo: No such file or directory\n");
}

static void test_fc_not_in_tree(void **state)
{
	struct fx *f = *state;

	/* scsi:fcp, but no remote port above the device */
	add_path(f, "sdb", "pci0/host2/target2:0:0", 2, PROTOCOL_SCSI_FCP);
	log_capture_start(1);
	run(f, "", 0);
	assert_string_equal(strbuf_str(&writes), "");
	assert_string_equal(log_captured(),
			    "sdb: cannot find its FC remote port: No such file or directory\n");
}

/* ---- other transports ---------------------------------------------- */

static void test_iscsi(void **state)
{
	struct fx *f = *state;

	iscsi_path(f, "120\n");
	run(f, "  fast_io_fail_tmo 15\n  dev_loss_tmo 60\n", 0);
	assert_string_equal(strbuf_str(&writes), "session7/recovery_tmo=15\n");
	assert_string_equal(
		get(f->root, "class/iscsi_session/session7/recovery_tmo"), "15");
	assert_str_contains(log_captured(),
			    "sdd: ignoring dev_loss_tmo on iSCSI\n");
}

static void test_iscsi_off(void **state)
{
	struct fx *f = *state;

	iscsi_path(f, "120\n");
	run(f, "  fast_io_fail_tmo off\n", 0);
	assert_string_equal(strbuf_str(&writes), "");
	assert_str_contains(log_captured(),
			    "sdd: cannot set fast_io_fail_tmo to off on iSCSI\n");
}

static void test_iscsi_write_fails(void **state)
{
	struct fx *f = *state;

	/* the session exists in the device tree, not its attribute */
	iscsi_path(f, NULL);
	log_capture_start(2);
	run(f, "  fast_io_fail_tmo 15\n", 0);
	assert_string_equal(log_captured(),
			    "sdd: session7: cannot set recovery_tmo to 15: No such file or directory\n");
}

static void test_sas(void **state)
{
	struct fx *f = *state;

	add_path(f, "sde", "pci0/host5/port-5:0/end_device-5:0/target5:0:0",
		 5, PROTOCOL_SCSI_SAS);
	put(f->root,
	    "class/sas_end_device/end_device-5:0/I_T_nexus_loss_timeout",
	    "2000\n");
	run(f, "  fast_io_fail_tmo 5\n  dev_loss_tmo 30\n", 12);
	assert_string_equal(strbuf_str(&writes),
			    "end_device-5:0/I_T_nexus_loss_timeout=60\n");
	assert_str_contains(log_captured(),
			    "mpatha: raising dev_loss_tmo to 60 to cover no_path_retry\n");
}

static void test_eh_deadline(void **state)
{
	struct fx *f = *state;

	fc_path(f, "sdb", 2, "30\n", "5\n");
	add_path(f, "sdf", "pci0/host6/target6:0:0", 6, PROTOCOL_SCSI_UNSPEC);
	put(f->root, "class/scsi_host/host6/eh_deadline", "off\n");
	run(f, "  eh_deadline 20\n", 0);
	/* on every SCSI host, whatever the transport */
	assert_string_equal(strbuf_str(&writes),
			    "host2/eh_deadline=20\n"
			    "rport-2:0-1/fast_io_fail_tmo=5\n"
			    "host6/eh_deadline=20\n");
	assert_string_equal(get(f->root, "class/scsi_host/host6/eh_deadline"),
			    "20");
	assert_str_contains(log_captured(),
			    "sdf: setting scsi timeouts is unsupported for protocol scsi:unspec\n");
}

static void test_eh_deadline_fails(void **state)
{
	struct fx *f = *state;

	add_path(f, "sdf", "pci0/host6/target6:0:0", 6, PROTOCOL_SCSI_UNSPEC);
	run(f, "  eh_deadline off\n", 0);
	assert_string_equal(strbuf_str(&writes), "host6/eh_deadline=off\n");
	/* hosts with their own error handling refuse it: -v3 only */
	assert_str_contains(log_captured(),
			    "sdf: host6: cannot set eh_deadline to off: No such file or directory\n");
}

static void test_unsupported(void **state)
{
	struct fx *f = *state;
	struct path *nvme;

	add_path(f, "sdf", "pci0/host6/target6:0:0", 6, PROTOCOL_SCSI_UNSPEC);
	nvme = add_path(f, "nvme0n1", "pci0/nvme0/nvme0n1", 0,
			PROTOCOL_NVME_TCP);
	nvme->bus = BUS_NVME;
	log_capture_start(2);
	run(f, "", 0);
	assert_string_equal(strbuf_str(&writes), "");
	assert_string_equal(log_captured(),
			    "sdf: setting scsi timeouts is unsupported for protocol scsi:unspec\n"
			    "nvme0n1: setting scsi timeouts is unsupported for protocol nvme:tcp\n");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	static const struct CMUnitTest named[] = {
		T(test_fc_no_path_retry_once_per_map),
		T(test_fc_infinity),
		T(test_fc_blocked),
		T(test_fc_write_fails),
		T(test_fc_no_fio_attribute),
		T(test_fc_no_rport),
		T(test_fc_not_in_tree),
		T(test_iscsi),
		T(test_iscsi_off),
		T(test_iscsi_write_fails),
		T(test_sas),
		T(test_eh_deadline),
		T(test_eh_deadline_fails),
		T(test_unsupported),
	};
	struct CMUnitTest tests[ARRAY_SIZE(fc_cases) + ARRAY_SIZE(named)];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fc_cases); i++) {
		tests[i] = (struct CMUnitTest)T(test_fc_case);
		tests[i].name = fc_cases[i].name;
		tests[i].initial_state = (void *)&fc_cases[i];
	}
	memcpy(tests + i, named, sizeof(named));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
