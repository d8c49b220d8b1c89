/* A small map from keyword to value: the settings of one config section. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/kvset.h"

const union kwval *kvset_get(const struct kvset *s, enum kw_id kw)
{
	unsigned i;

	for (i = 0; i < s->len; i++)
		if (s->items[i].kw == kw)
			return &s->items[i].v;
	return NULL;
}

int kvset_put(struct kvset *s, enum kw_id kw, union kwval v)
{
	unsigned i;

	for (i = 0; i < s->len; i++) {
		if (s->items[i].kw == kw) {
			kw_free_value(kw, &s->items[i].v);
			s->items[i].v = v;
			return 0;
		}
	}
	if (s->len == s->cap) {
		unsigned cap = s->cap ? s->cap * 2 : 8;
		struct kv *p = realloc(s->items, cap * sizeof(*p));

		if (!p) {
			kw_free_value(kw, &v);
			return -ENOMEM;
		}
		s->items = p;
		s->cap = cap;
	}
	s->items[s->len].kw = kw;
	s->items[s->len].v = v;
	s->len++;
	return 0;
}

int kvset_put_int(struct kvset *s, enum kw_id kw, long long n)
{
	union kwval v = { .num = n };

	return kvset_put(s, kw, v);
}

int kvset_put_str(struct kvset *s, enum kw_id kw, const char *str)
{
	union kwval v = { .str = strdup(str) };

	if (!v.str)
		return -ENOMEM;
	return kvset_put(s, kw, v);
}

void kvset_del(struct kvset *s, enum kw_id kw)
{
	unsigned i;

	for (i = 0; i < s->len; i++) {
		if (s->items[i].kw != kw)
			continue;
		kw_free_value(kw, &s->items[i].v);
		memmove(&s->items[i], &s->items[i + 1],
			(s->len - i - 1) * sizeof(s->items[0]));
		s->len--;
		return;
	}
}

int kvset_fill_from(struct kvset *dst, const struct kvset *src)
{
	unsigned i;

	for (i = 0; i < src->len; i++) {
		union kwval v;
		int r;

		if (kvset_has(dst, src->items[i].kw))
			continue;
		r = kw_copy_value(src->items[i].kw, &src->items[i].v, &v);
		if (r == 0)
			r = kvset_put(dst, src->items[i].kw, v);
		if (r < 0)
			return r;
	}
	return 0;
}

void kvset_free(struct kvset *s)
{
	unsigned i;

	for (i = 0; i < s->len; i++)
		kw_free_value(s->items[i].kw, &s->items[i].v);
	free(s->items);
	s->items = NULL;
	s->len = s->cap = 0;
}

long long kvset_int(const struct kvset *s, enum kw_id kw, long long def)
{
	const union kwval *v = kvset_get(s, kw);

	return v ? v->num : def;
}

const char *kvset_str(const struct kvset *s, enum kw_id kw)
{
	const union kwval *v = kvset_get(s, kw);

	return v ? v->str : NULL;
}
