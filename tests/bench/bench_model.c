/* Benchmark past what a TCG guest can hold: a fake sysfs tree of N paths
 * (N/4 LUNs x 4 hosts) drives discovery (pathinfo), the daemon's model
 * (registry: a whole start-up, an add burst, a remove burst) and the
 * assembly core (a dry run over every WWID, with find_multipaths strict
 * reading the wwids file, and user friendly names from a bindings file).
 * Prints the cost per path for each size; the cost must stay flat.
 *
 *   bench_model [N...]      (default 1024 4096 16384) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "map/assemble.h"
#include "map/find_multipaths.h"
#include "map/wwids.h"
#include "model/registry.h"
#include "util/file.h"
#include "util/hashmap.h"
#include "util/log.h"

#define HOSTS 4

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void put(const char *root, const char *rel, const void *data, size_t len)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (mkdir_parents(path, 0755) < 0 ||
	    file_write_atomic(path, data, len, 0644) < 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
}

static void link_(const char *root, const char *target, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (mkdir_parents(path, 0755) < 0 || symlink(target, path) < 0) {
		fprintf(stderr, "cannot link %s\n", path);
		exit(1);
	}
}

/* The kernel's name of the i-th SCSI disk: sda ... sdz, sdaa ... */
static void disk_name(unsigned int i, char *dev, size_t len)
{
	char letters[8];
	int n = 0, k;

	do {
		letters[n++] = (char)('a' + i % 26);
		i = i / 26;
	} while (i-- > 0);
	snprintf(dev, len, "sd");
	for (k = n - 1; k >= 0; k--)
		snprintf(dev + strlen(dev), len - strlen(dev), "%c", letters[k]);
}

/* Path i: LUN i / HOSTS through host i % HOSTS, as sysfs shows a SCSI
 * disk, with its VPD page 0x83 (one NAA designator per LUN). */
static void fake_path(const char *root, unsigned int i, char *dev, size_t len)
{
	static const unsigned char inq[36] = { 0, 0, 6, 2, 31, 0x10 };
	unsigned int lun = i / HOSTS, host = i % HOSTS;
	unsigned char vpd[4 + 4 + 16] = { 0, 0x83, 0, 20, 1, 3, 0, 16, 0x60 };
	char rel[1024], tgt[1024], buf[64], hcil[64];

	disk_name(i, dev, len);
	snprintf(hcil, sizeof(hcil), "%u:0:0:%u", host, lun);
	vpd[9] = (unsigned char)(lun >> 16);
	vpd[10] = (unsigned char)(lun >> 8);
	vpd[11] = (unsigned char)lun;
#define ATTR(name, text) do { \
		snprintf(rel, sizeof(rel), "devices/h%u/%s/%s", host, hcil, name); \
		put(root, rel, text, strlen(text)); } while (0)
	ATTR("vendor", "ACME\n");
	ATTR("model", "SAN LUN\n");
	ATTR("rev", "0001\n");
	ATTR("state", "running\n");
	ATTR("scsi_level", "7\n");
	ATTR("timeout", "30\n");
	snprintf(rel, sizeof(rel), "devices/h%u/%s/inquiry", host, hcil);
	put(root, rel, inq, sizeof(inq));
	snprintf(rel, sizeof(rel), "devices/h%u/%s/vpd_pg83", host, hcil);
	put(root, rel, vpd, sizeof(vpd));
	snprintf(rel, sizeof(rel), "class/block/%s/dev", dev);
	snprintf(buf, sizeof(buf), "%u:%u\n", 8 + i / 65536, i % 65536);
	put(root, rel, buf, strlen(buf));
	snprintf(rel, sizeof(rel), "class/block/%s/size", dev);
	put(root, rel, "16384\n", 6);
	snprintf(tgt, sizeof(tgt), "%s/devices/h%u/%s", root, host, hcil);
	snprintf(rel, sizeof(rel), "class/block/%s/device", dev);
	link_(root, tgt, rel);
	snprintf(tgt, sizeof(tgt), "../class/block/%s", dev);
	snprintf(rel, sizeof(rel), "block/%s", dev);
	link_(root, tgt, rel);
	snprintf(tgt, sizeof(tgt), "../../class/block/%s", dev);
	snprintf(rel, sizeof(rel), "dev/block/%u:%u", 8 + i / 65536, i % 65536);
	link_(root, tgt, rel);
}

static const struct dm_map *no_map(void *arg, const char *key)
{
	return NULL;
}

