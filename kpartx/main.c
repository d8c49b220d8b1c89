/* kpartx: read the partition table of a device (or of a disk image, on a
 * loop device) and list, add, update or delete dm linear maps for its
 * partitions. */
#include <errno.h>
#include <libdevmapper.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "disk.h"
#include "dm/devmapper.h"
#include "kpartx.h"
#include "loop.h"
#include "util/cleanup.h"
#include "util/log.h"

static void usage(void)
{
	printf("kpartx (multipath-tools " MP_VERSION ")\n"
	       "Usage:\n"
	       "  kpartx [-a|-d|-u|-l] [-r] [-p DELIM] [-f] [-g] [-s|-n] [-v] DEVICE\n"
	       "\t-a  create (or reload) a map for each partition\n"
	       "\t-d  remove the partition maps of DEVICE\n"
	       "\t-u  like -a, and remove maps of partitions that are gone\n"
	       "\t-l  list the maps -a would create (the default)\n"
	       "\t-r  create the maps read-only\n"
	       "\t-p  put DELIM between the device name and the partition number\n"
	       "\t-f  -d: remove every linear map on DEVICE, whatever its uuid\n"
	       "\t-g  read a GPT even without a protective MBR\n"
	       "\t-s  wait until udev has processed the new maps (default)\n"
	       "\t-n  return without waiting for udev\n"
	       "\t-v  print each map added or removed\n"
	       "DEVICE is a block device or a disk image file; a file is "
	       "attached to a loop device\n(and detached again by -d).\n");
}

static int parse_args(int argc, char **argv, struct kpx_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->sync = true;
	while ((c = getopt(argc, argv, "rladfgvp:t:snu")) != -1) {
		switch (c) {
		case 'r':
			o->read_only = true;
			break;
		case 'l':
			o->action = KPX_LIST;
			break;
		case 'a':
			o->action = KPX_ADD;
			break;
		case 'd':
			o->action = KPX_DELETE;
			break;
		case 'u':
			o->action = KPX_UPDATE;
			break;
		case 'f':
			o->force = true;
			break;
		case 'g':
			o->force_gpt = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'p':
			o->delim = optarg;
			break;
		case 't':
			o->type = optarg;
			break;
		case 's':
			o->sync = true;
			break;
		case 'n':
			o->sync = false;
			break;
		default:
			return -EINVAL;
		}
	}
	/* "kpartx [options] DEVICE", or the old "DEVICE WHOLEDISK" form */
	if (optind != argc - 1 && optind != argc - 2)
		return -EINVAL;
	o->device = argv[optind];
	if (o->type && !pt_label_find(o->type)) {
		fprintf(stderr, "kpartx: unknown partition table type %s\n",
			o->type);
		return -EINVAL;
	}
	return 0;
}

/* Name, uuid and delimiter of the device with stat st. */
static int describe_parent(const struct kpx_opts *o, const char *path,
			   bool is_loop, const struct stat *st,
			   struct kpx_parent *p)
{
	const char *base = strrchr(path, '/');
	struct dm_map m;

	p->path = path;
	p->major = major(st->st_rdev);
	p->minor = minor(st->st_rdev);
	p->mode = st->st_mode & 0777;
	p->uid = st->st_uid;
	p->gid = st->st_gid;
	snprintf(p->name, sizeof(p->name), "%s", base ? base + 1 : path);
	if (!is_loop && dm_map_get_by_devt(p->major, p->minor, false, &m) == 0) {
		snprintf(p->name, sizeof(p->name), "%s", m.name);
		if (*m.uuid)
			p->uuid = strdup(m.uuid);
		dm_map_clear(&m);
	}
	/* -d -f removes maps of any uuid, e.g. made by old kpartx versions */
	if (!p->uuid && !(o->action == KPX_DELETE && o->force)) {
		p->uuid = kpx_nondm_uuid(p->major, p->minor);
		if (!p->uuid)
			return -ENOMEM;
	}
	snprintf(p->delim, sizeof(p->delim), "%s",
		 o->delim ? o->delim : kpx_default_delim(p->name));
	return 0;
}

