#!/bin/sh
# make demo: a simulated SAN in the guest. Two SCSI hosts see the same two
# LUNs (scsi_debug), multipath turns each pair of paths into one map, a
# path dies and comes back, and the topology is shown at every step.
# vm-timeout: 300
. /tests/vm/lib.sh

say() { printf '\n### %s\n' "$*"; }

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
say "A SAN: 2 host adapters x 2 LUNs = 4 SCSI disks"
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
for d in $(scsi_debug_disks); do
	echo "$d  $(hctl_of "$d")  wwid $(udev_prop "$d" ID_SERIAL)"
done

say "multipath: one map per LUN"
multipath -v2 2>/dev/null
say "multipath -ll"
multipath -ll 2>/dev/null

say "The bindings file names the maps"
grep -v '^#' /etc/multipath/bindings

p=$(sdebug_path 0 0)
say "Cable pulled: $p ($(hctl_of "$p")) goes offline; I/O to mpatha goes on"
fail_path "$p"
dd if=/dev/mapper/mpatha of=/dev/null bs=4096 count=64 iflag=direct 2>&1 | tail -1
multipath -ll mpatha 2>/dev/null

say "Cable back: the path is running again; multipathd (or this message) reinstates it"
restore_path "$p"
dmsetup message mpatha 0 reinstate_path "$(devnum "$p")"
multipath -ll mpatha 2>/dev/null

say "Partitions on a map: kpartx"
printf 'label: dos\n,4M\n,\n' | /usr/sbin/sfdisk -q /dev/mapper/mpatha >/dev/null 2>&1
kpartx -a -v /dev/mapper/mpatha
ls /dev/mapper

say "Clean up: kpartx -d, multipath -F"
kpartx -d /dev/mapper/mpatha
multipath -F
dmsetup ls
ok demo
finish
