/* multipath.conf grammar: good input, and one test per error class with
 * the expected "FILE line N, ..." warning and nothing else changed. */
#include <string.h>

#include "config/config.h"
#include "config/dump.h"
#include "testutil.h"
#include "util/log.h"

static struct config *parse(const char *text)
{
	log_capture_start(2);
	return config_from_string(text, "test.conf");
}

static void done(struct config *conf)
{
	config_free(conf);
	log_capture_stop();
}

static void test_basic_sections(void **state)
{
	struct config *conf = parse(
		"# comment\n"
		"defaults {\n"
		"\tpolling_interval 7   # trailing comment\n"
		"\tuser_friendly_names yes ! other comment style\n"
		"}\n"
		"blacklist {\n"
		"\tdevnode \"^loop\"\n"
		"\tdevice {\n\t\tvendor X\n\t\tproduct Y\n\t}\n"
		"}\n"
		"devices {\n"
		"\tdevice {\n\t\tvendor \"ACME\"\n\t\tproduct \"Box\"\n"
		"\t\tno_path_retry queue\n\t}\n"
		"}\n"
		"multipaths {\n"
		"\tmultipath {\n\t\twwid 3600a\n\t\talias data\n\t}\n"
		"}\n"
		"overrides {\n"
		"\tfailback immediate\n"
		"\tprotocol {\n\t\ttype scsi:iscsi\n\t\tfast_io_fail_tmo 9\n\t}\n"
		"}\n");

	(void)state;
	assert_string_equal(log_captured(), "");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 7);
	assert_int_equal(config_get_int(conf, KW_MAX_POLLING_INTERVAL), 28);
	assert_int_equal(config_get_int(conf, KW_USER_FRIENDLY_NAMES), 1);
	assert_int_equal(conf->warnings, 0);
	assert_non_null(config_find_mpe(conf, "3600a"));
	assert_non_null(config_find_mpe_by_alias(conf, "data"));
	assert_non_null(config_find_pce(conf, PROTOCOL_SCSI_ISCSI));
	assert_int_equal(kvset_int(&conf->overrides, KW_FAILBACK, 0),
			 FAILBACK_IMMEDIATE);
	done(conf);
}

static void test_braces_without_spaces(void **state)
{
	struct config *conf = parse("defaults{\npolling_interval 3\n}\n");

	(void)state;
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 3);
	assert_string_equal(log_captured(), "");
	done(conf);
}

static void test_one_line_section(void **state)
{
	struct config *conf = parse("defaults { polling_interval 4 }\n"
				    "overrides { no_path_retry 5 }\n");

	(void)state;
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 4);
	assert_int_equal(kvset_int(&conf->overrides, KW_NO_PATH_RETRY, 0), 5);
	assert_string_equal(log_captured(), "");
	done(conf);
}

static void test_brace_on_next_line(void **state)
{
	struct config *conf = parse("defaults\n{\npolling_interval 6\n}\n");

	(void)state;
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 6);
	assert_string_equal(log_captured(), "");
	done(conf);
}

static void test_unknown_keyword(void **state)
{
	struct config *conf = parse("defaults {\n"
				    "\tno_such_kw 1\n"
				    "\tpolling_interval 8\n"
				    "}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, invalid keyword in the defaults section: no_such_kw\n");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 8);
	assert_int_equal(conf->warnings, 1);
	done(conf);
}

static void test_keyword_wrong_section(void **state)
{
	struct config *conf = parse("defaults {\n\tvendor X\n}\n"
				    "devices {\n\tdevice {\n"
				    "\t\tvendor A\n\t\tproduct B\n"
				    "\t\talias foo\n\t}\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, invalid keyword in the defaults section: vendor\n"
		"test.conf line 8, invalid keyword in the device section: alias\n");
	done(conf);
}

static void test_out_of_range_capped(void **state)
{
	struct config *conf = parse("defaults {\n\tverbosity 9\n"
				    "\tuxsock_timeout 10\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, value for verbosity too large, capping at 4\n"
		"test.conf line 3, value for uxsock_timeout too small, capping at 4000\n");
	assert_int_equal(config_get_int(conf, KW_VERBOSITY), 4);
	assert_int_equal(config_get_int(conf, KW_UXSOCK_TIMEOUT), 4000);
	done(conf);
}

