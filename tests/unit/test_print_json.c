/* multipathd's "show ... json" replies: maps against the reference's
 * capture (shared/reference/multipathd-json.txt, copied to
 * tests/unit/data/reference-map*.json), the replies of our own, escaping,
 * and that every output is JSON. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/map.h"
#include "print/json.h"
#include "print/wildcards.h"
#include "util/json_writer.h"
#include "testutil.h"

#include "../jsoncheck.h"

static void assert_json(const char *text)
{
	if (!json_valid(text))
		fail_msg("not JSON:\n%s", text);
}

/* ---- the reference's maps ----------------------------------------------- */

/* Host h's path to LUN l in the reference's guest: sda..sdl, host by
 * host. */
static struct path *ref_path(struct multipath *mpp, int h, int l, int prio)
{
	struct path *pp = path_new();
	int n = h * 3 + l;

	assert_non_null(pp);
	snprintf(pp->dev, sizeof(pp->dev), "sd%c", 'a' + n);
	snprintf(pp->dev_t, sizeof(pp->dev_t), "8:%d", 16 * n);
	pp->hcil = (struct hcil){ h, 0, 0, (uint64_t)l };
	pp->has_hcil = true;
	strcpy(pp->vendor, "Linux");
	strcpy(pp->product, "scsi_debug");
	strcpy(pp->rev, "0191");
	strcpy(pp->sysfs_state, "running");
	strcpy(pp->checker_name, "tur");
	strcpy(pp->wwid, mpp->wwid);
	pp->size = 16384;
	pp->dmstate = DMP_ACTIVE;
	pp->state = PATH_UP;
	pp->priority = prio;
	pp->mpp = mpp;
	return pp;
}

/* mpatha, mpathb, mpathc: one group a host, in the order of their
 * priorities (ALUA: 50 50 10 1), the first one active */
static struct multipath *ref_map(int lun)
{
	static const struct {
		int host, prio;
	} order[] = { { 0, 50 }, { 3, 50 }, { 1, 10 }, { 2, 1 } };
	struct multipath *mpp = multipath_new();
	size_t i;

	assert_non_null(mpp);
	snprintf(mpp->wwid, sizeof(mpp->wwid), "1Linux_scsi_debug_200%d", lun);
	assert_int_not_equal(asprintf(&mpp->alias, "mpath%c", 'a' + lun), -1);
	snprintf(mpp->dm_dev, sizeof(mpp->dm_dev), "dm-%d", lun);
	mpp->minor = lun;
	mpp->size = 16384;
	mpp->features = strdup("0");
	mpp->hwhandler = strdup("1 alua");
	mpp->wp_known = true;
	mpp->stat_map_loads = 1;
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		struct pathgroup *pg = pathgroup_new();
		struct path *pp = ref_path(mpp, order[i].host, lun,
					   order[i].prio);

		pg->selector = strdup("service-time 0");
		pg->state = i ? PGS_ENABLED : PGS_ACTIVE;
		pp->pg = pg;
		vec_push(&pg->paths, pp);
		vec_push(&mpp->paths, pp);
		vec_push(&mpp->pgs, pg);
		pathgroup_update_priority(pg);
	}
	return mpp;
}

static void free_map(void *mpp)
{
	multipath_free(mpp);
}

static void check_file(const struct strbuf *sb, const char *data_file)
{
	char *ref = read_test_file(test_data_path(data_file));

	assert_string_equal(strbuf_str(sb), ref);
	assert_json(strbuf_str(sb));
	free(ref);
}

/* The members of dev's object in the reference's "show maps json", one
 * level deep (six spaces), the last one followed by a comma. */
