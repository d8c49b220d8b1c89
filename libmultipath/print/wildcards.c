/* The %-wildcards of maps, path groups and paths (the reference's letters
 * and column titles) and the formatter that expands them. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "config/values.h"
#include "model/map.h"
#include "model/path.h"
#include "print/wildcards.h"
#include "util/cleanup.h"

#define MAP(o) ((const struct multipath *)(o))
#define PG(o) ((const struct pathgroup *)(o))
#define PATH(o) ((const struct path *)(o))

int print_size(struct strbuf *sb, unsigned long long sectors)
{
	static const char units[] = "KMGTP";
	double s = (double)(sectors / 2);	/* KiB */
	const char *u = units;

	while (s >= 1024 && u[1]) {
		s /= 1024;
		u++;
	}
	return strbuf_printf(sb, "%.*f%c", s < 10 ? 1 : 0, s, *u);
}

/* ---- maps ------------------------------------------------------------- */

static const struct path *first_path(const struct multipath *mpp)
{
	const struct pathgroup *pg;
	size_t i;

	if (mpp->paths.len)
		return mpp->paths.items[0];
	vec_foreach(&mpp->pgs, pg, i)
		if (pg->paths.len)
			return pg->paths.items[0];
	return NULL;
}

static int m_name(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, multipath_name(MAP(o)));
}

static int m_uuid(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, MAP(o)->wwid);
}

static int m_sysfs(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, MAP(o)->dm_dev[0] ? MAP(o)->dm_dev : "undef");
}

static int m_paths(struct strbuf *sb, const void *o)
{
	const struct pathgroup *pg;
	const struct path *pp;
	size_t i, j;
	int n = 0;

	vec_foreach(&MAP(o)->pgs, pg, i)
		vec_foreach(&pg->paths, pp, j)
			if (pp->state == PATH_UP || pp->state == PATH_GHOST ||
			    (pp->state <= PATH_UNCHECKED && pp->dmstate == DMP_ACTIVE))
				n++;
	return strbuf_printf(sb, "%d", n);
}

static int m_write_prot(struct strbuf *sb, const void *o)
{
	if (!MAP(o)->wp_known)
		return strbuf_append(sb, "undef");
	return strbuf_append(sb, MAP(o)->read_only ? "ro" : "rw");
}

static int m_dm_state(struct strbuf *sb, const void *o)
{
	if (MAP(o)->minor < 0)
		return strbuf_append(sb, "undef");
	return strbuf_append(sb, MAP(o)->suspended ? "suspend" : "active");
}

static int m_failback(struct strbuf *sb, const void *o)
{
	int fb = MAP(o)->failback;

	if (fb == FAILBACK_IMMEDIATE)
		return strbuf_append(sb, "immediate");
	if (fb == FAILBACK_FOLLOWOVER)
		return strbuf_append(sb, "followover");
	if (fb <= 0)
		return strbuf_append(sb, "-");
	return strbuf_printf(sb, "%d", fb);
}

static int m_queueing(struct strbuf *sb, const void *o)
{
	const struct multipath *mpp = MAP(o);

	if (mpp->no_path_retry == NO_PATH_RETRY_FAIL)
		return strbuf_append(sb, "off");
	if (mpp->no_path_retry == NO_PATH_RETRY_QUEUE)
		return strbuf_append(sb, "on");
	if (mpp->no_path_retry <= 0)
		return strbuf_append(sb, "-");
	if (mpp->queue_secs_left > 0)
		return strbuf_printf(sb, "%d sec", mpp->queue_secs_left);
	return strbuf_printf(sb, "%d chk", mpp->no_path_retry);
}

static int m_size(struct strbuf *sb, const void *o)
{
	return print_size(sb, MAP(o)->size);
}

static int m_features(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, MAP(o)->features ? MAP(o)->features : "0");
}

static int m_hwhandler(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, MAP(o)->hwhandler ? MAP(o)->hwhandler : "0");
}

static int m_action(struct strbuf *sb, const void *o)
{
	static const char *const names[] = {
		[ACT_UNDEF] = "", [ACT_NOTHING] = "", [ACT_CREATE] = "create",
		[ACT_RELOAD] = "reload", [ACT_SWITCHPG] = "switchpg",
		[ACT_RENAME] = "rename", [ACT_RESIZE] = "resize",
		[ACT_REJECT] = "reject",
	};

	return strbuf_append(sb, names[MAP(o)->action]);
}

#define STAT_PRINTER(fn, field)                                                \
	static int fn(struct strbuf *sb, const void *o)                        \
	{                                                                      \
		return strbuf_printf(sb, "%u", MAP(o)->field);                 \
	}
