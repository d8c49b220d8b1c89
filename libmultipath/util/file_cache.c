/* A file kept in memory while it does not change. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/file.h"
#include "util/file_cache.h"

static bool same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

int file_cache_refresh(struct file_cache *c, const char *path, size_t max)
{
	struct stat st;
	bool present = stat(path, &st) == 0;
	char *text = NULL;
	size_t len = 0;
	int r;

	if (!present && errno != ENOENT)
		return -errno;
	if (c->text && c->path && !strcmp(c->path, path) &&
	    present == c->present && (!present || same(&st, &c->st)))
		return 0;
	if (present) {
		r = file_read_all(path, max, &text, &len);
		if (r == -ENOENT)
			present = false;
		else if (r < 0)
			return r;
	}
	if (!text && !(text = strdup("")))
		return -ENOMEM;
	if (!c->path || strcmp(c->path, path)) {
		char *p = strdup(path);

		if (!p) {
			free(text);
			return -ENOMEM;
		}
		free(c->path);
		c->path = p;
	}
	free(c->text);
	c->text = text;
	c->len = len;
	c->present = present;
	if (present)
		c->st = st;
	c->generation++;
	return 1;
}

void file_cache_free(struct file_cache *c)
{
	free(c->path);
	free(c->text);
	memset(c, 0, sizeof(*c));
}
