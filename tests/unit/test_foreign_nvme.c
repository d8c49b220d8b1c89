/* Native NVMe multipath listed like the reference's foreign library: the
 * subsystems read from fake sysfs trees, the wildcard values, the
 * topology, enable_foreign matching. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "foreign/nvme.h"
#include "print/foreign.h"
#include "print/topology.h"
#include "testutil.h"

#define SUB "class/nvme-subsystem/nvme-subsys0"
#define WWID "uuid.4f1c2a6e-1d2b-4c3d-8e4f-5a6b7c8d9e01"
#define MODEL "Linux                                   \n"

/* A controller nvme<ctrl> at devices/ctl/nvme<ctrl> of subsystem 0, in
 * the subsystem's directory, with the path nvme0c<ctrl>n1 (ANA state ana,
 * none when NULL). */
static void controller(const char *root, unsigned ctrl, const char *port,
		       const char *ana, bool has_ns)
{
	char rel[256], target[512], text[128];

	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/state", ctrl);
	tree_puts(root, rel, "live\n");
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/transport", ctrl);
	tree_puts(root, rel, "tcp\n");
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/address", ctrl);
	snprintf(text, sizeof(text), "traddr=127.0.0.1,trsvcid=%s\n", port);
	tree_puts(root, rel, text);
	snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/serial", ctrl);
	tree_puts(root, rel, "MPTEST0001          \n");
	if (has_ns) {
		snprintf(rel, sizeof(rel), "devices/ctl/nvme%u/nvme0c%un1/nsid",
			 ctrl, ctrl);
		tree_puts(root, rel, "1\n");
	}
	if (ana) {
		snprintf(rel, sizeof(rel),
			 "devices/ctl/nvme%u/nvme0c%un1/ana_state", ctrl, ctrl);
		snprintf(text, sizeof(text), "%s\n", ana);
		tree_puts(root, rel, text);
	}
	snprintf(target, sizeof(target), "%s/devices/ctl/nvme%u", root, ctrl);
	snprintf(rel, sizeof(rel), SUB "/nvme%u", ctrl);
	tree_link(root, target, rel);
}

/* subsystem 0 with namespace head nvme0n1 */
static void subsystem(const char *root)
{
	tree_puts(root, SUB "/subsysnqn", "nqn.2026-12.org.mptest:subsys1\n");
	tree_puts(root, SUB "/model", MODEL);
	tree_puts(root, SUB "/firmware_rev", "6.1.0-57\n");
	tree_puts(root, SUB "/nvme0n1/nsid", "1\n");
	tree_puts(root, SUB "/nvme0n1/wwid", WWID "\n");
	tree_puts(root, SUB "/nvme0n1/size", "32768\n");
	tree_puts(root, SUB "/nvme0n1/ro", "0\n");
	/* neither a head nor a controller */
	tree_puts(root, SUB "/ng0n1/dev", "242:0\n");
	tree_puts(root, SUB "/nvme0n1p1/size", "100\n");
	tree_puts(root, SUB "/iopolicy", "numa\n");
}

static int setup(void **state)
{
	*state = make_temp_dir();
	return 0;
}

static int teardown(void **state)
{
	remove_tree(*state);
	free(*state);
	return 0;
}

static const struct nvme_map *scan_one(const char *root, struct vec *maps)
{
	assert_int_equal(nvme_foreign_scan(root, maps), 0);
	assert_int_equal(maps->len, 1);
	return maps->items[0];
}

