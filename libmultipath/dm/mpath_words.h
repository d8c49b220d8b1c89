/* Internal to dm/mpath_*.c: the word reader that the table and status
 * parsers share, and the word helpers of the formatter and builders. */
#ifndef MP_DM_MPATH_WORDS_H
#define MP_DM_MPATH_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "dm/mpath_table.h"
#include "util/strbuf.h"

/* The kernel's dev_t: 12 bits of major, 20 of minor. */
#define DEVT_MAX_MAJOR	4095u
#define DEVT_MAX_MINOR	1048575u

struct span {
	const char *s;
	size_t len;
};

/* The input split into words, read front to back. */
struct reader {
	struct span *v;
	size_t n, i;
};

/* Split s into words: 0, -EINVAL for a byte no word may hold, -ENOMEM. */
int reader_init(struct reader *r, const char *s);
void reader_free(struct reader *r);
/* Words not read yet; the next one, or NULL at the end. */
size_t reader_left(const struct reader *r);
const struct span *reader_next(struct reader *r);
/* The next word as a number in [min, max]; a one-letter word out of
 * allowed; n words; "<n> <word>..." with n at most max; "major:minor".
 * Each 0 or -EINVAL (-ENOMEM). */
int reader_uint(struct reader *r, unsigned int min, unsigned int max,
		unsigned int *val);
int reader_state(struct reader *r, const char *allowed, char *state);
int reader_words(struct reader *r, unsigned int n, struct dmmp_words *w);
int reader_counted(struct reader *r, unsigned int max, struct dmmp_words *w);
int reader_devt(struct reader *r, struct dmmp_path *p);

/* A decimal number as the kernel prints it with %u: digits only. */
int dmmp_parse_uint(const char *s, size_t len, unsigned int *val);
void dmmp_set_devt(struct dmmp_path *p, unsigned int major,
		   unsigned int minor);
void dmmp_words_swap(struct dmmp_words *a, struct dmmp_words *b);
/* A word the kernel takes as it is; a list of such, at most max. */
bool dmmp_valid_word(const char *s);
bool dmmp_valid_words(const struct dmmp_words *w, unsigned int max);
/* The words, each followed by a space; the same after their count. */
int dmmp_emit_words(struct strbuf *sb, const struct dmmp_words *w);
int dmmp_emit_counted(struct strbuf *sb, const struct dmmp_words *w);

#endif