static char *ref_path_members(const char *dev)
{
	char *ref = read_test_file(test_data_path("reference-maps.json"));
	char key[32], *start, *end, *out, *o;
	const char *p;

	snprintf(key, sizeof(key), "\"dev\" : \"%s\"", dev);
	start = strstr(ref, key);
	assert_non_null(start);
	while (start[-1] == ' ')
		start--;
	end = strstr(start, "\"marginal_st\"");
	assert_non_null(end);
	end = strchr(end, '\n');
	out = o = malloc((size_t)(end - start) + 3);
	assert_non_null(out);
	for (p = start; p < end; p++) {
		if (p == start || p[-1] == '\n')
			p += 6;		/* 12 spaces there, 6 here */
		*o++ = *p;
	}
	strcpy(o, ",\n");
	free(ref);
	return out;
}

static void test_maps_reference(void **state)
{
	struct vec maps = VEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	int l;

	(void)state;
	for (l = 0; l < 3; l++) {
		vec_push(&maps, ref_map(l));
		if (l == 1)	/* a free slot of a registry */
			vec_push(&maps, NULL);
	}
	assert_int_equal(print_maps_json(&sb, &maps), 0);
	check_file(&sb, "reference-maps.json");
	strbuf_free(&sb);
	vec_free(&maps, free_map);
}

static void test_map_reference(void **state)
{
	struct multipath *mpp = ref_map(0);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_append(&sb, "kept");
	assert_int_equal(print_map_json(&sb, mpp), 0);
	assert_memory_equal(strbuf_str(&sb), "kept", 4);
	strbuf_truncate(&sb, 0);
	assert_int_equal(print_map_json(&sb, mpp), 0);
	check_file(&sb, "reference-map-mpatha.json");
	strbuf_free(&sb);
	multipath_free(mpp);
}

