/* dm events, the kernel half: a private /dev/mapper/control, its
 * DM_DEV_ARM_POLL and the one DM_LIST_DEVICES per wakeup. Raw ioctls:
 * libdevmapper (1.02.185) runs every task, DM_DEVICE_ARM_POLL too, on a
 * control fd of its own that it does not hand out, so nothing could poll
 * what it armed; and its DM_DEVICE_LIST gives struct dm_names (dev, next,
 * name) with no accessor for what the kernel puts after the name, asking
 * neither for uuids nor for a uuid prefix filter. */
#include <errno.h>
#include <fcntl.h>
#include <linux/dm-ioctl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dm/devmapper.h"
#include "dm/dmevents.h"
#include "dm/dmevents_table.h"
#include "util/cleanup.h"

#define DM_CONTROL_PATH "/dev/" DM_DIR "/" DM_CONTROL_NODE

/* The interface these ioctls need: DM_DEV_ARM_POLL and event numbers in
 * the device list came with 4.37 (Linux 4.13). Uuids in the list and
 * filtering it by prefix came with 4.45 (Linux 5.13); older kernels
 * ignore both requests, and the table asks a new device's uuid then. */
#define DMEV_MIN_MINOR 37

/* Room for about 300 maps at first; doubled (and kept) when the kernel
 * says the list did not fit. */
#define LIST_BUF_START (16 * 1024)
#define LIST_BUF_MAX (256 * 1024 * 1024)

struct dmevents {
	int fd;
	struct dm_ioctl *buf;	/* DM_LIST_DEVICES answers */
	size_t size;
	struct dmev_table table;
};

static void header_init(struct dm_ioctl *io, size_t size, unsigned minor)
{
	memset(io, 0, sizeof(*io));
	io->version[0] = DM_VERSION_MAJOR;
	io->version[1] = minor;
	io->data_size = size;
	io->data_start = sizeof(*io);
}

static int run_ioctl(int fd, unsigned long cmd, struct dm_ioctl *io)
{
	return ioctl(fd, cmd, io) < 0 ? -errno : 0;
}

/* DM_VERSION sent as 4.0.0, which every 4.x kernel accepts, answers the
 * kernel's own version. */
static int check_version(int fd)
{
	struct dm_ioctl io;
	int r;

	header_init(&io, sizeof(io), 0);
	r = run_ioctl(fd, DM_VERSION, &io);
	if (r < 0)
		return r;
	if (io.version[0] != DM_VERSION_MAJOR ||
	    io.version[1] < DMEV_MIN_MINOR)
		return -ENOTSUP;
	return 0;
}

int dmevents_open(struct dmevents **out)
{
	_cleanup_close_ int fd = -1;
	struct dmevents *d;
	int r;

	fd = open(DM_CONTROL_PATH, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	r = check_version(fd);
	if (r < 0)
		return r;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->size = LIST_BUF_START;
	d->buf = malloc(d->size);
	if (!d->buf) {
		free(d);
		return -ENOMEM;
	}
	d->fd = TAKE_FD(fd);
	*out = d;
	return 0;
}

int dmevents_fd(const struct dmevents *d)
{
	return d->fd;
}

int dmevents_arm(struct dmevents *d)
{
	struct dm_ioctl io;

	header_init(&io, sizeof(io), DMEV_MIN_MINOR);
	return run_ioctl(d->fd, DM_DEV_ARM_POLL, &io);
}

/* One DM_LIST_DEVICES of the devices whose uuid starts with the multipath
 * prefix, with their uuids; again with a larger buffer only when the
 * answer did not fit. Sets the data area and its length. */
static int list_devices(struct dmevents *d, const char **data, size_t *len)
{
	struct dm_ioctl *io;
	int r;

	for (;;) {
		io = d->buf;
		/* no byte of an earlier answer left behind a shorter one
		 * (and memcheck, which does not see what this ioctl
		 * writes, sees defined bytes) */
		memset(io, 0, d->size);
		header_init(io, d->size, DMEV_MIN_MINOR);
		io->flags = DM_UUID_FLAG;
		strcpy(io->uuid, MPATH_UUID_PREFIX);
		r = run_ioctl(d->fd, DM_LIST_DEVICES, io);
		if (r < 0)
			return r;
		if (!(io->flags & DM_BUFFER_FULL_FLAG))
			break;
		if (d->size >= LIST_BUF_MAX)
			return -ENOBUFS;
		io = realloc(d->buf, d->size * 2);
		if (!io)
			return -ENOMEM;
		d->buf = io;
		d->size *= 2;
	}
	if (io->data_start > io->data_size || io->data_size > d->size)
		return -EBADMSG;
	*data = (const char *)io + io->data_start;
	*len = io->data_size - io->data_start;
	return 0;
}

/* Kernels before 4.45 list no uuids: DM_DEV_STATUS by device number,
 * once per device the table has not seen. */
static int lookup_uuid(uint64_t dev, char *uuid, size_t size, void *ctx)
{
	struct dmevents *d = ctx;
	struct dm_ioctl io;
	int r;

	header_init(&io, sizeof(io), DMEV_MIN_MINOR);
	io.dev = dev;
	r = run_ioctl(d->fd, DM_DEV_STATUS, &io);
	if (r < 0)
		return r;
	io.uuid[sizeof(io.uuid) - 1] = '\0';
	if (strlen(io.uuid) >= size)
		return -ENAMETOOLONG;
	strcpy(uuid, io.uuid);
	return 0;
}

int dmevents_collect(struct dmevents *d, dmevent_fn fn, void *arg)
{
	_cleanup_free_ struct dm_listed *l = NULL;
	struct dmev_update u = {
		.prefix = MPATH_UUID_PREFIX,
		.lookup = lookup_uuid,
		.lookup_ctx = d,
		.fn = fn,
		.arg = arg,
	};
	const char *data;
	size_t len, n;
	int r;

	r = dmevents_arm(d);
	if (r < 0)
		return r;
	r = list_devices(d, &data, &len);
	if (r < 0)
		return r;
	r = dm_name_list_parse(data, len, &l, &n);
	if (r < 0)
		return r;
	return dmev_table_update(&d->table, l, n, &u);
}

void dmevents_close(struct dmevents *d)
{
	if (!d)
		return;
	dmev_table_clear(&d->table);
	free(d->buf);
	close(d->fd);
	free(d);
}
