/* mpathpersist: SCSI persistent reservations on multipath maps. Parses
 * the command line (and batch files of command lines) with the
 * reference's options, messages and exit codes, then runs the request
 * (persist.c). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libudev.h>

#include "config/config.h"
#include "discovery/pathinfo.h"
#include "dm/devmapper.h"
#include "options.h"
#include "persist.h"
#include "util/cleanup.h"
#include "util/log.h"

static void usage(void)
{
	fprintf(stderr,
		"multipath-tools (mpathpersist " MP_VERSION ")\n"
		"Usage: mpathpersist [OPTIONS] [DEVICE]\n"
		" Options:\n"
		"    --verbose|-v level         verbosity level\n"
		"                   0           Critical messages\n"
		"                   1           Error messages\n"
		"                   2           Warning messages\n"
		"                   3           Informational messages\n"
		"                   4           Informational messages with trace enabled\n"
		"    --clear|-C                 PR Out: Clear\n"
		"    --device=DEVICE|-d DEVICE  query or change DEVICE\n"
		"    --batch-file|-f FILE       run commands from FILE\n"
		"    --help|-h                  output this usage message\n"
		"    --hex|-H                   output response in hex\n"
		"    --in|-i                    request PR In command \n"
		"    --out|-o                   request PR Out command\n"
		"    --param-alltgpt|-Y         PR Out parameter 'ALL_TG_PT\n"
		"    --param-aptpl|-Z           PR Out parameter 'APTPL'\n"
		"    --read-keys|-k             PR In: Read Keys\n"
		"    --param-rk=RK|-K RK        PR Out parameter reservation key\n"
		"    --param-sark=SARK|-S SARK  PR Out parameter service action\n"
		"                               reservation key (SARK is in hex)\n"
		"    --preempt|-P               PR Out: Preempt\n"
		"    --preempt-abort|-A         PR Out: Preempt and Abort\n"
		"    --prout-type=TYPE|-T TYPE  PR Out command type\n"
		"    --read-full-status|-s      PR In: Read Full Status\n"
		"    --read-keys|-k             PR In: Read Keys\n"
		"    --read-reservation|-r      PR In: Read Reservation\n"
		"    --register|-G              PR Out: Register\n"
		"    --register-ignore|-I       PR Out: Register and Ignore\n"
		"    --release|-L               PR Out: Release\n"
		"    --report-capabilities|-c   PR In: Report Capabilities\n"
		"    --reserve|-R               PR Out: Reserve\n"
		"    --transport-id=TIDS|-X TIDS  TransportIDs can be mentioned\n"
		"                                 in several forms\n"
		"    --alloc-length=LEN|-l LEN  PR In: maximum allocation length\n");
}

struct run_state {
	const struct pr_context *ctx;
	int verbosity;
};

static int handle_args(struct run_state *st, int argc, char **argv,
		       int nline);

/* -f FILE: each line a command line (without the program name, or with
 * it), '#' starts a comment; the worst status is returned. */
static int run_batch_file(struct run_state *st, const char *file)
{
	_cleanup_fclose_ FILE *f = fopen(file, "r");
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;
	int nline = 0, ret = PR_STATUS_SUCCESS;

	if (!f) {
		fprintf(stderr, "unable to open %s: %s\n", file,
			strerror(errno));
		return PR_STATUS_SYNTAX_ERROR;
	}
	if (st->verbosity >= 2)
		fprintf(stderr, "running batch file %s\n", file);
	while (getline(&line, &cap, f) >= 0) {
		char *argv[64], *save = NULL, *tok;
		int argc = 0, rv;

		nline++;
		line[strcspn(line, "\n")] = '\0';
		if (st->verbosity >= 3)
			fprintf(stderr, "processing line %d: %s\n", nline, line);
		argv[argc++] = (char *)"mpathpersist";
		for (tok = strtok_r(line, " \t", &save);
		     tok && *tok != '#' && argc < (int)(sizeof(argv) / sizeof(*argv)) - 1;
		     tok = strtok_r(NULL, " \t", &save)) {
			if (argc == 1 && !strcmp(tok, "mpathpersist"))
				continue;
			argv[argc++] = tok;
		}
		argv[argc] = NULL;
		if (argc <= 1)
			continue;
		if (st->verbosity >= 2) {
			fprintf(stderr, "## file %s line %d:", file, nline);
			for (int i = 0; i < argc; i++)
				fprintf(stderr, " %s", argv[i]);
			fprintf(stderr, "\n");
		}
		optind = 0;
		rv = handle_args(st, argc, argv, nline);
		if (rv != PR_STATUS_SUCCESS)
			ret = rv;
	}
	return ret;
}

/*
 * The device: a block device node (/dev/mapper/X, /dev/dm-N), or, beyond
 * the reference, a map's name. -1 when neither opens.
 */
static int open_device(const char *name)
{
	char node[300];
	int fd = open(name, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 || strchr(name, '/'))
		return fd;
	snprintf(node, sizeof(node), "/dev/mapper/%s", name);
	return open(node, O_RDONLY | O_CLOEXEC);
}

static int handle_args(struct run_state *st, int argc, char **argv, int nline)
{
	_cleanup_free_ char *batch = NULL;
	struct pr_request rq;
	int ret, fd;

	ret = pr_parse_args(argc, argv, nline, &st->verbosity, &rq, &batch);
	if (ret < 0) {
		usage();
		return PR_STATUS_SUCCESS;
	}
	if (nline == 0)
		log_set_verbosity(st->verbosity >= 3 ? 3 : st->verbosity);
	rq.noisy = rq.hex || st->verbosity >= 3;
	if (ret == PR_STATUS_SUCCESS && (rq.in || rq.out)) {
		fd = open_device(rq.device);
		if (fd < 0) {
			fprintf(stderr, "%s: error opening file (rw) fd=%d\n",
				rq.device, fd);
			ret = PR_STATUS_FILE_ERROR;
		} else {
			ret = pr_run(st->ctx, &rq, fd);
			close(fd);
		}
	}
	if (ret == PR_STATUS_SYNTAX_ERROR) {
		if (nline == 0)
			usage();
		else
			fprintf(stderr, "syntax error on line %d in batch file\n",
				nline);
	} else if (batch) {
		int rv = run_batch_file(st, batch);

		ret = ret == PR_STATUS_SUCCESS ? rv : ret;
	}
	return ret;
}

int main(int argc, char **argv)
{
	struct discovery disc = { 0 };
	struct pr_context ctx = { .disc = &disc };
	struct run_state st = { .ctx = &ctx, .verbosity = 0 };
	int r;

	log_open("mpathpersist", LOG_TARGET_STDERR);
	if (argc < 2) {
		fprintf(stderr, "No parameter used\n");
		usage();
		return 1;
	}
	if (getuid() != 0) {
		fprintf(stderr, "need to be root\n");
		return 1;
	}
	log_set_verbosity(0);
	if (config_load(DEFAULT_CONFIG_FILE, DEFAULT_CONFIG_DIR, &ctx.conf) < 0)
		return 1;
	dm_setup();
	disc.conf = ctx.conf;
	disc.udev = udev_new();
	r = handle_args(&st, argc, argv, 0);
	if (disc.udev)
		udev_unref(disc.udev);
	config_free(ctx.conf);
	return r >= 0 ? r : PR_STATUS_OTHER;
}