/* Two groups of one path, values other than the reference's. */
static void test_map_two_groups(void **state)
{
	struct multipath *mpp = ref_map(1);
	struct pathgroup *pg;
	struct path *pp;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	while (mpp->pgs.len > 2)
		pathgroup_free(vec_pop(&mpp->pgs));
	mpp->failback = FAILBACK_IMMEDIATE;
	mpp->no_path_retry = NO_PATH_RETRY_QUEUE;
	mpp->read_only = true;
	mpp->suspended = true;
	free(mpp->features);
	mpp->features = strdup("1 queue_if_no_path");
	mpp->action = ACT_RELOAD;
	mpp->stat_path_failures = 3;
	mpp->stat_switchgroup = 2;
	mpp->stat_map_loads = 5;
	mpp->stat_total_queueing_time = 17;
	mpp->stat_queueing_timeouts = 1;
	pg = mpp->pgs.items[1];
	pg->marginal = true;
	pp = pg->paths.items[0];
	pp->state = PATH_DOWN;
	pp->dmstate = DMP_FAILED;
	pp->priority = -1;
	pp->marginal = true;
	strcpy(pp->sysfs_state, "offline");
	strcpy(pp->tgt_node_name, "0x5000000000000001");
	pathgroup_update_priority(pg);
	assert_int_equal(print_map_json(&sb, mpp), 0);
	assert_string_equal(strbuf_str(&sb),
		"{\n"
		"   \"major_version\": 0,\n"
		"   \"minor_version\": 1,\n"
		"   \"map\":{\n"
		"      \"name\" : \"mpathb\",\n"
		"      \"uuid\" : \"1Linux_scsi_debug_2001\",\n"
		"      \"sysfs\" : \"dm-1\",\n"
		"      \"failback\" : \"immediate\",\n"
		"      \"queueing\" : \"on\",\n"
		"      \"paths\" : 1,\n"
		"      \"write_prot\" : \"ro\",\n"
		"      \"dm_st\" : \"suspend\",\n"
		"      \"features\" : \"1 queue_if_no_path\",\n"
		"      \"hwhandler\" : \"1 alua\",\n"
		"      \"action\" : \"reload\",\n"
		"      \"path_faults\" : 3,\n"
		"      \"vend\" : \"Linux\",\n"
		"      \"prod\" : \"scsi_debug\",\n"
		"      \"rev\" : \"0191\",\n"
		"      \"switch_grp\" : 2,\n"
		"      \"map_loads\" : 5,\n"
		"      \"total_q_time\" : 17,\n"
		"      \"q_timeouts\" : 1,\n"
		"      \"path_groups\": [{\n"
		"         \"selector\" : \"service-time 0\",\n"
		"         \"pri\" : 50,\n"
		"         \"dm_st\" : \"active\",\n"
		"         \"marginal_st\" : \"normal\",\n"
		"         \"group\" : 1,\n"
		"         \"paths\": [{\n"
		"            \"dev\" : \"sdb\",\n"
		"            \"dev_t\" : \"8:16\",\n"
		"            \"dm_st\" : \"active\",\n"
		"            \"dev_st\" : \"running\",\n"
		"            \"chk_st\" : \"ready\",\n"
		"            \"checker\" : \"tur\",\n"
		"            \"pri\" : 50,\n"
		"            \"host_wwnn\" : \"[undef]\",\n"
		"            \"target_wwnn\" : \"[undef]\",\n"
		"            \"host_wwpn\" : \"[undef]\",\n"
		"            \"target_wwpn\" : \"[undef]\",\n"
		"            \"host_adapter\" : \"[undef]\",\n"
		"            \"lun_hex\" : \"0x0001000000000000\",\n"
		"            \"marginal_st\" : \"normal\"\n"
		"         }]\n"
		"      },{\n"
		"         \"selector\" : \"service-time 0\",\n"
		"         \"pri\" : 0,\n"
		"         \"dm_st\" : \"enabled\",\n"
		"         \"marginal_st\" : \"marginal\",\n"
		"         \"group\" : 2,\n"
		"         \"paths\": [{\n"
		"            \"dev\" : \"sdk\",\n"
		"            \"dev_t\" : \"8:160\",\n"
		"            \"dm_st\" : \"failed\",\n"
		"            \"dev_st\" : \"offline\",\n"
		"            \"chk_st\" : \"faulty\",\n"
		"            \"checker\" : \"tur\",\n"
		"            \"pri\" : -1,\n"
		"            \"host_wwnn\" : \"[undef]\",\n"
		"            \"target_wwnn\" : \"0x5000000000000001\",\n"
		"            \"host_wwpn\" : \"[undef]\",\n"
		"            \"target_wwpn\" : \"[undef]\",\n"
		"            \"host_adapter\" : \"[undef]\",\n"
		"            \"lun_hex\" : \"0x0001000000000000\",\n"
		"            \"marginal_st\" : \"marginal\"\n"
		"         }]\n"
		"      }]\n"
		"   }\n"
		"}\n");
	assert_json(strbuf_str(&sb));
	strbuf_free(&sb);
	multipath_free(mpp);
}

#define HEADER "{\n   \"major_version\": 0,\n   \"minor_version\": 1,\n"

static void test_empty(void **state)
{
	struct vec none = VEC_INIT;
	struct multipath *mpp = multipath_new();
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(print_maps_json(&sb, &none), 0);
	assert_string_equal(strbuf_str(&sb), HEADER "   \"maps\": []\n}\n");
	strbuf_reset(&sb);
	assert_int_equal(print_paths_json(&sb, &none), 0);
	assert_string_equal(strbuf_str(&sb), HEADER "   \"paths\": []\n}\n");
	assert_json(strbuf_str(&sb));
	strbuf_reset(&sb);
	/* a map being built: no group, a group without paths */
	strcpy(mpp->wwid, "3600a");
	mpp->minor = -1;
	vec_push(&none, mpp);
	assert_int_equal(print_maps_json(&sb, &none), 0);
	assert_non_null(strstr(strbuf_str(&sb),
			       "\"q_timeouts\" : 0,\n"
			       "      \"path_groups\": []\n"
			       "   }]\n}\n"));
	assert_non_null(strstr(strbuf_str(&sb), "\"name\" : \"3600a\""));
	assert_non_null(strstr(strbuf_str(&sb), "\"vend\" : \"##\""));
	assert_json(strbuf_str(&sb));
	strbuf_reset(&sb);
	vec_push(&mpp->pgs, pathgroup_new());
	assert_int_equal(print_map_json(&sb, mpp), 0);
	assert_non_null(strstr(strbuf_str(&sb),
			       "         \"group\" : 1,\n"
			       "         \"paths\": []\n"
			       "      }]\n   }\n}\n"));
	assert_json(strbuf_str(&sb));
	strbuf_free(&sb);
	vec_free(&none, free_map);
}

