/*
 * The bindings file (/etc/multipath/bindings) and user_friendly_names:
 * "alias wwid" lines under a comment header, names alias_prefix + a, b,
 * ..., z, aa, ab, ..., zz, aaa, ... Independent of device-mapper: the
 * caller says which names existing maps already take.
 *
 * Behaviour of multipath-tools 0.9.4 kept here:
 *  - '#' starts a comment anywhere on a line, '\r' ends a line, fields are
 *    separated by blanks and tabs; blank and comment lines are ignored.
 *  - A new name is appended to the file as "alias wwid"; the file is
 *    created with the reference's header (mode 0600). A WWID that already
 *    has a binding keeps it, whatever its form or prefix. (The append is a
 *    locked rewrite with an atomic rename, where the reference appends in
 *    place under a lock.)
 *  - A line without a WWID is reported and skipped; extra fields are
 *    reported and ignored (the binding stands); an identical repeated line
 *    is harmless; a later line giving a bound alias to another WWID is an
 *    error and is discarded (the first line wins). alias_check_file()
 *    repairs such a file at startup or, when it may not write, fails (the
 *    reference then aborts with "fatal configuration error").
 *  - Names taken by existing maps of other WWIDs are skipped ("in use").
 *    Every line's first field keeps its name reserved, even on a line
 *    that is skipped.
 *  - "alias %s already bound to wwid %s, cannot reuse": an existing map
 *    keeps its name only if the file does not give it to another WWID.
 *  - Read-only mode (multipath -B): the caller only looks up
 *    (alias_lookup, alias_use_existing and alias_check_file with
 *    read_only); nothing is written and no new name is handed out.
 *
 * Deliberate differences:
 *  - The first free name is always the lowest one not named by any line
 *    of the file and not in use. The reference finds gaps only when the
 *    file is sorted and otherwise takes the highest name + 1.
 *  - A WWID bound on two lines keeps the first alias; the later line is
 *    reported and skipped (the reference does not notice).
 *  - Lines with control characters, an alias with '/', or an alias or WWID
 *    longer than 127 bytes are reported and skipped, not half-read.
 *  - Lookups never create or touch the file (the reference writes the
 *    header into a missing or empty file even when it only reads).
 *  - The file stays in the order it was written in (newer references sort
 *    it); a repair writes the header and the valid bindings in file order
 *    (0.9.4 sorts them by alias there).
 *  - "Allocated existing binding" is a notice (level 2), not an error.
 *  - In read-only mode an existing map keeps a name of the prefix's form
 *    that the file does not know, instead of falling back to the WWID.
 */
#ifndef MP_MAP_ALIAS_H
#define MP_MAP_ALIAS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/file_cache.h"
#include "util/hashmap.h"

/* The largest name index: "fxshrxw", the reference's INT_MAX'th name. */
#define ALIAS_INDEX_MAX (INT_MAX - 1)
/* Longest alias or WWID in the file (dm name length, WWID_SIZE - 1). */
#define BINDING_FIELD_MAX 127

/* prefix + the idx'th letter sequence (0 "a", 25 "z", 26 "aa") into buf.
 * 0, -ERANGE for an idx above ALIAS_INDEX_MAX, -ENOSPC if buf is short. */
int alias_format(const char *prefix, unsigned int idx, char *buf, size_t len);
/* The index of a name of the form prefix + letters, or -1. */
int alias_index(const char *prefix, const char *alias);

enum binding_status {
	BINDING_OK,
	BINDING_DUPLICATE,	/* same alias and WWID as an earlier line */
	BINDING_NO_WWID,	/* one field only */
	BINDING_BAD_CHAR,	/* control character, or '/' in the alias */
	BINDING_TOO_LONG,	/* a field above BINDING_FIELD_MAX */
	BINDING_ALIAS_TAKEN,	/* alias bound to another WWID earlier */
	BINDING_WWID_TAKEN,	/* WWID bound to another alias earlier */
	BINDING_CONF_CONFLICT,	/* multipath.conf gives the alias to another */
};

/* One non-blank line. Only BINDING_OK lines bind; every line's alias (its
 * first field, cut at a NUL byte) stays reserved. wwid is NULL for BINDING_NO_WWID; extra is
 * the first surplus field or NULL; other names what the line collides
 * with (the earlier WWID or alias, the multipath.conf WWID). */
