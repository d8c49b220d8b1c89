#!/bin/busybox sh
# /init of the test guest (packed by mkinitrd.sh). Sets up a minimal system
# with udev, then runs the selected tests (runner.sh) and powers off, or
# gives an interactive shell (vm-shell).
#
# Kernel command line (set by run.sh):
#   vmtests=t_a,t_b   tests to run (default: every /tests/vm/t_*.sh;
#                     "none" for none)
#   vmtimeout=N       default per-test time limit, seconds
#   vmshell=1         after the tests, a shell on the console
#   vmrows=R vmcols=C terminal size for the shell
/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/usr/libexec/mptest
export HOME=/root TERM=${TERM:-linux}
# a sanitizer build (make check-vm-asan) reports into files the runner
# looks for after each test; other builds ignore these
export ASAN_OPTIONS=log_path=/tmp/sanitizer:detect_leaks=1
export UBSAN_OPTIONS=log_path=/tmp/sanitizer:print_stacktrace=1
umask 022

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
# Kernel messages stay in the ring buffer (runner.sh prints them for a
# failed test) instead of being mixed into the console output.
echo 1 > /proc/sys/kernel/printk
hostname vmtest
mkdir -p /etc/multipath /run/udev

arg() {	# arg NAME: value of NAME= on the kernel command line
	for w in $(cat /proc/cmdline); do
		case $w in "$1"=*) echo "${w#*=}"; return 0 ;; esac
	done
	return 1
}

. /tests/vm/lib.sh

echo "VMTEST boot kernel=$(uname -r) uptime=$(uptime_s)"
# base modules: one list of .ko files in dependency order (mkinitrd.sh)
while read -r ko; do
	insmod "$ko" || echo "init: could not load $ko"
done < /etc/vmtest/base-modules
if [ -d /sys/kernel/config ]; then
	mount -t configfs configfs /sys/kernel/config
fi

systemd-udevd --daemon
udevadm trigger --action=add --type=subsystems
udevadm trigger --action=add --type=devices
udevadm settle --timeout=60
echo "VMTEST ready uptime=$(uptime_s)"

tests=$(arg vmtests) || tests=
case $tests in
none) tests= ;;
"") tests=$(cd /tests/vm && ls t_*.sh 2>/dev/null | sed 's/\.sh$//') ;;
*) tests=$(echo "$tests" | tr ',' ' ') ;;
esac
VMTEST_TIMEOUT=$(arg vmtimeout) || VMTEST_TIMEOUT=180
export VMTEST_TIMEOUT
[ -n "$tests" ] && sh /tests/vm/runner.sh $tests

if arg vmshell >/dev/null; then
	rows=$(arg vmrows) && cols=$(arg vmcols) &&
		stty -F /dev/ttyS0 rows "$rows" cols "$cols" 2>/dev/null
	cat <<'EOF'

vm-shell: tests in /tests/vm, helpers: . /tests/vm/lib.sh
  run tests:      /tests/vm/runner.sh t_harness ...
  reference:      ref_multipath -ll   (after . /tests/vm/lib.sh)
  leave:          exit (powers off), or Ctrl-A x in QEMU
EOF
	# cttyhack makes the console the controlling terminal (job control,
	# Ctrl-C).
	setsid cttyhack sh -l
fi

echo "VMTEST done uptime=$(uptime_s)"
sync
poweroff -f
