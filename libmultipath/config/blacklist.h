/* blacklist / blacklist_exceptions: rules and their evaluation on a device
 * description (no system access). */
#ifndef MP_CONFIG_BLACKLIST_H
#define MP_CONFIG_BLACKLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/vector.h"

struct config;
struct mp_regex;

struct bl_entry {
	struct mp_regex *re;
	bool builtin;
};

struct bl_device {
	struct mp_regex *vendor;	/* NULL: any */
	struct mp_regex *product;	/* NULL: any */
	bool builtin;
};

struct blacklist {
	struct vec devnode;	/* struct bl_entry * */
	struct vec wwid;
	struct vec property;
	struct vec protocol;
	struct vec device;	/* struct bl_device * */
};

enum bl_kind {
	BL_DEVNODE,
	BL_WWID,
	BL_PROPERTY,
	BL_PROTOCOL,
	BL_DEVICE,
	BL_PROPERTY_MISSING,
};

/* Result of one filter: 0 no rule matched, > 0 blacklisted by a rule of
 * that kind, < 0 explicitly allowed by an exception of that kind. */
#define BL_NOTHING 0
#define BL_LISTED(kind) ((int)(kind) + 1)
#define BL_EXCEPTED(kind) (-(int)(kind) - 1)

int filter_devnode(const struct config *conf, const char *devnode);
int filter_wwid(const struct config *conf, const char *wwid);
int filter_protocol(const struct config *conf, const char *protocol);
int filter_device(const struct config *conf, const char *vendor,
		  const char *product);
/* props: udev property names of the device. When exceptions name
 * properties, a device with none of them is blacklisted (kind
 * BL_PROPERTY_MISSING), but only if it has uid_attribute: without that
 * property udev just failed to probe it. */
int filter_property(const struct config *conf, const char *const *props,
		    size_t nprops, const char *uid_attribute);

/* A device as the blacklist sees it. NULL fields are not checked. */
struct bl_device_info {
	const char *devnode;	/* "sda" */
	const char *vendor;
	const char *product;
	const char *wwid;
	const char *protocol;	/* "scsi:fcp" ... */
	const char *const *props;
	size_t nprops;
	const char *uid_attribute;
};

/* Run every filter in the reference's order (devnode, device, property,
 * protocol, wwid); log the decision at verbosity 3 like the reference
 * ("sda: device node name blacklisted"). Returns the first non-zero
 * positive filter result, or 0 when the device may be used. */
int blacklist_check(const struct config *conf,
		    const struct bl_device_info *dev);

/* Add rules; pattern errors give -EINVAL. */
int blacklist_add(struct vec *list, const char *pattern, bool builtin);
int blacklist_add_device(struct blacklist *bl, const char *vendor,
			 const char *product, bool builtin);
void blacklist_free(struct blacklist *bl);

struct strbuf;
/* The rules of conf's blacklist and exceptions, per kind, as multipathd
 * "show blacklist" lists them. -ENOMEM. */
int blacklist_print(const struct config *conf, struct strbuf *sb);

#endif
