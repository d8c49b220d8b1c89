/* Path discovery from sysfs on fake sysfs trees: attributes, H:C:T:L,
 * transports and their target names, hardware table match, WWID from the
 * VPD page when udev has none, blacklist stages, checker/prio selection. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkers/checker.h"
#include "config/config.h"
#include "discovery/pathinfo.h"
#include "discovery/sysfs.h"
#include "prio/prio.h"
#include "testutil.h"
#include "util/file.h"
#include "util/log.h"

struct fx {
	char *root;
	struct config *conf;
	struct discovery d;
};

static void put(const char *root, const char *rel, const void *data,
		size_t len)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(file_write_atomic(path, data, len, 0644), 0);
}

static void puts_(const char *root, const char *rel, const char *text)
{
	put(root, rel, text, strlen(text));
}

static void link_(const char *root, const char *target, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir_parents(path, 0755), 0);
	assert_int_equal(symlink(target, path), 0);
}

/* A SCSI disk at devices/<tree>/H:C:T:L with its attributes. */
static void scsi_disk(const char *root, const char *dev, const char *devt,
		      const char *tree, const char *hcil, const char *vendor,
		      const char *model)
{
	char rel[512], target[512];
	/* standard INQUIRY: byte 5 bits 4-5 = TPGS (implicit ALUA here) */
	static const unsigned char inq[36] = { 0, 0, 6, 2, 31, 0x10 };

	snprintf(rel, sizeof(rel), "devices/%s/%s/vendor", tree, hcil);
	puts_(root, rel, vendor);
	snprintf(rel, sizeof(rel), "devices/%s/%s/model", tree, hcil);
	puts_(root, rel, model);
	snprintf(rel, sizeof(rel), "devices/%s/%s/rev", tree, hcil);
	puts_(root, rel, "0191\n");
	snprintf(rel, sizeof(rel), "devices/%s/%s/state", tree, hcil);
	puts_(root, rel, "running\n");
	snprintf(rel, sizeof(rel), "devices/%s/%s/scsi_level", tree, hcil);
	puts_(root, rel, "7\n");
	snprintf(rel, sizeof(rel), "devices/%s/%s/timeout", tree, hcil);
	puts_(root, rel, "30\n");
	snprintf(rel, sizeof(rel), "devices/%s/%s/inquiry", tree, hcil);
	put(root, rel, inq, sizeof(inq));
	snprintf(rel, sizeof(rel), "class/block/%s/dev", dev);
	puts_(root, rel, devt);
	snprintf(rel, sizeof(rel), "class/block/%s/size", dev);
	puts_(root, rel, "16384\n");
	snprintf(target, sizeof(target), "%s/devices/%s/%s", root, tree, hcil);
	snprintf(rel, sizeof(rel), "class/block/%s/device", dev);
	link_(root, target, rel);
	snprintf(target, sizeof(target), "../../class/block/%s", dev);
	snprintf(rel, sizeof(rel), "dev/block/%s", devt);
	link_(root, target, rel);
}

static int setup(void **state)
{
	static struct fx f;

	memset(&f, 0, sizeof(f));
	f.root = make_temp_dir();
	f.conf = config_from_string("blacklist {\n  wwid \"^1bad\"\n}\n", "t");
	f.d.conf = f.conf;
	f.d.sysfs_root = f.root;
	*state = &f;
	log_capture_start(3);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	log_capture_stop();
	remove_tree(f->root);
	free(f->root);
	config_free(f->conf);
	return 0;
}

/* A namespace with multipath=N: nvme<ctrl>n1 under controller nvme<ctrl>
 * (controller id cntlid), its model padded as the kernel gives it. */
static void nvme_ns(const char *root, unsigned ctrl, const char *cntlid)
{
	char rel[256], target[512], dev[32];

	snprintf(dev, sizeof(dev), "nvme%un1", ctrl);
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/model", ctrl);
	tree_puts(root, rel, "Linux                                   \n");
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/firmware_rev", ctrl);
	tree_puts(root, rel, "6.1.0-57\n");
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/state", ctrl);
	tree_puts(root, rel, "live\n");
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/transport", ctrl);
	tree_puts(root, rel, "tcp\n");
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/cntlid", ctrl);
	tree_puts(root, rel, cntlid);
	snprintf(rel, sizeof(rel), "class/block/%s/dev", dev);
	tree_puts(root, rel, "259:0\n");
	snprintf(rel, sizeof(rel), "class/block/%s/size", dev);
	tree_puts(root, rel, "32768\n");
	snprintf(rel, sizeof(rel), "class/block/%s/nsid", dev);
	tree_puts(root, rel, "7\n");
	snprintf(target, sizeof(target), "%s/devices/ctl/nvme%u", root, ctrl);
	snprintf(rel, sizeof(rel), "class/block/%s/device", dev);
	tree_link(root, target, rel);
	tree_link(root, "../../class/block/nvme1n1", "dev/block/259:0");
}

