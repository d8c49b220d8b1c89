/* A hash map from strings to pointers: open addressing with linear
 * probing, FNV-1a hashes, growth at 70% load (tombstones count). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hashmap.h"

static const char tombstone;
#define HM_TOMBSTONE (&tombstone)
#define HM_MIN_CAP 16

static size_t hash_of(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 32));
}

static bool live(const struct hm_slot *s)
{
	return s->key && s->key != HM_TOMBSTONE;
}

/* The slot of key, or of the first place it could go (NULL key). */
static struct hm_slot *find(const struct hashmap *h, const char *key,
			    size_t hash, bool for_insert)
{
	struct hm_slot *grave = NULL;
	size_t mask = h->cap - 1, i;

	for (i = hash & mask;; i = (i + 1) & mask) {
		struct hm_slot *s = &h->slots[i];

		if (!s->key)
			return for_insert && grave ? grave : s;
		if (s->key == HM_TOMBSTONE) {
			if (!grave)
				grave = s;
		} else if (s->hash == hash && strcmp(s->key, key) == 0) {
			return s;
		}
	}
}

static int resize(struct hashmap *h, size_t cap)
{
	struct hm_slot *old = h->slots;
	size_t ocap = h->cap, i;

	h->slots = calloc(cap, sizeof(*h->slots));
	if (!h->slots) {
		h->slots = old;
		return -ENOMEM;
	}
	h->cap = cap;
	h->used = h->len;
	for (i = 0; i < ocap; i++)
		if (live(&old[i]))
			*find(h, old[i].key, old[i].hash, true) = old[i];
	free(old);
	return 0;
}

int hashmap_put(struct hashmap *h, const char *key, void *value)
{
	size_t hash = hash_of(key);
	struct hm_slot *s;

	if ((h->used + 1) * 10 > h->cap * 7) {
		size_t cap = h->cap ? h->cap : HM_MIN_CAP;

		/* grow when live entries fill it, else just sweep graves */
		while ((h->len + 1) * 10 > cap * 5)
			cap *= 2;
		if (resize(h, cap) < 0)
			return -ENOMEM;
	}
	s = find(h, key, hash, true);
	if (live(s) && strcmp(s->key, key) == 0) {
		s->key = key;
		s->value = value;
		return 0;
	}
	if (!s->key)
		h->used++;
	s->key = key;
	s->value = value;
	s->hash = hash;
	h->len++;
	return 0;
}

void *hashmap_get(const struct hashmap *h, const char *key)
{
	struct hm_slot *s;

	if (!h->len)
		return NULL;
	s = find(h, key, hash_of(key), false);
	return live(s) ? s->value : NULL;
}

static void drop(struct hashmap *h, struct hm_slot *s)
{
	s->key = HM_TOMBSTONE;
	s->value = NULL;
	h->len--;
}

void *hashmap_remove(struct hashmap *h, const char *key)
{
	struct hm_slot *s;
	void *v;

	if (!h->len)
		return NULL;
	s = find(h, key, hash_of(key), false);
	if (!live(s))
		return NULL;
	v = s->value;
	drop(h, s);
	return v;
}

bool hashmap_remove_if(struct hashmap *h, const char *key, const void *value)
{
	struct hm_slot *s;

	if (!h->len)
		return false;
	s = find(h, key, hash_of(key), false);
	if (!live(s) || s->value != value)
		return false;
	drop(h, s);
	return true;
}

void hashmap_free(struct hashmap *h)
{
	free(h->slots);
	memset(h, 0, sizeof(*h));
}

bool hashmap_next(const struct hashmap *h, size_t *i, const char **key,
		  void **value)
{
	for (; *i < h->cap; (*i)++) {
		const struct hm_slot *s = &h->slots[*i];

		if (live(s)) {
			if (key)
				*key = s->key;
			if (value)
				*value = s->value;
			(*i)++;
			return true;
		}
	}
	return false;
}
