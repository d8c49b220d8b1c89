/* multipathd's "show ... json" replies: maps with their groups and paths
 * in the reference's layout, paths, status and daemon in the same one.
 * Each field is one %-wildcard of print/wildcards.c, unpadded.
 *
 * Unlike the reference, which copies strings as they are, string values
 * are escaped ('"', '\', control characters), so that a vendor string or
 * an alias with a quote in it still makes valid JSON. */
#include <errno.h>

#include "checkers/checker.h"
#include "model/map.h"
#include "print/json.h"
#include "print/wildcards.h"
#include "util/cleanup.h"
#include "util/json_writer.h"

enum json_type {
	JT_STR,
	JT_NUM,		/* written unquoted */
};

struct json_field {
	const char *key;
	char letter;
	enum json_type type;
};

static const struct json_field map_fields[] = {
	{ "name", 'n', JT_STR },
	{ "uuid", 'w', JT_STR },
	{ "sysfs", 'd', JT_STR },
	{ "failback", 'F', JT_STR },
	{ "queueing", 'Q', JT_STR },
	{ "paths", 'N', JT_NUM },
	{ "write_prot", 'r', JT_STR },
	{ "dm_st", 't', JT_STR },
	{ "features", 'f', JT_STR },
	{ "hwhandler", 'h', JT_STR },
	{ "action", 'A', JT_STR },
	{ "path_faults", '0', JT_NUM },
	{ "vend", 'v', JT_STR },
	{ "prod", 'p', JT_STR },
	{ "rev", 'e', JT_STR },
	{ "switch_grp", '1', JT_NUM },
	{ "map_loads", '2', JT_NUM },
	{ "total_q_time", '3', JT_NUM },
	{ "q_timeouts", '4', JT_NUM },
};

/* then "group": its number, from 1 */
static const struct json_field pg_fields[] = {
	{ "selector", 's', JT_STR },
	{ "pri", 'p', JT_NUM },
	{ "dm_st", 't', JT_STR },
	{ "marginal_st", 'M', JT_STR },
};

/* a path inside a map */
static const struct json_field path_fields[] = {
	{ "dev", 'd', JT_STR },
	{ "dev_t", 'D', JT_STR },
	{ "dm_st", 't', JT_STR },
	{ "dev_st", 'o', JT_STR },
	{ "chk_st", 'T', JT_STR },
	{ "checker", 'c', JT_STR },
	{ "pri", 'p', JT_NUM },
	{ "host_wwnn", 'N', JT_STR },
	{ "target_wwnn", 'n', JT_STR },
	{ "host_wwpn", 'R', JT_STR },
	{ "target_wwpn", 'r', JT_STR },
	{ "host_adapter", 'a', JT_STR },
	{ "lun_hex", 'L', JT_STR },
	{ "marginal_st", 'M', JT_STR },
};

/* and what a path on its own (show paths / path X) adds */
static const struct json_field path_own_fields[] = {
	{ "uuid", 'w', JT_STR },
	{ "hcil", 'i', JT_STR },
	{ "multipath", 'm', JT_STR },
	{ "size", 'S', JT_STR },
	{ "serial", 'z', JT_STR },
	{ "failures", '0', JT_NUM },
	{ "protocol", 'P', JT_STR },
	{ "init_st", 'I', JT_STR },
};

static void fields(struct json_writer *j, enum print_kind kind,
		   const struct json_field *f, size_t n, const void *obj)
{
	_cleanup_strbuf_ struct strbuf val = STRBUF_INIT;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		strbuf_reset(&val);
		r = print_wildcard(&val, kind, f[i].letter, obj);
		if (r < 0) {
			json_set_error(j, r);
			return;
		}
		if (f[i].type == JT_NUM)
			json_field_raw(j, f[i].key, strbuf_str(&val));
		else
			json_field_str(j, f[i].key, strbuf_str(&val));
	}
}