static void test_nvme_attributes(void **state)
{
	struct fx *f = *state;
	struct path *pp = path_new();

	nvme_ns(f->root, 1, "2\n");
	assert_int_equal(path_init(&f->d, pp, "nvme1n1"), 0);
	assert_int_equal(pp->bus, BUS_NVME);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS), 0);
	assert_string_equal(pp->vendor, "NVME");
	/* the reference keeps the padding of the 40-character model */
	assert_string_equal(pp->product, "Linux                                   ");
	assert_string_equal(pp->rev, "6.1.0-57");
	assert_string_equal(pp->sysfs_state, "live");
	assert_int_equal(pp->protocol, PROTOCOL_NVME_TCP);
	/* controller instance, controller id, namespace index, nsid */
	assert_true(pp->has_hcil);
	assert_int_equal(pp->hcil.host, 1);
	assert_int_equal(pp->hcil.channel, 2);
	assert_int_equal(pp->hcil.target, 1);
	assert_int_equal(pp->hcil.lun, 7);
	path_free(pp);
}

static void test_nvme_bad_cntlid(void **state)
{
	struct fx *f = *state;
	struct path *pp = path_new();

	nvme_ns(f->root, 1, "99999999999999999999\n");
	assert_int_equal(path_init(&f->d, pp, "nvme1n1"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS), 0);
	assert_int_equal(pp->hcil.channel, 0);
	path_free(pp);
}

static void test_scsi_attributes(void **state)
{
	struct fx *f = *state;
	struct path *pp = path_new();

	scsi_disk(f->root, "sdc", "8:32", "pci0/host2/target2:0:1", "2:0:1:5",
		  "3PARdata\n", "VV              \n");
	assert_int_equal(path_init(&f->d, pp, "sdc"), 0);
	assert_string_equal(pp->dev_t, "8:32");
	assert_int_equal(pp->bus, BUS_SCSI);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS), 0);
	assert_string_equal(pp->vendor, "3PARdata");
	assert_string_equal(pp->product, "VV");
	assert_string_equal(pp->rev, "0191");
	assert_string_equal(pp->sysfs_state, "running");
	assert_int_equal(pp->size, 16384);
	assert_true(pp->has_hcil);
	assert_int_equal(pp->hcil.host, 2);
	assert_int_equal(pp->hcil.target, 1);
	assert_int_equal(pp->hcil.lun, 5);
	assert_int_equal(pp->tpgs, 1);
	assert_int_equal(pp->protocol, PROTOCOL_SCSI_UNSPEC);
	assert_int_equal(pp->n_hwe, 1);	/* the built-in 3PARdata VV entry */
	assert_str_contains(log_captured(), "sdc: vendor = 3PARdata\n");
	assert_str_contains(log_captured(), "sdc: h:b:t:l = 2:0:1:5\n");
	path_free(pp);
}

static void test_transports(void **state)
{
	struct fx *f = *state;
	struct path *pp;

	scsi_disk(f->root, "sdd", "8:48", "pci0/host3/rport-3:0-0/target3:0:0",
		  "3:0:0:0", "ACME\n", "Box\n");
	puts_(f->root, "class/fc_transport/target3:0:0/node_name",
	      "0x50060e8007e40100\n");
	scsi_disk(f->root, "sde", "8:64",
		  "platform/host4/session7/target4:0:0", "4:0:0:1", "ACME\n",
		  "Box\n");
	puts_(f->root, "class/iscsi_session/session7/targetname",
	      "iqn.2003-01.org.example:target1\n");
	scsi_disk(f->root, "sdf", "8:80",
		  "pci0/host5/port-5:0/end_device-5:0/target5:0:0", "5:0:0:0",
		  "ACME\n", "Box\n");
	puts_(f->root, "class/sas_device/end_device-5:0/sas_address",
	      "0x5000c50012345678\n");

	pp = path_new();
	assert_int_equal(path_init(&f->d, pp, "sdd"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS), 0);
	assert_int_equal(pp->protocol, PROTOCOL_SCSI_FCP);
	assert_string_equal(pp->tgt_node_name, "0x50060e8007e40100");
	path_free(pp);

	pp = path_new();
	assert_int_equal(path_init(&f->d, pp, "sde"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS), 0);
	assert_int_equal(pp->protocol, PROTOCOL_SCSI_ISCSI);
	assert_string_equal(pp->tgt_node_name, "iqn.2003-01.org.example:target1");
	path_free(pp);

	pp = path_new();
	assert_int_equal(path_init(&f->d, pp, "sdf"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS), 0);
	assert_int_equal(pp->protocol, PROTOCOL_SCSI_SAS);
	assert_string_equal(pp->tgt_node_name, "0x5000c50012345678");
	path_free(pp);
}

