#!/bin/sh
# Root file system on a multipathed disk (make check-root): one disk image
# attached through two virtio-scsi controllers (two paths, one WWID), a
# partition on it holding the root, an initramfs made by the host's
# initramfs-tools (mkinitramfs) with the project's hook and scripts as
# `make install` puts them, and the map named "system" in multipath.conf.
# Boot 1: both paths; one controller is pulled (QEMU device_del) while the
# guest writes. Boot 2: the other path only. The guest's /sbin/init is
# tests/vm/root_init.sh; results are recorded like the VM suite's.
#
# mkinitramfs sees the project's files through an overlay of the staged
# install on /usr and of the test's configuration on /etc, in a mount
# namespace of its own: the host is not changed.
set -u
cd "$(dirname "$0")/../.."
: "${B:=build}"
: "${MAKE:=make}"
OUT=$(pwd)/$B/vm
W=$OUT/root-test
RESULTS=${ROOT_RESULTS:-$OUT/root-results}
: > "$RESULTS"
record() { echo "$*" >> "$RESULTS"; }
die() {
	echo "check-root: $*" >&2
	record "not ok vm/t_root setup: $*"
	exit 1
}
WWN=0x5000c50015ea71ac
WWID=35000c50015ea71ac

command -v mkinitramfs >/dev/null || die "mkinitramfs missing (apt-get install initramfs-tools)"
# one guest at a time on this machine (as tests/vm/run.sh)
exec 9>/tmp/multipath-tests-vm.lock
flock 9
B=$B tests/vm/mkinitrd.sh || die "the test image did not build"
KVER=$(basename "$(readlink "$OUT/vmlinuz")")
KVER=${KVER#vmlinuz-}

rm -rf "$W"
mkdir -p "$W/etc/multipath" "$W/conf/conf.d" "$W/ov"
# ---- the project, as installed ------------------------------------------------
MAKEFLAGS='' $MAKE --no-print-directory -s install DESTDIR="$W/stage" prefix=/usr \
	B="$B" > /dev/null || die "make install failed"

# ---- the configuration, the same in the initramfs and on the root ----------------
cat > "$W/etc/multipath.conf" <<EOF
defaults {
	user_friendly_names yes
	find_multipaths no
}
blacklist {
	devnode "^(loop|vd)"
}
multipaths {
	multipath {
		wwid $WWID
		alias system
	}
}
EOF
printf '# Multipath wwids, Version : 1.0\n/%s/\n' "$WWID" > "$W/etc/multipath/wwids"

# ---- the initramfs --------------------------------------------------------------------
cat > "$W/conf/initramfs.conf" <<EOF
MODULES=list
BUSYBOX=auto
COMPRESS=gzip
DEVICE=
NFSROOT=auto
RUNSIZE=10%
FSTYPE=ext4
EOF
printf '%s\n' virtio_pci virtio_scsi sd_mod ext4 > "$W/conf/modules"
unshare -m sh -c '
	W=$1 KVER=$2
	mount -t overlay overlay -o "lowerdir=$W/stage/usr:/usr" /usr &&
	mount -t overlay overlay -o "lowerdir=$W/etc:/etc" /etc &&
	mkinitramfs -d "$W/conf" -o "$W/initrd.img" "$KVER"' sh "$W" "$KVER" \
	> "$W/mkinitramfs.log" 2>&1 || { tail -20 "$W/mkinitramfs.log" >&2; die "mkinitramfs failed"; }
listing=$(lsinitramfs "$W/initrd.img" 2>/dev/null)
for f in usr/sbin/multipathd usr/sbin/multipath usr/sbin/kpartx usr/lib/libmultipath.so.1 \
	usr/lib/udev/rules.d/60-multipath.rules usr/lib/udev/rules.d/60-kpartx.rules \
	usr/lib/udev/kpartx_id etc/multipath.conf etc/multipath/wwids \
	scripts/local-top/multipath scripts/init-bottom/multipath; do
	if printf '%s\n' "$listing" | grep -qx "$f"; then
		record "ok vm/t_root_initramfs has /$f"
	else
		record "not ok vm/t_root_initramfs has /$f"
	fi
done
printf '%s\n' "$listing" | grep -q 'dm-multipath.ko' &&
	record "ok vm/t_root_initramfs has dm-multipath.ko" ||
	record "not ok vm/t_root_initramfs has dm-multipath.ko"

# ---- the disk: a DOS label, partition 1 the root -----------------------------------------
# the root is the test image's tree with this init and configuration
R=$W/rootfs
cp -a "$OUT/root" "$R"
rm -f "$R/init"
install -m 755 tests/vm/root_init.sh "$R/usr/sbin/init"
cp "$R"/usr/share/mptest/rules.d/*.rules "$R/usr/lib/udev/rules.d/"
cp "$W/etc/multipath.conf" "$R/etc/"
cp "$W/etc/multipath/wwids" "$R/etc/multipath/"
echo "/dev/mapper/system-part1 / ext4 defaults 0 1" > "$R/etc/fstab"
mkdir -p "$R/var/log"
truncate -s 256M "$W/disk.img"
printf 'label: dos\nstart=2048, type=83\n' | sfdisk -q "$W/disk.img" > /dev/null ||
	die "sfdisk failed"
mkfs.ext4 -q -F -L mproot -E offset=1048576 -d "$R" "$W/disk.img" 250M ||
	die "mkfs.ext4 failed"

# ---- boots ---------------------------------------------------------------------------------
# boot NAME DISKS...: DISKS are 0 and/or 1, the controllers the disk is on
boot() {
	name=$1
	shift
	devs=
	for i in "$@"; do
		devs="$devs -device virtio-scsi-pci,id=scsi$i
			-drive if=none,id=d$i,file=$W/disk.img,format=raw,file.locking=off,cache=none
			-device scsi-hd,id=hd$i,drive=d$i,bus=scsi$i.0,serial=MPATHDISK01,wwn=$WWN,share-rw=on"
	done
	rm -f "$W/mon.sock"
	t0=$(date +%s)
	# shellcheck disable=SC2086 # one word per option
	timeout -k 10 600 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 \
		-display none -serial stdio -no-reboot \
		-monitor "unix:$W/mon.sock,server,nowait" $devs \
		-kernel "$OUT/vmlinuz" -initrd "$W/initrd.img" \
		-append "console=ttyS0 root=/dev/mapper/system-part1 rootfstype=ext4 rootwait panic=-1 mptest=$name" \
		< /dev/null 2>&1 | sed -u 's/\r$//' | tee "$W/$name.log" | while read -r line; do
		case $line in
		"VMTEST pull "*)
			python3 - "$W/mon.sock" "${line#VMTEST pull }" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.recv(4096)
s.sendall(("device_del %s\n" % sys.argv[2]).encode())
time.sleep(1)
s.close()
PY
			echo "  $name: controller ${line#VMTEST pull } pulled"
			;;
		"VMTEST not ok"* | "VMTEST info"*) echo "  ${line#VMTEST }" ;;
		esac
	done
	echo "  $name: qemu ran $(($(date +%s) - t0)) s"
	sed -n 's/^VMTEST \(ok\|not ok\) \([^ ]*\) \(.*\)$/\1 vm\/\2 \3/p' "$W/$name.log" >> "$RESULTS"
	if ! grep -q '^VMTEST done' "$W/$name.log"; then
		record "not ok vm/t_root_$name completed"
		echo "check-root: $name did not complete; console:" >&2
		tail -40 "$W/$name.log" | sed 's/^/  /' >&2
	fi
}
echo "check-root: boot 1, two paths, one pulled under writes"
boot boot1 0 1
echo "check-root: boot 2, the second path only"
boot boot2 1
pass=$(grep -c '^ok ' "$RESULTS")
fail=$(grep -c '^not ok ' "$RESULTS")
echo "check-root: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
