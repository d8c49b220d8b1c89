/* libFuzzer target: every kpartx label parser on arbitrary disk images.
 * Byte 0 selects the sector size (bit 0: 4096, else 512) and -g (bit 1);
 * the rest is the disk, in an exactly sized allocation so that ASan sees
 * any read past it. Whatever the bytes, each label type is probed alone
 * and all together, and the slices must stay inside the disk, inside
 * their containers and apart from each other. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

#include "../../kpartx/label.c"
#include "../../kpartx/crc32.c"
#include "../../kpartx/dos.c"
#include "../../kpartx/gpt.c"
#include "../../kpartx/bsd.c"
#include "../../kpartx/solaris.c"
#include "../../kpartx/unixware.c"
#include "../../kpartx/sun.c"
#include "../../kpartx/mac.c"
#include "../../kpartx/ps3.c"

struct fuzz_disk {
	const uint8_t *data;
	size_t size;
};

static int fuzz_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct fuzz_disk *f = ctx;

	if (off > f->size || len > f->size - off)
		abort();	/* pt_read() must have refused it */
	memcpy(buf, f->data + off, len);
	return 0;
}

static void check(const struct pt_disk *d, const struct pt_table *t)
{
	uint64_t sectors = pt_disk_sectors(d);
	size_t i, j;

	if (t->n > PT_MAX_SLICES)
		abort();
	for (i = 0; i < t->n; i++) {
		const struct pt_slice *a = &t->s[i], *c;

		if (!a->num || a->num > PT_MAX_SLICES)
			abort();
		if (!a->size)
			continue;
		if (a->start >= sectors || a->extent > sectors - a->start ||
		    a->size > a->extent)
			abort();
		if (a->container) {
			c = pt_find(t, a->container);
			if (!c || !c->size || a->start < c->start ||
			    a->start + a->extent > c->start + c->extent)
				abort();
		}
		for (j = 0; j < t->n; j++) {
			const struct pt_slice *b = &t->s[j];

			if (i == j || !b->size || contained_in(t, a, b) ||
			    contained_in(t, b, a))
				continue;
			if (a->start < b->start + b->extent &&
			    b->start < a->start + a->extent)
				abort();
		}
	}
}

/* messages are formatted (their arguments checked by ASan) and dropped */
static void discard(int level, const char *msg, void *userdata)
{
	(void)level;
	(void)msg;
	(void)userdata;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct pt_label_ops *const *l;
	struct fuzz_disk f;
	struct pt_disk d = { .name = "fuzz", .read = fuzz_read, .ctx = &f };
	struct pt_table t = { 0 };
	uint8_t *copy;

	if (size < 1)
		return 0;
	log_set_sink(discard, NULL);
	log_set_verbosity(3);
	d.sector_size = data[0] & 1 ? 4096 : 512;
	d.force_gpt = data[0] & 2;
	copy = malloc(size - 1 ? size - 1 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	f.data = copy;
	f.size = size - 1;
	d.size = f.size;

	for (l = pt_labels; *l; l++) {
		if (pt_probe(&d, (*l)->name, &t) > 0)
			check(&d, &t);
	}
	if (pt_probe(&d, NULL, &t) > 0)
		check(&d, &t);
	pt_table_free(&t);
	free(copy);
	return 0;
}