static void test_paths(void **state)
{
	struct multipath *mpp = ref_map(2);
	struct path *orphan = ref_path(mpp, 1, 3, -1);
	struct vec paths = VEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	static const char *const own_sdc =
		"      \"uuid\" : \"1Linux_scsi_debug_2002\",\n"
		"      \"hcil\" : \"0:0:0:2\",\n"
		"      \"multipath\" : \"mpathc\",\n"
		"      \"size\" : \"8.0M\",\n"
		"      \"serial\" : \"\",\n"
		"      \"failures\" : 0,\n"
		"      \"protocol\" : \"undef\",\n"
		"      \"init_st\" : \"ok\"\n";
	/* sdc's members inside mpathc of the reference, then its own */
	_cleanup_free_ char *in_map = ref_path_members("sdc");
	_cleanup_free_ char *path_sdc = NULL;
	_cleanup_free_ char *one = NULL;

	(void)state;
	assert_int_not_equal(asprintf(&path_sdc, "%s%s", in_map, own_sdc), -1);
	orphan->mpp = NULL;
	orphan->wwid[0] = '\0';
	orphan->state = PATH_WILD;
	orphan->dmstate = DMP_UNDEF;
	orphan->failcount = 2;
	strcpy(orphan->serial, "2001");
	vec_push(&paths, mpp->paths.items[0]);
	vec_push(&paths, NULL);
	vec_push(&paths, orphan);

	assert_int_equal(print_path_json(&sb, paths.items[0]), 0);
	assert_int_not_equal(asprintf(&one, HEADER "   \"path\":{\n%s   }\n}\n",
				      path_sdc), -1);
	assert_string_equal(strbuf_str(&sb), one);
	assert_json(strbuf_str(&sb));
	strbuf_reset(&sb);

	assert_int_equal(print_paths_json(&sb, &paths), 0);
	assert_memory_equal(strbuf_str(&sb), HEADER "   \"paths\": [{\n",
			    strlen(HEADER) + 13);
	assert_non_null(strstr(strbuf_str(&sb), path_sdc));
	assert_non_null(strstr(strbuf_str(&sb),
		"      \"init_st\" : \"ok\"\n"
		"   },{\n"
		"      \"dev\" : \"sdg\",\n"
		"      \"dev_t\" : \"8:96\",\n"
		"      \"dm_st\" : \"undef\",\n"
		"      \"dev_st\" : \"running\",\n"
		"      \"chk_st\" : \"undef\",\n"));
	assert_non_null(strstr(strbuf_str(&sb),
		"      \"uuid\" : \"\",\n"
		"      \"hcil\" : \"1:0:0:3\",\n"
		"      \"multipath\" : \"[orphan]\",\n"
		"      \"size\" : \"8.0M\",\n"
		"      \"serial\" : \"2001\",\n"
		"      \"failures\" : 2,\n"
		"      \"protocol\" : \"undef\",\n"
		"      \"init_st\" : \"init\"\n"
		"   }]\n}\n"));
	assert_json(strbuf_str(&sb));
	strbuf_free(&sb);
	vec_free(&paths, NULL);
	path_free(orphan);
	multipath_free(mpp);
}

