/* multipathd's "show ... json" replies. Maps are the reference's layout
 * to the character (JSON version 0.1); paths, status and daemon are ours,
 * in the same layout, with the same version header. */
#ifndef MP_PRINT_JSON_H
#define MP_PRINT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "model/path.h"
#include "util/strbuf.h"
#include "util/vector.h"

#define JSON_MAJOR_VERSION 0
#define JSON_MINOR_VERSION 1

struct multipath;

/* All return 0 or -ENOMEM. Vectors may hold NULL slots (skipped). */

/* "show maps json": {..., "maps": [{map},{map}]}. maps: struct multipath *. */
int print_maps_json(struct strbuf *sb, const struct vec *maps);
/* "show map X json": {..., "map":{map}}. */
int print_map_json(struct strbuf *sb, const struct multipath *mpp);
/* "show paths json": {..., "paths": [{path},...]}. paths: struct path *. */
int print_paths_json(struct strbuf *sb, const struct vec *paths);
/* "show path X json": {..., "path":{path}}. */
int print_path_json(struct strbuf *sb, const struct path *pp);
/* "show status json": the paths in each checker state (the states with
 * none left out, as in "show status"), how many paths, busy. */
int print_status_json(struct strbuf *sb, const unsigned int count[PATH__MAX],
		      size_t npaths, bool busy);
/* "show daemon json" */
int print_daemon_json(struct strbuf *sb, int pid, const char *state);

#endif
