/* A JSON writer in the layout of multipathd's "show ... json" replies. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/json_writer.h"

#define JSON_INDENT 3

static const char *json_escape(unsigned char c, char *buf)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	}
	if (c >= 0x20)
		return NULL;
	snprintf(buf, STRBUF_ESCAPE_MAX, "\\u%04x", c);
	return buf;
}

int json_append_string(struct strbuf *sb, const char *s)
{
	return strbuf_append_escaped(sb, s, json_escape);
}

static void put(struct json_writer *j, const char *s)
{
	if (!j->err && strbuf_append(j->sb, s) < 0)
		j->err = -ENOMEM;
}

static void indent(struct json_writer *j, unsigned depth)
{
	if (!j->err && strbuf_fill(j->sb, ' ', JSON_INDENT * depth) < 0)
		j->err = -ENOMEM;
}

/* Before a value: the comma after the previous element of an array. */
static void value_start(struct json_writer *j)
{
	if (!j->after_key && !j->first)
		put(j, ",");
	j->after_key = false;
	j->first = false;
}

void json_set_error(struct json_writer *j, int err)
{
	if (!j->err)
		j->err = err;
}

void json_begin(struct json_writer *j, struct strbuf *sb)
{
	memset(j, 0, sizeof(*j));
	j->sb = sb;
	j->start = sb->len;
	j->first = true;
	json_object_open(j);
}

int json_end(struct json_writer *j)
{
	json_object_close(j);
	put(j, "\n");
	if (j->err)
		strbuf_truncate(j->sb, j->start);
	return j->err;
}

void json_key(struct json_writer *j, const char *key, const char *sep)
{
	put(j, j->first ? "\n" : ",\n");
	indent(j, j->depth);
	if (!j->err && json_append_string(j->sb, key) < 0)
		j->err = -ENOMEM;
	put(j, sep);
	j->first = false;
	j->after_key = true;
}

void json_value_str(struct json_writer *j, const char *s)
{
	value_start(j);
	if (!j->err && json_append_string(j->sb, s) < 0)
		j->err = -ENOMEM;
}

void json_value_raw(struct json_writer *j, const char *s)
{
	value_start(j);
	put(j, s);
}

void json_value_int(struct json_writer *j, long long n)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", n);
	json_value_raw(j, buf);
}

void json_object_open(struct json_writer *j)
{
	value_start(j);
	put(j, "{");
	j->depth++;
	j->first = true;
}

void json_object_close(struct json_writer *j)
{
	if (!j->first) {	/* "{}" when empty */
		put(j, "\n");
		indent(j, j->depth ? j->depth - 1 : 0);
	}
	put(j, "}");
	if (j->depth)
		j->depth--;
	j->first = false;
}

void json_array_open(struct json_writer *j)
{
	value_start(j);
	put(j, "[");
	j->first = true;
}

void json_array_close(struct json_writer *j)
{
	put(j, "]");
	j->first = false;
}

void json_field_str(struct json_writer *j, const char *key, const char *s)
{
	json_key(j, key, JSON_SEP_FIELD);
	json_value_str(j, s);
}

void json_field_raw(struct json_writer *j, const char *key, const char *s)
{
	json_key(j, key, JSON_SEP_FIELD);
	json_value_raw(j, s);
}

void json_field_int(struct json_writer *j, const char *key, long long n)
{
	json_key(j, key, JSON_SEP_FIELD);
	json_value_int(j, n);
}

void json_field_bool(struct json_writer *j, const char *key, bool b)
{
	json_field_raw(j, key, b ? "true" : "false");
}
