/* Handing a command to a running multipathd (multipath -r, -f). */
#ifndef MULTIPATH_DELEGATE_H
#define MULTIPATH_DELEGATE_H

struct mp_context;

enum {
	DELEGATE_NO,		/* not handed over: do it here */
	DELEGATE_OK,		/* the daemon did it */
	DELEGATE_FAILED,	/* the daemon tried and failed (reply shown) */
};

int delegate_to_daemon(const struct mp_context *ctx);

#endif
