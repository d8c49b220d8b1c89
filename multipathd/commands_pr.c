/* Handlers of the persistent reservation commands: the registration flag
 * of a map (get/set/unsetprstatus), whether this host holds the
 * reservation (get/set/unsetprhold) and the map's key (get/set/unsetprkey),
 * kept in the prkeys file for maps whose reservation_key is "file". */
#include <errno.h>
#include <inttypes.h>

#include "commands.h"
#include "config/config.h"
#include "daemon.h"
#include "map/prkeys.h"
#include "map/select.h"
#include "util/log.h"

#define DD(d) ((struct daemon *)(d))

CMD_HANDLER(cmd_getprstatus)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	if (!mpp)
		return -ENOENT;
	/* a bare digit, no newline, as the reference (mpathpersist reads it) */
	return strbuf_printf(r, "%d", mpp->prflag ? 1 : 0) < 0 ? -ENOMEM : 0;
}

static int prstatus(struct daemon *dd, const char *arg, bool on)
{
	struct multipath *mpp = cmd_find_map(dd, arg);

	if (!mpp)
		return -ENOENT;
	if (mpp->prflag != on)
		condlog(2, "%s: prflag %s", mpp->alias, on ? "set" : "unset");
	mpp->prflag = on;
	/* without registered keys this host cannot hold the reservation */
	if (!on && mpp->prhold == PR_HOLD_SET) {
		condlog(2, "%s: prhold unset (by clearing prflag)", mpp->alias);
		mpp->prhold = PR_HOLD_UNSET;
	}
	return 0;
}

CMD_HANDLER(cmd_setprstatus)
{
	(void)r;
	return prstatus(DD(d), cli_arg(a, CLI_P_MAP), true);
}

CMD_HANDLER(cmd_unsetprstatus)
{
	(void)r;
	return prstatus(DD(d), cli_arg(a, CLI_P_MAP), false);
}

CMD_HANDLER(cmd_getprkey)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	if (!mpp)
		return -ENOENT;
	if (!mpp->reservation_key)
		return strbuf_append(r, "none\n") < 0 ? -ENOMEM : 0;
	return strbuf_printf(r, "0x%" PRIx64 "%s\n", mpp->reservation_key,
			     mpp->prkey_flags & PRKEY_APTPL ? ":aptpl" : "") < 0 ?
		       -ENOMEM : 0;
}

/* Write key (0: none) for mpp's WWID when its key lives in the file,
 * then take the key the configuration gives now: the command worked
 * when that is the one asked for. */
static int set_key(struct daemon *dd, struct multipath *mpp, uint64_t key,
		   unsigned flags)
{
	const char *file = config_get_str(dd->conf, KW_PRKEYS_FILE);
	int rc;

	if (mpp->prkey_flags & PRKEY_SOURCE_FILE) {
		rc = prkeys_set(file, mpp->wwid, key, flags);
		if (rc < 0) {
			log_errno(1, rc, "%s: cannot update %s", mpp->alias, file);
			return -EIO;
		}
	}
	select_reservation_key(dd->conf, mpp);
	if (mpp->reservation_key != key) {
		condlog(2, "%s: the reservation key is not kept in %s", mpp->alias,
			file);
		return -EIO;
	}
	condlog(2, "%s: reservation key %s", mpp->alias, key ? "set" : "unset");
	return 0;
}

CMD_HANDLER(cmd_setprkey)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));
	const char *arg = cli_arg(a, CLI_P_KEY);
	unsigned flags;
	uint64_t key;

	(void)r;
	if (!mpp)
		return -ENOENT;
	if (prkey_parse_arg(arg, &key, &flags) < 0) {
		condlog(0, "%s: invalid prkey : '%s'", mpp->alias, arg);
		return -EIO;
	}
	return set_key(DD(d), mpp, key, flags);
}

CMD_HANDLER(cmd_unsetprkey)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	(void)r;
	if (!mpp)
		return -ENOENT;
	return set_key(DD(d), mpp, 0, 0);
}

static const char *const prhold_names[] = {
	[PR_HOLD_UNKNOWN] = "unknown",
	[PR_HOLD_UNSET] = "unset",
	[PR_HOLD_SET] = "set",
};

/* "set", "unset" or "unknown", without a newline (the reference's later
 * versions, which have the command, reply so) */
CMD_HANDLER(cmd_getprhold)
{
	struct multipath *mpp = cmd_find_map(DD(d), cli_arg(a, CLI_P_MAP));

	if (!mpp)
		return -ENOENT;
	return strbuf_append(r, prhold_names[mpp->prhold]) < 0 ? -ENOMEM : 0;
}

static int prhold(struct daemon *dd, const char *arg, enum pr_hold hold)
{
	struct multipath *mpp = cmd_find_map(dd, arg);

	if (!mpp)
		return -ENOENT;
	if (mpp->prhold != hold)
		condlog(2, "%s: prhold %s", mpp->alias, prhold_names[hold]);
	mpp->prhold = hold;
	return 0;
}

CMD_HANDLER(cmd_setprhold)
{
	(void)r;
	return prhold(DD(d), cli_arg(a, CLI_P_MAP), PR_HOLD_SET);
}

CMD_HANDLER(cmd_unsetprhold)
{
	(void)r;
	return prhold(DD(d), cli_arg(a, CLI_P_MAP), PR_HOLD_UNSET);
}
