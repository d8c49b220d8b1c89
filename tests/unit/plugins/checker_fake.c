/* A checker plugin for test_checkers_plugin, built three ways: "fake"
 * (good), "badabi" (another ABI version), "nosym" (no descriptor). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "checkers/checker_plugin.h"

#ifndef FAKE_NAME
#define FAKE_NAME "fake"
#endif

/* how many contexts were freed, read by the test */
int fake_frees;

static int fake_init(int fd, const char *dev, unsigned int timeout_ms,
		     void **ctx)
{
	if (!strcmp(dev, "sdinitfails"))
		return -EIO;
	*ctx = strdup(dev);
	return *ctx ? 0 : -ENOMEM;
}

static void fake_free(void *ctx)
{
	free(ctx);
	fake_frees++;
}

/* The state is the name's first letter: g ghost, d down, x invalid. */
static int fake_check(const struct mp_check_args *a, const char **msg)
{
	if (!a->ctx || strcmp(a->ctx, a->dev) || a->timeout_ms != 1500)
		return MP_PATH_WILD;
	switch (a->dev[0]) {
	case 'g':
		*msg = " reports path is ghost";
		return MP_PATH_GHOST;
	case 'd':
		*msg = " reports path is down";
		return MP_PATH_DOWN;
	case 'x':
		return 42;
	default:
		*msg = " reports path is up";
		return MP_PATH_UP;
	}
}

/* "nosym" exports the descriptor under another name */
#ifdef NO_SYMBOL
#define DESCRIPTOR fake_descriptor
#else
#define DESCRIPTOR mp_checker_plugin
#endif

const struct mp_checker_plugin DESCRIPTOR = {
#ifdef BAD_ABI
	.abi_version = MP_CHECKER_ABI_VERSION + 1,
#else
	.abi_version = MP_CHECKER_ABI_VERSION,
#endif
	.size = sizeof(struct mp_checker_plugin),
	.name = FAKE_NAME,
	.open_flags = O_RDONLY,
	.init = fake_init,
	.free = fake_free,
	.check = fake_check,
};
