/* The string hash map: put/get/replace/remove, tombstones, growth,
 * iteration, remove_if, many keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/hashmap.h"

static void test_basic(void **state)
{
	struct hashmap h = HASHMAP_INIT;
	int a = 1, b = 2, c = 3;

	assert_null(hashmap_get(&h, "sda"));
	assert_null(hashmap_remove(&h, "sda"));
	assert_int_equal(hashmap_put(&h, "sda", &a), 0);
	assert_int_equal(hashmap_put(&h, "sdb", &b), 0);
	assert_ptr_equal(hashmap_get(&h, "sda"), &a);
	assert_ptr_equal(hashmap_get(&h, "sdb"), &b);
	assert_null(hashmap_get(&h, "sdc"));
	assert_int_equal(hashmap_put(&h, "sda", &c), 0);	/* replace */
	assert_int_equal(h.len, 2);
	assert_ptr_equal(hashmap_get(&h, "sda"), &c);
	assert_false(hashmap_remove_if(&h, "sda", &a));
	assert_true(hashmap_remove_if(&h, "sda", &c));
	assert_null(hashmap_get(&h, "sda"));
	assert_ptr_equal(hashmap_remove(&h, "sdb"), &b);
	assert_int_equal(h.len, 0);
	hashmap_free(&h);
}

static void test_many(void **state)
{
	enum { N = 20000 };
	struct hashmap h = HASHMAP_INIT;
	char (*keys)[16] = calloc(N, sizeof(*keys));
	const char *k;
	size_t i, it = 0, seen = 0;
	void *v;

	for (i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "%zu:%zu", i / 7, i);
		assert_int_equal(hashmap_put(&h, keys[i], keys[i]), 0);
	}
	assert_int_equal(h.len, N);
	for (i = 0; i < N; i++)
		assert_ptr_equal(hashmap_get(&h, keys[i]), keys[i]);
	/* remove every other one, then put them back: tombstones reused */
	for (i = 0; i < N; i += 2)
		assert_ptr_equal(hashmap_remove(&h, keys[i]), keys[i]);
	assert_int_equal(h.len, N / 2);
	for (i = 0; i < N; i++)
		assert_ptr_equal(hashmap_get(&h, keys[i]), i % 2 ? keys[i] : NULL);
	for (i = 0; i < N; i += 2)
		assert_int_equal(hashmap_put(&h, keys[i], keys[i]), 0);
	while (hashmap_next(&h, &it, &k, &v)) {
		assert_ptr_equal(k, v);
		seen++;
	}
	assert_int_equal(seen, N);
	/* churn: add/remove without growth beyond need */
	for (i = 0; i < 10 * N; i++) {
		size_t j = i % N;

		assert_ptr_equal(hashmap_remove(&h, keys[j]), keys[j]);
		assert_int_equal(hashmap_put(&h, keys[j], keys[j]), 0);
	}
	assert_int_equal(h.len, N);
	assert_true(h.cap <= 4 * N);
	hashmap_free(&h);
	free(keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
