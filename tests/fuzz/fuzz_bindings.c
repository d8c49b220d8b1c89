/* libFuzzer target: the bindings file parser on arbitrary bytes. Besides
 * not crashing: accepted bindings are well-formed and one-to-one, every
 * discarded line names what it collides with, the valid bindings written
 * out parse back to the same, and the next free name is the lowest one
 * no line names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map/alias.h"
#include "util/log.h"
#include "util/strbuf.h"

static void drop(int level, const char *msg, void *ud)
{
	(void)level;
	(void)msg;
	(void)ud;
}

static const char *conf_wwid(const char *alias, void *ud)
{
	(void)ud;
	return strcmp(alias, "mpatha") == 0 ? "conf-wwid" : NULL;
}

static void check_binding(const struct bindings *b, const struct binding *bd,
			  unsigned int prev_line)
{
	const struct binding *first;

	/* a NUL byte can cut the alias of a line with bad characters */
	if (bd->line <= prev_line || !bd->alias ||
	    (!*bd->alias && bd->status != BINDING_BAD_CHAR))
		abort();
	switch (bd->status) {
	case BINDING_OK:
		if (!binding_field_valid(bd->alias, true) ||
		    !binding_field_valid(bd->wwid, false) ||
		    bindings_find_alias(b, bd->alias) != bd ||
		    bindings_find_wwid(b, bd->wwid) != bd)
			abort();
		break;
	case BINDING_DUPLICATE:
		first = bindings_find_alias(b, bd->alias);
		if (!first || first->line >= bd->line ||
		    strcmp(first->wwid, bd->wwid))
			abort();
		break;
	case BINDING_ALIAS_TAKEN:
		first = bindings_find_alias(b, bd->alias);
		if (!first || first->line >= bd->line ||
		    strcmp(first->wwid, bd->other) ||
		    !strcmp(first->wwid, bd->wwid))
			abort();
		break;
	case BINDING_WWID_TAKEN:
		first = bindings_find_wwid(b, bd->wwid);
		if (!first || first->line >= bd->line ||
		    strcmp(first->alias, bd->other))
			abort();
		/* its alias may be bound, but only by a later line */
		first = bindings_find_alias(b, bd->alias);
		if (first && first->line <= bd->line)
			abort();
		break;
	case BINDING_CONF_CONFLICT:
		if (strcmp(bd->alias, "mpatha") || strcmp(bd->other, "conf-wwid"))
			abort();
		break;
	case BINDING_NO_WWID:
		if (bd->wwid)
			abort();
		break;
	case BINDING_BAD_CHAR:
	case BINDING_TOO_LONG:
		break;
	default:
		abort();
	}
}

/* The accepted bindings as the file a repair writes (without header). */
static char *canonical(const struct bindings *b)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->v[i].status == BINDING_OK &&
		    strbuf_printf(&sb, "%s %s\n", b->v[i].alias, b->v[i].wwid) < 0)
			abort();
	return strbuf_steal(&sb);
}

static void check_round_trip(const struct bindings *b)
{
	struct bindings again;
	char *text = canonical(b), *second;
	size_t i, j;

	if (bindings_parse(text, strlen(text), NULL, NULL, &again) < 0)
		abort();
	for (i = 0, j = 0; i < b->n; i++) {
		if (b->v[i].status != BINDING_OK)
			continue;
		if (j >= again.n || again.v[j].status != BINDING_OK ||
		    strcmp(again.v[j].alias, b->v[i].alias) ||
		    strcmp(again.v[j].wwid, b->v[i].wwid))
			abort();
		j++;
	}
	if (j != again.n)
		abort();
	second = canonical(&again);
	if (strcmp(text, second))
		abort();
	free(second);
	free(text);
	bindings_free(&again);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* next = the number of distinct reserved indexes below it, and is free. */
static void check_next_index(const struct bindings *b)
{
	int *ids = malloc((b->n + 1) * sizeof(int));
	int next = bindings_next_index(b, "mpath", NULL, NULL);
	size_t i, k = 0, distinct = 0;
	char name[BINDING_FIELD_MAX + 1];

	if (!ids || next < 0)
		abort();
	for (i = 0; i < b->n; i++) {
		int id = alias_index("mpath", b->v[i].alias);

		if (id == next)
			abort();
		if (id < 0)
			continue;
		if (alias_format("mpath", (unsigned int)id, name, sizeof(name)) ||
		    strcmp(name, b->v[i].alias))
			abort();
		if (id < next)
			ids[k++] = id;
	}
	qsort(ids, k, sizeof(*ids), cmp_int);
	for (i = 0; i < k; i++)
		distinct += i == 0 || ids[i] != ids[i - 1];
	if (distinct != (size_t)next)
		abort();
	free(ids);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bindings b, c;
	size_t i;

	log_set_sink(drop, NULL);
	log_set_verbosity(LOG_VERBOSITY_MAX);
	if (bindings_parse((const char *)data, size, NULL, NULL, &b) < 0)
		return 0;
	for (i = 0; i < b.n; i++) {
		check_binding(&b, &b.v[i], i ? b.v[i - 1].line : 0);
		if (b.v[i].status == BINDING_CONF_CONFLICT)
			abort();
	}
	bindings_report(&b, 0);
	check_round_trip(&b);
	check_next_index(&b);

	/* with multipath.conf claiming "mpatha", only that alias changes */
	if (bindings_parse((const char *)data, size, conf_wwid, NULL, &c) < 0) {
		bindings_free(&b);
		return 0;
	}
	if (c.n != b.n)
		abort();
	for (i = 0; i < c.n; i++) {
		check_binding(&c, &c.v[i], i ? c.v[i - 1].line : 0);
		if (strcmp(c.v[i].alias, "mpatha") && !bindings_find_alias(&b, "mpatha") &&
		    c.v[i].status != b.v[i].status)
			abort();
	}
	bindings_report(&c, 0);
	bindings_free(&c);
	bindings_free(&b);
	return 0;
}
