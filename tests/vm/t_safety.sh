#!/bin/sh
# What map changes must never do to a live map: shrink it while a LUN is
# resized online (paths of two sizes), leave it suspended when the kernel
# refuses a new table, fail on a write-protected LUN, or half-flush it
# (partition maps removed although one of them is in use).
# vm-timeout: 300
. /tests/vm/lib.sh

SFDISK=/usr/sbin/sfdisk
SDEBUG=/sys/bus/pseudo/drivers/scsi_debug

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
start_scsi_debug 2 1 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)
multipath -v0 || fatal "multipath did not create the map"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no /dev/mapper/mpatha"
size0=$(dev_sectors "$a")

# devs MAP: the path devices of the map's table, sorted
devs() {
	dmsetup table "$1" | tr ' ' '\n' | grep -E '^[0-9]+:[0-9]+$' | sort | tr '\n' ' '
}
both="$(printf '%s\n%s\n' "$(devnum "$a")" "$(devnum "$b")" | sort | tr '\n' ' ')"
assert_eq map-has-both-paths "$both" "$(devs mpatha)"

# ---- online resize: one path sees the new size before the other ---------------
echo 1 > "$SDEBUG/virtual_gb"
echo 1 > "/sys/class/block/$b/device/rescan"
wait_for "[ \"\$(dev_sectors $b)\" != $size0 ]" 20 || not_ok resize-rescan-b
size1=$(dev_sectors "$b")
multipath -v2 > /tmp/out 2>&1
assert_match resize-odd-path-named "$b: size $size1, expected $size0" "$(cat /tmp/out)"
assert_eq resize-one-map 1 "$(dmsetup ls --target multipath | grep -c .)"
assert_eq resize-size-kept "$size0" "$(dmsetup table mpatha | awk '{ print $2 }')"
assert_eq resize-paths-kept "$both" "$(devs mpatha)"
# every path agrees: now the map grows, with both paths
echo 1 > "/sys/class/block/$a/device/rescan"
wait_for "[ \"\$(dev_sectors $a)\" = $size1 ]" 20 || not_ok resize-rescan-a
multipath -v2 > /tmp/out 2>&1
assert_eq resize-all-agree-exit 0 $?
assert_match resize-all-agree-printed '^resize: mpatha ' "$(cat /tmp/out)"
assert_eq resize-all-agree-size "$size1" "$(dmsetup table mpatha | awk '{ print $2 }')"
assert_eq resize-all-agree-paths "$both" "$(devs mpatha)"

# ---- a table the kernel refuses at resume: the map goes on as it was -------------
# A table longer than its paths loads, but the kernel refuses it when it
# swaps it in (device too small), with the map suspended.
table=$(dmsetup table mpatha)
params=$(echo "$table" | cut -d' ' -f4-)
mp_reload mpatha $((size1 * 2)) "$params" > /tmp/out 2>&1
assert_eq refused-table-fails 1 $?
assert_match refused-table-logged 'mpatha: the new table was refused, resuming the map with its previous table' \
	"$(cat /tmp/out)"
state=$(dmsetup info mpatha | awk '/^State:/ { print $2 }')
assert_eq refused-table-map-active ACTIVE "$state"
assert_eq refused-table-unchanged "$table" "$(dmsetup table mpatha)"
if [ "$state" = ACTIVE ]; then
	check refused-table-io dd if=/dev/mapper/mpatha of=/dev/null bs=4096 count=4 iflag=direct
else
	dmsetup resume mpatha	# do not leave the guest with frozen I/O
fi

# ---- a write-protected LUN ---------------------------------------------------------
multipath -F
stop_scsi_debug || fatal "scsi_debug did not go away"
start_scsi_debug 2 1 wp=1 || fatal "no write-protected scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)
assert_eq wp-paths-read-only "1 1" "$(cat "/sys/class/block/$a/ro") $(cat "/sys/class/block/$b/ro")"
multipath -v2 > /tmp/out 2>&1
assert_eq wp-create-exit 0 $?
check wp-map-created test -b /dev/mapper/mpatha
assert_match wp-map-read-only 'ACTIVE \(READ-ONLY\)' "$(dmsetup info mpatha)"
assert_match wp-shown-ro "wp=ro" "$(multipath -ll mpatha 2>/dev/null)"
multipath -r -v2 > /tmp/out 2>&1
assert_eq wp-reload-exit 0 $?
assert_match wp-reload-printed '^reload: mpatha ' "$(cat /tmp/out)"
multipath -F
stop_scsi_debug || fatal "scsi_debug did not go away"
start_scsi_debug 2 1 || fatal "no scsi_debug disks"

# ---- flush is all or nothing --------------------------------------------------------
multipath -v0
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no /dev/mapper/mpatha after wp"
printf 'label: dos\n2048,4096,83\n,4096,83\n' | $SFDISK -q /dev/mapper/mpatha >/dev/null 2>&1
kpartx -a /dev/mapper/mpatha
udev_settle
wait_for "[ -e /dev/mapper/mpatha1 ] && [ -e /dev/mapper/mpatha2 ]" 20 ||
	fatal "kpartx made no partition maps"
exec 3</dev/mapper/mpatha2
multipath -f mpatha > /tmp/out 2>&1
assert_eq flush-busy-part-refused 1 $?
assert_match flush-busy-part-message 'mpatha: map in use' "$(cat /tmp/out)"
assert_match flush-busy-part-holder 'mpatha2: held by process [0-9]+' "$(cat /tmp/out)"
check flush-busy-part-keeps-part1 test -b /dev/mapper/mpatha1
check flush-busy-part-keeps-map test -b /dev/mapper/mpatha
multipath -F > /tmp/out 2>&1
assert_eq flushall-busy-part-refused 1 $?
check flushall-busy-part-keeps-part1 dmsetup info mpatha1
exec 3<&-
multipath -f mpatha > /tmp/out 2>&1
assert_eq flush-after-close 0 $?
assert_eq flush-after-close-all-gone "" "$(dmsetup ls | grep mpatha)"
finish
