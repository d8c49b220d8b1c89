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

# ---- beside the reference's packages (Debian's multipath-tools, kpartx,
# multipath-tools-boot), on a merged /usr: the same path for each file we
# provide; the others are listed with the reason we do not
debs=$B/vm/ref-debs
mkdir -p "$debs"
for pkg in multipath-tools kpartx multipath-tools-boot; do
	ls "$debs/${pkg}_"*.deb >/dev/null 2>&1 ||
		(cd "$debs" && apt-get download -q "$pkg" >/dev/null 2>&1) ||
		{ [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 &&
		  (cd "$debs" && apt-get download -q "$pkg" >/dev/null 2>&1); }
done
if ls "$debs"/multipath-tools_*.deb "$debs"/kpartx_*.deb >/dev/null 2>&1; then
	# the reference's files, /sbin and /lib as on a merged /usr, manuals
	# without .gz; documentation, Debian's bug and lintian files and the
	# multipath-tools-boot / multipath-tools aliases of masked units aside
	for d in "$debs"/multipath-tools_*.deb "$debs"/kpartx_*.deb \
		"$debs"/multipath-tools-boot_*.deb; do
		[ -f "$d" ] && dpkg-deb -c "$d"
	done | awk '$1 !~ /^d/ { print $6 }' | sed -e 's|^\./||' \
		-e 's|^sbin/|usr/sbin/|' -e 's|^lib/|usr/lib/|' -e 's|\.gz$||' |
		grep -v -e '^usr/share/doc/' -e '^usr/share/bug/' -e '^usr/share/lintian/' \
		-e 'multipath-tools\(-boot\)*\.service$' | sort -u > "$root.ref"
	(cd "$root" && find . ! -type d | sed 's|^\./||' | sort) > "$root.ours"
	# what the reference installs and we do not, and why
	cat > "$root.why" <<'WHY'
^etc/init\.d/ sysvinit scripts: systemd units only
^usr/lib/lib(dmmp|mpathcmd|mpathpersist|mpathutil|multipath)\.so libmultipath.so.1 is the one library
^usr/lib/pkgconfig/libdmmp\.pc no libdmmp
^usr/include/(libdmmp/|mpath_cmd\.h|mpath_persist\.h) no libdmmp, libmpathcmd or libmpathpersist API
^usr/share/man/man3/ no libdmmp or libmpathpersist API
^usr/lib/multipath/lib(check|prio|foreign) checkers and prioritizers are built in (the plugin directory takes external ones)
^usr/sbin/multipathc$ the console is in multipathd -k
^usr/share/man/man8/multipathc\.8$ the console is in multipathd -k (multipathd.8)
^usr/share/initramfs-tools/scripts/init-top/multipath$ the device handler modules are loaded in local-top, with the daemon
WHY
	missing=$(comm -23 "$root.ref" "$root.ours")
	unexplained=
	for f in $missing; do
		why=$(while read -r re reason; do
			printf '%s\n' "$f" | grep -Eq "$re" && { echo "$reason"; break; }
		done < "$root.why")
		if [ -n "$why" ]; then
			echo "# the reference's /$f: $why"
		else
			unexplained="$unexplained /$f"
		fi
	done
	if [ -z "$unexplained" ]; then
		ok "every file of the reference's packages is installed at the same path, or said why not"
	else
		not_ok "every file of the reference's packages is installed at the same path, or said why not" \
			"not installed:$unexplained"
	fi
	for f in $(comm -13 "$root.ref" "$root.ours"); do
		echo "# ours only: /$f"
	done
	rm -f "$root.ref" "$root.ours" "$root.why"
else
	not_ok "the reference's packages are at hand for the comparison" \
		"apt-get download multipath-tools kpartx failed"
fi

# the rules and the unit run the programs where they are installed
for f in 56-dm-mpath 60-multipath 60-kpartx; do
	if grep -q "/usr/sbin/" "$root/usr/lib/udev/rules.d/$f.rules" &&
	   ! grep -q "@SBINDIR@\|@UDEVDIR@" "$root/usr/lib/udev/rules.d/$f.rules"; then
		ok "$f.rules names /usr/sbin"
	else
		not_ok "$f.rules names /usr/sbin" "$(grep -n 'sbin\|@' "$root/usr/lib/udev/rules.d/$f.rules")"
	fi
done
assert_unit=$(grep '^ExecStart=' "$root/usr/lib/systemd/system/multipathd.service")
if [ "$assert_unit" = "ExecStart=/usr/sbin/multipathd -d -s" ]; then
	ok "multipathd.service starts /usr/sbin/multipathd in the foreground"
else
	not_ok "multipathd.service starts /usr/sbin/multipathd in the foreground" "$assert_unit"
fi
# the units as systemd reads them, in the installed tree (--root): any
# complaint (a bad keyword or value, a program that is not there) fails
if command -v systemd-analyze >/dev/null 2>&1; then
	out=$(cd / && systemd-analyze verify --man=no --root="$root" \
		multipathd.service multipathd.socket 2>&1)
	st=$?
	if [ "$st" = 0 ] && [ -z "$out" ]; then
		ok "systemd-analyze verify finds nothing wrong with the units"
	else
		not_ok "systemd-analyze verify finds nothing wrong with the units" \
			"exit status $st" "$out"
	fi
else
	not_ok "systemd-analyze verify finds nothing wrong with the units" \
		"systemd-analyze is missing (apt-get install systemd)"
fi
# kpartx_id: what it prints for a map and a partition comes from dmsetup,
# which this host may not have; its arguments are checked without it
if ! "$root/usr/lib/udev/kpartx_id" 2>/dev/null; then
	ok "kpartx_id without arguments fails"
else
	not_ok "kpartx_id without arguments fails"
fi

# make uninstall takes every file away
make --no-print-directory -s uninstall DESTDIR="$root" > /dev/null 2>&1
left=$(cd "$root" && find . ! -type d)
if [ -z "$left" ]; then
	ok "make uninstall removes every installed file"
else
	not_ok "make uninstall removes every installed file" "$left"
fi

rm -rf "$root"/*
make --no-print-directory -s install DESTDIR="$root" prefix=/opt/mp > /dev/null 2>&1
moved=1
for p in $progs; do
	[ -x "$root/opt/mp/sbin/$p" ] || moved=0
done
if [ "$moved" = 1 ] && [ -e "$root/opt/mp/lib/libmultipath.so.1" ] &&
   [ -e "$root/opt/mp/lib/udev/rules.d/60-multipath.rules" ] &&
   grep -q /opt/mp/sbin/multipath "$root/opt/mp/lib/udev/rules.d/60-multipath.rules" &&
   [ -e "$root/opt/mp/lib/systemd/system/multipathd.service" ] &&
   [ ! -e "$root/usr" ]; then
	ok "prefix moves everything"
else
	not_ok "prefix moves everything" "$(cd "$root" && find . | head -20)"
fi
finish
