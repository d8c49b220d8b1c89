/* mpathpersist's command line: the reference's options, their checks and
 * its messages for what is wrong. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static const struct option long_options[] = {
	{ "verbose", required_argument, NULL, 'v' },
	{ "clear", no_argument, NULL, 'C' },
	{ "device", required_argument, NULL, 'd' },
	{ "batch-file", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "hex", no_argument, NULL, 'H' },
	{ "in", no_argument, NULL, 'i' },
	{ "out", no_argument, NULL, 'o' },
	{ "param-alltgpt", no_argument, NULL, 'Y' },
	{ "param-aptpl", no_argument, NULL, 'Z' },
	{ "param-rk", required_argument, NULL, 'K' },
	{ "param-sark", required_argument, NULL, 'S' },
	{ "preempt", no_argument, NULL, 'P' },
	{ "preempt-abort", no_argument, NULL, 'A' },
	{ "prout-type", required_argument, NULL, 'T' },
	{ "read-full-status", no_argument, NULL, 's' },
	{ "read-keys", no_argument, NULL, 'k' },
	{ "read-reservation", no_argument, NULL, 'r' },
	{ "register", no_argument, NULL, 'G' },
	{ "register-ignore", no_argument, NULL, 'I' },
	{ "release", no_argument, NULL, 'L' },
	{ "report-capabilities", no_argument, NULL, 'c' },
	{ "reserve", no_argument, NULL, 'R' },
	{ "transport-id", required_argument, NULL, 'X' },
	{ "alloc-length", required_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

/* A hexadecimal key (like scanf's %x: an optional 0x, digits, anything
 * after them ignored); false when there is no digit. */
static bool parse_hex64(const char *s, uint64_t *v)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 16);
	return end != s && errno == 0;
}

int pr_parse_args(int argc, char **argv, int nline, int *verbosity,
		  struct pr_request *rq, char **batch)
{
	int c;