static void test_scan(void **state)
{
	const char *root = *state;
	struct vec maps = VEC_INIT;
	const struct nvme_map *m;
	const struct nvme_path *p;

	subsystem(root);
	/* numeric order: nvme2 before nvme10 */
	controller(root, 10, "4421", "inaccessible", true);
	controller(root, 2, "4420", "optimized", true);
	/* a controller without the namespace: no path */
	controller(root, 3, "4422", NULL, false);
	m = scan_one(root, &maps);
	assert_string_equal(m->name, "nqn.2026-12.org.mptest:subsys1:nsid.1");
	assert_string_equal(m->wwid, WWID);
	assert_string_equal(m->dev, "nvme0n1");
	assert_string_equal(m->size, "32768");
	assert_string_equal(m->model, "Linux");
	assert_string_equal(m->rev, "6.1.0-57");
	assert_false(m->ro);
	assert_int_equal(m->paths.len, 2);
	p = m->paths.items[0];
	assert_string_equal(p->dev, "nvme0c2n1");
	assert_string_equal(p->hcil, "0:2:1");
	assert_string_equal(p->ana_state, "optimized");
	assert_string_equal(p->ctrl_state, "live");
	assert_string_equal(p->transport, "tcp");
	assert_string_equal(p->address, "traddr=127.0.0.1,trsvcid=4420");
	assert_string_equal(p->serial, "MPTEST0001          ");
	assert_ptr_equal(p->map, m);
	p = m->paths.items[1];
	assert_string_equal(p->dev, "nvme0c10n1");
	assert_string_equal(p->ana_state, "inaccessible");
	vec_free(&maps, nvme_map_free);
}

static void test_no_subsystems(void **state)
{
	struct vec maps = VEC_INIT;

	assert_int_equal(nvme_foreign_scan(*state, &maps), 0);
	assert_int_equal(maps.len, 0);
	tree_puts(*state, "class/nvme-subsystem/other", "x");
	assert_int_equal(nvme_foreign_scan(*state, &maps), 0);
	assert_int_equal(maps.len, 0);
	/* a subsystem without namespaces lists nothing */
	tree_puts(*state, SUB "/subsysnqn", "nqn.x\n");
	assert_int_equal(nvme_foreign_scan(*state, &maps), 0);
	assert_int_equal(maps.len, 0);
}

static void test_topology(void **state)
{
	const char *root = *state;
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct vec maps = VEC_INIT;
	const struct nvme_map *m;

	subsystem(root);
	controller(root, 0, "4420", "optimized", true);
	controller(root, 1, "4421", "inaccessible", true);
	m = scan_one(root, &maps);
	assert_int_equal(print_nvme_topology(&sb, m, 2, false), 0);
	assert_string_equal(strbuf_str(&sb),
		WWID " [nvme]:nvme0n1 NVMe,Linux,6.1.0-57\n"
		"size=32768 features='n/a' hwhandler='ANA' wp=rw\n"
		"|-+- policy='n/a' prio=50 status=optimized\n"
		"| `- 0:0:1 nvme0c0n1 0:0 n/a optimized live\n"
		"`-+- policy='n/a' prio=0 status=inaccessible\n"
		"  `- 0:1:1 nvme0c1n1 0:0 n/a inaccessible live\n");
	strbuf_reset(&sb);
	assert_int_equal(print_nvme_topology(&sb, m, 2, true), 0);
	assert_str_contains(strbuf_str(&sb),
			    "| `- 0:0:1 nvme0c0n1 0:0 n/a optimized    live\n");
	strbuf_reset(&sb);
	assert_int_equal(print_nvme_topology(&sb, m, 1, true), 0);
	assert_string_equal(strbuf_str(&sb),
			    "nqn.2026-12.org.mptest:subsys1:nsid.1\n");
	strbuf_reset(&sb);
	assert_int_equal(print_nvme_topology(&sb, m, 0, true), 0);
	assert_string_equal(strbuf_str(&sb), "");
	vec_free(&maps, nvme_map_free);
}

static const char *value(struct strbuf *sb, enum print_kind kind,
			 const char *fmt, const void *obj)
{
	strbuf_reset(sb);
	assert_int_equal(print_format_with(sb, kind, fmt, nvme_wildcard, obj,
					   NULL), 0);
	return strbuf_str(sb);
}

