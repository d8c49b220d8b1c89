/* Building, loading and querying the configuration snapshot. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/hwtable.h"
#include "util/file.h"
#include "util/log.h"

#define CONFIG_FILE_MAX (16u << 20)

#define BUILTIN_DEVNODE_BLACKLIST "!^(sd[a-z]|dasd[a-z]|nvme[0-9])"
#define BUILTIN_PROPERTY_EXCEPTION "(SCSI_IDENT_|ID_WWN)"

static int load_builtin_defaults(struct kvset *kv)
{
	unsigned i;
	int r;

	for (i = 0; i < KW__COUNT; i++) {
		const struct keyword *kw = kw_get(i);
		union kwval v;

		if (!kw->deflt)
			continue;
		r = kw_parse_value(i, kw->deflt, &v, NULL);
		if (r == 0)
			r = kvset_put(kv, i, v);
		if (r < 0)
			return r;
	}
	return 0;
}

struct config *config_new(void)
{
	struct config *conf = calloc(1, sizeof(*conf));

	if (!conf)
		return NULL;
	if (load_builtin_defaults(&conf->builtin) < 0 ||
	    hwtable_add_builtin(conf) < 0) {
		config_free(conf);
		return NULL;
	}
	return conf;
}

static void free_mpe(void *p)
{
	struct mpentry *mpe = p;

	kvset_free(&mpe->kv);
	free(mpe);
}

static void free_pce(void *p)
{
	struct pcentry *pce = p;

	kvset_free(&pce->kv);
	free(pce);
}

static void free_hwe(void *p)
{
	hwe_free(p);
}

void config_free(struct config *conf)
{
	if (!conf)
		return;
	kvset_free(&conf->builtin);
	kvset_free(&conf->defaults);
	kvset_free(&conf->overrides);
	vec_free(&conf->protocols, free_pce);
	vec_free(&conf->hwtable, free_hwe);
	vec_free(&conf->mptable, free_mpe);
	blacklist_free(&conf->blist);
	blacklist_free(&conf->elist);
	strbuf_free(&conf->diag);
	free(conf);
}

/* Later entries with the same key absorb earlier ones (the later values
 * win, the earlier fill in the rest); the merged entry stays where the
 * later one was. */
static int merge_mptable(struct config *conf)
{
	size_t i, j;

	for (j = 1; j < conf->mptable.len; j++) {
		struct mpentry *later = conf->mptable.items[j];

		for (i = 0; i < j; i++) {
			struct mpentry *earlier = conf->mptable.items[i];

			if (strcmp(kvset_str(&earlier->kv, KW_WWID),
				   kvset_str(&later->kv, KW_WWID)))
				continue;
			condlog(3, "%s: merging duplicate multipath sections",
				kvset_str(&later->kv, KW_WWID));
			if (kvset_fill_from(&later->kv, &earlier->kv) < 0)
				return -ENOMEM;
			free_mpe(vec_remove(&conf->mptable, i));
			i--;
			j--;
		}
	}
	return 0;
}

static int merge_protocols(struct config *conf)
{
	size_t i, j;

	for (j = 1; j < conf->protocols.len; j++) {
		struct pcentry *later = conf->protocols.items[j];

		for (i = 0; i < j; i++) {
			struct pcentry *earlier = conf->protocols.items[i];

			if (earlier->type != later->type)
				continue;
			if (kvset_fill_from(&later->kv, &earlier->kv) < 0)
				return -ENOMEM;
			free_pce(vec_remove(&conf->protocols, i));
			i--;
			j--;
		}
	}
	return 0;
}

/* device entries' product_blacklist become blacklist device rules */
static int add_product_blacklist(struct config *conf)
{
	struct hwentry *hwe;
	size_t i;
	int r;

	vec_foreach(&conf->hwtable, hwe, i) {
		const char *vendor = kvset_str(&hwe->kv, KW_VENDOR);
		const char *product = kvset_str(&hwe->kv, KW_PRODUCT_BLACKLIST);

		if (!product)
			continue;
		r = blacklist_add_device(&conf->blist, vendor, product,
					 hwe->builtin);
		if (r < 0)
			return r;
	}
	return 0;
}

static int mpe_cmp(const void *a, const void *b)
{
	const struct mpentry *x = *(const struct mpentry *const *)a;
	const struct mpentry *y = *(const struct mpentry *const *)b;

	return strcmp(kvset_str(&x->kv, KW_WWID), kvset_str(&y->kv, KW_WWID));
}

/*
 * polling_interval and max_polling_interval, like the reference: an unset
 * polling_interval is a quarter of an explicit maximum (at least 1), and
 * one above the maximum is lowered to it.
 */
