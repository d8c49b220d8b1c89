/* mpathpersist's command line: what each option sets, the reference's
 * checks of combinations and values, and its messages on stderr. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "testutil.h"

struct parsed {
	struct pr_request rq;
	char *batch;
	int verbosity;
	int ret;
	char err[4096];		/* what went to stderr */
};

/* Parse the blank-separated words of line as mpathpersist's arguments
 * (nline as pr_parse_args takes it), stderr captured. */
static void parse(const char *line, int nline, struct parsed *p)
{
	char copy[512], *argv[32], *save = NULL, *w;
	int argc = 0, saved, fd;
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	memset(p, 0, sizeof(*p));
	snprintf(copy, sizeof(copy), "%s", line);
	argv[argc++] = (char *)"mpathpersist";
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	fflush(stderr);
	saved = dup(2);
	fd = fileno(f);
	dup2(fd, 2);
	optind = 0;
	opterr = 1;
	p->ret = pr_parse_args(argc, argv, nline, &p->verbosity, &p->rq,
			       &p->batch);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	n = fread(p->err, 1, sizeof(p->err) - 1, f);
	p->err[n] = '\0';
	fclose(f);
	/* the device points into copy: keep only whether there was one */
	if (p->rq.device)
		p->rq.device = "set";
}

static void done(struct parsed *p)
{
	free(p->batch);
}

static void test_read_keys(void **state)
{
	struct parsed p;

	parse("-i -k /dev/mapper/mpatha", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_true(p.rq.in);
	assert_false(p.rq.out);
	assert_int_equal(p.rq.prin_sa, PR_IN_READ_KEYS);
	assert_string_equal(p.rq.device, "set");
	assert_string_equal(p.err, "");
	done(&p);

	parse("--in --read-full-status --device=/dev/dm-0 --hex", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_int_equal(p.rq.prin_sa, PR_IN_READ_FULL_STATUS);
	assert_true(p.rq.hex);
	assert_non_null(p.rq.device);
	done(&p);
}

static void test_prout_values(void **state)
{
	struct parsed p;

	parse("-o -G -K 0x12 -S 123ABC -Z -Y dev", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_int_equal(p.rq.prout_sa, PR_OUT_REGISTER);
	assert_true(p.rq.rk == 0x12);
	assert_true(p.rq.sark == 0x123abc);
	assert_true(p.rq.aptpl);
	assert_true(p.rq.all_tg_pt);
	done(&p);

	parse("-o -R -K ffffffffffffffff -T 5 dev", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_int_equal(p.rq.prout_sa, PR_OUT_RESERVE);
	assert_true(p.rq.rk == UINT64_MAX);
	assert_int_equal(p.rq.type, 5);
	assert_string_equal(p.err, "");
	done(&p);

	/* no type: the reference's warning, not an error */
	parse("-o -L -K 1 dev", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_string_equal(p.err, "Warning: --prout-type probably needs to be given\n");
	done(&p);

	parse("-o -A -K 1 -S 2 -T 8 dev", 0, &p);
	assert_int_equal(p.rq.prout_sa, PR_OUT_PREEMPT_AND_ABORT);
	assert_int_equal(p.rq.type, 8);
	done(&p);

	parse("-o -X sas,5001405000000001 -X iqn.2003-01.org.x -G -S 1 dev", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_int_equal(p.rq.n_tids, 2);
	done(&p);
}

struct bad_line {
	const char *line;
	const char *err;	/* all that goes to stderr */
};

/* each line is a syntax error, with its message */
static void expect_syntax_errors(const struct bad_line *bad, size_t n)
{
	struct parsed p;
	size_t i;

	for (i = 0; i < n; i++) {
		parse(bad[i].line, 0, &p);
		assert_int_equal(p.ret, PR_STATUS_SYNTAX_ERROR);
		assert_string_equal(p.err, bad[i].err);
		done(&p);
	}
}

static void test_bad_values(void **state)
{
	static const struct bad_line bad[] = {
		{ "-o -G -K xyz dev", "bad argument to '--param-rk'\n" },
		{ "-o -G -S -1 dev", "bad argument to '--param-sark'\n" },
		{ "-o -R -K 1 -T 10 dev", "bad argument to '--prout-type'\n" },
		{ "-o -R -K 1 -T zz dev", "bad argument to '--prout-type'\n" },
		{ "-o -G -S 1 -X fcp,12 dev", "bad argument to '--transport-id'\n" },
		{ "-o -G -S 1 -X nonsense dev", "bad argument to '--transport-id'\n" },
		{ "-i -k -l abc dev", "bad argument to '--alloc-length'\n" },
		{ "-i -k -l 9000 dev", "'--alloc-length' argument exceeds maximum limit(8192)\n" },
		{ "-v x -i -k dev", "bad argument to '--verbose'\n" },
	};

	expect_syntax_errors(bad, sizeof(bad) / sizeof(*bad));
}

static void test_combinations(void **state)
{
	static const struct bad_line bad[] = {
		{ "-k dev", "choose either '--in' or '--out' \n" },
		{ "-i -o -k dev", "choose either '--in' or '--out' \n" },
		{ "-o dev", " For Persistent Reserve Out only one appropriate\n"
			    " service action must be chosen \n" },
		{ "-o -G -R dev", " For Persistent Reserve Out only one appropriate\n"
				  " service action must be chosen \n" },
		{ "-o -G -k dev", " For Persistent Reserve Out only one appropriate\n"
				  " service action must be chosen \n" },
		{ "-i -k -G dev", " When a service action for Persistent Reserve Out is chosen the\n"
				  " '--out' option must be given \n" },
		{ "-i dev", " No service action given for Persistent Reserve IN\n" },
		{ "-i -k -r dev", " Too many service actions given; choose one only\n" },
		{ "-i -k", "No device name given \n" },
		{ "-i -k dev extra more", "Unexpected extra argument: extra\n"
					  "Unexpected extra argument: more\n" },
	};
	struct parsed p;

	expect_syntax_errors(bad, sizeof(bad) / sizeof(*bad));
	/* -d and the argument: -d wins, the argument is one too many */
	parse("-i -k -d a b", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SYNTAX_ERROR);
	assert_string_equal(p.err, "Unexpected extra argument: b\n");
	done(&p);
}

static void test_help_and_batch(void **state)
{
	struct parsed p;

	parse("-h", 0, &p);
	assert_int_equal(p.ret, -1);
	done(&p);

	/* a batch file alone needs neither --in nor --out */
	parse("-f /tmp/cmds", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_string_equal(p.batch, "/tmp/cmds");
	assert_false(p.rq.in || p.rq.out);
	done(&p);

	parse("-f a -f b", 0, &p);
	assert_int_equal(p.ret, PR_STATUS_SYNTAX_ERROR);
	assert_string_equal(p.err, "ERROR: -f option can be used at most once\n");
	done(&p);

	/* a batch file's line: no -f, and its -v is ignored */
	parse("-f x -i -k dev", 3, &p);
	assert_int_equal(p.ret, PR_STATUS_SYNTAX_ERROR);
	assert_string_equal(p.err, "ERROR: -f option not allowed in batch file\n");
	done(&p);
	parse("-v 4 -i -k dev", 2, &p);
	assert_int_equal(p.ret, PR_STATUS_SUCCESS);
	assert_int_equal(p.verbosity, 0);
	done(&p);
	parse("-v 3 -i -k dev", 0, &p);
	assert_int_equal(p.verbosity, 3);
	done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_keys),
		cmocka_unit_test(test_prout_values),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_combinations),
		cmocka_unit_test(test_help_and_batch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