static void test_wildcards(void **state)
{
	const char *root = *state;
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct vec maps = VEC_INIT;
	const struct nvme_map *m;
	const struct nvme_path *p;

	subsystem(root);
	tree_puts(root, SUB "/nvme0n1/ro", "1\n");
	controller(root, 0, "4420", NULL, true);	/* no ANA */
	m = scan_one(root, &maps);
	p = m->paths.items[0];
	assert_string_equal(value(&sb, PRINT_MAP,
				  "%N|%S|%v|%p|%e|%h|%r|%G|%F|%Q|%t|%x|%0|%g",
				  m),
			    "1|32768|NVMe|Linux|6.1.0-57|n/a|ro|nvme|n/a|n/a|"
			    "n/a|n/a|n/a|n/a");
	assert_string_equal(value(&sb, PRINT_PATH,
				  "%w|%D|%t|%T|%p|%S|%m|%N|%R|%G|%c|%P|%n", p),
			    WWID "|0:0|n/a|n/a|0|32768|nvme0n1|"
			    "tcp:traddr=127.0.0.1,trsvcid=4420|"
			    "tcp:traddr=127.0.0.1,trsvcid=4420|[nvme]|n/a|n/a|"
			    "n/a");
	assert_string_equal(value(&sb, PRINT_PG, "%s|%p|%t|%M", p),
			    "n/a|0|n/a|n/a");
	/* a letter no table has stays as written */
	assert_string_equal(value(&sb, PRINT_PATH, "%%b %Y", p), "%%b %Y");
	vec_free(&maps, nvme_map_free);
}

static void test_layout(void **state)
{
	const char *root = *state;
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	struct vec maps = VEC_INIT;
	const struct nvme_map *m;
	struct layout lo;
	size_t i;

	subsystem(root);
	controller(root, 0, "4420", "optimized", true);
	controller(root, 1, "4421", "non-optimized", true);
	m = scan_one(root, &maps);
	layout_init(&lo, PRINT_PATH, true);
	layout_use_format(&lo, "%d %T %p");
	for (i = 0; i < m->paths.len; i++)
		layout_add_with(&lo, nvme_wildcard, m->paths.items[i]);
	assert_int_equal(print_header(&sb, PRINT_PATH, "%d %T %p", &lo), 0);
	strbuf_addc(&sb, '\n');
	for (i = 0; i < m->paths.len; i++) {
		print_format_with(&sb, PRINT_PATH, "%d %T %p", nvme_wildcard,
				  m->paths.items[i], &lo);
		strbuf_addc(&sb, '\n');
	}
	assert_string_equal(strbuf_str(&sb),
			    "dev       chk_st        pri\n"
			    "nvme0c0n1 optimized     50 \n"
			    "nvme0c1n1 non-optimized 10 \n");
	vec_free(&maps, nvme_map_free);
}

static void test_enabled(void **state)
{
	(void)state;
	assert_false(nvme_foreign_enabled(NULL));
	assert_false(nvme_foreign_enabled("NONE"));
	assert_true(nvme_foreign_enabled(""));
	assert_true(nvme_foreign_enabled("nvme"));
	assert_true(nvme_foreign_enabled("^(nvme|other)$"));
	assert_false(nvme_foreign_enabled("^(scsi|fc)$"));
	assert_false(nvme_foreign_enabled("NVME"));
	/* a regex that does not compile enables nothing */
	assert_false(nvme_foreign_enabled("(nvme"));
}

static void test_prio_and_match(void **state)
{
	struct nvme_map m = { .dev = "nvme0n1", .wwid = WWID,
			      .name = "nqn.x:nsid.1" };

	(void)state;
	assert_int_equal(nvme_ana_prio("optimized"), 50);
	assert_int_equal(nvme_ana_prio("non-optimized"), 10);
	assert_int_equal(nvme_ana_prio("inaccessible"), 0);
	assert_int_equal(nvme_ana_prio("persistent-loss"), 0);
	assert_int_equal(nvme_ana_prio("change"), 0);
	assert_int_equal(nvme_ana_prio(""), 0);
	assert_true(nvme_map_matches(&m, "nvme0n1"));
	assert_true(nvme_map_matches(&m, "/dev/nvme0n1"));
	assert_true(nvme_map_matches(&m, WWID));
	assert_true(nvme_map_matches(&m, "nqn.x:nsid.1"));
	assert_false(nvme_map_matches(&m, "nvme0n"));
	assert_false(nvme_map_matches(&m, "mpatha"));
	assert_false(nvme_map_matches(&m, ""));
	nvme_map_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_subsystems, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_topology, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wildcards, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_layout, setup, teardown),
		cmocka_unit_test(test_enabled),
		cmocka_unit_test(test_prio_and_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
