#!/bin/sh
# Build the test guest's initramfs, $B/vm/initrd.img (gzip'd newc cpio), and
# link the kernel it goes with to $B/vm/vmlinuz.
#
# Contents: busybox, udev (udevadm as systemd-udevd, scsi_id, the storage
# and device-mapper rules), dmsetup, sg3-utils, a few util-linux tools, the
# kernel modules the tests need (with their dependencies, and a per-module
# load list in /etc/vmtest/modules/), the project as installed by
# `make install DESTDIR=... prefix=/usr` (plus the test prioritizer plugin
# prio_myprio.so), the reference multipath-tools
# (Debian's packages, unpacked under /ref), and tests/vm itself as /tests/vm.
# The guest's /usr is merged like the host's: /bin, /sbin, /lib and /lib64
# are links into /usr.
#
# Environment: B (build tree, default build), MAKE, KVER (kernel version,
# default the newest /boot/vmlinuz-*).
set -eu
PATH=$PATH:/usr/sbin:/sbin	# modprobe, depmod, ldconfig
cd "$(dirname "$0")/../.."
TOP=$(pwd)
: "${B:=build}"
: "${MAKE:=make}"
case $B in
/*) OUT=$B/vm ;;
*) OUT=$TOP/$B/vm ;;
esac
ROOT=$OUT/root
STAGE=$OUT/install
DEBS=$OUT/ref-debs
REFX=$OUT/ref

die() { echo "mkinitrd: $*" >&2; exit 1; }
warn() { echo "mkinitrd: warning: $*" >&2; }

if [ -z "${KVER:-}" ]; then
	k=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)
	[ -n "$k" ] || die "no kernel in /boot (apt-get install linux-image-amd64)"
	KVER=${k#/boot/vmlinuz-}
fi
[ -r "/boot/vmlinuz-$KVER" ] || die "/boot/vmlinuz-$KVER is missing or unreadable"
[ -d "/lib/modules/$KVER" ] || die "/lib/modules/$KVER is missing"

mkdir -p "$OUT"
rm -rf "$ROOT" "$STAGE"
mkdir -p "$ROOT"

# ---- layout ---------------------------------------------------------------
for d in usr/bin usr/sbin usr/lib usr/lib64 dev proc sys run tmp mnt \
	etc/multipath etc/vmtest/modules etc/udev/rules.d root var; do
	mkdir -p "$ROOT/$d"
done
ln -s usr/bin "$ROOT/bin"
ln -s usr/sbin "$ROOT/sbin"
ln -s usr/lib "$ROOT/lib"
ln -s usr/lib64 "$ROOT/lib64"
ln -s ../run "$ROOT/var/run"

# canon PATH: PATH with its directory resolved on the host (so /lib/x.so and
# /usr/lib/x.so, the same file on a merged-/usr host, land in one place).
canon() {
	printf '%s/%s\n' "$(readlink -f "$(dirname "$1")")" "$(basename "$1")"
}

# add_file SRC [DST]: copy SRC (following links) to DST in the image
# (default: SRC's canonical path). Existing files are left alone.
add_file() {
	dst=${2:-$(canon "$1")}
	[ -e "$ROOT$dst" ] && return 0
	mkdir -p "$ROOT$(dirname "$dst")"
	cp -L "$1" "$ROOT$dst"
}

# add_libs FILE...: the shared libraries FILE needs (ldd, run with the
# caller's LD_LIBRARY_PATH), except those under $OUT (already in place).
add_libs() {
	for f in "$@"; do
		out=$(ldd "$f" 2>&1) || continue	# static, or not ELF
		if printf '%s\n' "$out" | grep -q 'not found'; then
			warn "$f: $(printf '%s\n' "$out" | grep 'not found' | tr -s ' \t' ' ' | tr '\n' ';')"
		fi
		printf '%s\n' "$out" | awk '
			$2 == "=>" && $3 ~ /^\// { print $3; next }
			$1 ~ /^\// { print $1 }' |
		while read -r lib; do
			case $lib in "$OUT"/*) continue ;; esac
			add_file "$lib"
		done
	done
}

# add_bin PATH [DST]: a program and its libraries.
add_bin() {
	add_file "$1" "${2:-}"
	add_libs "$1"
}

# add_opt_bin NAME...: programs looked up on the host's PATH; missing ones
# are skipped with a warning.
add_opt_bin() {
	for n in "$@"; do
		p=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v "$n" 2>/dev/null) ||
			{ warn "$n not found on the host, not in the image"; continue; }
		add_bin "$p"
	done
}

# ---- the project ------------------------------------------------------------
# A sub-make of its own: the parent's jobserver is not ours to use.
MAKEFLAGS='' MFLAGS='' $MAKE --no-print-directory -s install DESTDIR="$STAGE" \
	prefix=/usr B="$B" >/dev/null || die "make install failed"
rm -rf "$STAGE/usr/share/man" "$STAGE/usr/include"
# The project's udev rules change what every test sees (paths claimed,
# kpartx run on each new map): they wait aside until a test asks for them
# (use_mp_rules in lib.sh).
mkdir -p "$STAGE/usr/share/mptest"
mv "$STAGE/usr/lib/udev/rules.d" "$STAGE/usr/share/mptest/rules.d"
mkdir -p "$STAGE/usr/lib/multipath"
# t_prio's prioritizer plugin (a test artefact), in the plugin directory
MAKEFLAGS='' MFLAGS='' $MAKE --no-print-directory -s test-plugins B="$B" \
	>/dev/null || die "make test-plugins failed"
cp "$B/tests/plugins/prio_myprio.so" "$STAGE/usr/lib/multipath/"
cp -a "$STAGE/." "$ROOT/"
find "$STAGE" -type f | while read -r f; do add_libs "$f"; done

# ---- base tools ------------------------------------------------------------
[ -x /bin/busybox ] || die "/bin/busybox missing (apt-get install busybox-static)"
add_bin /bin/busybox
for n in dmsetup udevadm sg_inq sg_vpd sg_turs sg_readcap sg_persist sg_rtpg \
	sg_raw losetup blockdev; do
	p=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v "$n") ||
		die "$n not found (see tests/deps.sh)"
	add_bin "$p"
done
# util-linux and friends: the real tools, in the same places as on the
# host. busybox --install -s does not replace files that already exist, so
# these win on PATH; still, call them by full path in tests.
add_opt_bin sfdisk blkid lsblk wipefs partx mkfs.ext4
# LVM on a map (t_lvm): lvm itself (its commands are "lvm CMD") and the
# host's lvm.conf, as Debian ships it
add_opt_bin lvm
[ -f /etc/lvm/lvm.conf ] && add_file /etc/lvm/lvm.conf
# its udev rule names the LVs' nodes (/dev/VG/LV); 69-lvm's activation
# through systemd-run has no place here
[ -f /lib/udev/rules.d/56-lvm.rules ] &&
	add_file /lib/udev/rules.d/56-lvm.rules /usr/lib/udev/rules.d/56-lvm.rules
# the console test's terminal (t_daemon_console): tmux, the terminfo of
# the terminal it emulates, and the UTF-8 locale tmux insists on
add_opt_bin tmux
for f in /lib/terminfo/s/screen /lib/terminfo/t/tmux /usr/share/terminfo/t/tmux; do
	[ -f "$f" ] && add_file "$f"
done
[ -d /usr/lib/locale/C.utf8 ] && mkdir -p "$ROOT/usr/lib/locale" &&
	cp -a /usr/lib/locale/C.utf8 "$ROOT/usr/lib/locale/"
# debugging aid, when the host has it
command -v strace >/dev/null 2>&1 && add_bin "$(command -v strace)"
# valgrind's memcheck, for soak_valgrind (2.7 MB: the launcher, the tool,
# its preloads and default suppressions)
if [ -x /usr/bin/valgrind ] && [ -d /usr/libexec/valgrind ]; then
	# Debian's valgrind is a shell wrapper around valgrind.bin
	add_file /usr/bin/valgrind
	[ -x /usr/bin/valgrind.bin ] && add_bin /usr/bin/valgrind.bin
	# memcheck must redirect strlen & co. in the dynamic loader: it needs
	# the loader's symbols, from libc6-dbg (by build id)
	for l in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libc.so.6; do
		id=$(readelf -n "$l" 2>/dev/null | sed -n 's/.*Build ID: *\([0-9a-f]*\).*/\1/p')
		d=/usr/lib/debug/.build-id/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-).debug
		[ -n "$id" ] && [ -f "$d" ] && add_file "$d"
	done
	for f in memcheck-amd64-linux vgpreload_core-amd64-linux.so \
		vgpreload_memcheck-amd64-linux.so default.supp; do
		add_file "/usr/libexec/valgrind/$f"
	done
