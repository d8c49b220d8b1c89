/* dm/dmevents_table: parsing DM_LIST_DEVICES answers laid out as the
 * kernel lays them out (with uuids, without, from kernels before uuids,
 * malformed ones), and the table that turns successive lists into
 * added / changed / removed events for multipath maps only. */
#include <errno.h>
#include <linux/dm-ioctl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dm/dmevents_table.h"
#include "testutil.h"

/* uuid arguments of lb_add() other than a uuid: DOESNT_HAVE_UUID, and a
 * zero flags word (a kernel that lists no uuids) */
#define NO_UUID ((const char *)1)
#define OLD_KERNEL NULL

/* A DM_LIST_DEVICES data area, built the way dm-ioctl.c builds it. */
struct listbuf {
	_Alignas(8) char buf[64 * 1024];
	size_t len;
	size_t last;
};

static size_t al8(size_t v)
{
	return (v + 7) & ~(size_t)7;
}

static void lb_init(struct listbuf *b)
{
	memset(b, 0, sizeof(*b));
	b->last = SIZE_MAX;
}

/* The empty list: a zero dev, nothing else. */
static void lb_empty(struct listbuf *b)
{
	lb_init(b);
	b->len = sizeof(uint64_t);
}

static void lb_add(struct listbuf *b, uint64_t dev, const char *name,
		   uint32_t event_nr, const char *uuid)
{
	size_t off = b->len, p;
	uint32_t next, flags = 0;

	if (b->last != SIZE_MAX) {
		next = off - b->last;
		memcpy(b->buf + b->last + 8, &next, sizeof(next));
	}
	memcpy(b->buf + off, &dev, sizeof(dev));
	strcpy(b->buf + off + 12, name);
	p = al8(off + 12 + strlen(name) + 1);
	if (uuid == NO_UUID)
		flags = DM_NAME_LIST_FLAG_DOESNT_HAVE_UUID;
	else if (uuid)
		flags = DM_NAME_LIST_FLAG_HAS_UUID;
	memcpy(b->buf + p, &event_nr, sizeof(event_nr));
	memcpy(b->buf + p + 4, &flags, sizeof(flags));
	p += 8;
	if (flags == DM_NAME_LIST_FLAG_HAS_UUID) {
		strcpy(b->buf + p, uuid);
		p = al8(p + strlen(uuid) + 1);
	}
	b->last = off;
	b->len = p;
	assert_true(b->len < sizeof(b->buf));
}

/* the kernel's huge_encode_dev() for small numbers */
static uint64_t devno(unsigned maj, unsigned min)
{
	return makedev(maj, min);
}

static void test_parse_empty(void **state)
{
	struct listbuf b;
	struct dm_listed *l = (void *)1;
	size_t n = 1;

	(void)state;
	lb_empty(&b);
	assert_int_equal(dm_name_list_parse(b.buf, b.len, &l, &n), 0);
	assert_null(l);
	assert_int_equal(n, 0);
	/* not even the zero dev */
	assert_int_equal(dm_name_list_parse(b.buf, 4, &l, &n), -EBADMSG);
}

