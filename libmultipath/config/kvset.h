/* A small map from keyword to value: the settings of one config section
 * (defaults, one device entry, one multipath entry, overrides ...). */
#ifndef MP_CONFIG_KVSET_H
#define MP_CONFIG_KVSET_H

#include "config/kwtypes.h"

struct kv {
	enum kw_id kw;
	union kwval v;
};

struct kvset {
	struct kv *items;
	unsigned len, cap;
};

#define KVSET_INIT { NULL, 0, 0 }

const union kwval *kvset_get(const struct kvset *s, enum kw_id kw);
static inline int kvset_has(const struct kvset *s, enum kw_id kw)
{
	return kvset_get(s, kw) != NULL;
}
/* Store v for kw, taking ownership of its string; replaces (and frees)
 * an older value. 0 or -ENOMEM (v is freed on failure). */
int kvset_put(struct kvset *s, enum kw_id kw, union kwval v);
int kvset_put_int(struct kvset *s, enum kw_id kw, long long n);
int kvset_put_str(struct kvset *s, enum kw_id kw, const char *str);
void kvset_del(struct kvset *s, enum kw_id kw);
/* Copy into dst every value src has and dst lacks. */
int kvset_fill_from(struct kvset *dst, const struct kvset *src);
void kvset_free(struct kvset *s);

/* Convenience readers: the stored value, or def when absent. */
long long kvset_int(const struct kvset *s, enum kw_id kw, long long def);
const char *kvset_str(const struct kvset *s, enum kw_id kw);

#endif