/* No udev: the WWID comes from the kernel's copy of VPD page 0x83. */
static void test_wwid_from_vpd(void **state)
{
	struct fx *f = *state;
	/* page 0x83 with one NAA IEEE Registered Extended designator */
	static const unsigned char pg83[] = {
		0x00, 0x83, 0x00, 0x14,
		0x01, 0x03, 0x00, 0x10,
		0x60, 0x05, 0x07, 0x63, 0x03, 0xff, 0xc5, 0x2a,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34,
	};
	struct path *pp = path_new();

	scsi_disk(f->root, "sdg", "8:96", "pci0/host6/target6:0:0", "6:0:0:0",
		  "ACME\n", "Box\n");
	put(f->root, "block/sdg/device/vpd_pg83", pg83, sizeof(pg83));
	assert_int_equal(path_init(&f->d, pp, "sdg"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS | DI_WWID), 0);
	assert_string_equal(pp->wwid, "36005076303ffc52a0000000000001234");
	assert_int_equal(pp->wwid_source, WWID_SYSFS);
	assert_str_contains(log_captured(),
			    "sdg: uid = 36005076303ffc52a0000000000001234 (sysfs)");
	path_free(pp);
}

static void test_blacklist_stages(void **state)
{
	struct fx *f = *state;
	static const unsigned char pg83[] = {
		0x00, 0x83, 0x00, 0x0c,
		0x02, 0x01, 0x00, 0x08, 'b', 'a', 'd', 'v', 'e', 'n', 'd', ' ',
	};
	struct path *pp;

	/* devnode: before reading anything */
	scsi_disk(f->root, "loop0", "7:0", "virtual/loop0x", "0:0:0:0",
		  "x\n", "y\n");
	pp = path_new();
	assert_int_equal(path_init(&f->d, pp, "loop0"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_ALL & ~(DI_CHECKER | DI_PRIO)),
			 PATHINFO_SKIPPED);
	assert_string_equal(pp->vendor, "");
	path_free(pp);
	/* vendor/product: built-in blacklist (DGC LUNZ) */
	scsi_disk(f->root, "sdh", "8:112", "pci0/host7/target7:0:0",
		  "7:0:0:0", "DGC\n", "LUNZ\n");
	pp = path_new();
	assert_int_equal(path_init(&f->d, pp, "sdh"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS | DI_BLACKLIST),
			 PATHINFO_SKIPPED);
	assert_str_contains(log_captured(),
			    "sdh: (DGC:LUNZ) vendor/product blacklisted");
	path_free(pp);
	/* wwid: after it is known */
	scsi_disk(f->root, "sdi", "8:128", "pci0/host8/target8:0:0",
		  "8:0:0:0", "ACME\n", "Box\n");
	put(f->root, "block/sdi/device/vpd_pg83", pg83, sizeof(pg83));
	pp = path_new();
	assert_int_equal(path_init(&f->d, pp, "sdi"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS | DI_WWID | DI_BLACKLIST),
			 PATHINFO_SKIPPED);
	assert_str_contains(log_captured(), "blacklisted");
	path_free(pp);
}

static void test_missing_device(void **state)
{
	struct fx *f = *state;
	struct path *pp = path_new();

	assert_int_equal(path_init(&f->d, pp, "sdz"), -ENOENT);
	assert_int_equal(path_init(&f->d, pp, "../etc"), -EINVAL);
	assert_int_equal(path_init_devt(&f->d, pp, 8, 240), -ENOENT);
	path_free(pp);
}

/* detect_checker / detect_prio on an ALUA device with sysfs access_state */
static void test_checker_and_prio_selection(void **state)
{
	struct fx *f = *state;
	struct path *pp = path_new();
	const char *args;
	enum prop_origin o;

	scsi_disk(f->root, "sdj", "8:144", "pci0/host9/target9:0:0", "9:0:0:0",
		  "ACME\n", "Box\n");
	puts_(f->root, "devices/pci0/host9/target9:0:0/9:0:0:0/access_state",
	      "active/non-optimized\n");
	assert_int_equal(path_init(&f->d, pp, "sdj"), 0);
	assert_int_equal(pathinfo(&f->d, pp, DI_SYSFS), 0);
	assert_string_equal(checker_select(&f->d, pp), "tur");
	assert_str_contains(log_captured(),
		"sdj: path_checker = tur (setting: storage device autodetected)");
	assert_ptr_equal(prio_select(&f->d, pp, &args, &o), &prio_sysfs);
	assert_int_equal(o, ORIGIN_AUTODETECT);
	pp->state = PATH_UP;
	path_get_priority(&f->d, pp);
	assert_int_equal(pp->priority, 10);
	assert_int_equal(checker_timeout_ms(&f->d, pp), 30000);
	path_free(pp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scsi_attributes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nvme_attributes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nvme_bad_cntlid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wwid_from_vpd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blacklist_stages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checker_and_prio_selection, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
