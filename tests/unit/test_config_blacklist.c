/* Blacklist and exceptions decisions on device descriptions. */
#include <string.h>

#include "config/config.h"
#include "testutil.h"
#include "util/strbuf.h"
#include "util/log.h"

static void test_default_devnode_rule(void **state)
{
	struct config *conf = config_from_string("", "t");

	(void)state;
	assert_int_equal(filter_devnode(conf, "sda"), BL_NOTHING);
	assert_int_equal(filter_devnode(conf, "sdaa"), BL_NOTHING);
	assert_int_equal(filter_devnode(conf, "nvme0n1"), BL_NOTHING);
	assert_int_equal(filter_devnode(conf, "dasdb"), BL_NOTHING);
	assert_int_equal(filter_devnode(conf, "loop0"), BL_LISTED(BL_DEVNODE));
	assert_int_equal(filter_devnode(conf, "dm-3"), BL_LISTED(BL_DEVNODE));
	assert_int_equal(filter_devnode(conf, "sr0"), BL_LISTED(BL_DEVNODE));
	config_free(conf);
}

static void test_exceptions_win(void **state)
{
	struct config *conf = config_from_string(
		"blacklist {\n  devnode \"^sd\"\n  wwid \".*\"\n"
		"  device {\n    vendor ACME\n  }\n}\n"
		"blacklist_exceptions {\n  devnode \"^sdb$\"\n  wwid \"^3600\"\n"
		"  device {\n    vendor ACME\n    product Keep\n  }\n}\n", "t");

	(void)state;
	assert_int_equal(filter_devnode(conf, "sda"), BL_LISTED(BL_DEVNODE));
	assert_int_equal(filter_devnode(conf, "sdb"), BL_EXCEPTED(BL_DEVNODE));
	assert_int_equal(filter_wwid(conf, "3600a0b8"), BL_EXCEPTED(BL_WWID));
	assert_int_equal(filter_wwid(conf, "1Linux"), BL_LISTED(BL_WWID));
	assert_int_equal(filter_device(conf, "ACME", "Other"),
			 BL_LISTED(BL_DEVICE));
	assert_int_equal(filter_device(conf, "ACME", "Keep 2"),
			 BL_EXCEPTED(BL_DEVICE));
	assert_int_equal(filter_device(conf, "Other", "Keep"), BL_NOTHING);
	config_free(conf);
}

static void test_negated_pattern(void **state)
{
	struct config *conf = config_from_string(
		"blacklist {\n  wwid \"!^36\"\n}\n", "t");

	(void)state;
	assert_int_equal(filter_wwid(conf, "3600"), BL_NOTHING);
	assert_int_equal(filter_wwid(conf, "1Linux"), BL_LISTED(BL_WWID));
	config_free(conf);
}

static void test_property_rules(void **state)
{
	struct config *conf = config_from_string("", "t");
	const char *with_wwn[] = { "DEVNAME", "ID_SERIAL", "ID_WWN" };
	const char *without[] = { "DEVNAME", "ID_SERIAL" };
	const char *no_uid[] = { "DEVNAME" };

	(void)state;
	/* built-in exception: (SCSI_IDENT_|ID_WWN) must be present */
	assert_int_equal(filter_property(conf, with_wwn, 3, "ID_SERIAL"),
			 BL_EXCEPTED(BL_PROPERTY));
	assert_int_equal(filter_property(conf, without, 2, "ID_SERIAL"),
			 BL_LISTED(BL_PROPERTY_MISSING));
	/* udev could not even give the WWID: not blacklisted for that */
	assert_int_equal(filter_property(conf, no_uid, 1, "ID_SERIAL"),
			 BL_NOTHING);
	/* no uid_attribute: property check does not apply */
	assert_int_equal(filter_property(conf, without, 2, ""), BL_NOTHING);
	config_free(conf);

	conf = config_from_string("blacklist {\n  property \"^ID_CDROM\"\n}\n", "t");
	{
		const char *cd[] = { "ID_CDROM", "ID_SERIAL", "ID_WWN" };

		/* properties are checked in order; the exception is met first
		 * only when it comes first */
		assert_int_equal(filter_property(conf, cd, 3, "ID_SERIAL"),
				 BL_LISTED(BL_PROPERTY));
	}
	config_free(conf);
}

static void test_protocol_rules(void **state)
{
	struct config *conf = config_from_string(
		"blacklist {\n  protocol \"scsi:(sas|usb)\"\n}\n", "t");

	(void)state;
	assert_int_equal(filter_protocol(conf, "scsi:sas"),
			 BL_LISTED(BL_PROTOCOL));
	assert_int_equal(filter_protocol(conf, "scsi:fcp"), BL_NOTHING);
	config_free(conf);
}

