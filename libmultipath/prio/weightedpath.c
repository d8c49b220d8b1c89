/* The weightedpath prioritizer: priorities given in prio_args by regular
 * expressions on a path's H:B:T:L, device name, serial or WWNs:
 * "hbtl|devname|serial|wwn REGEX PRIO [REGEX PRIO ...]". A path that no
 * regex matches, or bad arguments, get priority 0. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discovery/sysfs.h"
#include "discovery/wwid.h"
#include "model/path.h"
#include "prio/parsers.h"
#include "prio/prio.h"
#include "util/cleanup.h"
#include "util/log.h"
#include "util/regex.h"
#include "util/strbuf.h"

#define WP_DEFAULT_PRIO 0
#define BLANKS " \t"

static const char *const key_names[] = {
	[WP_HBTL] = "hbtl",
	[WP_DEVNAME] = "devname",
	[WP_SERIAL] = "serial",
	[WP_WWN] = "wwn",
};

int weightedpath_parse_key(const char *args, enum wp_key *key,
			   const char **rest)
{
	size_t n, i;

	args += strspn(args, BLANKS);
	n = strcspn(args, BLANKS);
	if (n == 0)
		return -ENODATA;
	for (i = 0; i < ARRAY_SIZE(key_names); i++) {
		if (strlen(key_names[i]) == n &&
		    strncmp(args, key_names[i], n) == 0) {
			*key = (enum wp_key)i;
			*rest = args + n;
			return 0;
		}
	}
	return -EINVAL;
}

/* The next blank-separated word of *s, copied into a new string. */
static char *next_word(const char **s)
{
	const char *w = *s + strspn(*s, BLANKS);
	size_t n = strcspn(w, BLANKS);

	*s = w + n;
	return n ? strndup(w, n) : NULL;
}

bool weightedpath_match(const char *pairs, const char *subject, int *prio)
{
	for (;;) {
		_cleanup_free_ char *regex = next_word(&pairs);
		_cleanup_free_ char *value = next_word(&pairs);
		struct mp_regex *re;
		bool m;

		if (!regex || !value)
			return false;
		re = mp_regex_new(regex, false, NULL);
		if (!re)
			continue;	/* a bad regex is skipped */
		m = mp_regex_match(re, subject);
		mp_regex_free(re);
		if (m) {
			/* atoi()'s reading of the number, as the reference */
			*prio = (int)strtol(value, NULL, 10);
			return true;
		}
	}
}

/* An FC attribute, "[undef]" for other transports, "[unknown]" if the
 * kernel does not show it. */
static void fc_attr(const struct prio_ctx *ctx, struct strbuf *sb,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fc_attr(const struct prio_ctx *ctx, struct strbuf *sb,
		    const char *fmt, ...)
{
	char rel[128], buf[64];
	va_list ap;

	if (ctx->bus != BUS_SCSI || ctx->protocol != PROTOCOL_SCSI_FCP) {
		strbuf_append(sb, "[undef]");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	if (sysfs_read(ctx->sysfs_root, buf, sizeof(buf), "%s", rel) < 0)
		strbuf_append(sb, "[unknown]");
	else
		strbuf_append(sb, buf);
}

/* What the key's regexes are matched against. */
static int subject(const struct prio_ctx *ctx, enum wp_key key,
		   struct strbuf *sb)
{
	const struct hcil *h = &ctx->hcil;
	char serial[SERIAL_SIZE];

	switch (key) {
	case WP_HBTL:
		return strbuf_printf(sb, "%d:%d:%d:%" PRIu64, h->host,
				     h->channel, h->target, h->lun);
	case WP_DEVNAME:
		return strbuf_append(sb, ctx->dev);
	case WP_SERIAL:
		/* multipath -l does not read serials: fetch it then */
		if (!ctx->serial[0] && ctx->bus == BUS_SCSI) {
			scsi_serial(ctx->sysfs_root, ctx->dev, serial,
				    sizeof(serial));
			return strbuf_append(sb, serial);
		}
		return strbuf_append(sb, ctx->serial);
	case WP_WWN:
		fc_attr(ctx, sb, "class/fc_host/host%d/node_name", h->host);
		strbuf_addc(sb, ':');
		fc_attr(ctx, sb, "class/fc_host/host%d/port_name", h->host);
		strbuf_addc(sb, ':');
		strbuf_append(sb, ctx->tgt_node_name[0] ? ctx->tgt_node_name :
							  "[undef]");
		strbuf_addc(sb, ':');
		fc_attr(ctx, sb, "class/fc_transport/target%d:%d:%d/port_name",
			h->host, h->channel, h->target);
		return 0;
	}
	return -EINVAL;
}

static int weightedpath_getprio(const struct prio_ctx *ctx)
{
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	const char *pairs;
	enum wp_key key;
	int prio, r;

	r = weightedpath_parse_key(ctx->args, &key, &pairs);
	if (r == -ENODATA)
		return WP_DEFAULT_PRIO;
	if (r < 0) {
		prio_log(ctx, 0, "%s: weightedpath - Invalid arguments", ctx->dev);
		return WP_DEFAULT_PRIO;
	}
	r = subject(ctx, key, &sb);
	if (r < 0)
		return WP_DEFAULT_PRIO;
	prio_log(ctx, 4, "%s: weightedpath matches \"%s\"", ctx->dev,
		strbuf_str(&sb));
	if (!weightedpath_match(pairs, strbuf_str(&sb), &prio))
		return WP_DEFAULT_PRIO;
	if (prio < 0) {
		prio_log(ctx, 2, "%s: weightedpath: negative priority %d", ctx->dev,
			prio);
		return -EINVAL;
	}
	return prio;
}

const struct prio_ops prio_weightedpath = {
	.name = "weightedpath",
	.getprio = weightedpath_getprio,
	.no_io = true,
};