STAT_PRINTER(m_failures, stat_path_failures)
STAT_PRINTER(m_switchgroup, stat_switchgroup)
STAT_PRINTER(m_map_loads, stat_map_loads)
STAT_PRINTER(m_q_time, stat_total_queueing_time)
STAT_PRINTER(m_q_timeouts, stat_queueing_timeouts)

static int p_vpr(struct strbuf *sb, const void *o);

static int m_vpr(struct strbuf *sb, const void *o)
{
	const struct path *pp = first_path(MAP(o));

	return pp ? p_vpr(sb, pp) : strbuf_append(sb, "##,##");
}

static int m_vendor(struct strbuf *sb, const void *o)
{
	const struct path *pp = first_path(MAP(o));

	return strbuf_append(sb, pp ? pp->vendor : "##");
}

static int m_product(struct strbuf *sb, const void *o)
{
	const struct path *pp = first_path(MAP(o));

	return strbuf_append(sb, pp ? pp->product : "##");
}

static int m_rev(struct strbuf *sb, const void *o)
{
	const struct path *pp = first_path(MAP(o));

	return strbuf_append(sb, pp ? pp->rev : "##");
}

static int x_foreign(struct strbuf *sb, const void *o)
{
	(void)o;
	return strbuf_append(sb, "--");
}

static int x_undef(struct strbuf *sb, const void *o)
{
	(void)o;
	return strbuf_append(sb, "[undef]");
}

static const struct wildcard map_wildcards[] = {
	{ 'n', "name", m_name },
	{ 'w', "uuid", m_uuid },
	{ 'd', "sysfs", m_sysfs },
	{ 'F', "failback", m_failback },
	{ 'Q', "queueing", m_queueing },
	{ 'N', "paths", m_paths },
	{ 'r', "write_prot", m_write_prot },
	{ 't', "dm-st", m_dm_state },
	{ 'S', "size", m_size },
	{ 'f', "features", m_features },
	{ 'x', "failures", m_failures },
	{ 'h', "hwhandler", m_hwhandler },
	{ 'A', "action", m_action },
	{ '0', "path_faults", m_failures },
	{ '1', "switch_grp", m_switchgroup },
	{ '2', "map_loads", m_map_loads },
	{ '3', "total_q_time", m_q_time },
	{ '4', "q_timeouts", m_q_timeouts },
	{ 's', "vend/prod/rev", m_vpr },
	{ 'v', "vend", m_vendor },
	{ 'p', "prod", m_product },
	{ 'e', "rev", m_rev },
	{ 'G', "foreign", x_foreign },
	{ 'g', "vpd page data", x_undef },
	{ 0, NULL, NULL },
};

/* ---- path groups ------------------------------------------------------ */

static int g_selector(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PG(o)->selector ? PG(o)->selector : "");
}

static int g_prio(struct strbuf *sb, const void *o)
{
	return strbuf_printf(sb, "%d", PG(o)->priority);
}

static int g_state(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, pg_state_name(PG(o)->state));
}

static int g_marginal(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PG(o)->marginal ? "marginal" : "normal");
}

static const struct wildcard pg_wildcards[] = {
	{ 's', "selector", g_selector },
	{ 'p', "pri", g_prio },
	{ 't', "dm_st", g_state },
	{ 'M', "marginal_st", g_marginal },
	{ 0, NULL, NULL },
};

/* ---- paths ------------------------------------------------------------ */

static int p_uuid(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PATH(o)->wwid);
}

static int p_hcil(struct strbuf *sb, const void *o)
{
	char buf[64];

	format_hcil(PATH(o), buf, sizeof(buf));
	return strbuf_append(sb, buf);
}

static int p_dev(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PATH(o)->dev);
}

static int p_devt(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PATH(o)->dev_t);
}

static int p_dm_state(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, dm_path_state_name(PATH(o)->dmstate));
}

static int p_dev_state(struct strbuf *sb, const void *o)
{
	const char *s = PATH(o)->sysfs_state;

	/* an NVMe controller's states in the words of SCSI devices, as
	 * the reference shows them */
	if (PATH(o)->bus == BUS_NVME && *s)
		s = !strcmp(s, "live") || !strcmp(s, "resetting") ||
		    !strcmp(s, "connecting") ? "running" : "offline";
	return strbuf_append(sb, *s ? s : "unknown");
}

static int p_chk_state(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, path_state_name(PATH(o)->state));
}

static int p_vpr(struct strbuf *sb, const void *o)
{
	return strbuf_printf(sb, "%s,%s", PATH(o)->vendor, PATH(o)->product);
}

