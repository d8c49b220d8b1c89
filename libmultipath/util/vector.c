/* A growable array of pointers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/vector.h"

static int vec_grow(struct vec *v)
{
	size_t cap = v->cap ? v->cap * 2 : 8;
	void **p;

	if (cap > ((size_t)-1) / sizeof(void *) / 2)
		return -ENOMEM;
	p = realloc(v->items, cap * sizeof(void *));
	if (!p)
		return -ENOMEM;
	v->items = p;
	v->cap = cap;
	return 0;
}

int vec_push(struct vec *v, void *item)
{
	return vec_insert(v, v->len, item);
}

int vec_insert(struct vec *v, size_t idx, void *item)
{
	if (idx > v->len)
		return -EINVAL;
	if (v->len == v->cap && vec_grow(v) < 0)
		return -ENOMEM;
	memmove(v->items + idx + 1, v->items + idx,
		(v->len - idx) * sizeof(void *));
	v->items[idx] = item;
	v->len++;
	return 0;
}

void *vec_remove(struct vec *v, size_t idx)
{
	void *item;

	if (idx >= v->len)
		return NULL;
	item = v->items[idx];
	memmove(v->items + idx, v->items + idx + 1,
		(v->len - idx - 1) * sizeof(void *));
	v->len--;
	return item;
}

void *vec_pop(struct vec *v)
{
	return v->len ? vec_remove(v, v->len - 1) : NULL;
}

long vec_find(const struct vec *v, const void *item)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		if (v->items[i] == item)
			return (long)i;
	return -1;
}

void vec_sort(struct vec *v, int (*cmp)(const void *a, const void *b))
{
	if (v->len > 1)
		qsort(v->items, v->len, sizeof(void *), cmp);
}

void vec_clear(struct vec *v, void (*free_item)(void *))
{
	size_t i;

	if (free_item)
		for (i = 0; i < v->len; i++)
			free_item(v->items[i]);
	v->len = 0;
}

void vec_free(struct vec *v, void (*free_item)(void *))
{
	vec_clear(v, free_item);
	free(v->items);
	v->items = NULL;
	v->cap = 0;
}
