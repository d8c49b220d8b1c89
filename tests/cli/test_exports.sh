#!/bin/sh
# libmultipath.so exports its API (libmultipath/libmultipath.version) and
# nothing else: internal helpers stay hidden, and every exported symbol is
# one that an installed program uses.
set -u
. "$(dirname "$0")/lib.sh"
lib=$B/lib/libmultipath.so.1
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ { sub(/@.*/, "", $3); print $3 }' | sort -u)
listed=$(sed -n 's/^[[:space:]]*\([a-z_][a-z0-9_]*\);$/\1/p' libmultipath/libmultipath.version | sort -u)
if [ "$exported" = "$listed" ]; then
	ok "exported symbols are exactly the version script's"
else
	not_ok "exported symbols are exactly the version script's" \
		"$(printf '%s\n' "$exported" > /tmp/exp.$$; printf '%s\n' "$listed" | diff /tmp/exp.$$ -; rm -f /tmp/exp.$$)"
fi
for s in finish rearm now_ns live_add req_free reader_init dmmp_emit_words vpd_be16; do
	if printf '%s\n' "$exported" | grep -qx "$s"; then
		not_ok "internal $s is hidden"
	else
		ok "internal $s is hidden"
	fi
done
used=$(for p in "$B"/sbin/*; do nm -D --undefined-only "$p"; done |
	awk '{ sub(/@.*/, "", $NF); print $NF }' | sort -u)
unused=$(printf '%s\n' "$listed" | while read -r s; do
	printf '%s\n' "$used" | grep -qx "$s" || echo "$s"; done)
if [ -z "$unused" ]; then
	ok "every exported symbol is used by a program"
else
	not_ok "every exported symbol is used by a program" "unused: $unused"
fi
finish
