/* A hash map from strings to pointers (open addressing, linear probing),
 * for lookups that must stay O(1) with tens of thousands of paths: paths
 * by device name or dev_t, maps by name or WWID, a set of WWIDs. Keys are
 * not copied: each must live as long as its entry (usually a field of the
 * object it maps to). */
#ifndef MP_UTIL_HASHMAP_H
#define MP_UTIL_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>

struct hm_slot {
	const char *key;	/* NULL: empty; HM_TOMBSTONE: removed */
	void *value;
	size_t hash;
};

struct hashmap {
	struct hm_slot *slots;
	size_t cap;		/* a power of two, or 0 */
	size_t len;		/* live entries */
	size_t used;		/* live + tombstones */
};

#define HASHMAP_INIT { NULL, 0, 0, 0 }

/* Insert or replace key -> value. 0 or -ENOMEM. */
int hashmap_put(struct hashmap *h, const char *key, void *value);
/* The value of key, or NULL. */
void *hashmap_get(const struct hashmap *h, const char *key);
/* Remove key; its value, or NULL when it was not there. */
void *hashmap_remove(struct hashmap *h, const char *key);
/* Remove key only while it maps to value (an object leaving its index
 * must not take a newer object of the same key with it). */
bool hashmap_remove_if(struct hashmap *h, const char *key, const void *value);
void hashmap_free(struct hashmap *h);

/* Iteration: i from 0; false at the end. */
bool hashmap_next(const struct hashmap *h, size_t *i, const char **key,
		  void **value);

#endif