struct binding {
	char *alias;
	char *wwid;
	char *extra;
	char *other;
	unsigned int line;
	enum binding_status status;
};

struct bindings {
	struct binding *v;
	size_t n;
};

#define BINDINGS_INIT { NULL, 0 }

/* multipath.conf's WWID for an alias, or NULL (for alias_check_file). */
typedef const char *(*alias_conf_fn)(const char *alias, void *userdata);
/* Does an existing map of another WWID use this name? */
typedef bool (*alias_in_use_fn)(const char *alias, void *userdata);

/* Parse bindings file content (any bytes). conf may be NULL. Lines are
 * judged in file order. 0 or -ENOMEM (out is then empty). */
int bindings_parse(const char *text, size_t len, alias_conf_fn conf,
		   void *userdata, struct bindings *out);
void bindings_free(struct bindings *b);
/* The binding (BINDING_OK line) of a WWID or an alias, or NULL. */
const struct binding *bindings_find_wwid(const struct bindings *b,
					 const char *wwid);
const struct binding *bindings_find_alias(const struct bindings *b,
					  const char *alias);
/* Lines that give one name to two WWIDs (these call for a repair). */
size_t bindings_conflicts(const struct bindings *b);
/* Log every skipped or odd line, naming it, at no less than min_level. */
void bindings_report(const struct bindings *b, int min_level);
/* The lowest index for prefix that no line names and in_use (may be
 * NULL) does not claim; -ENOSPC when none is left, -ENOMEM. */
int bindings_next_index(const struct bindings *b, const char *prefix,
			alias_in_use_fn in_use, void *userdata);

/* Is s usable as a field of the file (1..127 bytes, no blank, control
 * character or '#'; no '/' for an alias)? */
bool binding_field_valid(const char *s, bool is_alias);

/* The alias the file binds wwid to (prefix is not needed to match: a
 * binding made under another alias_prefix still applies). 0, -ENOENT
 * (also when the file is missing), -EINVAL, -errno. */
int alias_lookup(const char *file, const char *wwid, const char *prefix,
		 char **alias);
/* The WWID the file binds alias to. 0, -ENOENT, -EINVAL, -errno. */
int alias_lookup_wwid(const char *file, const char *alias, char **wwid);
/* The alias bound to wwid, or else bind the first free name for prefix
 * and return it. Locked read-modify-write with an atomic rename, so
 * concurrent callers never bind one name twice. 0, -EINVAL (bad wwid or
 * prefix), -ENOSPC (no names left), -errno. */
int alias_allocate(const char *file, const char *wwid, const char *prefix,
		   alias_in_use_fn in_use, void *userdata, char **alias);
/*
 * A map of wwid already exists as name: may it keep the name?
 * 0 with *alias = name (bound to wwid, or bound now) or the name the file
 * gives wwid (the map is to be renamed); -EEXIST when the file binds name
 * to another WWID; -ENOENT when name is not of the prefix's form and the
 * file has nothing for wwid (allocate then). read_only: record nothing.
 */
int alias_use_existing(const char *file, const char *wwid, const char *prefix,
		       const char *name, bool read_only, char **alias);
/*
 * Startup check of the whole file: report its problems; when a name is
 * given to two WWIDs (in the file, or against multipath.conf through
 * conf), rewrite it without the discarded lines, or fail with -EROFS in
 * read-only mode. 0 (also for a missing file) or -errno.
 */
int alias_check_file(const char *file, bool read_only, alias_conf_fn conf,
		     void *userdata);

/* alias_lookup() through a cache that reads and indexes the file once
 * per change of it (a hash lookup per call otherwise). A file that is
 * missing or cannot be read is -ENOENT / -errno like alias_lookup(). */
struct bindings_cache {
	struct file_cache f;
	unsigned long built;	/* the generation the index is of */
	struct bindings b;
	struct hashmap by_wwid;	/* WWID -> struct binding * */
};

int alias_lookup_cached(struct bindings_cache *c, const char *file,
			const char *wwid, char **alias);
void bindings_cache_free(struct bindings_cache *c);

#endif