static void test_invalid_value_keeps_default(void **state)
{
	struct config *conf = parse("defaults {\n\tpolling_interval abc\n"
				    "\tuser_friendly_names maybe\n"
				    "\tpath_grouping_policy bogus\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, invalid value for polling_interval: \"abc\"\n"
		"test.conf line 3, invalid value for user_friendly_names: \"maybe\"\n"
		"test.conf line 4, invalid value for path_grouping_policy: \"bogus\"\n");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 5);
	assert_int_equal(config_get_int(conf, KW_USER_FRIENDLY_NAMES), 0);
	assert_int_equal(config_get_int(conf, KW_PATH_GROUPING_POLICY),
			 PGP_FAILOVER);
	done(conf);
}

static void test_bad_regex(void **state)
{
	struct config *conf = parse("blacklist {\n\tdevnode \"([\"\n"
				    "\tdevnode \"^sdz\"\n}\n");

	(void)state;
	assert_str_contains(log_captured(),
		"test.conf line 2, invalid regular expression for devnode: \"([\"");
	/* the good rule after it still applies, before the built-in one */
	assert_int_equal(conf->blist.devnode.len, 2);
	assert_true(filter_devnode(conf, "sdz") > 0);
	done(conf);
}

/* a pattern whose compiled form would take gigabytes (the fuzzer's find):
 * refused with its place, the other rules kept */
static void test_regex_too_complex(void **state)
{
	struct config *conf = parse("blacklist {\n\tdevnode \"((x{255}){255}){255}\"\n"
				    "\tdevnode \"^sdz\"\n"
				    "\twwid \"8+++++++++++++++++++++++++++++\"\n}\n");

	(void)state;
	assert_str_contains(log_captured(),
		"test.conf line 2, regular expression for devnode too complex to build: \"((x{255}){255}){255}\"");
	assert_str_contains(log_captured(),
		"test.conf line 4, regular expression for wwid too complex to build");
	assert_int_equal(conf->blist.devnode.len, 2);
	assert_true(filter_devnode(conf, "sdz") > 0);
	done(conf);
}

static void test_unterminated_quote(void **state)
{
	struct config *conf = parse("defaults {\n\talias_prefix \"abc\n"
				    "\tpolling_interval 9\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, missing closing quote\n");
	assert_string_equal(config_get_str(conf, KW_ALIAS_PREFIX), "abc");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 9);
	done(conf);
}

static void test_unterminated_section(void **state)
{
	struct config *conf = parse("defaults {\n\tpolling_interval 11\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, missing '}' for the defaults section at line 1\n");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 11);
	done(conf);
}

static void test_unmatched_close(void **state)
{
	struct config *conf = parse("}\ndefaults {\n\tpolling_interval 12\n}\n");

	(void)state;
	assert_string_equal(log_captured(), "test.conf line 1, unmatched '}'\n");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 12);
	done(conf);
}

static void test_unknown_section_skipped(void **state)
{
	struct config *conf = parse("bogus {\n\tpolling_interval 1\n"
				    "\tinner { x y }\n}\n"
				    "defaults {\n\tpolling_interval 13\n}\n");

	(void)state;
	assert_string_equal(log_captured(), "test.conf line 1, invalid keyword: bogus\n");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 13);
	done(conf);
}

static void test_missing_value(void **state)
{
	struct config *conf = parse("defaults {\n\tpolling_interval\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, missing value for polling_interval\n");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 5);
	done(conf);
}

static void test_extra_data(void **state)
{
	struct config *conf = parse("defaults {\n\talias_prefix a b\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, ignoring extra data starting with 'b'\n");
	assert_string_equal(config_get_str(conf, KW_ALIAS_PREFIX), "a");
	done(conf);
}

static void test_duplicate_keyword(void **state)
{
	struct config *conf = parse("defaults {\n\tpolling_interval 2\n"
				    "\tpolling_interval 3\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 3, duplicate keyword: polling_interval\n");
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 3);
	done(conf);
}

static void test_quotes(void **state)
{
	struct config *conf = parse("defaults {\n\talias_prefix \"a\"\"b\"\"\"\n"
				    "\tprio_args \"x # not a comment\"\n"
				    "\tpartition_delimiter \"\"\n}\n");

	(void)state;
	assert_string_equal(log_captured(), "");
	assert_string_equal(config_get_str(conf, KW_ALIAS_PREFIX), "a\"b\"");
	assert_string_equal(config_get_str(conf, KW_PRIO_ARGS),
			    "x # not a comment");
	assert_string_equal(config_get_str(conf, KW_PARTITION_DELIMITER), "");
	done(conf);
}

