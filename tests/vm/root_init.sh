#!/bin/busybox sh
# /sbin/init of the root-on-multipath guest (tests/vm/root.sh boots it from
# an initramfs made by initramfs-tools with the project's hook). Checks that
# the root file system is the map's partition, that the daemon of the real
# root takes the map over from the initramfs's without reloading it, and,
# on the first boot, that pulling one controller under writes loses
# nothing; the second boot comes up with one path only.
# Results go to the serial console as VMTEST lines, like the VM suite's.
export PATH=/usr/sbin:/usr/bin
# the tools are busybox's applets (links made once, on the first boot)
[ -e /usr/bin/sed ] || /usr/bin/busybox --install -s
T=t_root_$(sed -n 's/.*mptest=\([a-z0-9]*\).*/\1/p' /proc/cmdline)
mode=${T#t_root_}
up=$(cut -d' ' -f1 /proc/uptime)
exec > /dev/console 2>&1
echo "VMTEST begin $T"
echo "VMTEST info $T root mounted, init started after $up s"
pass=0
fail=0
ok() { echo "VMTEST ok $T $1"; pass=$((pass + 1)); }
not_ok() {
	echo "VMTEST not ok $T $1"
	fail=$((fail + 1))
	shift
	[ $# -gt 0 ] && printf '    %s\n' "$@"
}
check() {
	_n=$1
	shift
	if _o=$("$@" 2>&1); then ok "$_n"; else not_ok "$_n" "$_o"; fi
}
end() {
	echo "VMTEST end $T rc=0 secs=${up%.*}"
	echo "VMTEST done"
	sync
	poweroff -f
}
wait_for() {
	_i=0
	while [ $_i -lt $(($2 * 5)) ]; do
		eval "$1" >/dev/null 2>&1 && return 0
		sleep 0.2
		_i=$((_i + 1))
	done
	return 1
}

# initramfs-tools moved /dev, /proc, /sys and /run here; the rest is ours
mount -t tmpfs tmpfs /tmp
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts 2>/dev/null
mount -o remount,rw / 2>/dev/null

root_src=$(awk '$2 == "/" { print $1 }' /proc/mounts | tail -n 1)
root_dev=$(readlink -f "$root_src")
root_name=$(cat "/sys/class/block/${root_dev#/dev/}/dm/name" 2>/dev/null)
if [ "$root_name" = system-part1 ]; then
	ok "the root is the map's first partition (system-part1)"
else
	not_ok "the root is the map's first partition (system-part1)" "/ is $root_src ($root_dev)" \
		"$(cat /proc/mounts)"
fi
if [ -e /run/multipathd.pid ] && [ -d "/proc/$(cat /run/multipathd.pid)" ]; then
	not_ok "the initramfs's daemon is gone" "$(cat /run/multipathd.pid)"
else
	ok "the initramfs's daemon is gone"
fi
table_before=$(dmsetup table system)

# the real root's udev and daemon
systemd-udevd --daemon
udevadm trigger --action=add
udevadm settle --timeout=30
multipathd -d -s -v3 > /var/log/multipathd.log 2>&1 &
if wait_for "multipathd show daemon | grep -q ' idle\$'" 60; then
	ok "the root's daemon is up"
else
	not_ok "the root's daemon is up" "$(tail -20 /var/log/multipathd.log)"
fi
table_after=$(dmsetup table system)
if [ "$table_before" = "$table_after" ] &&
	! grep -q 'system: \(reload\|load\|create\)' /var/log/multipathd.log; then
	ok "the daemon took the map over without reloading it"
else
	not_ok "the daemon took the map over without reloading it" \
		"before: $table_before" "after:  $table_after" \
		"$(grep 'system' /var/log/multipathd.log | head -20)"
fi
ll=$(multipath -ll 2>&1)
echo "$ll" | sed 's/^/    /'
paths=1
[ "$mode" = boot1 ] && paths=2
if [ "$(echo "$ll" | grep -c 'active ready running')" = "$paths" ] &&
	echo "$ll" | grep -q '^system (35000c50015ea71ac) dm-[0-9]* QEMU,QEMU HARDDISK'; then
	ok "multipath -ll shows system with $paths path(s), active and ready"
else
	not_ok "multipath -ll shows system with $paths path(s), active and ready" "$ll"
fi

if [ "$mode" = boot1 ]; then
	# ---- writes go on while one controller is pulled --------------------------
	rm -f /wlog
	(
		i=0
		while [ $i -lt 400 ]; do
			echo "line $i" >> /wlog && sync || echo "write $i failed" >> /tmp/werr
			i=$((i + 1))
		done
	) &
	writer=$!
	dd if=/dev/urandom of=/tmp/blob bs=64k count=64 2>/dev/null
	sleep 1
	echo "VMTEST pull hd0"
	# the host removes the first controller's disk; its path goes
	if wait_for "[ \$(multipathd show paths raw format %d | wc -l) = 1 ]" 90; then
		ok "the pulled path left the map"
	else
		not_ok "the pulled path left the map" "$(multipathd show paths)"
	fi
	cp /tmp/blob /blob && sync
	wait $writer
	if [ ! -s /tmp/werr ] && [ "$(wc -l < /wlog)" = 400 ] &&
		[ "$(sed -n '400p' /wlog)" = "line 399" ]; then
		ok "every write during the pull reached the disk (400 of 400)"
	else
		not_ok "every write during the pull reached the disk (400 of 400)" \
			"$(wc -l < /wlog) lines" "$(cat /tmp/werr 2>/dev/null)"
	fi
	echo 3 > /proc/sys/vm/drop_caches
	if cmp -s /tmp/blob /blob; then
		ok "4 MiB written after the pull read back intact"
	else
		not_ok "4 MiB written after the pull read back intact"
	fi
	md5sum /blob | cut -d' ' -f1 > /blob.md5
	if dmesg | grep -q 'Buffer I/O error on dev dm-\|EXT4-fs error'; then
		not_ok "no I/O error on the map or the file system" "$(dmesg | grep 'error' | tail -5)"
	else
		ok "no I/O error on the map or the file system"
	fi
else
	# ---- the other path gone from the start --------------------------------------
	if [ -s /blob.md5 ] && [ "$(md5sum /blob | cut -d' ' -f1)" = "$(cat /blob.md5)" ]; then
		ok "the first boot's data is there"
	else
		not_ok "the first boot's data is there" "$(ls -l /blob /blob.md5 2>&1)"
	fi
fi
multipathd shutdown >/dev/null 2>&1
echo "VMTEST info $T $pass passed, $fail failed"
end
