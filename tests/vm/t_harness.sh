#!/bin/sh
# The harness itself: scsi_debug gives two paths to each LUN with one WWID,
# udev sees them, and a hand-made dm-multipath map fails over when a path
# goes offline.
# vm-timeout: 120
. /tests/vm/lib.sh

start_scsi_debug 2 2 || fatal "scsi_debug did not give 4 disks"
paths=$(scsi_debug_paths)
echo "$paths"
assert_eq four-disks 4 "$(echo "$paths" | wc -l)"
assert_eq two-hosts 2 "$(scsi_debug_hosts | wc -l)"

# Both paths of a LUN: same WWID in sysfs and same ID_SERIAL from udev;
# the two LUNs differ.
for lun in 0 1; do
	p0=$(sdebug_path 0 $lun) && p1=$(sdebug_path 1 $lun) ||
		fatal "no path to LUN $lun" "$paths"
	w0=$(wwid_of "$p0")
	assert_match "lun$lun-wwid-set" '^naa\.' "$w0"
	assert_eq "lun$lun-same-wwid" "$w0" "$(wwid_of "$p1")"
	s0=$(udev_prop "$p0" ID_SERIAL)
	assert_match "lun$lun-udev-serial-set" '.' "$s0"
	assert_eq "lun$lun-same-udev-serial" "$s0" "$(udev_prop "$p1" ID_SERIAL)"
	eval "wwid$lun=\$w0"
done
# shellcheck disable=SC2154 # set by eval above
[ "$wwid0" != "$wwid1" ] && ok luns-differ || not_ok luns-differ "$wwid0 = $wwid1"
check hctl-roundtrip [ "$(path_by_hctl "$(hctl_of "$p0")")" = "$p0" ]

# A multipath map by hand: one round-robin group over LUN 1's two paths.
a=$(sdebug_path 0 1)
b=$(sdebug_path 1 1)
ma=$(devnum "$a")
mb=$(devnum "$b")
size=$(dev_sectors "$a")
table="0 $size multipath 0 0 1 1 round-robin 0 2 1 $ma 1 $mb 1"
echo "table: $table"
check dmsetup-create dmsetup create vmt_mp --table "$table"
check mapper-node [ -b /dev/mapper/vmt_mp ]
dmsetup status vmt_mp
assert_eq path-a-active A "$(mp_path_state vmt_mp "$ma")"
assert_eq path-b-active A "$(mp_path_state vmt_mp "$mb")"
assert_eq map-size "$size" "$(dev_sectors "$(dm_dev vmt_mp)")"

# Path a dies; I/O on the map must still succeed, through b.
fail_path "$a"
assert_eq path-a-offline offline "$(path_state "$a")"
# random data, written through the map in 4 KiB direct I/Os (round-robin
# sends some of them to the dead path)
dd if=/dev/urandom of=/tmp/pattern bs=4096 count=64 2>/dev/null
check io-write-with-failed-path \
	dd if=/tmp/pattern of=/dev/mapper/vmt_mp bs=4096 count=64 oflag=direct
check io-read-with-failed-path \
	dd if=/dev/mapper/vmt_mp of=/tmp/readback bs=4096 count=64 iflag=direct
check io-data-intact cmp /tmp/pattern /tmp/readback
dmsetup status vmt_mp
assert_eq path-a-failed F "$(mp_path_state vmt_mp "$ma")"
assert_eq path-b-still-active A "$(mp_path_state vmt_mp "$mb")"
# what went through the map is on the LUN (read through path b directly)
dd if=/dev/"$b" of=/tmp/direct bs=4096 count=64 iflag=direct 2>/dev/null
check data-on-lun cmp /tmp/pattern /tmp/direct

# Path a returns; nothing reinstates it but us (no multipathd here).
restore_path "$a"
assert_eq path-a-running running "$(path_state "$a")"
check reinstate dmsetup message vmt_mp 0 reinstate_path "$ma"
assert_eq path-a-reinstated A "$(mp_path_state vmt_mp "$ma")"
check io-after-restore \
	dd if=/dev/mapper/vmt_mp of=/dev/null bs=4096 count=64 iflag=direct

check dmsetup-remove dmsetup remove vmt_mp
check map-gone [ ! -e /dev/mapper/vmt_mp ]
check stop-scsi-debug stop_scsi_debug
assert_eq no-disks-left 0 "$(scsi_debug_paths | wc -l)"
finish
