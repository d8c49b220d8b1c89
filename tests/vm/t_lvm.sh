#!/bin/sh
# LVM on a multipath map (the reference's FAQ "LVM2 doesn't see my
# multipathed devices as PV"): a PV, VG, LV and ext4 file system on the
# map; LVM lists the map only, never its paths, without duplicate-PV
# warnings, also after the VG is deactivated and scanned again; with the
# map gone, LVM's multipath_component_detection reads our wwids file and
# keeps off the paths; blacklisting the WWID and reconfiguring leaves a
# map that is in use alone, and releases it once it is not.
# vm-timeout: 300
. /tests/vm/lib.sh

command -v lvm >/dev/null || fatal "lvm is not in the image (apt-get install lvm2)"
export LVM_SUPPRESS_FD_WARNINGS=1
mkdir -p /run/lock/lvm /run/lvm /mnt/lv
load_module ext4 || fatal "no ext4 module"
# The LUN of LIO's fileio backstore through two loopback targets: its WWID
# is an NAA IEEE Registered Extended name, the udev ID_SERIAL that
# multipath records and, as "naa.X" in sysfs, what LVM looks up in the
# wwids file. (scsi_debug's locally assigned NAA ranks below its T10
# vendor designator: the two would never meet.)
. /tests/vm/lio.sh
lio_setup || { lio_teardown; fatal "no LIO LUN"; }
wait_for '[ "$(lio_disks | wc -l)" -ge 2 ]' 30 lio_disks || fatal "no LIO paths"
udev_settle
set -- $(lio_disks)
a=$1 b=$2
sys_wwid=$(wwid_of "$a")
wwid=3${sys_wwid#naa.}
assert_eq udev-serial-is-the-naa-name "$wwid" "$(udev_prop "$a" ID_SERIAL)"

conf_head='defaults {
	user_friendly_names yes
	find_multipaths no
}'
write_conf "$conf_head" 'blacklist {' '	devnode "^loop"' '}'
use_mp_rules || fatal "the rules are not in the image"
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 "multipathd show paths" || fatal "no map"
udevadm trigger --action=change "/sys/block/$a" "/sys/block/$b"
udev_settle
assert_match wwid-recorded "^/$wwid/\$" "$(grep -v "^#" /etc/multipath/wwids)"

# lvm_do CMD...: LVM's command; what it says on stderr also goes to
# /tmp/lvm.err
lvm_do() {
	lvm "$@" 2> /tmp/lvm.last
	_ls=$?
	cat /tmp/lvm.last >> /tmp/lvm.err
	cat /tmp/lvm.last >&2
	return $_ls
}
# pv_devices: the devices LVM takes as PVs, one a line
pv_devices() { lvm_do pvs --noheadings -o pv_name | tr -d ' '; }
# no_duplicate_warning CASE: nothing LVM said mentions duplicates or a
# device it did not use
no_duplicate_warning() {
	if grep -qi 'duplicate\|not using device' /tmp/lvm.err; then
		not_ok "$1" "$(cat /tmp/lvm.err)"
	else
		ok "$1"
	fi
}

: > /tmp/lvm.err
check pvcreate lvm_do pvcreate -q /dev/mapper/mpatha
check vgcreate lvm_do vgcreate -q vgmp /dev/mapper/mpatha
check lvcreate lvm_do lvcreate -q -y -L 8M -n lv0 vgmp
check mkfs /usr/sbin/mkfs.ext4 -q -F /dev/vgmp/lv0
check mount mount -t ext4 /dev/vgmp/lv0 /mnt/lv
dd if=/dev/urandom of=/tmp/data bs=64k count=32 2>/dev/null
cp /tmp/data /mnt/lv/data && sync
assert_eq pv-is-the-map /dev/mapper/mpatha "$(pv_devices)"
lv_dm=$(basename "$(readlink -f /dev/vgmp/lv0)")
assert_eq lv-on-the-map "$(basename "$(readlink -f /dev/mapper/mpatha)")" \
	"$(ls "/sys/block/$lv_dm/slaves")"
no_duplicate_warning no-duplicate-pv-warning
for p in "$a" "$b"; do
	assert_eq "path-has-no-holder-but-the-map-$p" \
		"$(basename "$(readlink -f /dev/mapper/mpatha)")" "$(ls "/sys/block/$p/holders")"
