/* Test helper for the guest (no JSON tool there): is standard input one
 * JSON value? Exit status 0 yes, 1 no (with a message), 2 unreadable. */
#include <stdio.h>
#include <stdlib.h>

#include "../../jsoncheck.h"

int main(void)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	size_t n;

	if (!buf)
		return 2;
	while ((n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
		len += n;
		if (len + 1 == cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb)
				return 2;
			buf = nb;
		}
	}
	buf[len] = '\0';
	if (!json_valid(buf)) {
		fprintf(stderr, "mp_jsoncheck: not JSON (%zu bytes)\n", len);
		return 1;
	}
	free(buf);
	return 0;
}
