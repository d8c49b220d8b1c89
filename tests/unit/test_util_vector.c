/* util/vector: the growable pointer array. Items are mostly small integers
 * cast to pointers, or entries of a static array, so that the order and
 * identity of the stored pointers can be checked exactly. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/vector.h"

#define P(n) ((void *)(uintptr_t)(n))
#define N(p) ((long)(uintptr_t)(p))

/* Assert v holds exactly the values in want[0..n). */
static void check_contents(const struct vec *v, const long *want, size_t n)
{
	size_t i;

	assert_int_equal(v->len, n);
	assert_true(v->len <= v->cap);
	for (i = 0; i < n; i++)
		assert_int_equal(N(vec_get(v, i)), want[i]);
	assert_null(vec_get(v, n));
}

static void test_empty(void **state)
{
	struct vec v = VEC_INIT;

	(void)state;
	assert_int_equal(v.len, 0);
	assert_null(vec_get(&v, 0));
	assert_null(vec_get(&v, 12345));
	assert_null(vec_last(&v));
	assert_null(vec_pop(&v));
	assert_null(vec_remove(&v, 0));
	assert_int_equal(vec_find(&v, NULL), -1);
	assert_int_equal(vec_find(&v, P(1)), -1);
	vec_sort(&v, NULL);	/* nothing to sort: cmp is never called */
	vec_clear(&v, NULL);
	vec_free(&v, NULL);
	vec_free(&v, NULL);
	assert_int_equal(v.len, 0);
	assert_null(v.items);
}

static void test_push_many(void **state)
{
	struct vec v = VEC_INIT;
	size_t i, last_cap = 0;
	int grows = 0;

	(void)state;
	for (i = 0; i < 5000; i++) {
		assert_int_equal(vec_push(&v, P(i + 1)), 0);
		assert_int_equal(v.len, i + 1);
		assert_int_equal(N(vec_last(&v)), (long)i + 1);
		if (v.cap != last_cap) {
			grows++;
			last_cap = v.cap;
		}
	}
	assert_true(grows >= 5);
	for (i = 0; i < 5000; i++)
		assert_int_equal(N(vec_get(&v, i)), (long)i + 1);
	assert_null(vec_get(&v, 5000));
	assert_null(vec_get(&v, (size_t)-1));
	vec_free(&v, NULL);
	assert_int_equal(v.len, 0);
	assert_int_equal(v.cap, 0);
}

static void test_insert_positions(void **state)
{
	struct vec v = VEC_INIT;

	(void)state;
	assert_int_equal(vec_insert(&v, 0, P(5)), 0);		/* into empty */
	check_contents(&v, (long[]){ 5 }, 1);
	assert_int_equal(vec_insert(&v, 0, P(1)), 0);		/* front */
	check_contents(&v, (long[]){ 1, 5 }, 2);
	assert_int_equal(vec_insert(&v, 2, P(9)), 0);		/* end == len */
	check_contents(&v, (long[]){ 1, 5, 9 }, 3);
	assert_int_equal(vec_insert(&v, 1, P(3)), 0);		/* middle */
	check_contents(&v, (long[]){ 1, 3, 5, 9 }, 4);
	assert_int_equal(vec_insert(&v, 3, P(7)), 0);	/* 2nd to last */
	check_contents(&v, (long[]){ 1, 3, 5, 7, 9 }, 5);
	vec_free(&v, NULL);
}

static void test_insert_out_of_range(void **state)
{
	struct vec v = VEC_INIT;

	(void)state;
	assert_int_equal(vec_insert(&v, 1, P(1)), -EINVAL);
	assert_int_equal(v.len, 0);
	vec_push(&v, P(1));
	vec_push(&v, P(2));
	assert_int_equal(vec_insert(&v, 3, P(3)), -EINVAL);
	assert_int_equal(vec_insert(&v, (size_t)-1, P(3)), -EINVAL);
	check_contents(&v, (long[]){ 1, 2 }, 2);
	vec_free(&v, NULL);
}