static int p_checker(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PATH(o)->checker_name[0] ?
				 PATH(o)->checker_name : "undef");
}

/* "XXXXX..... 5/10": seconds to the next check of the interval */
static int p_next_check(struct strbuf *sb, const void *o)
{
	const struct path *pp = PATH(o);
	unsigned int i, x;

	if (!pp->mpp || !pp->check_interval)
		return strbuf_append(sb, "orphan");
	x = 10 * (pp->check_tick < pp->check_interval ? pp->check_tick :
			pp->check_interval) / pp->check_interval;
	for (i = 0; i < 10; i++)
		if (strbuf_addc(sb, i < x ? 'X' : '.') < 0)
			return -ENOMEM;
	return strbuf_printf(sb, " %u/%u", pp->check_tick, pp->check_interval);
}

static int p_prio(struct strbuf *sb, const void *o)
{
	return strbuf_printf(sb, "%d", PATH(o)->priority);
}

static int p_size(struct strbuf *sb, const void *o)
{
	return print_size(sb, PATH(o)->size);
}

static int p_serial(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PATH(o)->serial);
}

static int p_marginal(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PATH(o)->marginal ? "marginal" : "normal");
}

static int p_multipath(struct strbuf *sb, const void *o)
{
	const struct multipath *mpp = PATH(o)->mpp;

	return strbuf_append(sb, mpp ? multipath_name(mpp) : "[orphan]");
}

static int p_tgt_node(struct strbuf *sb, const void *o)
{
	const char *n = PATH(o)->tgt_node_name;

	return strbuf_append(sb, *n ? n : "[undef]");
}

static int p_failures(struct strbuf *sb, const void *o)
{
	return strbuf_printf(sb, "%u", PATH(o)->failcount);
}

static int p_protocol(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, protocol_name(PATH(o)->protocol));
}

static int p_init_state(struct strbuf *sb, const void *o)
{
	return strbuf_append(sb, PATH(o)->wwid[0] ? "ok" : "init");
}

static int p_lun_hex(struct strbuf *sb, const void *o)
{
	uint64_t lun = PATH(o)->hcil.lun;
	unsigned w[4];
	int i;

	/* SAM 8-byte LUN: each 16-bit level, low level first */
	for (i = 0; i < 4; i++) {
		w[i] = (unsigned)(lun & 0xffff);
		lun >>= 16;
	}
	return strbuf_printf(sb, "0x%04x%04x%04x%04x", w[0], w[1], w[2], w[3]);
}

static const struct wildcard path_wildcards[] = {
	{ 'w', "uuid", p_uuid },
	{ 'i', "hcil", p_hcil },
	{ 'd', "dev", p_dev },
	{ 'D', "dev_t", p_devt },
	{ 't', "dm_st", p_dm_state },
	{ 'o', "dev_st", p_dev_state },
	{ 'T', "chk_st", p_chk_state },
	{ 's', "vend/prod/rev", p_vpr },
	{ 'c', "checker", p_checker },
	{ 'C', "next_check", p_next_check },
	{ 'p', "pri", p_prio },
	{ 'S', "size", p_size },
	{ 'z', "serial", p_serial },
	{ 'M', "marginal_st", p_marginal },
	{ 'm', "multipath", p_multipath },
	{ 'N', "host WWNN", x_undef },
	{ 'n', "target WWNN", p_tgt_node },
	{ 'R', "host WWPN", x_undef },
	{ 'r', "target WWPN", x_undef },
	{ 'a', "host adapter", x_undef },
	{ 'G', "foreign", x_foreign },
	{ 'g', "vpd page data", x_undef },
	{ '0', "failures", p_failures },
	{ 'P', "protocol", p_protocol },
	{ 'I', "init_st", p_init_state },
	{ 'L', "LUN hex", p_lun_hex },
	{ 0, NULL, NULL },
};

/* ---- the formatter ------------------------------------------------------ */

static const struct wildcard *table_of(enum print_kind kind)
{
	switch (kind) {
	case PRINT_MAP:
		return map_wildcards;
	case PRINT_PG:
		return pg_wildcards;
	case PRINT_PATH:
		break;
	}
	return path_wildcards;
}

static int find_wildcard(const struct wildcard *t, char c)
{
	int i;

	for (i = 0; t[i].letter; i++)
		if (t[i].letter == c)
			return i;
	return -1;
}

