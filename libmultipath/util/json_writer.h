/* A JSON writer for the layout of multipathd's "show ... json" replies:
 * one member a line, indented three spaces a level, arrays of objects
 * joined as "},{". The caller picks each key's separator, since the
 * reference writes "key" : value, "key": [ and "key":{ side by side. */
#ifndef MP_UTIL_JSON_WRITER_H
#define MP_UTIL_JSON_WRITER_H

#include <stdbool.h>

#include "util/strbuf.h"

#define JSON_SEP_FIELD " : "	/* "name" : "mpatha" */
#define JSON_SEP_LOOSE ": "	/* "major_version": 0, "maps": [ */
#define JSON_SEP_TIGHT ":"	/* "map":{ */

struct json_writer {
	struct strbuf *sb;
	size_t start;		/* sb's length before the document */
	unsigned depth;		/* open objects */
	bool first;		/* nothing yet in the innermost object/array */
	bool after_key;		/* a key waits for its value */
	int err;		/* the first error, kept */
};

/* Start the document's outer object in sb. */
void json_begin(struct json_writer *j, struct strbuf *sb);
/* Close the outer object and end the line: 0 or the first error
 * (-ENOMEM) of any call since json_begin(), sb then cut back to where
 * the document began. */
int json_end(struct json_writer *j);

/* Remember err (the first one counts) for json_end(): for the caller's
 * own failures while it builds a value. */
void json_set_error(struct json_writer *j, int err);

/* A member's key: its own line, indented, then sep. A value follows. */
void json_key(struct json_writer *j, const char *key, const char *sep);

/* Values, after json_key() or (objects) as elements of an array. */
void json_value_str(struct json_writer *j, const char *s);
/* s as it is: a number, true, false. */
void json_value_raw(struct json_writer *j, const char *s);
void json_value_int(struct json_writer *j, long long n);
void json_object_open(struct json_writer *j);
void json_object_close(struct json_writer *j);
void json_array_open(struct json_writer *j);
void json_array_close(struct json_writer *j);

/* "key" : value members */
void json_field_str(struct json_writer *j, const char *key, const char *s);
void json_field_raw(struct json_writer *j, const char *key, const char *s);
void json_field_int(struct json_writer *j, const char *key, long long n);
void json_field_bool(struct json_writer *j, const char *key, bool b);

/* s as a JSON string: quoted; '"', '\' and control characters escaped.
 * Bytes from 0x80 up are copied as they are. Bytes added or -ENOMEM. */
int json_append_string(struct strbuf *sb, const char *s);

#endif