/* Inserting at the front across growth keeps everything in order. */
static void test_insert_front_growth(void **state)
{
	struct vec v = VEC_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		assert_int_equal(vec_insert(&v, 0, P(i)), 0);
	assert_int_equal(v.len, 1000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(N(vec_get(&v, i)), 999 - (long)i);
	/* and in the middle */
	for (i = 0; i < 100; i++)
		assert_int_equal(vec_insert(&v, 500, P(5000 + i)), 0);
	assert_int_equal(v.len, 1100);
	assert_int_equal(N(vec_get(&v, 499)), 500);
	assert_int_equal(N(vec_get(&v, 500)), 5099);
	assert_int_equal(N(vec_get(&v, 599)), 5000);
	assert_int_equal(N(vec_get(&v, 600)), 499);
	assert_int_equal(N(vec_last(&v)), 0);
	vec_free(&v, NULL);
}

static void test_remove(void **state)
{
	struct vec v = VEC_INIT;
	long i;

	(void)state;
	for (i = 1; i <= 6; i++)
		vec_push(&v, P(i));
	assert_int_equal(N(vec_remove(&v, 0)), 1);		/* front */
	check_contents(&v, (long[]){ 2, 3, 4, 5, 6 }, 5);
	assert_int_equal(N(vec_remove(&v, 2)), 4);		/* middle */
	check_contents(&v, (long[]){ 2, 3, 5, 6 }, 4);
	assert_int_equal(N(vec_remove(&v, 3)), 6);		/* last */
	check_contents(&v, (long[]){ 2, 3, 5 }, 3);
	/* out of range: NULL and nothing changes */
	assert_null(vec_remove(&v, 3));
	assert_null(vec_remove(&v, (size_t)-1));
	check_contents(&v, (long[]){ 2, 3, 5 }, 3);
	assert_int_equal(N(vec_remove(&v, 1)), 3);
	assert_int_equal(N(vec_remove(&v, 1)), 5);
	assert_int_equal(N(vec_remove(&v, 0)), 2);
	assert_int_equal(v.len, 0);
	assert_null(vec_remove(&v, 0));
	vec_free(&v, NULL);
}

static void test_pop(void **state)
{
	struct vec v = VEC_INIT;
	long i;

	(void)state;
	assert_null(vec_pop(&v));
	for (i = 1; i <= 20; i++)
		vec_push(&v, P(i));
	for (i = 20; i >= 1; i--) {
		assert_int_equal(N(vec_last(&v)), i);
		assert_int_equal(N(vec_pop(&v)), i);
		assert_int_equal(v.len, (size_t)i - 1);
	}
	assert_null(vec_pop(&v));
	assert_null(vec_pop(&v));
	assert_int_equal(v.len, 0);
	assert_null(vec_last(&v));
	/* usable again */
	vec_push(&v, P(77));
	assert_int_equal(N(vec_pop(&v)), 77);
	vec_free(&v, NULL);
}

static void test_find(void **state)
{
	static int objs[5];
	struct vec v = VEC_INIT;

	(void)state;
	vec_push(&v, &objs[0]);
	vec_push(&v, &objs[1]);
	vec_push(&v, NULL);
	vec_push(&v, &objs[2]);
	vec_push(&v, &objs[1]);	/* duplicate */
	assert_int_equal(vec_find(&v, &objs[0]), 0);
	assert_int_equal(vec_find(&v, &objs[1]), 1);	/* first one */
	assert_int_equal(vec_find(&v, NULL), 2);
	assert_int_equal(vec_find(&v, &objs[2]), 3);
	assert_int_equal(vec_find(&v, &objs[3]), -1);
	/* identity, not content: an equal-valued object is a different one */
	assert_int_equal(vec_find(&v, &objs[4]), -1);
	vec_remove(&v, 1);
	assert_int_equal(vec_find(&v, &objs[1]), 3);
	vec_remove(&v, 3);
	assert_int_equal(vec_find(&v, &objs[1]), -1);
	vec_free(&v, NULL);
}

static int cmp_long(const void *a, const void *b)
{
	long x = N(*(void *const *)a), y = N(*(void *const *)b);

	return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_never(const void *a, const void *b)
{
	(void)a;
	(void)b;
	fail_msg("comparator called on a vector with fewer than 2 items");
	return 0;
}

static void test_sort_strings(void **state)
{
	const char *words[] = { "sdc", "dm-0", "sda", "nvme0n1", "sdb", "sda" };
	const char *sorted[] = { "dm-0", "nvme0n1", "sda", "sda", "sdb",
				 "sdc" };
	struct vec v = VEC_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(words); i++)
		vec_push(&v, (void *)words[i]);
	vec_sort(&v, cmp_str);
	assert_int_equal(v.len, ARRAY_SIZE(sorted));
	for (i = 0; i < ARRAY_SIZE(sorted); i++)
		assert_string_equal(vec_get(&v, i), sorted[i]);
	vec_free(&v, NULL);
}

static void test_sort_small(void **state)
{
	struct vec v = VEC_INIT;

	(void)state;
	vec_sort(&v, cmp_never);
	vec_push(&v, P(3));
	vec_sort(&v, cmp_never);
	check_contents(&v, (long[]){ 3 }, 1);
	vec_push(&v, P(1));
	vec_sort(&v, cmp_long);
	check_contents(&v, (long[]){ 1, 3 }, 2);
	vec_free(&v, NULL);
}

/* A large pseudo-random vector sorts into a permutation of its input. */
static void test_sort_large(void **state)
{
	struct vec v = VEC_INIT;
	static unsigned char seen[4096];
	unsigned seed = 99;
	size_t i;

	(void)state;
	for (i = 0; i < 4096; i++)
		/* odd multiplier mod 2^k: a permutation of 0..4095 */
		vec_push(&v, P((i * 2654435761u) % 4096));
	for (i = 0; i < 4096; i++) {			/* shuffle a bit more */
		size_t j;
		void *t;

		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % 4096;
		t = v.items[i];
		v.items[i] = v.items[j];
		v.items[j] = t;
	}
	vec_sort(&v, cmp_long);
	assert_int_equal(v.len, 4096);
	for (i = 0; i < 4096; i++) {
		long n = N(vec_get(&v, i));

		assert_int_equal(n, (long)i);
		seen[n]++;
	}
	for (i = 0; i < 4096; i++)
		assert_int_equal(seen[i], 1);
	vec_free(&v, NULL);
}

struct tracked {
	int id;
	int *freed;	/* per-id free counter */
};

static int free_calls;

static void free_tracked(void *p)
{
	struct tracked *t = p;

	free_calls++;
	t->freed[t->id]++;
	free(t);
}

static struct tracked *new_tracked(int id, int *freed)
{
	struct tracked *t = malloc(sizeof(*t));

	assert_non_null(t);
	t->id = id;
	t->freed = freed;
	return t;
}

static void test_clear_calls_free(void **state)
{
	struct vec v = VEC_INIT;
	int freed[50] = { 0 };
	size_t cap;
	int i;

	(void)state;
	free_calls = 0;
	for (i = 0; i < 50; i++)
		vec_push(&v, new_tracked(i, freed));
	cap = v.cap;
	vec_clear(&v, free_tracked);
	assert_int_equal(free_calls, 50);
	for (i = 0; i < 50; i++)
		assert_int_equal(freed[i], 1);	/* each exactly once */
	assert_int_equal(v.len, 0);
	assert_int_equal(v.cap, cap);		/* storage kept for reuse */
	assert_null(vec_get(&v, 0));
	/* clearing an already empty vector calls nothing */
	vec_clear(&v, free_tracked);
	assert_int_equal(free_calls, 50);
	/* reuse */
	vec_push(&v, new_tracked(7, freed));
	assert_int_equal(v.len, 1);
	vec_free(&v, free_tracked);
	assert_int_equal(free_calls, 51);
	assert_int_equal(freed[7], 2);
}

static void test_clear_without_callback(void **state)
{
	static int objs[3];
	struct vec v = VEC_INIT;

	(void)state;
	vec_push(&v, &objs[0]);
	vec_push(&v, &objs[1]);
	vec_push(&v, &objs[2]);
	vec_clear(&v, NULL);	/* must not free the (static) items */
	assert_int_equal(v.len, 0);
	vec_push(&v, &objs[1]);
	assert_ptr_equal(vec_get(&v, 0), &objs[1]);
	vec_free(&v, NULL);
}

static void test_free_calls_free(void **state)
{
	struct vec v = VEC_INIT;
	int freed[10] = { 0 };
	int i;

	(void)state;
	free_calls = 0;
	for (i = 0; i < 10; i++)
		vec_push(&v, new_tracked(i, freed));
	/* removed items are the caller's: not freed by vec_free */
	free_tracked(vec_remove(&v, 4));
	assert_int_equal(free_calls, 1);
	vec_free(&v, free_tracked);
	assert_int_equal(free_calls, 10);
	for (i = 0; i < 10; i++)
		assert_int_equal(freed[i], 1);
	assert_null(v.items);
	assert_int_equal(v.len, 0);
	assert_int_equal(v.cap, 0);
	/* freeing again is harmless and calls nothing */
	vec_free(&v, free_tracked);
	assert_int_equal(free_calls, 10);
	/* and the vector is usable after vec_free */
	assert_int_equal(vec_push(&v, P(1)), 0);
	assert_int_equal(N(vec_get(&v, 0)), 1);
	vec_free(&v, NULL);
}

/* free callback sees NULL items too, which it may ignore (free(NULL)). */
static int null_seen;

static void free_counting_null(void *p)
{
	if (!p)
		null_seen++;
	free(p);
}

static void test_free_with_null_items(void **state)
{
	struct vec v = VEC_INIT;

	(void)state;
	null_seen = 0;
	vec_push(&v, NULL);
	vec_push(&v, malloc(4));
	vec_push(&v, NULL);
	vec_free(&v, free_counting_null);
	assert_int_equal(null_seen, 2);
}

static void test_foreach(void **state)
{
	struct vec v = VEC_INIT;
	void *item;
	size_t i;
	long visited[10];
	int n = 0;

	(void)state;
	/* empty: the body never runs */
	vec_foreach(&v, item, i)
		fail_msg("body ran on an empty vector");
	assert_int_equal(i, 0);
	for (i = 1; i <= 5; i++)
		vec_push(&v, P(i * 10));
	vec_foreach(&v, item, i) {
		assert_int_equal(N(item), ((long)i + 1) * 10);
		visited[n++] = N(item);
	}
	assert_int_equal(n, 5);
	assert_int_equal(i, 5);
	assert_int_equal(visited[0], 10);
	assert_int_equal(visited[4], 50);
	vec_free(&v, NULL);
}

/* NULL items must not end the iteration early. */
static void test_foreach_null_items(void **state)
{
	struct vec v = VEC_INIT;
	void *item;
	size_t i;
	int n = 0, nulls = 0;

	(void)state;
	vec_push(&v, NULL);
	vec_push(&v, P(1));
	vec_push(&v, NULL);
	vec_push(&v, P(2));
	vec_foreach(&v, item, i) {
		n++;
		if (!item)
			nulls++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(nulls, 2);
	n = nulls = 0;
	vec_foreach_reverse(&v, item, i) {
		n++;
		if (!item)
			nulls++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(nulls, 2);
	vec_free(&v, NULL);
}

static void test_foreach_reverse(void **state)
{
	struct vec v = VEC_INIT;
	void *item;
	size_t i;
	long expect = 5;

	(void)state;
	vec_foreach_reverse(&v, item, i)
		fail_msg("body ran on an empty vector");
	for (i = 1; i <= 5; i++)
		vec_push(&v, P(i));
	vec_foreach_reverse(&v, item, i) {
		assert_int_equal(N(item), expect);
		/* i is one past the index of item */
		assert_int_equal((long)i, expect);
		expect--;
	}
	assert_int_equal(expect, 0);
	assert_int_equal(i, 0);
	vec_free(&v, NULL);
}

/* Removing the current item while walking backwards is the idiom for
 * filtering in place; every item must be seen exactly once. */
static void test_foreach_reverse_remove(void **state)
{
	struct vec v = VEC_INIT;
	void *item;
	size_t i;
	int seen = 0;

	(void)state;
	for (i = 0; i < 10; i++)
		vec_push(&v, P(i));
	vec_foreach_reverse(&v, item, i) {
		seen++;
		if (N(item) % 2)
			vec_remove(&v, i - 1);
	}
	assert_int_equal(seen, 10);
	check_contents(&v, (long[]){ 0, 2, 4, 6, 8 }, 5);
	vec_free(&v, NULL);
}

static void test_foreach_break(void **state)
{
	struct vec v = VEC_INIT;
	void *item;
	size_t i;

	(void)state;
	for (i = 0; i < 10; i++)
		vec_push(&v, P(i * 3));
	vec_foreach(&v, item, i)
		if (N(item) == 12)
			break;
	assert_int_equal(i, 4);
	assert_int_equal(N(item), 12);
	vec_free(&v, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_push_many),
		cmocka_unit_test(test_insert_positions),
		cmocka_unit_test(test_insert_out_of_range),
		cmocka_unit_test(test_insert_front_growth),
		cmocka_unit_test(test_remove),
		cmocka_unit_test(test_pop),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_sort_strings),
		cmocka_unit_test(test_sort_small),
		cmocka_unit_test(test_sort_large),
		cmocka_unit_test(test_clear_calls_free),
		cmocka_unit_test(test_clear_without_callback),
		cmocka_unit_test(test_free_calls_free),
		cmocka_unit_test(test_free_with_null_items),
		cmocka_unit_test(test_foreach),
		cmocka_unit_test(test_foreach_null_items),
		cmocka_unit_test(test_foreach_reverse),
		cmocka_unit_test(test_foreach_reverse_remove),
		cmocka_unit_test(test_foreach_break),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