static void test_deprecated(void **state)
{
	struct config *conf = parse("defaults {\n\tmultipath_dir /lib/x\n"
				    "\tbindings_file /tmp/b\n"
				    "\tgetuid_callout \"/bin/true\"\n}\n");

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, ignoring deprecated option \"multipath_dir\"\n"
		"test.conf line 3, \"bindings_file\" is deprecated and will be disabled in a future release\n"
		"test.conf line 4, ignoring deprecated option \"getuid_callout\"\n");
	assert_string_equal(config_get_str(conf, KW_BINDINGS_FILE), "/tmp/b");
	done(conf);
}

static void test_entries_missing_keys(void **state)
{
	struct config *conf = parse("devices {\n\tdevice {\n\t\tvendor A\n\t}\n}\n"
				    "multipaths {\n\tmultipath {\n\t\talias x\n\t}\n}\n"
				    "overrides {\n\tprotocol {\n\t\tdev_loss_tmo 5\n\t}\n}\n");
	size_t builtin = conf->hwtable.len;

	(void)state;
	assert_string_equal(log_captured(),
		"test.conf line 2, device section missing vendor or product, ignoring it\n"
		"test.conf line 7, multipath section missing wwid, ignoring it\n"
		"test.conf line 12, protocol section missing type, ignoring it\n");
	config_free(conf);
	conf = config_new();
	assert_int_equal(conf->hwtable.len, builtin);
	assert_int_equal(conf->mptable.len, 0);
	done(conf);
}

static void test_nul_and_binary_bytes(void **state)
{
	static const char text[] = "defaults {\n\tpolling_interval 4\0 junk\n}\n\xff\xfe";
	struct config *conf = config_new();

	(void)state;
	log_capture_start(2);
	assert_int_equal(config_parse_buffer(conf, text, sizeof(text) - 1, "bin"), 0);
	assert_int_equal(config_finalize(conf), 0);
	assert_int_equal(config_get_int(conf, KW_POLLING_INTERVAL), 4);
	done(conf);
}

/* reservation_key TEXT: the line the configuration prints back, or NULL
 * (with a warning) when TEXT is not a key */
static void check_prkey(const char *text, const char *printed)
{
	_cleanup_strbuf_ struct strbuf conf_text = STRBUF_INIT;
	_cleanup_strbuf_ struct strbuf in = STRBUF_INIT;
	struct config *conf;
	const char *line;

	strbuf_printf(&in, "defaults {\n\treservation_key %s\n}\n", text);
	conf = parse(strbuf_str(&in));
	assert_non_null(conf);
	assert_int_equal(config_print(conf, &conf_text, NULL), 0);
	line = strstr(strbuf_str(&conf_text), "\treservation_key ");
	if (printed) {
		assert_string_equal(log_captured(), "");
		assert_non_null(line);
		assert_int_equal(strncmp(line + 17, printed, strlen(printed)), 0);
		assert_int_equal(line[17 + strlen(printed)], '\n');
	} else {
		assert_non_null(strstr(log_captured(),
				       "invalid value for reservation_key"));
		assert_null(line);
	}
	done(conf);
}

static void test_reservation_key(void **state)
{
	(void)state;
	check_prkey("0x12AB", "0x12ab");
	check_prkey("12ab", "0x12ab");
	check_prkey("0xffffffffffffffff:aptpl", "0xffffffffffffffff:aptpl");
	check_prkey("file", "\"file\"");
	check_prkey("file:aptpl", "\"file:aptpl\"");
	check_prkey("0x10000000000000000", NULL);
	check_prkey("0x12ab:apt", NULL);
	check_prkey("0x", NULL);
	check_prkey("files", NULL);
	check_prkey("-1", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_sections),
		cmocka_unit_test(test_reservation_key),
		cmocka_unit_test(test_braces_without_spaces),
		cmocka_unit_test(test_one_line_section),
		cmocka_unit_test(test_brace_on_next_line),
		cmocka_unit_test(test_unknown_keyword),
		cmocka_unit_test(test_keyword_wrong_section),
		cmocka_unit_test(test_out_of_range_capped),
		cmocka_unit_test(test_invalid_value_keeps_default),
		cmocka_unit_test(test_bad_regex),
		cmocka_unit_test(test_regex_too_complex),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_unterminated_section),
		cmocka_unit_test(test_unmatched_close),
		cmocka_unit_test(test_unknown_section_skipped),
		cmocka_unit_test(test_missing_value),
		cmocka_unit_test(test_extra_data),
		cmocka_unit_test(test_duplicate_keyword),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_deprecated),
		cmocka_unit_test(test_entries_missing_keys),
		cmocka_unit_test(test_nul_and_binary_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
