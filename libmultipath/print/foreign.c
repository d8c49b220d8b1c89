/* Wildcard values of native NVMe maps and paths. */
#include <errno.h>
#include <string.h>

#include "foreign/nvme.h"
#include "print/foreign.h"

#define NA "n/a"

static int vpr(struct strbuf *sb, const struct nvme_map *m)
{
	return strbuf_printf(sb, "NVMe,%s,%s", m->model, m->rev);
}

static bool has_ana(const struct nvme_map *m)
{
	const struct nvme_path *p;
	size_t i;

	vec_foreach(&m->paths, p, i)
		if (p->ana_state[0])
			return true;
	return false;
}

static int map_value(struct strbuf *sb, char letter, const struct nvme_map *m)
{
	switch (letter) {
	case 'n':
		return strbuf_append(sb, m->name);
	case 'w':
		return strbuf_append(sb, m->wwid);
	case 'd':
		return strbuf_append(sb, m->dev);
	case 'N':
		return strbuf_printf(sb, "%zu", m->paths.len);
	case 'S':
		return strbuf_append(sb, m->size);
	case 's':
		return vpr(sb, m);
	case 'v':
		return strbuf_append(sb, "NVMe");
	case 'p':
		return strbuf_append(sb, m->model);
	case 'e':
		return strbuf_append(sb, m->rev);
	case 'h':
		return strbuf_append(sb, has_ana(m) ? "ANA" : NA);
	case 'r':
		return strbuf_append(sb, m->ro ? "ro" : "rw");
	case 'G':
		return strbuf_append(sb, "nvme");
	}
	return strbuf_append(sb, NA);
}

static const char *or_na(const char *s)
{
	return *s ? s : NA;
}

static int path_value(struct strbuf *sb, char letter,
		      const struct nvme_path *p)
{
	switch (letter) {
	case 'w':
		return strbuf_append(sb, p->map->wwid);
	case 'i':
		return strbuf_append(sb, p->hcil);
	case 'd':
		return strbuf_append(sb, p->dev);
	case 'D':	/* hidden devices have no device number */
		return strbuf_append(sb, "0:0");
	case 'o':
		return strbuf_append(sb, or_na(p->ctrl_state));
	case 'T':
		return strbuf_append(sb, or_na(p->ana_state));
	case 's':
		return vpr(sb, p->map);
	case 'p':
		return strbuf_printf(sb, "%d", nvme_ana_prio(p->ana_state));
	case 'S':
		return strbuf_append(sb, p->map->size);
	case 'z':
		return strbuf_append(sb, p->serial);
	case 'm':
		return strbuf_append(sb, p->map->dev);
	case 'N':
	case 'R':
		return strbuf_printf(sb, "%s:%s", p->transport, p->address);
	case 'G':
		return strbuf_append(sb, "[nvme]");
	}
	return strbuf_append(sb, NA);
}

static int pg_value(struct strbuf *sb, char letter, const struct nvme_path *p)
{
	switch (letter) {
	case 'p':
		return strbuf_printf(sb, "%d", nvme_ana_prio(p->ana_state));
	case 't':
		return strbuf_append(sb, or_na(p->ana_state));
	}
	return strbuf_append(sb, NA);
}

int nvme_wildcard(struct strbuf *sb, enum print_kind kind, char letter,
		  const void *obj)
{
	switch (kind) {
	case PRINT_MAP:
		return map_value(sb, letter, obj);
	case PRINT_PG:
		return pg_value(sb, letter, obj);
	case PRINT_PATH:
		break;
	}
	return path_value(sb, letter, obj);
}
