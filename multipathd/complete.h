/* Completion of the multipathd command language for the interactive
 * console: which words may come next after what is typed, from the
 * tables of cli_table.c; for the value of "map" or "path", the names the
 * daemon knows, through a callback. No readline and no daemon here. */
#ifndef MPD_COMPLETE_H
#define MPD_COMPLETE_H

#include <stddef.h>

#include "cli_table.h"

/* The names that may stand as the value of parameter p, NULL-terminated
 * (NULL for none); the array lives until the completion returns. */
typedef const char *const *(*cli_names_fn)(enum cli_param p, void *data);

struct cli_complete_src {
	cli_names_fn names;	/* may be NULL: no live names */
	void *data;
};

/*
 * The candidates for the word partial, typed after the complete words
 * before[0..n-1]: the spellings of the words that follow these in some
 * command (the first spelling of each word that partial is a prefix of:
 * "m" gives map and maps, "mu" multipath and multipaths), or, when the
 * last word takes a parameter, the live names of that parameter that
 * start with partial. The words before are resolved as the parser
 * resolves them (a unique prefix stands for its word), so garbage or an
 * ambiguous word among them leaves no candidate.
 *
 * *out gets a sorted NULL-terminated array of distinct heap strings
 * (cli_complete_free() it), even when empty. The count, or -ENOMEM.
 */
int cli_complete(const char *const *before, size_t n, const char *partial,
		 const struct cli_complete_src *src, char ***out);

/* The same with the text of the line before the word being completed
 * (split into words as a request is, quotes and all). */
int cli_complete_line(const char *before, const char *partial,
		      const struct cli_complete_src *src, char ***out);

void cli_complete_free(char **cands);

/*
 * The names in a reply to "show maps raw format %n" or "show paths raw
 * format %d": one a line, the padding blanks around it trimmed, blank
 * lines skipped; no names in a reply of "fail". A NULL-terminated array
 * of heap strings (cli_complete_free() it) in *out; the count or -ENOMEM.
 */
int cli_names_from_reply(const char *reply, char ***out);

#endif