void layout_init(struct layout *lo, enum print_kind kind, bool with_header)
{
	const struct wildcard *t = table_of(kind);
	int i;

	memset(lo, 0, sizeof(*lo));
	lo->kind = kind;
	if (with_header)
		for (i = 0; t[i].letter; i++)
			lo->width[i] = (unsigned)strlen(t[i].header);
}

void layout_use_format(struct layout *lo, const char *fmt)
{
	const struct wildcard *t = table_of(lo->kind);
	const char *p;
	int i;

	for (p = fmt; *p; p++) {
		if (*p != '%' || !p[1])
			continue;
		i = find_wildcard(t, *++p);
		if (i >= 0 && i < 64)
			lo->only |= 1ULL << i;
	}
	/* none of the table's letters: nothing to measure, but not "all" */
	if (!lo->only)
		lo->only = 1ULL << 63;
}

/* obj's value of the i-th wildcard of table t: its own printer, or fn
 * for objects of another kind (foreign maps) */
static int value(struct strbuf *sb, enum print_kind kind,
		 const struct wildcard *t, int i, wildcard_value_fn fn,
		 const void *obj)
{
	return fn ? fn(sb, kind, t[i].letter, obj) : t[i].print(sb, obj);
}

void layout_add_with(struct layout *lo, wildcard_value_fn fn,
		     const void *obj)
{
	const struct wildcard *t = table_of(lo->kind);
	_cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
	int i;

	for (i = 0; t[i].letter; i++) {
		if (lo->only && !(lo->only & (1ULL << i)))
			continue;
		strbuf_reset(&sb);
		if (value(&sb, lo->kind, t, i, fn, obj) >= 0 &&
		    sb.len > lo->width[i])
			lo->width[i] = (unsigned)sb.len;
	}
}

void layout_add(struct layout *lo, const void *obj)
{
	layout_add_with(lo, NULL, obj);
}

static int expand(struct strbuf *sb, enum print_kind kind, const char *fmt,
		  wildcard_value_fn fn, const void *obj,
		  const struct layout *lo)
{
	const struct wildcard *t = table_of(kind);
	const char *p;

	for (p = fmt; *p; p++) {
		size_t start = sb->len;
		int i;

		if (*p != '%' || !p[1]) {
			if (strbuf_addc(sb, *p) < 0)
				return -ENOMEM;
			continue;
		}
		p++;
		i = find_wildcard(t, *p);
		if (i < 0) {
			if (strbuf_addc(sb, '%') < 0 || strbuf_addc(sb, *p) < 0)
				return -ENOMEM;
			continue;
		}
		if ((obj ? value(sb, kind, t, i, fn, obj) :
			   strbuf_append(sb, t[i].header)) < 0)
			return -ENOMEM;
		if (lo && sb->len - start < lo->width[i] &&
		    strbuf_fill(sb, ' ', lo->width[i] - (sb->len - start)) < 0)
			return -ENOMEM;
	}
	return 0;
}

int print_wildcard(struct strbuf *sb, enum print_kind kind, char letter,
		   const void *obj)
{
	const struct wildcard *t = table_of(kind);
	int i = find_wildcard(t, letter);

	return i < 0 ? -EINVAL : t[i].print(sb, obj);
}

int print_format(struct strbuf *sb, enum print_kind kind, const char *fmt,
		 const void *obj, const struct layout *lo)
{
	return expand(sb, kind, fmt, NULL, obj, lo);
}

int print_format_with(struct strbuf *sb, enum print_kind kind,
		      const char *fmt, wildcard_value_fn fn, const void *obj,
		      const struct layout *lo)
{
	return expand(sb, kind, fmt, fn, obj, lo);
}

int print_header(struct strbuf *sb, enum print_kind kind, const char *fmt,
		 const struct layout *lo)
{
	return expand(sb, kind, fmt, NULL, NULL, lo);
}

int print_wildcards(struct strbuf *sb)
{
	static const struct {
		const char *title;
		enum print_kind kind;
	} kinds[] = {
		{ "multipath format wildcards:", PRINT_MAP },
		{ "path format wildcards:", PRINT_PATH },
		{ "pathgroup format wildcards:", PRINT_PG },
	};
	size_t k;
	int i;

	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		const struct wildcard *t = table_of(kinds[k].kind);

		if (k && strbuf_addc(sb, '\n') < 0)
			return -ENOMEM;
		if (strbuf_printf(sb, "%s\n", kinds[k].title) < 0)
			return -ENOMEM;
		for (i = 0; t[i].letter; i++)
			if (strbuf_printf(sb, "%%%c  %s\n", t[i].letter,
					  t[i].header) < 0)
				return -ENOMEM;
	}
	return 0;
}
