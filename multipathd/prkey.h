/* Registering a map's reservation key on a path before it is used
 * (prkey.c). */
#ifndef MULTIPATHD_PRKEY_H
#define MULTIPATHD_PRKEY_H

#include <stdbool.h>

#include "model/path.h"

struct dpath;

/* Does a check's verdict st on dp need the key registered first: dp is
 * coming up in a map whose key mpathpersist registered? */
bool prkey_register_wanted(const struct dpath *dp, enum path_state st);
/* Register it on a worker, then give verdict st, msg (or PATH_DOWN when
 * the registration failed). 0, or -errno when it could not start. */
int prkey_register_start(struct dpath *dp, enum path_state st,
			 const char *msg);

/* pp, usable, is in a map with a configured key whose prstatus is not
 * set: ask the LUN (once per map) whether the key is registered, and set
 * prstatus when it is, as the reference does when it sets a map up. */
void prkey_probe(struct path *pp);

#endif