static void test_parse_uuids(void **state)
{
	struct listbuf b;
	struct dm_listed *l;
	size_t n;

	(void)state;
	lb_init(&b);
	lb_add(&b, devno(253, 0), "mpatha", 3, "mpath-3600a0b80001");
	lb_add(&b, devno(253, 1), "vg-root", 0, "LVM-abcdef");
	lb_add(&b, devno(253, 2), "plain", 7, NO_UUID);
	lb_add(&b, devno(253, 300), "a-name-of-exactly-16", 0xfffffffe,
	       "mpath-x");
	assert_int_equal(dm_name_list_parse(b.buf, b.len, &l, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(l[0].name, "mpatha");
	assert_string_equal(l[0].uuid, "mpath-3600a0b80001");
	assert_int_equal(l[0].event_nr, 3);
	assert_true(l[0].dev == devno(253, 0));
	assert_string_equal(l[1].name, "vg-root");
	assert_string_equal(l[1].uuid, "LVM-abcdef");
	assert_string_equal(l[2].name, "plain");
	assert_string_equal(l[2].uuid, "");
	assert_int_equal(l[2].event_nr, 7);
	assert_string_equal(l[3].name, "a-name-of-exactly-16");
	assert_int_equal(l[3].event_nr, 0xfffffffe);
	assert_int_equal(minor(l[3].dev), 300);
	free(l);
}

/* Before dm ioctl 4.45 the flags word is zero and no uuid follows. */
static void test_parse_old_kernel(void **state)
{
	struct listbuf b;
	struct dm_listed *l;
	size_t n;

	(void)state;
	lb_init(&b);
	lb_add(&b, devno(253, 0), "mpatha", 1, OLD_KERNEL);
	lb_add(&b, devno(253, 1), "mpathb", 2, OLD_KERNEL);
	assert_int_equal(dm_name_list_parse(b.buf, b.len, &l, &n), 0);
	assert_int_equal(n, 2);
	assert_null(l[0].uuid);
	assert_null(l[1].uuid);
	assert_string_equal(l[1].name, "mpathb");
	assert_int_equal(l[1].event_nr, 2);
	free(l);
}

static void expect_bad(const struct listbuf *b, size_t len)
{
	struct dm_listed *l = (void *)1;
	size_t n = 1;

	assert_int_equal(dm_name_list_parse(b->buf, len, &l, &n), -EBADMSG);
	assert_null(l);
	assert_int_equal(n, 0);
}

static void set_next(struct listbuf *b, size_t rec, uint32_t next)
{
	memcpy(b->buf + rec + 8, &next, sizeof(next));
}

static void test_parse_malformed(void **state)
{
	const size_t pad = al8(sizeof("mpath-two")) - sizeof("mpath-two");
	struct listbuf b;
	size_t i;

	(void)state;
	lb_init(&b);
	lb_add(&b, devno(253, 0), "mpatha", 1, "mpath-one");
	lb_add(&b, devno(253, 1), "mpathb", 2, "mpath-two");
	/* every cut through the records, up to the last uuid's NUL (the
	 * padding after it is not needed) */
	for (i = 8; i < b.len - pad; i++)
		expect_bad(&b, i);
	/* a next offset past the end, backwards, unaligned, too short */
	set_next(&b, 0, 4096);
	expect_bad(&b, b.len);
	set_next(&b, 0, 0xfffffff8);
	expect_bad(&b, b.len);
	set_next(&b, 0, 12);
	expect_bad(&b, b.len);
	set_next(&b, 0, 33);
	expect_bad(&b, b.len);
	/* a name without its NUL before the next record */
	lb_init(&b);
	lb_add(&b, devno(253, 0), "mpatha", 1, NO_UUID);
	lb_add(&b, devno(253, 1), "mpathb", 2, NO_UUID);
	memset(b.buf + 12, 'x', 20);
	expect_bad(&b, b.len);
	/* a uuid without its NUL */
	lb_init(&b);
	lb_add(&b, devno(253, 0), "mpatha", 1, "mpath-one");
	memset(b.buf + b.len - 8, 'x', 8);
	expect_bad(&b, b.len);
}

/* ---- the table --------------------------------------------------------- */

struct recorder {
	struct strbuf out;
};

static void record(const struct dmevent *ev, void *arg)
{
	static const char *const kinds[] = { "added", "changed", "removed" };
	struct recorder *r = arg;

	strbuf_printf(&r->out, "%s %s %u %u:%u %s\n", kinds[ev->kind],
		      ev->name, ev->event_nr, ev->major, ev->minor, ev->uuid);
}

struct lookups {
	unsigned calls;
	int fail;	/* next result, then 0 */
};

/* old kernels: the uuid of 253:N is "mpath-N" for even N, "LVM-N" else */
static int fake_lookup(uint64_t dev, char *uuid, size_t size, void *ctx)
{
	struct lookups *k = ctx;
	int r = k->fail;

	k->calls++;
	k->fail = 0;
	if (r)
		return r;
	snprintf(uuid, size, "%s-%u", minor(dev) % 2 ? "LVM" : "mpath",
		 minor(dev));
	return 0;
}

struct fixture {
	struct dmev_table t;
	struct recorder rec;
	struct lookups look;
	struct dmev_update u;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->u.prefix = "mpath-";
	f->u.lookup = fake_lookup;
	f->u.lookup_ctx = &f->look;
	f->u.fn = record;
	f->u.arg = &f->rec;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	dmev_table_clear(&f->t);
	strbuf_free(&f->rec.out);
	free(f);
	return 0;
}

/* Parse b, update the table; returns the update's result. The events
 * are in f->rec.out (reset first). */
static int update(struct fixture *f, const struct listbuf *b)
{
	struct dm_listed *l;
	size_t n;
	int r;

	strbuf_reset(&f->rec.out);
	assert_int_equal(dm_name_list_parse(b->buf, b->len, &l, &n), 0);
	r = dmev_table_update(&f->t, l, n, &f->u);
	free(l);
	return r;
}

static const char *events(const struct fixture *f)
{
	return strbuf_str(&f->rec.out);
}

/* Update the table with the list in spec, one device a line:
 * "MAJ:MIN NAME EVENT_NR UUID", UUID "-" for none, "?" for a kernel that
 * lists no uuids ("" is the empty list). Check the update's result and
 * the events it reported. */
static void step(struct fixture *f, const char *spec, int want,
		 const char *want_events)
{
	struct listbuf b;
	char name[64], uuid[64];
	unsigned maj, min, ev;
	const char *p;

	lb_init(&b);
	for (p = spec; *p; p = strchr(p, '\n') + 1) {
		assert_int_equal(sscanf(p, "%u:%u %63s %u %63s", &maj, &min,
					name, &ev, uuid), 5);
		lb_add(&b, devno(maj, min), name, ev,
		       streq(uuid, "-") ? NO_UUID :
		       streq(uuid, "?") ? OLD_KERNEL : uuid);
	}
	if (b.last == SIZE_MAX)
		lb_empty(&b);
	assert_int_equal(update(f, &b), want);
	assert_string_equal(events(f), want_events);
}

static void test_first_collect_adds(void **state)
{
	struct fixture *f = *state;
	const char *list = "253:0 mpatha 0 mpath-aaa\n"
			   "253:1 vg-root 5 LVM-xyz\n"
			   "253:2 mpathb 4 mpath-bbb\n"
			   "253:3 mpathb-part1 1 part1-mpath-bbb\n"
			   "253:4 bare 1 -\n";

	step(f, list, 2,
	     "added mpatha 0 253:0 mpath-aaa\n"
	     "added mpathb 4 253:2 mpath-bbb\n");
	/* nothing changed: nothing reported */
	step(f, list, 0, "");
	assert_int_equal(f->look.calls, 0);
}

static void test_changed_once(void **state)
{
	struct fixture *f = *state;
	const char *changed = "253:0 mpatha 0 mpath-aaa\n"
			      "253:1 mpathb 2 mpath-bbb\n"
			      "253:2 vg-root 9 LVM-xyz\n";

	step(f, "253:0 mpatha 0 mpath-aaa\n"
		"253:1 mpathb 0 mpath-bbb\n"
		"253:2 vg-root 0 LVM-xyz\n", 2,
	     "added mpatha 0 253:0 mpath-aaa\n"
	     "added mpathb 0 253:1 mpath-bbb\n");
	step(f, changed, 1, "changed mpathb 2 253:1 mpath-bbb\n");
	step(f, changed, 0, "");
	/* event numbers wrap: any difference is a change */
	step(f, "253:0 mpatha 0 mpath-aaa\n"
		"253:1 mpathb 1 mpath-bbb\n", 1,
	     "changed mpathb 1 253:1 mpath-bbb\n");
}

static void test_added_removed(void **state)
{
	struct fixture *f = *state;

	step(f, "253:0 mpatha 1 mpath-aaa\n"
		"253:2 mpathc 1 mpath-ccc\n", 2,
	     "added mpatha 1 253:0 mpath-aaa\n"
	     "added mpathc 1 253:2 mpath-ccc\n");
	step(f, "253:1 mpathb 0 mpath-bbb\n"
		"253:2 mpathc 1 mpath-ccc\n"
		"253:3 mpathd 0 mpath-ddd\n", 3,
	     "removed mpatha 1 253:0 mpath-aaa\n"
	     "added mpathb 0 253:1 mpath-bbb\n"
	     "added mpathd 0 253:3 mpath-ddd\n");
	/* all gone */
	step(f, "", 3,
	     "removed mpathb 0 253:1 mpath-bbb\n"
	     "removed mpathc 1 253:2 mpath-ccc\n"
	     "removed mpathd 0 253:3 mpath-ddd\n");
	assert_int_equal(f->t.n, 0);
}

/* The same name on another device, or with another uuid: the old map went
 * away and a new one came. */
static void test_recreated(void **state)
{
	struct fixture *f = *state;

	step(f, "253:0 mpatha 4 mpath-aaa\n"
		"253:1 mpathb 4 mpath-bbb\n", 2,
	     "added mpatha 4 253:0 mpath-aaa\n"
	     "added mpathb 4 253:1 mpath-bbb\n");
	step(f, "253:5 mpatha 0 mpath-aaa\n"
		"253:1 mpathb 4 mpath-other\n", 4,
	     "removed mpatha 4 253:0 mpath-aaa\n"
	     "added mpatha 0 253:5 mpath-aaa\n"
	     "removed mpathb 4 253:1 mpath-bbb\n"
	     "added mpathb 4 253:1 mpath-other\n");
}

/* A rename: the old name goes, the new one comes (the kernel also counts
 * an event on the map). */
static void test_renamed(void **state)
{
	struct fixture *f = *state;

	step(f, "253:0 mpatha 0 mpath-aaa\n", 1,
	     "added mpatha 0 253:0 mpath-aaa\n");
	step(f, "253:0 data 1 mpath-aaa\n", 2,
	     "added data 1 253:0 mpath-aaa\n"
	     "removed mpatha 0 253:0 mpath-aaa\n");
}

/* Not in name order (the kernel sorts, the table does not rely on it);
 * a name twice is refused and leaves the table as it was. */
static void test_order_and_duplicates(void **state)
{
	struct fixture *f = *state;

	step(f, "253:2 mpathc 0 mpath-ccc\n"
		"253:0 mpatha 0 mpath-aaa\n"
		"253:1 mpathb 0 mpath-bbb\n", 3,
	     "added mpatha 0 253:0 mpath-aaa\n"
	     "added mpathb 0 253:1 mpath-bbb\n"
	     "added mpathc 0 253:2 mpath-ccc\n");
	step(f, "253:0 mpatha 1 mpath-aaa\n"
		"253:0 mpatha 1 mpath-aaa\n", -EBADMSG, "");
	assert_int_equal(f->t.n, 3);
	assert_string_equal(f->t.v[2].name, "mpathc");
}

/* Kernels that list no uuid: each device's uuid is asked once, when it
 * first shows up; non-multipath devices are remembered too, so that they
 * are not asked again. */
static void test_old_kernel_lookups(void **state)
{
	struct fixture *f = *state;

	step(f, "253:0 mpatha 0 ?\n"
		"253:1 vg-root 0 ?\n"
		"253:2 mpathb 0 ?\n", 2,
	     "added mpatha 0 253:0 mpath-0\n"
	     "added mpathb 0 253:2 mpath-2\n");
	assert_int_equal(f->look.calls, 3);
	step(f, "253:0 mpatha 1 ?\n"
		"253:1 vg-root 3 ?\n"
		"253:2 mpathb 0 ?\n", 1,
	     "changed mpatha 1 253:0 mpath-0\n");
	assert_int_equal(f->look.calls, 3);
	/* a device gone between the list and the lookup is no error */
	f->look.fail = -ENXIO;
	step(f, "253:0 mpatha 1 ?\n"
		"253:1 vg-root 3 ?\n"
		"253:2 mpathb 0 ?\n"
		"253:4 mpathe 0 ?\n", 0, "");
	assert_int_equal(f->look.calls, 4);
	assert_int_equal(f->t.n, 3);
}

/* A failed lookup (or allocation) keeps the device out of the table: the
 * error is returned, the other events still reported, and the device is
 * reported as added by the next update. */
static void test_error_reported_later(void **state)
{
	struct fixture *f = *state;
	const char *list = "253:0 mpatha 0 ?\n"
			   "253:2 mpathb 0 ?\n";

	f->look.fail = -EIO;
	step(f, list, -EIO, "added mpathb 0 253:2 mpath-2\n");
	step(f, list, 1, "added mpatha 0 253:0 mpath-0\n");
	step(f, list, 0, "");
}

/* Many maps, one changed: one event, in one pass. */
static void test_many_one_changed(void **state)
{
	struct fixture *f = *state;
	struct listbuf *b = malloc(sizeof(*b));
	char name[32], uuid[48];
	unsigned i;

	for (int round = 0; round < 2; round++) {
		lb_init(b);
		for (i = 0; i < 500; i++) {
			snprintf(name, sizeof(name), "mpath%04u", i);
			snprintf(uuid, sizeof(uuid), "mpath-36000%07u", i);
			lb_add(b, devno(253, i), name, i == 321 ? round : 0,
			       uuid);
		}
		assert_int_equal(update(f, b), round ? 1 : 500);
	}
	assert_string_equal(events(f),
			    "changed mpath0321 1 253:321 mpath-360000000321\n");
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_empty),
		cmocka_unit_test(test_parse_uuids),
		cmocka_unit_test(test_parse_old_kernel),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test_setup_teardown(test_first_collect_adds, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_changed_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_added_removed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_recreated, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_renamed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order_and_duplicates,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_kernel_lookups, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_error_reported_later,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_one_changed, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