else
	warn "valgrind not found: soak_valgrind will fail"
fi
# udevd is udevadm under another name
ln -sf ../bin/udevadm "$ROOT/usr/sbin/systemd-udevd"

# glibc dlopen()s libgcc_s for pthread_cancel and thread exit (multipathd
# aborts without it); ldd does not list it.
gcc_s=$(ldconfig -p | awk '/libgcc_s\.so\.1 .*x86-64/ { print $NF; exit }')
[ -n "$gcc_s" ] && add_file "$gcc_s" || warn "libgcc_s.so.1 not found"

# ---- udev --------------------------------------------------------------------
add_bin /lib/udev/scsi_id /usr/lib/udev/scsi_id
# 55-scsi-sg3_id and 58-scsi-sg3_symlink (sg3-utils-udev, which Debian's
# multipath-tools depends on) set ID_SERIAL before scsi_id does: for
# scsi_debug, the T10 vendor designator 1Linux_scsi_debug_2000 rather than
# the locally assigned NAA 333333330000007d0, as on a Debian multipath
# server and in shared/reference.
for r in 50-udev-default 55-scsi-sg3_id 58-scsi-sg3_symlink 60-persistent-storage \
	55-dm 60-persistent-storage-dm 95-dm-notify; do
	[ -f "/lib/udev/rules.d/$r.rules" ] ||
		die "missing udev rule $r.rules (see tests/deps.sh)"
	add_file "/lib/udev/rules.d/$r.rules" "/usr/lib/udev/rules.d/$r.rules"