static int fix_polling_intervals(struct config *conf)
{
	const union kwval *poll = kvset_get(&conf->defaults, KW_POLLING_INTERVAL);
	const union kwval *max = kvset_get(&conf->defaults,
					   KW_MAX_POLLING_INTERVAL);

	if (!max)
		return 0;
	if (!poll)
		return kvset_put_int(&conf->builtin, KW_POLLING_INTERVAL,
				     max->num / 4 > 0 ? max->num / 4 : 1);
	if (poll->num > max->num)
		return kvset_put_int(&conf->defaults, KW_POLLING_INTERVAL,
				     max->num);
	return 0;
}

int config_finalize(struct config *conf)
{
	int r;

	r = hwtable_factorize(conf);
	if (r == 0)
		r = merge_mptable(conf);
	if (r == 0)
		vec_sort(&conf->mptable, mpe_cmp);
	if (r == 0)
		r = fix_polling_intervals(conf);
	if (r == 0)
		r = merge_protocols(conf);
	if (r == 0)
		r = blacklist_add(&conf->blist.devnode,
				  BUILTIN_DEVNODE_BLACKLIST, true);
	if (r == 0)
		r = blacklist_add(&conf->elist.property,
				  BUILTIN_PROPERTY_EXCEPTION, true);
	if (r == 0)
		r = add_product_blacklist(conf);
	return r;
}

static int parse_file(struct config *conf, const char *path, bool optional)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	r = file_read_all(path, CONFIG_FILE_MAX, &buf, &len);
	if (r == -ENOENT && optional)
		return 0;
	if (r < 0)
		return log_errno(0, r, "%s: cannot read configuration", path);
	return config_parse_buffer(conf, buf, len, path);
}

static int conf_d_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 &&
	       strcmp(d->d_name + n - 5, ".conf") == 0;
}

static int parse_dir(struct config *conf, const char *dir)
{
	struct dirent **list = NULL;
	int i, n, r = 0;

	n = scandir(dir, &list, conf_d_filter, alphasort);
	if (n < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return log_errno(0, errno, "%s: cannot read directory", dir);
	}
	for (i = 0; i < n; i++) {
		_cleanup_free_ char *path = NULL;

		if (r == 0 && asprintf(&path, "%s/%s", dir, list[i]->d_name) < 0) {
			path = NULL;
			r = -ENOMEM;
		}
		if (r == 0)
			r = parse_file(conf, path, true);
		free(list[i]);
	}
	free(list);
	return r;
}

int config_load(const char *file, const char *dir, struct config **out)
{
	struct config *conf = config_new();
	int r;

	if (!conf)
		return -ENOMEM;
	r = file ? parse_file(conf, file, true) : 0;
	if (r == 0 && dir)
		r = parse_dir(conf, dir);
	if (r == 0)
		r = config_finalize(conf);
	if (r < 0) {
		config_free(conf);
		return r;
	}
	*out = conf;
	return 0;
}

const union kwval *config_get(const struct config *conf, enum kw_id kw)
{
	const union kwval *v = kvset_get(&conf->defaults, kw);

	return v ? v : kvset_get(&conf->builtin, kw);
}

long long config_get_int(const struct config *conf, enum kw_id kw)
{
	const union kwval *v = config_get(conf, kw);

	if (!v && kw == KW_MAX_POLLING_INTERVAL)
		return 4 * config_get_int(conf, KW_POLLING_INTERVAL);
	return v ? v->num : 0;
}

const char *config_get_str(const struct config *conf, enum kw_id kw)
{
	const union kwval *v = config_get(conf, kw);

	return v ? v->str : NULL;
}

const struct mpentry *config_find_mpe(const struct config *conf,
				      const char *wwid)
{
	struct mpentry *mpe;
	size_t i;

	if (!wwid)
		return NULL;
	vec_foreach(&conf->mptable, mpe, i)
		if (strcmp(kvset_str(&mpe->kv, KW_WWID), wwid) == 0)
			return mpe;
	return NULL;
}

const struct mpentry *config_find_mpe_by_alias(const struct config *conf,
					       const char *alias)
{
	struct mpentry *mpe;
	size_t i;

	if (!alias)
		return NULL;
	vec_foreach(&conf->mptable, mpe, i) {
		const char *a = kvset_str(&mpe->kv, KW_ALIAS);

		if (a && strcmp(a, alias) == 0)
			return mpe;
	}
	return NULL;
}

const struct pcentry *config_find_pce(const struct config *conf,
				      enum protocol type)
{
	struct pcentry *pce;
	size_t i;

	vec_foreach(&conf->protocols, pce, i)
		if (pce->type == type)
			return pce;
	return NULL;
}