static void run(unsigned int n, const char *base)
{
	char root[512], conf_text[2048], wwids[600], bindings[600];
	struct config *conf;
	struct discovery d = { 0 };
	struct registry reg = REGISTRY_INIT;
	struct path **paths = calloc(n, sizeof(*paths));
	struct assembly a;
	struct hashmap seen = HASHMAP_INIT;
	struct wwids_cache wwids_c = WWIDS_CACHE_INIT;
	double t0, t_tree, t_info, t_model, t_asm, t_del;
	unsigned int i, maps = 0;
	struct path *pp;
	size_t k;

	snprintf(root, sizeof(root), "%s/sys%u", base, n);
	snprintf(wwids, sizeof(wwids), "%s/wwids%u", base, n);
	snprintf(bindings, sizeof(bindings), "%s/bindings%u", base, n);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		char dev[32];

		fake_path(root, i, dev, sizeof(dev));
	}
	t_tree = now_s() - t0;
	snprintf(conf_text, sizeof(conf_text),
		 "defaults {\n find_multipaths strict\n user_friendly_names yes\n"
		 " wwids_file %s\n bindings_file %s\n}\n", wwids, bindings);
	conf = config_new();
	config_parse_buffer(conf, conf_text, strlen(conf_text), "bench.conf");
	config_finalize(conf);
	d.conf = conf;
	d.sysfs_root = root;

	/* discovery of every path, as at start-up */
	t0 = now_s();
	for (i = 0; i < n; i++) {
		char dev[32];

		disk_name(i, dev, sizeof(dev));
		paths[i] = path_new();
		if (path_init(&d, paths[i], dev) < 0 ||
		    pathinfo(&d, paths[i], DI_SYSFS | DI_WWID | DI_BLACKLIST) != 0) {
			fprintf(stderr, "%s: pathinfo failed\n", dev);
			exit(1);
		}
	}
	t_info = now_s() - t0;

	/* the model takes them all */
	t0 = now_s();
	for (i = 0; i < n; i++)
		registry_add_path(&reg, paths[i]);
	t_model = now_s() - t0;

	/* every WWID listed in the wwids file: find_multipaths strict reads
	 * it; the assembly core plans each map (dry run), naming it from
	 * the bindings file */
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_append(&sb, "# Multipath wwids, Version : 1.0\n");
		for (i = 0; i < n; i += HOSTS)
			strbuf_printf(&sb, "/%s/\n", paths[i]->wwid);
		file_write_atomic(wwids, sb.buf, sb.len, 0644);
		strbuf_reset(&sb);
		for (i = 0; i < n; i += HOSTS)
			strbuf_printf(&sb, "mpath%u %s\n", i / HOSTS, paths[i]->wwid);
		file_write_atomic(bindings, sb.buf, sb.len, 0600);
		strbuf_free(&sb);
	}
	assembly_init(&a, &d);
	a.dry_run = true;
	a.live_by_wwid = no_map;
	a.live_by_name = no_map;
	t0 = now_s();
	registry_foreach_path(&reg, pp, k) {
		const struct vec *sib;
		struct map_plan plan = MAP_PLAN_INIT;

		if (hashmap_get(&seen, pp->wwid))
			continue;
		hashmap_put(&seen, pp->wwid, pp);
		sib = registry_wwid_paths(&reg, pp->wwid);
		if (!should_multipath(conf, pp, false, 1, &wwids_c))
			continue;
		if (map_plan_build(&a, pp->wwid, (struct path *const *)sib->items,
				   sib->len, &plan) == 0)
			maps++;
		map_plan_release(&plan);
	}
	t_asm = now_s() - t0;
	assembly_release(&a);

	/* a remove burst: every path goes */
	t0 = now_s();
	for (i = 0; i < n; i++) {
		registry_remove_path(&reg, paths[i]);
		path_free(paths[i]);
	}
	registry_compact(&reg);
	t_del = now_s() - t0;

	printf("BENCH %6u paths (%5u maps planned): per path: pathinfo %6.1f us, "
	       "model add %5.2f us, assembly %6.1f us, remove %5.2f us "
	       "(fake tree %.1f s)\n", n, maps, t_info / n * 1e6,
	       t_model / n * 1e6, t_asm / n * 1e6, t_del / n * 1e6, t_tree);
	fflush(stdout);
	hashmap_free(&seen);
	wwids_cache_free(&wwids_c);
	registry_free(&reg);
	config_free(conf);
	free(paths);
}

int main(int argc, char **argv)
{
	static const unsigned int def[] = { 1024, 4096, 16384 };
	char base[] = "/tmp/bench_model.XXXXXX";
	char cmd[600];
	int i;

	if (!mkdtemp(base)) {
		perror("mkdtemp");
		return 1;
	}
	log_set_verbosity(getenv("BENCH_V") ? atoi(getenv("BENCH_V")) : 0);
	if (argc > 1)
		for (i = 1; i < argc; i++)
			run((unsigned int)strtoul(argv[i], NULL, 10), base);
	else
		for (i = 0; i < 3; i++)
			run(def[i], base);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd) == 0 ? 0 : 1;
}