	memset(rq, 0, sizeof(*rq));
	rq->prin_sa = rq->prout_sa = -1;
	while ((c = getopt_long(argc, argv,
				"v:Cd:f:hHioYZK:S:PAT:skrGILcRX:l:",
				long_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (nline) {
				fprintf(stderr, "ERROR: -f option not allowed in batch file\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			if (*batch) {
				fprintf(stderr, "ERROR: -f option can be used at most once\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			*batch = strdup(optarg);
			if (!*batch)
				return PR_STATUS_OTHER;
			break;
		case 'v':
			if (nline == 0 && sscanf(optarg, "%d", &*verbosity) != 1) {
				fprintf(stderr, "bad argument to '--verbose'\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			break;
		case 'C':
			rq->prout_sa = PR_OUT_CLEAR;
			rq->n_prout_sa++;
			break;
		case 'd':
			rq->device = optarg;
			break;
		case 'h':
			return -1;
		case 'H':
			rq->hex = true;
			break;
		case 'i':
			rq->in = true;
			break;
		case 'o':
			rq->out = true;
			break;
		case 'Y':
			rq->all_tg_pt = true;
			break;
		case 'Z':
			rq->aptpl = true;
			break;
		case 'K':
			if (!parse_hex64(optarg, &rq->rk)) {
				fprintf(stderr, "bad argument to '--param-rk'\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			break;
		case 'S':
			if (!parse_hex64(optarg, &rq->sark)) {
				fprintf(stderr, "bad argument to '--param-sark'\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			break;
		case 'P':
			rq->prout_sa = PR_OUT_PREEMPT;
			rq->n_prout_sa++;
			break;
		case 'A':
			rq->prout_sa = PR_OUT_PREEMPT_AND_ABORT;
			rq->n_prout_sa++;
			break;
		case 'T': {
			uint64_t t;

			if (!parse_hex64(optarg, &t) || t > 0xf) {
				fprintf(stderr, "bad argument to '--prout-type'\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			rq->type = (unsigned)t;
			break;
		}
		case 's':
			rq->prin_sa = PR_IN_READ_FULL_STATUS;
			rq->n_prin_sa++;
			break;
		case 'k':
			rq->prin_sa = PR_IN_READ_KEYS;
			rq->n_prin_sa++;
			break;
		case 'r':
			rq->prin_sa = PR_IN_READ_RESERVATION;
			rq->n_prin_sa++;
			break;
		case 'G':
			rq->prout_sa = PR_OUT_REGISTER;
			rq->n_prout_sa++;
			break;
		case 'I':
			rq->prout_sa = PR_OUT_REGISTER_IGNORE;
			rq->n_prout_sa++;
			break;
		case 'L':
			rq->prout_sa = PR_OUT_RELEASE;
			rq->n_prout_sa++;
			break;
		case 'c':
			rq->prin_sa = PR_IN_REPORT_CAPABILITIES;
			rq->n_prin_sa++;
			break;
		case 'R':
			rq->prout_sa = PR_OUT_RESERVE;
			rq->n_prout_sa++;
			break;
		case 'X':
			if (rq->n_tids >= PR_MAX_TIDS ||
			    pr_tid_parse(optarg, &rq->tids[rq->n_tids]) < 0) {
				fprintf(stderr, "bad argument to '--transport-id'\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			rq->n_tids++;
			break;
		case 'l':
			if (sscanf(optarg, "%u", &rq->alloc_len) != 1) {
				fprintf(stderr, "bad argument to '--alloc-length'\n");
				return PR_STATUS_SYNTAX_ERROR;
			}
			if (rq->alloc_len > PR_MAX_ALLOC_LEN) {
				fprintf(stderr, "'--alloc-length' argument exceeds maximum limit(%d)\n",
					PR_MAX_ALLOC_LEN);
				return PR_STATUS_SYNTAX_ERROR;
			}
			break;
		default:
			/* getopt said what it did not like */
			return PR_STATUS_SYNTAX_ERROR;
		}
	}
	if (optind < argc) {
		if (!rq->device)
			rq->device = argv[optind++];
		if (optind < argc) {
			for (; optind < argc; optind++)
				fprintf(stderr, "Unexpected extra argument: %s\n",
					argv[optind]);
			return PR_STATUS_SYNTAX_ERROR;
		}
	}
	if (!rq->in && !rq->out) {
		if (*batch)
			return PR_STATUS_SUCCESS;
		fprintf(stderr, "choose either '--in' or '--out' \n");
		return PR_STATUS_SYNTAX_ERROR;
	}
	if (rq->in && rq->out) {
		fprintf(stderr, "choose either '--in' or '--out' \n");
		return PR_STATUS_SYNTAX_ERROR;
	}
	if (rq->out) {
		if (rq->n_prout_sa != 1 || rq->n_prin_sa != 0) {
			fprintf(stderr, " For Persistent Reserve Out only one appropriate\n"
				" service action must be chosen \n");
			return PR_STATUS_SYNTAX_ERROR;
		}
	} else {
		if (rq->n_prout_sa > 0) {
			fprintf(stderr, " When a service action for Persistent Reserve Out is chosen the\n"
				" '--out' option must be given \n");
			return PR_STATUS_SYNTAX_ERROR;
		}
		if (rq->n_prin_sa == 0) {
			fprintf(stderr, " No service action given for Persistent Reserve IN\n");
			return PR_STATUS_SYNTAX_ERROR;
		}
		if (rq->n_prin_sa > 1) {
			fprintf(stderr, " Too many service actions given; choose one only\n");
			return PR_STATUS_SYNTAX_ERROR;
		}
	}
	if ((rq->prout_sa == PR_OUT_RESERVE || rq->prout_sa == PR_OUT_RELEASE ||
	     rq->prout_sa == PR_OUT_PREEMPT ||
	     rq->prout_sa == PR_OUT_PREEMPT_AND_ABORT) && rq->type == 0)
		fprintf(stderr, "Warning: --prout-type probably needs to be given\n");
	if (*verbosity > 2 && rq->n_tids)
		fprintf(stderr, "number of tranport-ids decoded from command line : %zu\n",
			rq->n_tids);
	if (!rq->device) {
		fprintf(stderr, "No device name given \n");
		return PR_STATUS_SYNTAX_ERROR;
	}
	return PR_STATUS_SUCCESS;
}