static void test_escaping(void **state)
{
	struct multipath *mpp = ref_map(0);
	struct path *pp = mpp->paths.items[0];
	struct strbuf sb = STRBUF_INIT;
	char all[256];
	int c;

	(void)state;
	free(mpp->alias);
	mpp->alias = strdup("a\"b\\c/d\te\nf\x01g\x1f\x7f\xc3\xa9");
	strcpy(pp->vendor, "Q\"\b\f\r");
	assert_int_equal(print_map_json(&sb, mpp), 0);
	assert_non_null(strstr(strbuf_str(&sb),
		"\"name\" : \"a\\\"b\\\\c/d\\te\\nf\\u0001g\\u001f\x7f\xc3\xa9\",\n"));
	assert_non_null(strstr(strbuf_str(&sb),
			       "\"vend\" : \"Q\\\"\\b\\f\\r\",\n"));
	assert_json(strbuf_str(&sb));

	/* every byte */
	for (c = 1; c < 256; c++)
		all[c - 1] = (char)c;
	all[255] = '\0';
	strbuf_reset(&sb);
	c = json_append_string(&sb, all);
	assert_int_equal(c, (int)strbuf_len(&sb));
	assert_json(strbuf_str(&sb));
	strbuf_reset(&sb);
	assert_int_equal(json_append_string(&sb, ""), 2);
	assert_string_equal(strbuf_str(&sb), "\"\"");
	strbuf_free(&sb);
	multipath_free(mpp);
}

static void test_status_daemon(void **state)
{
	unsigned int count[PATH__MAX] = { 0 };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(print_status_json(&sb, count, 0, false), 0);
	assert_string_equal(strbuf_str(&sb), HEADER
		"   \"path_checker_states\": {},\n"
		"   \"paths\" : 0,\n"
		"   \"busy\" : false\n"
		"}\n");
	assert_json(strbuf_str(&sb));
	strbuf_reset(&sb);
	count[PATH_UP] = 10;
	count[PATH_DOWN] = 2;
	assert_int_equal(print_status_json(&sb, count, 12, true), 0);
	assert_string_equal(strbuf_str(&sb), HEADER
		"   \"path_checker_states\": {\n"
		"      \"down\" : 2,\n"
		"      \"up\" : 10\n"
		"   },\n"
		"   \"paths\" : 12,\n"
		"   \"busy\" : true\n"
		"}\n");
	assert_json(strbuf_str(&sb));
	strbuf_reset(&sb);
	assert_int_equal(print_daemon_json(&sb, 552, "idle"), 0);
	assert_string_equal(strbuf_str(&sb), HEADER
		"   \"pid\" : 552,\n"
		"   \"state\" : \"idle\"\n"
		"}\n");
	assert_json(strbuf_str(&sb));
	strbuf_free(&sb);
}

static void test_print_wildcard(void **state)
{
	struct multipath *mpp = ref_map(0);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(print_wildcard(&sb, PRINT_MAP, 'n', mpp), 6);
	assert_int_equal(print_wildcard(&sb, PRINT_PG, 'p', mpp->pgs.items[0]),
			 2);
	assert_int_equal(print_wildcard(&sb, PRINT_PATH, 'D',
					mpp->paths.items[1]), 5);
	assert_string_equal(strbuf_str(&sb), "mpatha508:144");
	assert_int_equal(print_wildcard(&sb, PRINT_PG, 'n', mpp->pgs.items[0]),
			 -EINVAL);
	assert_int_equal(print_wildcard(&sb, PRINT_MAP, '%', mpp), -EINVAL);
	strbuf_free(&sb);
	multipath_free(mpp);
}

/* the checker itself */
static void test_json_check(void **state)
{
	static const char *const bad[] = {
		"", "{", "{\"a\" 1}", "{\"a\": 01}", "[1,]", "\"\t\"",
		"\"\\x\"", "{\"a\": 1} x", "[\"\\u12\"]", "tru",
	};
	size_t i;

	(void)state;
	assert_json("{\"a\" : [{}, {\"b\": -1.5}], \"c\": true, \"d\": null}");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *end = json_value(bad[i], 0);

		assert_true(!end || *ws(end));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maps_reference),
		cmocka_unit_test(test_map_reference),
		cmocka_unit_test(test_map_two_groups),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_status_daemon),
		cmocka_unit_test(test_print_wildcard),
		cmocka_unit_test(test_json_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
