/* Partition table parsing: the disk seen through a read callback, the
 * slices a label yields, and the descriptor each label type provides. */
#ifndef KPARTX_LABEL_H
#define KPARTX_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many partition numbers (the reference's limit too). */
#define PT_MAX_SLICES 256

/*
 * The disk: its bytes come only through read(), which fills len bytes at
 * byte offset off and returns 0 or -errno. Parsers never read past size;
 * pt_read() enforces that.
 */
struct pt_disk {
	const char *name;	/* for messages: "mpatha", "loop0" */
	int (*read)(void *ctx, uint64_t off, void *buf, size_t len);
	void *ctx;
	uint64_t size;		/* bytes */
	unsigned sector_size;	/* logical sector size: 512 ... 4096 */
	bool force_gpt;		/* -g: GPT even without a protective MBR */
};

/* One partition. Units are 512-byte sectors, whatever the disk's sector
 * size (device-mapper tables count in those). */
struct pt_slice {
	unsigned num;		/* partition number, 1-based, names the map */
	uint64_t start;
	uint64_t size;		/* what is mapped; 0 = unused slot */
	uint64_t extent;	/* what the table declares (a dos extended
				 * partition maps only its first sector or two
				 * but spans its logical partitions) */
	unsigned container;	/* num of the slice this one lies in, or 0 */
};

struct pt_table {
	const char *label;	/* name of the label type found */
	struct pt_slice *s;
	size_t n, cap;
	bool full;		/* PT_MAX_SLICES reached, later ones dropped */
};

/*
 * A label type. probe() parses the label at the start of the disk and
 * appends its slices to t (in partition number order). Returns 1 when the
 * label is there (even with no partitions), 0 when it is not, -errno when
 * the disk cannot be read or memory runs out.
 */
struct pt_label_ops {
	const char *name;
	int (*probe)(const struct pt_disk *d, struct pt_table *t);
};

/* The label types, in the order they are tried; NULL-terminated. */
extern const struct pt_label_ops *const pt_labels[];
const struct pt_label_ops *pt_label_find(const char *name);

/*
 * Find the first label type (or only type, when not NULL) present on d
 * and fill t with its slices, checked by pt_table_sanitize(). Returns 1
 * when a label was found, 0 when none, -errno on errors.
 */
int pt_probe(const struct pt_disk *d, const char *type, struct pt_table *t);

/*
 * Make the slices safe to map: none starts beyond the disk (dropped) or
 * ends beyond it (cut at its end), a slice lies inside its container, and
 * no two unrelated slices overlap (the later one is dropped). Each
 * change is logged, naming the disk and the partition. Dropped slices
 * keep their number with size 0.
 */
void pt_table_sanitize(const struct pt_disk *d, struct pt_table *t);

/* Labels whose slice 'c' (or backup slice) spans the disk: mark each
 * slice from index first on as contained in the smallest other one that
 * holds it entirely (of two equal ones, the later in the earlier). */
void pt_set_containers(struct pt_table *t, size_t first);

/* Append a slice; num 0 means "one after the last". Returns the slice, or
 * NULL when the table is full (t->full is then set) or out of memory. */
struct pt_slice *pt_add(struct pt_table *t, unsigned num, uint64_t start,
			uint64_t size, unsigned container);
struct pt_slice *pt_find(const struct pt_table *t, unsigned num);
unsigned pt_next_num(const struct pt_table *t);
void pt_table_free(struct pt_table *t);

/* Read len bytes at off; -ERANGE when past the end of the disk. */
int pt_read(const struct pt_disk *d, uint64_t off, void *buf, size_t len);
/* Same into a new buffer; NULL with *err set on failure. */
void *pt_read_alloc(const struct pt_disk *d, uint64_t off, size_t len,
		    int *err);

static inline uint64_t pt_disk_sectors(const struct pt_disk *d)
{
	return d->size / 512;
}

/* CRC-32 as in GPT (IEEE 802.3, reflected, ~0 in and out). */
uint32_t pt_crc32(const void *buf, size_t len);

/* Little / big endian fields of on-disk structures */
static inline uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

/* Labels found inside a dos partition (start, size in 512-byte sectors;
 * parent is the dos partition's number). Each returns 1 when its label is
 * there, 0 when not, -errno on errors; slices are numbered after the
 * last one in t. */
int pt_bsd_nested(const struct pt_disk *d, uint64_t start, uint64_t size,
		  unsigned parent, struct pt_table *t);
int pt_solaris_nested(const struct pt_disk *d, uint64_t start, uint64_t size,
		      unsigned parent, struct pt_table *t);
int pt_unixware_nested(const struct pt_disk *d, uint64_t start, uint64_t size,
		       unsigned parent, struct pt_table *t);

extern const struct pt_label_ops pt_gpt, pt_dos, pt_bsd, pt_solaris,
	pt_unixware, pt_mac, pt_sun, pt_ps3;

#endif