static void test_check_order_and_log(void **state)
{
	struct config *conf = config_from_string(
		"blacklist {\n  wwid \"^bad\"\n}\n", "t");
	const char *props[] = { "ID_SERIAL", "ID_WWN" };
	struct bl_device_info dev = {
		.devnode = "sdc", .vendor = "Linux", .product = "scsi_debug",
		.wwid = "bad1", .protocol = "scsi:unspec",
		.props = props, .nprops = 2, .uid_attribute = "ID_SERIAL",
	};

	(void)state;
	log_capture_start(3);
	assert_int_equal(blacklist_check(conf, &dev), BL_LISTED(BL_WWID));
	assert_string_equal(log_captured(),
		"sdc: udev property ID_WWN whitelisted\n"
		"sdc: wwid bad1 blacklisted\n");
	log_capture_reset();
	dev.devnode = "loop1";
	assert_int_equal(blacklist_check(conf, &dev), BL_LISTED(BL_DEVNODE));
	assert_string_equal(log_captured(), "loop1: device node name blacklisted\n");
	log_capture_reset();
	dev.devnode = "sdd";
	dev.vendor = "DGC";
	dev.product = "LUNZ";
	assert_int_equal(blacklist_check(conf, &dev), BL_LISTED(BL_DEVICE));
	assert_string_equal(log_captured(),
		"sdd: (DGC:LUNZ) vendor/product blacklisted\n");
	log_capture_reset();
	dev.vendor = "Linux";
	dev.wwid = "good";
	assert_int_equal(blacklist_check(conf, &dev), 0);
	log_capture_stop();
	config_free(conf);
}

static void test_printed_order(void **state)
{
	struct config *conf = config_from_string(
		"blacklist {\n  devnode x\n}\n"
		"blacklist_exceptions {\n  property q\n}\n", "t");
	struct bl_entry *e;

	(void)state;
	/* user rules come before the built-in ones */
	e = conf->blist.devnode.items[0];
	assert_false(e->builtin);
	e = conf->blist.devnode.items[1];
	assert_true(e->builtin);
	e = conf->elist.property.items[1];
	assert_true(e->builtin);
	config_free(conf);
}

/* "show blacklist" of the built-in rules, as the reference prints them */
static const char default_blacklist[] =
	"device node rules:\n"
	"- blacklist:\n"
	"        (default rule)     !^(sd[a-z]|dasd[a-z]|nvme[0-9])\n"
	"- exceptions:\n"
	"        <empty>\n"
	"udev property rules:\n"
	"- blacklist:\n"
	"        <empty>\n"
	"- exceptions:\n"
	"        (default rule)     (SCSI_IDENT_|ID_WWN)\n"
	"protocol rules:\n"
	"- blacklist:\n"
	"        <empty>\n"
	"- exceptions:\n"
	"        <empty>\n"
	"wwid rules:\n"
	"- blacklist:\n"
	"        <empty>\n"
	"- exceptions:\n"
	"        <empty>\n"
	"device rules:\n"
	"- blacklist:\n"
	"        (default rule)     SGI:Universal Xport\n"
	"        (default rule)     ^DGC:LUNZ\n"
	"        (default rule)     EMC:LUNZ\n"
	"        (default rule)     DELL:Universal Xport\n"
	"        (default rule)     FUJITSU:Universal Xport\n"
	"        (default rule)     IBM:Universal Xport\n"
	"        (default rule)     IBM:S/390\n"
	"        (default rule)     LENOVO:Universal Xport\n"
	"        (default rule)     (NETAPP|LSI|ENGENIO):Universal Xport\n"
	"        (default rule)     STK:Universal Xport\n"
	"        (default rule)     SUN:Universal Xport\n"
	"        (default rule)     (Intel|INTEL):VTrak V-LUN\n"
	"        (default rule)     Promise:VTrak V-LUN\n"
	"        (default rule)     Promise:Vess V-LUN\n"
	"- exceptions:\n"
	"        <empty>\n";

static void test_show_blacklist(void **state)
{
	struct config *conf = config_from_string("", "t");
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(blacklist_print(conf, &sb), 0);
	assert_string_equal(strbuf_str(&sb), default_blacklist);
	strbuf_free(&sb);
	config_free(conf);
}

/* the configuration's rules first, a device rule without product */
static void test_show_blacklist_config(void **state)
{
	struct config *conf = config_from_string(
		"blacklist {\n  wwid \"^nothing\"\n  device {\n    vendor FOO\n  }\n}\n"
		"blacklist_exceptions {\n  devnode \"^loop0$\"\n  property \"X\"\n}\n", "t");
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(blacklist_print(conf, &sb), 0);
	assert_str_contains(strbuf_str(&sb), "wwid rules:\n- blacklist:\n"
			    "        (config file rule) ^nothing\n- exceptions:\n"
			    "        <empty>\n");
	assert_str_contains(strbuf_str(&sb), "device rules:\n- blacklist:\n"
			    "        (config file rule) FOO:(null)\n"
			    "        (default rule)     SGI:Universal Xport\n");
	assert_str_contains(strbuf_str(&sb), "- exceptions:\n"
			    "        (config file rule) ^loop0$\nudev property rules:\n");
	assert_str_contains(strbuf_str(&sb), "- exceptions:\n"
			    "        (config file rule) X\n"
			    "        (default rule)     (SCSI_IDENT_|ID_WWN)\n");
	strbuf_free(&sb);
	config_free(conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_devnode_rule),
		cmocka_unit_test(test_exceptions_win),
		cmocka_unit_test(test_negated_pattern),
		cmocka_unit_test(test_property_rules),
		cmocka_unit_test(test_protocol_rules),
		cmocka_unit_test(test_check_order_and_log),
		cmocka_unit_test(test_printed_order),
		cmocka_unit_test(test_show_blacklist),
		cmocka_unit_test(test_show_blacklist_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
