/* The features of a dm-multipath table as the kernel sees them:
 * lookup, normalization, comparison of tables, status accessors. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dm/mpath_table.h"
#include "dm/mpath_words.h"
#include "util/cleanup.h"

/* ---- features as the kernel sees them --------------------------------- */

static bool takes_value(const char *feature)
{
	return !strcasecmp(feature, "pg_init_retries") ||
	       !strcasecmp(feature, "pg_init_delay_msecs") ||
	       !strcasecmp(feature, "queue_mode");
}

bool dmmp_table_feature(const struct dmmp_table *t, const char *name,
			const char **value)
{
	const struct dmmp_words *f = &t->features;
	bool found = false;
	unsigned int i;

	for (i = 0; i < f->n; i++) {
		bool has_value = takes_value(f->w[i]) && i + 1 < f->n;

		if (!strcasecmp(f->w[i], name)) {
			found = true;
			if (value)
				*value = has_value ? f->w[i + 1] : NULL;
		}
		if (has_value)
			i++;
	}
	return found;
}

/* The settings parse_features() in dm-mpath.c makes of the feature words. */
struct mpath_features {
	bool queue_if_no_path, retain, bio;
	unsigned int pg_init_retries;
	unsigned int pg_init_delay;
	bool has_delay;
};

static int number_in(const char *s, unsigned int min, unsigned int max,
		     unsigned int *val)
{
	if (dmmp_parse_uint(s, strlen(s), val) < 0 || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

static int read_features(const struct dmmp_words *f, struct mpath_features *m)
{
	unsigned int i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < f->n; i++) {
		const char *name = f->w[i];
		const char *val = i + 1 < f->n ? f->w[i + 1] : NULL;

		if (!strcasecmp(name, "queue_if_no_path")) {
			m->queue_if_no_path = true;
			continue;
		}
		if (!strcasecmp(name, "retain_attached_hw_handler")) {
			m->retain = true;
			continue;
		}
		if (!val || !takes_value(name))
			return -EINVAL;
		i++;
		if (!strcasecmp(name, "pg_init_retries")) {
			if (number_in(val, 1, 50, &m->pg_init_retries) < 0)
				return -EINVAL;
		} else if (!strcasecmp(name, "pg_init_delay_msecs")) {
			if (number_in(val, 0, 60000, &m->pg_init_delay) < 0)
				return -EINVAL;
			m->has_delay = true;
		} else if (!strcasecmp(val, "bio")) {
			m->bio = true;
		} else if (!strcasecmp(val, "rq") || !strcasecmp(val, "mq")) {
			m->bio = false;
		} else {
			return -EINVAL;
		}
	}
	/* bio-based maps always keep the attached handler */
	if (m->bio)
		m->retain = true;
	return 0;
}

static int add_number(struct dmmp_words *w, const char *name, unsigned int v)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", v);
	if (dmmp_words_add(w, name) < 0 || dmmp_words_add(w, num) < 0)
		return -ENOMEM;
	return 0;
}

static int echo_features(const struct mpath_features *m, struct dmmp_words *w)
{
	if (m->queue_if_no_path && dmmp_words_add(w, "queue_if_no_path") < 0)
		return -ENOMEM;
	if (m->pg_init_retries &&
	    add_number(w, "pg_init_retries", m->pg_init_retries) < 0)
		return -ENOMEM;
	if (m->has_delay &&
	    add_number(w, "pg_init_delay_msecs", m->pg_init_delay) < 0)
		return -ENOMEM;
	if (m->retain && dmmp_words_add(w, "retain_attached_hw_handler") < 0)
		return -ENOMEM;
	if (m->bio && (dmmp_words_add(w, "queue_mode") < 0 ||
		       dmmp_words_add(w, "bio") < 0))
		return -ENOMEM;
	return 0;
}

int dmmp_table_normalize(struct dmmp_table *t)
{
	_cleanup_(dmmp_words_free) struct dmmp_words echo = { 0, NULL };
	struct mpath_features m;
	unsigned int i;
	int rc;

	if (!dmmp_valid_words(&t->features, DMMP_MAX_FEATURES) ||
	    !dmmp_valid_words(&t->hwhandler, DMMP_MAX_ARGS) ||
	    read_features(&t->features, &m) < 0)
		return -EINVAL;
	rc = echo_features(&m, &echo);
	if (rc < 0)
		return rc;
	dmmp_words_swap(&t->features, &echo);
	/* bio-based maps ignore the handler; others show its name only */
	if (m.bio) {
		dmmp_words_free(&t->hwhandler);
	} else if (t->hwhandler.n > 1) {
		for (i = 1; i < t->hwhandler.n; i++)
			free(t->hwhandler.w[i]);
		t->hwhandler.n = 1;
	}
	return 0;
}

/* ---- comparing -------------------------------------------------------- */

static bool words_equal(const struct dmmp_words *a, const struct dmmp_words *b)
{
	unsigned int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->w[i], b->w[i]) != 0)
			return false;
	return true;
}

static bool group_equal(const struct dmmp_group *a, const struct dmmp_group *b)
{
	unsigned int i;

	if (strcmp(a->selector, b->selector) != 0 ||
	    !words_equal(&a->selector_args, &b->selector_args) ||
	    a->nr_paths != b->nr_paths)
		return false;
	for (i = 0; i < a->nr_paths; i++)
		if (a->paths[i].major != b->paths[i].major ||
		    a->paths[i].minor != b->paths[i].minor ||
		    !words_equal(&a->paths[i].args, &b->paths[i].args))
			return false;
	return true;
}

bool dmmp_table_equal(const struct dmmp_table *a, const struct dmmp_table *b)
{
	unsigned int i;

	if (!words_equal(&a->features, &b->features) ||
	    !words_equal(&a->hwhandler, &b->hwhandler) ||
	    a->nr_groups != b->nr_groups ||
	    a->initial_group != b->initial_group)
		return false;
	for (i = 0; i < a->nr_groups; i++)
		if (!group_equal(&a->groups[i], &b->groups[i]))
			return false;
	return true;
}

/* ---- status accessors ------------------------------------------------- */

static int status_feature(const struct dmmp_table *t, unsigned int i,
			  unsigned int *val)
{
	const struct dmmp_words *f = &t->status_features;

	if (!t->has_status || f->n != 2 ||
	    number_in(f->w[i], 0, UINT_MAX, val) < 0)
		return -ENODATA;
	return 0;
}

int dmmp_status_queue_io(const struct dmmp_table *t, unsigned int *queue_io)
{
	return status_feature(t, 0, queue_io);
}

int dmmp_status_pg_init_count(const struct dmmp_table *t, unsigned int *count)
{
	return status_feature(t, 1, count);
}
