/* libFuzzer target: the multipath.conf parser on arbitrary bytes. Besides
 * not crashing, the printed configuration must parse back without a
 * warning and print identically (multipath -t round trip). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/dump.h"
#include "util/log.h"

/* FUZZ_DEBUG=1 shows the parser's messages when replaying an input. */
static void sink(int level, const char *msg, void *ud)
{
	(void)level;
	(void)ud;
	if (getenv("FUZZ_DEBUG"))
		fprintf(stderr, "%s\n", msg);
}

/* Print like multipath -T: the built-in device entries the input did not
 * touch are the same in both configs and would only slow the fuzzer. */
static char *print(const struct config *conf)
{
	const struct hwentry **hwes = calloc(conf->hwtable.len + 1,
					     sizeof(*hwes));
	struct config_print_opts opts = { .hwes = hwes };
	struct strbuf sb = STRBUF_INIT;
	const struct hwentry *hwe;
	size_t i;

	if (!hwes)
		abort();
	vec_foreach(&conf->hwtable, hwe, i)
		if (!hwe->builtin)
			hwes[opts.n_hwes++] = hwe;
	if (config_print(conf, &sb, &opts) < 0)
		abort();
	free(hwes);
	return strbuf_steal(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *conf, *again;
	char *first, *second;

	log_set_sink(sink, NULL);
	log_set_verbosity(4);
	conf = config_new();
	if (!conf)
		return 0;
	if (config_parse_buffer(conf, (const char *)data, size, "fuzz") < 0 ||
	    config_finalize(conf) < 0) {
		config_free(conf);
		return 0;
	}
	first = print(conf);

	again = config_new();
	if (!again || config_parse_buffer(again, first, strlen(first), "again") < 0 ||
	    config_finalize(again) < 0)
		abort();
	if (again->warnings)
		abort();	/* our own output must be valid input */
	second = print(again);
	if (strcmp(first, second) != 0)
		abort();	/* and must print back identically */
	free(first);
	free(second);
	config_free(again);
	config_free(conf);
	return 0;
}
