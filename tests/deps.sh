#!/bin/sh
# Install the Debian packages the build, the tests and the demo need, when
# they are missing. Needs root and apt; otherwise says what is missing.
# The VM tests (tests/vm) need QEMU, a kernel, busybox-static, udev,
# dmsetup, sg3-utils(-udev), kmod, cpio and fdisk (sfdisk) to build the
# guest; libjson-c5 and libedit2 are libraries of the reference
# multipath-tools that the guest runs side by side with ours. lvm2 goes
# into the guest for LVM on a map; initramfs-tools makes the initramfs of
# the root-on-multipath boot (make check-root); systemd-analyze checks
# the units (tests/cli/test_install.sh). tmux and
# python3 drive the interactive console in tests/cli/test_console.sh;
# valgrind (with libc6-dbg: the loader's symbols) runs the daemon and the
# programs in the guest (make soak).
set -u
PKGS="make gcc clang libclang-rt-14-dev pkg-config
libdevmapper-dev libudev-dev libaio-dev liburcu-dev libreadline-dev
libcmocka-dev tmux python3
qemu-system-x86 linux-image-amd64 busybox-static udev dmsetup sg3-utils
kmod cpio sg3-utils-udev fdisk libjson-c5 libedit2 lvm2 initramfs-tools systemd
valgrind libc6-dbg"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing missing packages:$missing"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
	echo "cannot install (need root and apt-get): apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
