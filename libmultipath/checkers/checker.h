/* Path checkers: a registry of small ops tables, one file each, and the
 * selection of a path's checker (detect_checker, precedence). */
#ifndef MP_CHECKERS_CHECKER_H
#define MP_CHECKERS_CHECKER_H

#include "model/path.h"

struct discovery;

struct checker {
	const struct checker_ops *ops;
	int fd;			/* the path's device, opened by the caller */
	const char *dev;	/* "sda", for messages */
	unsigned timeout_ms;
	char message[128];
};

struct checker_ops {
	const char *name;
	/* open flags the checker needs on the device node */
	int open_flags;
	/* Check the path once; a path_state. */
	enum path_state (*check)(struct checker *c);
};

extern const struct checker_ops checker_none;
extern const struct checker_ops checker_directio;
extern const struct checker_ops checker_tur;
extern const struct checker_ops checker_readsector0;

const struct checker_ops *checker_lookup(const char *name);

struct sg_result;
/* The tur checker's verdict on an sg_io() result (r, res) with its
 * message. */
enum path_state tur_verdict(int r, const struct sg_result *res, char *msg,
			    size_t len);

/* The checker name for pp (detect_checker, overrides, devices, defaults),
 * logged with its origin at -v3. */
const char *checker_select(const struct discovery *d, const struct path *pp);
/* checker_timeout, else the device's SCSI timeout, else 30 s (in ms). */
unsigned checker_timeout_ms(const struct discovery *d, const struct path *pp);

/* Select, open the device and run the checker once; sets pp->state,
 * pp->checker_name and pp->checker_msg. */
void path_check_sync(const struct discovery *d, struct path *pp);

/* Check n paths (multipath -ll): like path_check_sync() on each, the whole
 * batch bounded by the checkers' timeouts. */
void paths_check(const struct discovery *d, struct path *const *paths,
		 size_t n);

#endif
