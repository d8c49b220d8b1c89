/* The hardware table: built-in and user device entries, and matching. */
#include <errno.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/hwtable.h"
#include "util/log.h"
#include "util/regex.h"
#include "util/strbuf.h"

static const enum kw_id match_kw[3] = { KW_VENDOR, KW_PRODUCT, KW_REVISION };

struct hwentry *hwe_new(void)
{
	return calloc(1, sizeof(struct hwentry));
}

void hwe_free(struct hwentry *hwe)
{
	unsigned i;

	if (!hwe)
		return;
	for (i = 0; i < 3; i++)
		mp_regex_free(hwe->re[i]);
	kvset_free(&hwe->kv);
	free(hwe);
}

/*
 * The regex of field i (vendor, product, revision), compiled on first use.
 * Entries live in a shared, otherwise read-only config, so compilation is
 * serialized and published with release/acquire ordering. NULL when the
 * entry does not constrain that field (or the pattern cannot compile,
 * which the parser has already reported).
 */
static pthread_mutex_t re_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct mp_regex *hwe_regex(const struct hwentry *chwe, unsigned i)
{
	struct hwentry *hwe = (struct hwentry *)chwe;
	const char *pat;

	if (__atomic_load_n(&hwe->re_ready[i], __ATOMIC_ACQUIRE))
		return hwe->re[i];
	pthread_mutex_lock(&re_lock);
	if (!hwe->re_ready[i]) {
		pat = kvset_str(&hwe->kv, match_kw[i]);
		hwe->re[i] = pat ? mp_regex_new(pat, false, NULL) : NULL;
		__atomic_store_n(&hwe->re_ready[i], 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&re_lock);
	return hwe->re[i];
}

static int add_builtin(struct config *conf, const struct hwe_builtin *b)
{
	struct hwentry *hwe = hwe_new();
	const struct hwe_setting *s;
	int r;

	if (!hwe)
		return -ENOMEM;
	hwe->builtin = true;
	r = kvset_put_str(&hwe->kv, KW_VENDOR, b->vendor);
	if (r == 0)
		r = kvset_put_str(&hwe->kv, KW_PRODUCT, b->product);
	if (r == 0 && b->revision)
		r = kvset_put_str(&hwe->kv, KW_REVISION, b->revision);
	for (s = b->settings; r == 0 && s < b->settings + HWE_MAX_SETTINGS &&
			      s->value; s++) {
		union kwval v;

		r = kw_parse_value(s->kw, s->value, &v, NULL);
		if (r == 0)
			r = kvset_put(&hwe->kv, s->kw, v);
		else if (r > 0)
			r = 0;
	}
	if (r == 0)
		r = vec_push(&conf->hwtable, hwe);
	if (r < 0) {
		condlog(0, "built-in hardware entry %s:%s: %s", b->vendor,
			b->product, strerror(-r));
		hwe_free(hwe);
	}
	return r;
}

int hwtable_add_builtin(struct config *conf)
{
	size_t i;
	int r;

	for (i = 0; i < builtin_hwtable_len; i++) {
		r = add_builtin(conf, &builtin_hwtable[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_device(const struct hwentry *a, const struct hwentry *b)
{
	unsigned i;

	for (i = 0; i < 3; i++)
		if (!str_eq(kvset_str(&a->kv, match_kw[i]),
			    kvset_str(&b->kv, match_kw[i])))
			return false;
	return true;
}

/*
 * "queue_if_no_path" in features is the old way to say no_path_retry
 * queue. When entries merge, the reference moves it: drop the feature (and
 * fix the count) and, if nothing set no_path_retry, set it to queue.
 */
static int move_queue_if_no_path(struct hwentry *hwe)
{
	static const char qinp[] = "queue_if_no_path";
	const char *features = kvset_str(&hwe->kv, KW_FEATURES);
	_cleanup_strbuf_ struct strbuf rest = STRBUF_INIT;
	_cleanup_free_ char *copy = NULL;
	char *save = NULL, *tok;
	bool found = false;
	int n = 0, r;

	if (!features || !strstr(features, qinp))
		return 0;
	copy = strdup(features);
	if (!copy)
		return -ENOMEM;
	tok = strtok_r(copy, " \t", &save);	/* the count */
	while (tok && (tok = strtok_r(NULL, " \t", &save))) {
		if (strcmp(tok, qinp) == 0) {
			found = true;
			continue;
		}
		if (strbuf_printf(&rest, " %s", tok) < 0)
			return -ENOMEM;
		n++;
	}
	if (!found)
		return 0;
	if (!kvset_has(&hwe->kv, KW_NO_PATH_RETRY)) {
		r = kvset_put_int(&hwe->kv, KW_NO_PATH_RETRY,
				  NO_PATH_RETRY_QUEUE);
		if (r < 0)
			return r;
	}
	free(copy);
	if (asprintf(&copy, "%d%s", n, strbuf_str(&rest)) < 0) {
		copy = NULL;
		return -ENOMEM;
	}
	return kvset_put_str(&hwe->kv, KW_FEATURES, copy);
}

int hwtable_factorize(struct config *conf)
{
	size_t i, j;
	int r;

	for (j = 1; j < conf->hwtable.len; j++) {
		struct hwentry *later = conf->hwtable.items[j];

		for (i = 0; i < j; i++) {
			struct hwentry *earlier = conf->hwtable.items[i];

			if (!same_device(earlier, later))
				continue;
			condlog(3, "%s:%s:%s: merging duplicate device entries",
				kvset_str(&later->kv, KW_VENDOR),
				kvset_str(&later->kv, KW_PRODUCT),
				kvset_str(&later->kv, KW_REVISION) ?: "");
			r = kvset_fill_from(&later->kv, &earlier->kv);
			if (r == 0)
				r = move_queue_if_no_path(later);
			if (r < 0)
				return r;
			later->builtin = later->builtin && earlier->builtin;
			hwe_free(vec_remove(&conf->hwtable, i));
			i--;
			j--;
		}
	}
	return 0;
}

static bool hwe_matches(const struct hwentry *hwe, const char *vendor,
			const char *product, const char *revision)
{
	const char *what[3] = { vendor, product, revision };
	const struct mp_regex *re;
	unsigned i;

	for (i = 0; i < 3; i++) {
		if (!kvset_has(&hwe->kv, match_kw[i]))
			continue;
		re = hwe_regex(hwe, i);
		if (!re || !mp_regex_match(re, what[i]))
			return false;
	}
	return true;
}

size_t hwtable_find(const struct config *conf, const char *vendor,
		    const char *product, const char *revision,
		    const struct hwentry **out, size_t max)
{
	struct hwentry *hwe;
	size_t i, n = 0;

	vec_foreach_reverse(&conf->hwtable, hwe, i) {
		if (n == max)
			break;
		if (hwe_matches(hwe, vendor, product, revision))
			out[n++] = hwe;
	}
	return n;
}
