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
# every program the build made, with its manual page
progs=$(ls "$B/sbin")
[ -n "$progs" ] || not_ok "the build made programs" "$B/sbin is empty"
files="usr/lib/libmultipath.so.1 usr/lib/libmultipath.so
	usr/share/man/man5/multipath.conf.5
	usr/include/multipath/checker_plugin.h"
for p in $progs; do
	files="$files usr/sbin/$p usr/share/man/man8/$p.8"
done
for f in $files; do
	if [ -e "$root/$f" ]; then ok "installed /$f"; else not_ok "installed /$f"; fi
done
if [ -d "$root/usr/lib/multipath" ]; then ok "plugin directory created"; else not_ok "plugin directory created"; fi
# each installed program finds its library and prints its usage
for p in $progs; do
	out=$("$root/usr/sbin/$p" -h 2>&1)
	if printf '%s\n' "$out" | grep -qi 'usage' &&
	   ! printf '%s\n' "$out" | grep -q 'error while loading'; then
		ok "installed $p finds its library and runs"
	else
		not_ok "installed $p finds its library and runs" "$out"
	fi
done

rm -rf "$root"/*
make --no-print-directory -s install DESTDIR="$root" prefix=/opt/mp > /dev/null 2>&1
moved=1
for p in $progs; do
	[ -x "$root/opt/mp/sbin/$p" ] || moved=0
done
if [ "$moved" = 1 ] && [ -e "$root/opt/mp/lib/libmultipath.so.1" ] &&
   [ ! -e "$root/usr" ]; then
	ok "prefix moves everything"
else
	not_ok "prefix moves everything" "$(cd "$root" && find . | head -20)"
fi
finish
