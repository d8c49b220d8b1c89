#!/bin/sh
# make demo: a simulated SAN in the guest. Two SCSI hosts see the same two
# LUNs (scsi_debug); multipathd turns each pair of paths into one map; a
# path dies under I/O and the daemon fails it, the path comes back and the
# daemon reinstates it on its own; the topology is shown at every step.
# vm-timeout: 300
. /tests/vm/lib.sh

say() { printf '\n### %s\n' "$*"; }

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '}'
say "A SAN: 2 host adapters x 2 LUNs = 4 SCSI disks"
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
for d in $(scsi_debug_disks); do
	echo "$d  $(hctl_of "$d")  wwid $(udev_prop "$d" ID_SERIAL)"
done

say "multipathd starts: one map per LUN"
start_daemon -v2 || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ] && [ -e /dev/mapper/mpathb ]" 30 ||
	fatal "no maps"
wait_for "multipathd show daemon | grep -q idle" 30
multipathd show daemon
multipathd show maps
say "multipathd show topology"
multipathd show topology

say "The bindings file names the maps"
grep -v '^#' /etc/multipath/bindings

p=$(sdebug_path 0 0)
m=$(dm_name "$(ls "/sys/block/$p/holders")")
say "Cable pulled: $p ($(hctl_of "$p")) goes offline; I/O to $m goes on"
fail_path "$p"
dd if=/dev/mapper/"$m" of=/dev/null bs=4096 count=64 iflag=direct 2>&1 | tail -1
wait_for "multipathd show paths | grep -q \"$p .*failed\"" 10
multipathd show paths
multipathd show map "$m" topology

say "Cable back: the daemon reinstates the path on its own"
restore_path "$p"
wait_for "dmsetup status $m | grep -q \"$(devnum "$p") A\"" 20
multipathd show map "$m" topology
say "What the daemon logged"
sed -n 's/^/  /p' /tmp/multipathd.log | grep -v 'setting scsi timeouts'

say "Partitions on a map: kpartx"
printf 'label: dos\n,4M\n,\n' | /usr/sbin/sfdisk -q /dev/mapper/"$m" >/dev/null 2>&1
kpartx -a -v /dev/mapper/"$m"
ls /dev/mapper

say "Clean up: kpartx -d, multipathd shutdown, multipath -F"
kpartx -d /dev/mapper/"$m"
multipathd shutdown
wait_for "! pidof multipathd >/dev/null" 20
multipath -F
dmsetup ls
ok demo
finish
