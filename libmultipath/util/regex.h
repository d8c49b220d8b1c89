/* Unanchored extended-regex matching, with a fast path for patterns that
 * are plain text, and "!" negation for blacklist patterns. */
#ifndef MP_UTIL_REGEX_H
#define MP_UTIL_REGEX_H

#include <stdbool.h>

struct mp_regex;

/* Compile pattern. With negatable, a leading '!' inverts the match.
 * Returns NULL on a bad pattern (*err = -EINVAL) or no memory. */
struct mp_regex *mp_regex_new(const char *pattern, bool negatable, int *err);
/* -E2BIG when the compiled pattern would be too large to build (stacked
 * or nested repetitions: "(x{255}){255}"), else 0. mp_regex_new() refuses
 * such a pattern the same way. */
int mp_regex_check(const char *pattern);
bool mp_regex_match(const struct mp_regex *re, const char *s);
/* The pattern as written, including a leading '!'. */
const char *mp_regex_pattern(const struct mp_regex *re);
void mp_regex_free(struct mp_regex *re);

#endif
