/* The %-wildcard formatter of maps, path groups and paths (multipathd
 * "show ... format", the lines of a topology), with column layouts. */
#ifndef MP_PRINT_WILDCARDS_H
#define MP_PRINT_WILDCARDS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"
#include "util/vector.h"

struct multipath;
struct pathgroup;
struct path;

enum print_kind {
	PRINT_MAP,
	PRINT_PG,
	PRINT_PATH,
};

struct wildcard {
	char letter;
	const char *header;
	int (*print)(struct strbuf *sb, const void *obj);
};

/* Column widths of one kind's wildcards, indexed like its table. */
struct layout {
	enum print_kind kind;
	unsigned width[64];
	unsigned long long only;	/* wildcards to measure (bit i: the
					 * table's i-th); 0: all of them */
};

void layout_init(struct layout *lo, enum print_kind kind, bool with_header);
/* Measure only the wildcards fmt uses (a show of thousands of paths
 * prints a few of some thirty fields). */
void layout_use_format(struct layout *lo, const char *fmt);
/* Widen the layout to fit obj's values. */
void layout_add(struct layout *lo, const void *obj);

/* The value of one wildcard of an object that is not one of ours (a
 * foreign map, path group or path): same letters and titles, its own
 * values. Returns like a wildcard's printer. */
typedef int (*wildcard_value_fn)(struct strbuf *sb, enum print_kind kind,
				 char letter, const void *obj);
void layout_add_with(struct layout *lo, wildcard_value_fn fn,
		     const void *obj);
int print_format_with(struct strbuf *sb, enum print_kind kind,
		      const char *fmt, wildcard_value_fn fn, const void *obj,
		      const struct layout *lo);

/* One wildcard of obj, unpadded: the bytes added, -EINVAL for a letter
 * kind does not have, or -ENOMEM. */
int print_wildcard(struct strbuf *sb, enum print_kind kind, char letter,
		   const void *obj);
/* Expand fmt for obj; pad each wildcard to lo's width when lo is given. */
int print_format(struct strbuf *sb, enum print_kind kind, const char *fmt,
		 const void *obj, const struct layout *lo);
/* The header line of fmt (wildcards replaced by their titles). */
int print_header(struct strbuf *sb, enum print_kind kind, const char *fmt,
		 const struct layout *lo);
/* "%n  name" lines of one kind, like "show wildcards". */
int print_wildcards(struct strbuf *sb);

/* The size of sectors 512-byte sectors as the reference shows it: "8.0M",
 * "100G". */
int print_size(struct strbuf *sb, unsigned long long sectors);

#endif