done
# (rules the project installs came with the install tree above)

# ---- /etc ----------------------------------------------------------------------
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' \
	> "$ROOT/etc/passwd"
# udev rules name these groups; unknown ones only cause warnings.
awk -F: '$3 < 1000 || $1 == "nogroup" { print $1 ":x:" $3 ":" }' /etc/group \
	> "$ROOT/etc/group"
: > "$ROOT/etc/fstab"
ln -s ../proc/self/mounts "$ROOT/etc/mtab"

# ---- kernel modules -----------------------------------------------------------
# Base modules are loaded at boot, in this order; the others on demand
# (load_module in lib.sh).
BASE_MODS="configfs sd_mod sg dm-mod dm-multipath dm-round-robin dm-service-time
dm-queue-length scsi_dh_alua scsi_dh_rdac scsi_dh_emc scsi_dh_hp_sw loop
virtio_pci virtio_scsi"
DEMAND_MODS="scsi_debug target_core_mod target_core_file tcm_loop ext4
nvme-core nvme-tcp nvmet nvmet-tcp"
M=/lib/modules/$KVER
for m in $BASE_MODS $DEMAND_MODS; do
	deps=$(modprobe -S "$KVER" --show-depends "$m") ||
		die "modprobe -S $KVER --show-depends $m failed"
	# "insmod PATH [params]" in load order; "builtin NAME" needs nothing.
	printf '%s\n' "$deps" | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' \
		> "$ROOT/etc/vmtest/modules/$m"
	while read -r ko; do
		add_file "$ko" "/usr$ko"
	done < "$ROOT/etc/vmtest/modules/$m"
done
# the base set as one ordered list of .ko files, for a quick boot
for m in $BASE_MODS; do
	cat "$ROOT/etc/vmtest/modules/$m"
done | awk '!seen[$0]++' > "$ROOT/etc/vmtest/base-modules"
# modules.dep for this subset, so that modprobe (busybox) works too.
for f in modules.order modules.builtin modules.builtin.modinfo; do
	[ -f "$M/$f" ] && add_file "$M/$f" "/usr$M/$f"
done
depmod -b "$ROOT" "$KVER" 2>/dev/null || warn "depmod failed: modprobe will not work in the guest"

# ---- the reference implementation ----------------------------------------------
# Debian's multipath-tools and kpartx, unpacked under /ref. Run them with
# ref_run / ref_multipath (lib.sh).
mkdir -p "$DEBS"
if ! ls "$DEBS"/multipath-tools_*.deb "$DEBS"/kpartx_*.deb >/dev/null 2>&1; then
	# apt-get download writes to the current directory; as root it warns
	# that _apt cannot write there, which is harmless.
	# Without package lists (no apt-get update yet) it fails: update once.
	(cd "$DEBS" && apt-get download -q multipath-tools kpartx >/dev/null 2>&1) ||
		{ [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 &&
		(cd "$DEBS" && apt-get download -q multipath-tools kpartx >/dev/null 2>&1); } ||
		warn "apt-get download multipath-tools kpartx failed: no reference in the image"
fi
rm -rf "$REFX"
mkdir -p "$REFX"
for d in "$DEBS"/multipath-tools_*.deb "$DEBS"/kpartx_*.deb; do
	[ -f "$d" ] && dpkg-deb -x "$d" "$REFX"
done
if [ -x "$REFX/sbin/multipath" ]; then
	mkdir -p "$ROOT/ref"
	for d in sbin lib etc; do
		[ -d "$REFX/$d" ] && cp -a "$REFX/$d" "$ROOT/ref/"
	done
	for f in "$REFX"/sbin/* "$REFX"/lib/*.so.* "$REFX"/lib/multipath/*.so; do
		LD_LIBRARY_PATH=$REFX/lib add_libs "$f"
	done
	ls "$DEBS"/*.deb | sed 's|.*/||' > "$ROOT/ref/VERSION"
fi

# ---- tests and /init ------------------------------------------------------------
mkdir -p "$ROOT/tests/vm"
cp -a tests/vm/. "$ROOT/tests/vm/"
# helper programs of the tests (make vm-helpers), on the guest's PATH
if [ -d "$B/tests/vm-helpers" ]; then
	for f in "$B"/tests/vm-helpers/*; do
		[ -x "$f" ] && add_bin "$f" "/usr/libexec/mptest/$(basename "$f")"
	done
fi
# benchmarks run in the same guest (make bench)
cp -a tests/bench/*.sh "$ROOT/tests/vm/" 2>/dev/null || true
install -m 755 tests/vm/init.sh "$ROOT/init"
echo "$KVER" > "$ROOT/etc/vmtest/kernel"

# ---- pack ---------------------------------------------------------------------
(cd "$ROOT" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 > "$OUT/initrd.img.tmp"
mv "$OUT/initrd.img.tmp" "$OUT/initrd.img"
ln -sf "/boot/vmlinuz-$KVER" "$OUT/vmlinuz"
