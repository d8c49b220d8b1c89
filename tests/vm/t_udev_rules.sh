#!/bin/sh
# The project's udev rules as installed: the paths of a multipathed LUN are
# claimed (DM_MULTIPATH_DEVICE_PATH=1, ID_FS_TYPE=mpath_member,
# SYSTEMD_READY=0) and their partition nodes removed while the daemon
# runs; the disks of a blacklisted WWID are left alone; the map gets its partitions from kpartx
# (NAME-partN) and the by-id links (over the paths' links); the map is
# marked not ready while it has no path, and ready again.
# vm-timeout: 240
. /tests/vm/lib.sh

start_scsi_debug 2 2 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)
c=$(sdebug_path 0 1)
d=$(sdebug_path 1 1)
# two partitions on LUN 0, seen through both paths
printf 'label: dos\n,4M,L\n,,L\n' | /usr/sbin/sfdisk -q "/dev/$a" >/dev/null 2>&1 ||
	fatal "sfdisk failed"
blockdev --rereadpt "/dev/$b" 2>/dev/null
udev_settle
[ -e "/dev/${a}1" ] && [ -e "/dev/${b}2" ] || fatal "the paths' partitions did not appear"

prop() { udevadm info -q property -n "$1" 2>/dev/null | sed -n "s/^$2=//p"; }
ready() { prop /dev/mapper/mpatha MPATH_DEVICE_READY; }

wa=$(prop "/dev/$a" ID_SERIAL)
wc=$(prop "/dev/$c" ID_SERIAL)
[ -n "$wa" ] && [ "$wa" != "$wc" ] || fatal "no distinct WWIDs for the LUNs"
# LUN 1 is blacklisted: nobody's path
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}' \
	'blacklist {' '	devnode "^loop"' "	wwid \"^$wc\$\"" '}'
use_mp_rules || fatal "the rules are not in the image"
# multipath -u claims paths only while the daemon runs
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
udevadm trigger --action=change "/sys/block/$a" "/sys/block/$b" "/sys/block/$c" \
	"/sys/block/$d"
udev_settle

for p in "$a" "$b"; do
	assert_eq "claimed-$p" 1 "$(prop "/dev/$p" DM_MULTIPATH_DEVICE_PATH)"
	assert_eq "fs-type-$p" mpath_member "$(prop "/dev/$p" ID_FS_TYPE)"
	assert_eq "systemd-ready-$p" 0 "$(prop "/dev/$p" SYSTEMD_READY)"
done
if [ ! -e "/dev/${a}1" ] && [ ! -e "/dev/${b}2" ]; then
	ok "the paths' partition nodes are gone"
else
	not_ok "the paths' partition nodes are gone" "$(ls /dev/sd*)"
fi
for p in "$c" "$d"; do
	assert_eq "blacklisted-not-claimed-$p" 0 "$(prop "/dev/$p" DM_MULTIPATH_DEVICE_PATH)"
	assert_eq "blacklisted-left-alone-$p" "" \
		"$(prop "/dev/$p" ID_FS_TYPE)$(prop "/dev/$p" SYSTEMD_READY)"
done

# ---- the map ------------------------------------------------------------------
if wait_for "[ -e /dev/mapper/mpatha-part1 ] && [ -e /dev/mapper/mpatha-part2 ]" 30; then
	ok "kpartx made the map's partitions"
else
	not_ok "kpartx made the map's partitions" "$(dmsetup ls)"
fi
udev_settle
dm=$(basename "$(readlink -f /dev/mapper/mpatha)")
assert_eq map-ready 1 "$(ready)"
assert_eq map-dm-type scsi "$(prop /dev/mapper/mpatha DM_TYPE)"
assert_eq map-serial "$wa" "$(prop /dev/mapper/mpatha DM_SERIAL)"
assert_eq by-id-link-is-the-map "$dm" \
	"$(basename "$(readlink -f "/dev/disk/by-id/scsi-$wa")")"
p1=$(basename "$(readlink -f /dev/mapper/mpatha-part1)")
assert_eq by-id-part-link-is-the-map-partition "$p1" \
	"$(basename "$(readlink -f "/dev/disk/by-id/scsi-$wa-part1")")"
assert_eq part-number 1 "$(prop /dev/mapper/mpatha-part1 DM_PART)"
assert_eq part-of-map mpatha "$(prop /dev/mapper/mpatha-part1 DM_MPATH)"
assert_match part-table-target '^0 [0-9]+ linear ' "$(dmsetup table mpatha-part1)"

# ---- no path: not ready; a path back: ready ---------------------------------------
fail_path "$a"
fail_path "$b"
if wait_for '[ "$(ready)" = 0 ]' 30; then
	ok "without paths the map is not ready"
else
	not_ok "without paths the map is not ready" "$(udevadm info -q property -n /dev/mapper/mpatha)"
fi
assert_eq no-paths-no-scan 1 "$(prop /dev/mapper/mpatha DM_NOSCAN)"
assert_eq no-paths-links-stay "$dm" \
	"$(basename "$(readlink -f "/dev/disk/by-id/scsi-$wa")")"
restore_path "$a"
if wait_for '[ "$(ready)" = 1 ]' 60; then
	ok "a path back makes the map ready"
else
	not_ok "a path back makes the map ready" "$(udevadm info -q property -n /dev/mapper/mpatha)"
fi
restore_path "$b"
stop_daemon
finish
