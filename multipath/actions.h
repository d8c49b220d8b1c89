/* The multipath program: shared state of its actions. */
#ifndef MULTIPATH_ACTIONS_H
#define MULTIPATH_ACTIONS_H

#include "options.h"

struct config;
struct discovery;

/* Exit codes of the reference */
#define MP_EXIT_OK 0
#define MP_EXIT_FAIL 1

struct mp_context {
	const struct mp_options *opts;
	struct config *conf;
	const struct discovery *disc;
};

int cmd_dump_config(struct mp_context *ctx);
int cmd_list(struct mp_context *ctx);
int cmd_valid_path(struct mp_context *ctx);
int cmd_create(struct mp_context *ctx);
int cmd_flush(struct mp_context *ctx);
int cmd_wwids(struct mp_context *ctx);
int cmd_usable_paths(struct mp_context *ctx);

#endif
