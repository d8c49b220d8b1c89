/* The daemon's "show ..." replies, in the reference's layouts. */
#ifndef MULTIPATHD_SHOW_H
#define MULTIPATHD_SHOW_H

#include <stdbool.h>

struct daemon;
struct multipath;
struct path;
struct strbuf;

/* fmt NULL: the default columns; header false: "raw format". */
int show_paths(struct daemon *dd, struct strbuf *out, const char *fmt,
	       bool header);
int show_maps(struct daemon *dd, struct strbuf *out, const char *fmt,
	      bool header);
int show_maps_stats(struct daemon *dd, struct strbuf *out);
/* All maps, or only one. */
int show_topology(struct daemon *dd, struct strbuf *out,
		  const struct multipath *only);
int show_status(struct daemon *dd, struct strbuf *out);
int show_daemon(struct daemon *dd, struct strbuf *out);
int show_config(struct daemon *dd, struct strbuf *out);
int show_wildcards(struct strbuf *out);

/* The same as JSON (print/json.h). only: "show map X json". 0 or
 * -ENOMEM. */
int show_maps_json(struct daemon *dd, struct strbuf *out,
		   const struct multipath *only);
int show_paths_json(struct daemon *dd, struct strbuf *out);
int show_path_json(struct daemon *dd, struct strbuf *out,
		   const struct path *pp);
int show_status_json(struct daemon *dd, struct strbuf *out);
int show_daemon_json(struct daemon *dd, struct strbuf *out);

/* metrics.c: OpenMetrics text */
int show_metrics(struct daemon *dd, struct strbuf *out);

/* show_host.c */
int show_config_local(struct daemon *dd, struct strbuf *out);
int show_blacklist(struct daemon *dd, struct strbuf *out);
int show_devices(struct daemon *dd, struct strbuf *out);

#endif