done

# ---- deactivated and scanned again, as at a reboot --------------------------------
umount /mnt/lv
check vgchange-off lvm_do vgchange -q -an vgmp
: > /tmp/lvm.err
check pvscan lvm_do pvscan -q
check vgchange-on lvm_do vgchange -q -ay vgmp
assert_eq rescan-pv-is-the-map /dev/mapper/mpatha "$(pv_devices)"
no_duplicate_warning rescan-no-duplicate-pv-warning
mount -t ext4 /dev/vgmp/lv0 /mnt/lv
echo 3 > /proc/sys/vm/drop_caches
check data-intact cmp /tmp/data /mnt/lv/data

# ---- the map gone: LVM keeps off the paths --------------------------------------------
umount /mnt/lv
lvm_do vgchange -q -an vgmp
stop_daemon
check flush multipath -f mpatha
: > /tmp/lvm.err
assert_eq no-map-no-pv-on-a-path "" "$(pv_devices)"
no_duplicate_warning no-map-no-duplicate-warning
# LVM takes two paths with one WWID for components by itself; with one
# path left, only the wwids file tells it: our file, in the reference's
# format, is read (and without the WWID in it the path is a PV to LVM)
b_hctl=$(hctl_of "$b")
delete_path "$b"
# LVM's hints (the devices that had PVs at its last scan) do not notice a
# change of the wwids file: drop them, as after a change of LVM's filter
rm -f /run/lvm/hints
: > /tmp/lvm.err
assert_eq one-path-listed-in-wwids-no-pv "" "$(pv_devices)"
cp /etc/multipath/wwids /tmp/wwids
printf '# Multipath wwids, Version : 1.0\n' > /etc/multipath/wwids
rm -f /run/lvm/hints
assert_eq one-path-not-in-wwids-is-a-pv "/dev/$a" "$(pv_devices)"
cp /tmp/wwids /etc/multipath/wwids
rm -f /run/lvm/hints
rescan_host "${b_hctl%%:*}"
b=$(path_by_hctl "$b_hctl") || fatal "the deleted path did not come back"

# ---- blacklisted while in use: kept; once unused: released ---------------------------
start_daemon || fatal "multipathd did not start again"
wait_for "[ -e /dev/mapper/mpatha ]" 30 "multipathd show paths" || fatal "no map again"
udev_settle
lvm_do vgchange -q -ay vgmp
mount -t ext4 /dev/vgmp/lv0 /mnt/lv || fatal "no mount after the restart"
write_conf "$conf_head" 'blacklist {' '	devnode "^loop"' "	wwid \"^$wwid\$\"" '}'
assert_eq reconfigure-in-use ok "$(multipathd reconfigure)"
wait_for "multipathd show daemon | grep -q idle" 30
sleep 2
if [ -e /dev/mapper/mpatha ] && dmsetup table mpatha | grep -q multipath; then
	ok "the map in use stays"
else
	not_ok "the map in use stays" "$(dmsetup ls)" "$(tail -20 /tmp/multipathd.log)"
fi
echo more > /mnt/lv/more && sync
echo 3 > /proc/sys/vm/drop_caches
check in-use-io-goes-on cmp /tmp/data /mnt/lv/data
: > /tmp/lvm.err
assert_eq in-use-pv-is-the-map /dev/mapper/mpatha "$(pv_devices)"
no_duplicate_warning in-use-no-duplicate-warning
umount /mnt/lv
lvm_do vgchange -q -an vgmp
assert_eq reconfigure-unused ok "$(multipathd reconfigure)"
if wait_for "[ ! -e /dev/mapper/mpatha ]" 30; then
	ok "the unused map of a blacklisted WWID goes"
else
	not_ok "the unused map of a blacklisted WWID goes" "$(dmsetup ls)" \
		"$(tail -20 /tmp/multipathd.log)"
fi
udevadm trigger --action=change "/sys/block/$a" "/sys/block/$b"
udev_settle
for p in "$a" "$b"; do
	assert_eq "released-$p" 0 "$(udev_prop "$p" DM_MULTIPATH_DEVICE_PATH)"
done
stop_daemon
lio_teardown
finish