static int read_table(const struct kpx_opts *o, const struct kpx_parent *p,
		      struct pt_table *t)
{
	struct blkdev bd;
	int r;

	r = blkdev_open(&bd, p->path, p->name);
	if (r < 0) {
		fprintf(stderr, "%s: %s\n", p->path, strerror(-r));
		return r;
	}
	bd.disk.force_gpt = o->force_gpt;
	r = pt_probe(&bd.disk, o->type, t);
	if (r < 0)
		condlog(0, "%s: cannot read the partition table: %s", p->path,
			strerror(-r));
	blkdev_close(&bd);
	return r;
}

static int run(const struct kpx_opts *o)
{
	char loopdev[64] = "", rpath[PATH_MAX];
	struct kpx_parent p = { 0 };
	struct pt_table t = { 0 };
	struct dm_cookie cookie = { 0 };
	bool loop_created = false, ro = o->read_only;
	struct stat st;
	int fails = 0, r;

	if (stat(o->device, &st) < 0) {
		printf("failed to stat() %s\n", o->device);
		return 1;
	}
	if (o->action != KPX_LIST) {
		unsigned v[3];

		if (dm_target_version("linear", v) < 0) {
			fprintf(stderr, "device mapper prerequisites not met\n");
			return 1;
		}
		if (!o->sync)
			dm_udev_set_sync_support(0);
	}
	if (S_ISREG(st.st_mode)) {
		if (!realpath(o->device, rpath)) {
			fprintf(stderr, "Error: %s: %s\n", o->device,
				strerror(errno));
			return 1;
		}
		if (!loop_find(rpath, loopdev, sizeof(loopdev))) {
			if (o->action == KPX_DELETE)
				return 0;
			r = loop_attach(rpath, &ro, loopdev, sizeof(loopdev));
			if (r < 0) {
				fprintf(stderr, "can't set up loop: %s\n",
					strerror(-r));
				return 1;
			}
			loop_created = true;
		}
		if (stat(loopdev, &st) < 0) {
			printf("failed to stat() %s\n", loopdev);
			return 1;
		}
	} else if (!S_ISBLK(st.st_mode)) {
		fprintf(stderr, "invalid device: %s\n", o->device);
		return 1;
	}

	r = describe_parent(o, *loopdev ? loopdev : o->device, *loopdev, &st, &p);
	if (r < 0)
		return 1;
	p.read_only = ro;

	if (o->action == KPX_DELETE) {
		fails = kpx_delete(o, &p, &cookie);
		dm_cookie_wait(&cookie);
		if (*loopdev) {
			if (loop_detach(loopdev) < 0) {
				if (o->verbose)
					fprintf(stderr, "can't del loop : %s\n",
						loopdev);
				fails++;
			} else {
				fprintf(stderr, "loop deleted : %s\n", loopdev);
			}
		}
		goto out;
	}

	r = read_table(o, &p, &t);
	if (r < 0)
		fails++;
	else if (r > 0 && o->action == KPX_LIST)
		kpx_list(&p, &t);
	else if (r > 0)
		fails += kpx_add(o, &p, &t, &cookie);
	if (dm_cookie_wait(&cookie) < 0)
		fails++;
	/* a loop device attached for -l only goes again, silently */
	if (o->action == KPX_LIST && loop_created && loop_detach(loopdev) < 0) {
		if (o->verbose)
			printf("can't del loop : %s\n", loopdev);
		fails++;
	}
out:
	pt_table_free(&t);
	free(p.uuid);
	return fails > 255 ? 255 : fails;
}

int main(int argc, char **argv)
{
	struct kpx_opts o;

	log_open("kpartx", LOG_TARGET_PLAIN);
	if (argc < 2 || parse_args(argc, argv, &o) < 0) {
		usage();
		return 1;
	}
	if (o.verbose)
		log_set_verbosity(LOG_VERBOSITY_DEFAULT + 1);
	dm_setup();
	return run(&o);
}
