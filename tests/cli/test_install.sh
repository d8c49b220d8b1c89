#!/bin/sh
# make install honours DESTDIR and prefix, and the installed program runs.
set -u
. "$(dirname "$0")/lib.sh"
root=$(mktemp -d /tmp/mp-install.XXXXXX)
trap 'rm -rf "$root"' EXIT

if make --no-print-directory -s install DESTDIR="$root" > "$root.log" 2>&1; then
	ok "make install DESTDIR=... succeeds"
else
	not_ok "make install DESTDIR=... succeeds" "$(tail -5 "$root.log")"
fi
rm -f "$root.log"
for f in usr/sbin/multipath usr/lib/libmultipath.so.1 usr/lib/libmultipath.so \
	 usr/share/man/man5/multipath.conf.5 usr/share/man/man8/multipath.8; do
	if [ -e "$root/$f" ]; then ok "installed /$f"; else not_ok "installed /$f"; fi
done
if [ -d "$root/usr/lib/multipath" ]; then ok "plugin directory created"; else not_ok "plugin directory created"; fi
if "$root/usr/sbin/multipath" -h > /dev/null 2>&1; then
	ok "installed multipath finds its library and runs"
else
	not_ok "installed multipath finds its library and runs"
fi

rm -rf "$root"/*
make --no-print-directory -s install DESTDIR="$root" prefix=/opt/mp > /dev/null 2>&1
if [ -x "$root/opt/mp/sbin/multipath" ] && [ -e "$root/opt/mp/lib/libmultipath.so.1" ] &&
   [ ! -e "$root/usr" ]; then
	ok "prefix moves everything"
else
	not_ok "prefix moves everything" "$(cd "$root" && find . | head -20)"
fi
