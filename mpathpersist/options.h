/* mpathpersist's command line (options.c). */
#ifndef MPATHPERSIST_OPTIONS_H
#define MPATHPERSIST_OPTIONS_H

#include "persist.h"

/* the largest allocation length of a PR IN (-l) */
#define PR_MAX_ALLOC_LEN 8192

/*
 * Parse one command line into *rq (nline 0: the program's own, else the
 * batch file's line nline, where -f is refused and -v ignored) and check
 * it as the reference does, its messages on stderr. *batch gets -f's
 * file (strdup'd). Returns PR_STATUS_SUCCESS (also for a line that only
 * names a batch file), PR_STATUS_SYNTAX_ERROR, PR_STATUS_OTHER (no
 * memory), or -1 for -h.
 */
int pr_parse_args(int argc, char **argv, int nline, int *verbosity,
		  struct pr_request *rq, char **batch);

#endif
