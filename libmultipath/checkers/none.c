/* The none checker: every path is up, nothing is sent to the device. */
#include "checkers/checker.h"

static enum path_state none_check(struct check_call *cc)
{
	cc->msg = NULL;
	return PATH_UP;
}

const struct checker_ops checker_none = {
	.name = "none",
	.open_flags = -1,
	.run = CHECK_INLINE,
	.check = none_check,
};