static void path_object(struct json_writer *j, const struct path *pp,
			bool on_its_own)
{
	json_object_open(j);
	fields(j, PRINT_PATH, path_fields, ARRAY_SIZE(path_fields), pp);
	if (on_its_own)
		fields(j, PRINT_PATH, path_own_fields,
		       ARRAY_SIZE(path_own_fields), pp);
	json_object_close(j);
}

static void path_alone(struct json_writer *j, const void *pp)
{
	path_object(j, pp, true);
}

static void map_object(struct json_writer *j, const void *obj)
{
	const struct multipath *mpp = obj;
	const struct pathgroup *pg;
	const struct path *pp;
	size_t i, k;

	json_object_open(j);
	fields(j, PRINT_MAP, map_fields, ARRAY_SIZE(map_fields), mpp);
	json_key(j, "path_groups", JSON_SEP_LOOSE);
	json_array_open(j);
	vec_foreach(&mpp->pgs, pg, i) {
		json_object_open(j);
		fields(j, PRINT_PG, pg_fields, ARRAY_SIZE(pg_fields), pg);
		json_field_int(j, "group", (long long)i + 1);
		json_key(j, "paths", JSON_SEP_LOOSE);
		json_array_open(j);
		vec_foreach(&pg->paths, pp, k)
			path_object(j, pp, false);
		json_array_close(j);
		json_object_close(j);
	}
	json_array_close(j);
	json_object_close(j);
}

/* "{" and the version members every reply starts with */
static void begin(struct json_writer *j, struct strbuf *sb)
{
	json_begin(j, sb);
	json_key(j, "major_version", JSON_SEP_LOOSE);
	json_value_int(j, JSON_MAJOR_VERSION);
	json_key(j, "minor_version", JSON_SEP_LOOSE);
	json_value_int(j, JSON_MINOR_VERSION);
}

typedef void (*object_fn)(struct json_writer *j, const void *obj);

/* {..., "key": [{obj},{obj}]} */
static int list_json(struct strbuf *sb, const char *key, const struct vec *v,
		     object_fn one)
{
	struct json_writer j;
	const void *o;
	size_t i;

	begin(&j, sb);
	json_key(&j, key, JSON_SEP_LOOSE);
	json_array_open(&j);
	vec_foreach(v, o, i)
		if (o)
			one(&j, o);
	json_array_close(&j);
	return json_end(&j);
}

/* {..., "key":{obj}} */
static int single_json(struct strbuf *sb, const char *key, const void *obj,
		       object_fn one)
{
	struct json_writer j;

	begin(&j, sb);
	json_key(&j, key, JSON_SEP_TIGHT);
	one(&j, obj);
	return json_end(&j);
}

int print_maps_json(struct strbuf *sb, const struct vec *maps)
{
	return list_json(sb, "maps", maps, map_object);
}

int print_map_json(struct strbuf *sb, const struct multipath *mpp)
{
	return single_json(sb, "map", mpp, map_object);
}

int print_paths_json(struct strbuf *sb, const struct vec *paths)
{
	return list_json(sb, "paths", paths, path_alone);
}

int print_path_json(struct strbuf *sb, const struct path *pp)
{
	return single_json(sb, "path", pp, path_alone);
}

int print_status_json(struct strbuf *sb, const unsigned int count[PATH__MAX],
		      size_t npaths, bool busy)
{
	struct json_writer j;
	int s;

	begin(&j, sb);
	json_key(&j, "path_checker_states", JSON_SEP_LOOSE);
	json_object_open(&j);
	for (s = 0; s < PATH__MAX; s++)
		if (count[s])
			json_field_int(&j, checker_state_name(s), count[s]);
	json_object_close(&j);
	json_field_int(&j, "paths", (long long)npaths);
	json_field_bool(&j, "busy", busy);
	return json_end(&j);
}

int print_daemon_json(struct strbuf *sb, int pid, const char *state)
{
	struct json_writer j;

	begin(&j, sb);
	json_field_int(&j, "pid", pid);
	json_field_str(&j, "state", state);
	return json_end(&j);
}
