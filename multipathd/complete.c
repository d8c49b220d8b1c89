/* Completion of the multipathd command language (rules in complete.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_parse.h"
#include "complete.h"
#include "util/cleanup.h"
#include "util/vector.h"

/* What the complete words before the one being typed stand for. */
struct typed {
	unsigned char words[CLI_MAX_WORDS];
	size_t n;
	enum cli_param want;	/* the parameter the next word is */
};

/* -EINVAL when the words begin no command. */
static int resolve(const char *const *before, size_t n, struct typed *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		enum cli_word w;

		if (t->want != CLI_P_NONE) {
			t->want = CLI_P_NONE;
			continue;
		}
		w = cli_find_word(before[i]);
		if (w == CLI_W_END || t->n == CLI_MAX_WORDS)
			return -EINVAL;
		t->words[t->n++] = (unsigned char)w;
		t->want = cli_words[w].param;
	}
	return 0;
}

static int add_copy(struct vec *v, const char *s, size_t len)
{
	char *c = strndup(s, len);

	if (!c || vec_push(v, c) < 0) {
		free(c);
		return -ENOMEM;
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort v, drop repeats, end it with NULL and hand it out: the count. */
static int finish(struct vec *v, char ***out)
{
	size_t i, n = 0;

	if (v->len)
		qsort(v->items, v->len, sizeof(*v->items), cmp_str);
	for (i = 0; i < v->len; i++) {
		if (n && streq(v->items[n - 1], v->items[i]))
			free(v->items[i]);
		else
			v->items[n++] = v->items[i];
	}
	v->len = n;
	if (vec_push(v, NULL) < 0) {
		vec_free(v, free);
		return -ENOMEM;
	}
	*out = (char **)v->items;
	return (int)n;
}

/* The words that follow t in some command, spelled as partial begins. */
static int add_next_words(const struct typed *t, const char *partial,
			  struct vec *v)
{
	size_t len = strlen(partial), i;
	const char *const *name;

	if (t->n >= CLI_MAX_WORDS)
		return 0;
	for (i = 0; i < CLI_CMD_COUNT; i++) {
		const unsigned char *cw = cli_commands[i].words;

		if (!cw[t->n] || memcmp(cw, t->words, t->n))
			continue;
		for (name = cli_words[cw[t->n]].names; *name; name++) {
			if (strncmp(*name, partial, len))
				continue;
			if (add_copy(v, *name, strlen(*name)) < 0)
				return -ENOMEM;
			break;
		}
	}
	return 0;
}

static int add_names(const struct cli_complete_src *src, enum cli_param p,
		     const char *partial, struct vec *v)
{
	const char *const *names = src && src->names ?
					   src->names(p, src->data) : NULL;
	size_t len = strlen(partial);

	for (; names && *names; names++)
		if (!strncmp(*names, partial, len) &&
		    add_copy(v, *names, strlen(*names)) < 0)
			return -ENOMEM;
	return 0;
}

int cli_complete(const char *const *before, size_t n, const char *partial,
		 const struct cli_complete_src *src, char ***out)
{
	struct vec v = VEC_INIT;
	struct typed t;
	int r = 0;

	*out = NULL;
	if (resolve(before, n, &t) == 0)
		r = t.want != CLI_P_NONE ? add_names(src, t.want, partial, &v)
					 : add_next_words(&t, partial, &v);
	if (r < 0) {
		vec_free(&v, free);
		return r;
	}
	return finish(&v, out);
}

int cli_complete_line(const char *before, const char *partial,
		      const struct cli_complete_src *src, char ***out)
{
	struct cli_tokens toks;
	_cleanup_free_ const char **words = NULL;
	size_t i;
	int r;

	*out = NULL;
	r = cli_tokenize(before, &toks);
	if (r == -ENOMEM)
		return r;
	/* -ENODATA: blank (or a comment), no words */
	words = calloc(toks.n + 1, sizeof(*words));
	if (!words) {
		cli_tokens_free(&toks);
		return -ENOMEM;
	}
	for (i = 0; i < toks.n; i++)
		words[i] = toks.tok[i].text;
	r = cli_complete(words, toks.n, partial, src, out);
	cli_tokens_free(&toks);
	return r;
}

void cli_complete_free(char **cands)
{
	char **c;

	for (c = cands; c && *c; c++)
		free(*c);
	free(cands);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int cli_names_from_reply(const char *reply, char ***out)
{
	struct vec v = VEC_INIT;
	const char *p = reply;

	*out = NULL;
	if (streq(reply, "fail\n"))
		p = "";
	while (*p) {
		const char *end;
		size_t len;

		while (is_blank(*p))
			p++;
		len = strcspn(p, "\n");
		end = p + len;
		while (end > p && is_blank(end[-1]))
			end--;
		if (end > p && add_copy(&v, p, (size_t)(end - p)) < 0) {
			vec_free(&v, free);
			return -ENOMEM;
		}
		p += len;
		if (*p)
			p++;
	}
	return finish(&v, out);
}
