/* A growable array of pointers. */
#ifndef MP_UTIL_VECTOR_H
#define MP_UTIL_VECTOR_H

#include <stddef.h>

struct vec {
	void **items;
	size_t len;
	size_t cap;
};

#define VEC_INIT { NULL, 0, 0 }

/* Return 0 or -ENOMEM. */
int vec_push(struct vec *v, void *item);
int vec_insert(struct vec *v, size_t idx, void *item);
/* Remove and return the item at idx (NULL when out of range). */
void *vec_remove(struct vec *v, size_t idx);
void *vec_pop(struct vec *v);
/* Index of item, or -1. */
long vec_find(const struct vec *v, const void *item);
void vec_sort(struct vec *v, int (*cmp)(const void *a, const void *b));
/* Drop all items, calling free_item on each (when not NULL). */
void vec_clear(struct vec *v, void (*free_item)(void *));
void vec_free(struct vec *v, void (*free_item)(void *));

static inline void *vec_get(const struct vec *v, size_t idx)
{
	return idx < v->len ? v->items[idx] : NULL;
}

static inline void *vec_last(const struct vec *v)
{
	return v->len ? v->items[v->len - 1] : NULL;
}

#define vec_foreach(v, var, i)                                                 \
	for ((i) = 0; (i) < (v)->len && (((var) = (v)->items[i]), 1); (i)++)

#define vec_foreach_reverse(v, var, i)                                         \
	for ((i) = (v)->len; (i) > 0 && (((var) = (v)->items[(i) - 1]), 1); (i)--)

#endif
