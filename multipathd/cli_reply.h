/* From a request's text to its reply, as the reference answers: parse,
 * the permission check, the command's handler (supplied by the daemon),
 * and the replies of the reference when a handler writes none, when a
 * request does not parse, and for help. */
#ifndef MPD_CLI_REPLY_H
#define MPD_CLI_REPLY_H

#include <stdbool.h>

#include "cli_parse.h"
#include "util/strbuf.h"

/*
 * A command's handler: daemon is the daemon's own state; it may append a
 * reply. When it appends none, its result decides the reply, as in the
 * reference: 0 "ok", -ETIMEDOUT "timeout", -EPERM the permission text,
 * -EINVAL/-ESRCH/-ENOMEM the help (see cli_default_reply()), any other
 * value "fail" (so an error that is no fault of the request's words is
 * best -EIO or 1).
 */
typedef int (*cli_handler)(void *daemon, const struct cli_args *args,
			   struct strbuf *reply);

/* The help: the version line, "CLI commands reference:", one line per
 * command. -ENOMEM. */
int cli_help(struct strbuf *out);
/* One command's words the way the help shows them, e.g.
 * " list|show map|multipath $map json". -ENOMEM. */
int cli_print_command(const struct cli_command *c, struct strbuf *out);

/*
 * Append what the reference sends for the result r of a request whose
 * handler wrote nothing, or that failed to parse (cli_parse()'s results):
 * the request's text with ": not found" (-ESRCH), ": Missing argument"
 * (-EINVAL) or ": Not enough memory" (-ENOMEM; the reference says this of
 * a blank request too, -ENODATA), then the help; "ok", "timeout", the
 * permission text or "fail" (everything else, -ENOENT too), each with a
 * newline. -ENOMEM.
 */
int cli_default_reply(const char *request, int r, struct strbuf *reply);

/*
 * Answer request into reply (empty so far): parse it; refuse a command that needs root
 * to others (is_root: from the socket's peer credentials); run its
 * handler from handlers[], indexed by enum cli_cmd (a NULL one is a
 * command the daemon does not have: "fail"); when it wrote nothing, the
 * reply its result calls for. Returns the parse error, -EPERM, -ENOSYS
 * (no handler) or the handler's result, for the daemon's log.
 */
int cli_handle(const char *request, bool is_root, const cli_handler *handlers,
	       void *daemon, struct strbuf *reply);

#endif
