/* libFuzzer target: the dm-multipath table and status parsers on arbitrary
 * bytes, a table and a status split at the first NUL or newline. Besides
 * not crashing: what we format must parse back to the same and format
 * identically, a refused status must leave the table alone, and the
 * kernel's feature echo must be stable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dm/mpath_table.h"

static char *table_str(const struct dmmp_table *t)
{
	struct strbuf sb = STRBUF_INIT;

	if (dmmp_format_table(t, &sb) < 0)
		abort();	/* every table we parsed is one we can print */
	return strbuf_steal(&sb);
}

static char *status_str(const struct dmmp_table *t)
{
	struct strbuf sb = STRBUF_INIT;

	if (dmmp_format_status(t, &sb) < 0)
		abort();
	return strbuf_steal(&sb);
}

static void check_empty(const struct dmmp_table *t)
{
	if (t->nr_groups || t->groups || t->features.n || t->hwhandler.n ||
	    t->has_status)
		abort();
}

/* format(parse(s)) parses back to an equal table that formats the same. */
static void check_table(const struct dmmp_table *t, const char *text)
{
	struct dmmp_table again;
	char *second;

	if (dmmp_parse_table(text, &again) < 0 || !dmmp_table_equal(t, &again))
		abort();
	second = table_str(&again);
	if (strcmp(text, second) != 0)
		abort();
	free(second);
	dmmp_table_free(&again);
}

static void check_status(const struct dmmp_table *t, const char *table,
			 const char *status)
{
	struct dmmp_table again;
	char *second;

	if (dmmp_parse_table(table, &again) < 0 ||
	    dmmp_parse_status(status, &again) < 0)
		abort();
	second = status_str(&again);
	if (strcmp(status, second) != 0 || again.next_group != t->next_group)
		abort();
	free(second);
	dmmp_table_free(&again);
}

/* Normalizing twice changes nothing more than normalizing once. */
static void check_normalize(const char *table)
{
	struct dmmp_table t, again;
	char *first, *second;

	if (dmmp_parse_table(table, &t) < 0)
		abort();
	if (dmmp_table_normalize(&t) < 0) {
		dmmp_table_free(&t);
		return;
	}
	first = table_str(&t);
	if (dmmp_parse_table(first, &again) < 0 ||
	    dmmp_table_normalize(&again) < 0)
		abort();
	second = table_str(&again);
	if (strcmp(first, second) != 0 || !dmmp_table_equal(&t, &again))
		abort();
	free(first);
	free(second);
	dmmp_table_free(&t);
	dmmp_table_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *status, *text, *stext, *after;
	struct dmmp_table t, none = DMMP_TABLE_INIT;
	size_t split;
	unsigned int q, n;
	const char *v;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	split = strcspn(buf, "\n");
	status = buf + split + (split < size);
	buf[split] = '\0';

	if (dmmp_parse_table(dmmp_skip_target_prefix(buf), &t) < 0) {
		check_empty(&t);
		/* a status alone fits only a map without groups */
		if (dmmp_parse_status(status, &none) == 0 && none.nr_groups)
			abort();
		dmmp_table_free(&none);
		free(buf);
		return 0;
	}
	text = table_str(&t);
	check_table(&t, text);
	check_normalize(text);
	dmmp_table_feature(&t, "queue_if_no_path", &v);
	dmmp_table_feature(&t, "pg_init_retries", &v);

	if (dmmp_parse_status(dmmp_skip_target_prefix(status), &t) == 0) {
		stext = status_str(&t);
		check_status(&t, text, stext);
		dmmp_status_queue_io(&t, &q);
		dmmp_status_pg_init_count(&t, &n);
		free(stext);
	} else {
		/* refused: the table is as it was, no status merged */
		after = table_str(&t);
		if (strcmp(text, after) != 0 || t.has_status)
			abort();
		free(after);
	}
	free(text);
	dmmp_table_free(&t);
	free(buf);
	return 0;
}
