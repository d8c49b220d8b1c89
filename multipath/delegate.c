/* What multipath hands to a running multipathd, like the reference: -r
 * becomes "reconfigure all" (the daemon reloads every map and keeps its
 * model right), -f MAP becomes "del map MAP" (tried locally when the
 * daemon refuses). -D, or SKIP_MULTIPATHD_DELEGATE in the environment,
 * keeps everything local. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "delegate.h"
#include "ipc/framing.h"
#include "ipc/uxsock.h"
#include "util/cleanup.h"
#include "util/log.h"

/* The daemon's reply to request, or NULL when none came. */
static char *ask(const char *request)
{
	_cleanup_close_ int fd = mpath_connect();
	char *reply = NULL;

	if (fd < 0)
		return NULL;
	if (mpath_send_msg(fd, request, MULTIPATHD_REPLY_TIMEOUT) < 0 ||
	    mpath_recv_msg(fd, IPC_MAX_REPLY, MULTIPATHD_REPLY_TIMEOUT,
			   &reply) < 0)
		return NULL;
	return reply;
}

int delegate_to_daemon(const struct mp_context *ctx)
{
	const struct mp_options *o = ctx->opts;
	_cleanup_free_ char *reply = NULL;
	char request[300];
	bool must = true;

	if (o->skip_delegate || getenv("SKIP_MULTIPATHD_DELEGATE"))
		return DELEGATE_NO;
	if (o->cmd == CMD_CREATE && o->force_reload && !o->dry_run &&
	    !o->device) {
		snprintf(request, sizeof(request), "reconfigure all");
	} else if (o->cmd == CMD_FLUSH_ONE && o->device &&
		   !strchr(o->device, '/')) {
		snprintf(request, sizeof(request), "del map %s", o->device);
		/* the daemon does not retry: multipath may */
		must = false;
	} else {
		return DELEGATE_NO;
	}
	reply = ask(request);
	if (!reply)
		return DELEGATE_NO;
	condlog(3, "delegated to multipathd: \"%s\": %s", request, reply);
	if (!strcmp(reply, "ok\n"))
		return DELEGATE_OK;
	if (!must)
		return DELEGATE_NO;
	fputs(reply, stdout);
	return DELEGATE_FAILED;
}
