#!/bin/sh
# multipath -l / -ll against the reference, line for line, on the
# reference's own setup (scsi_debug 4 hosts x 3 LUNs, ALUA prio 50/10/1/50):
# whole listing, one map by name / WWID / path / dm device / major:minor,
# -v1, a failed path, and the no-scan promise of a single-map listing.
# Maps are created by the reference until our map creation lands.
# vm-timeout: 240
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
start_scsi_debug 4 3 || fatal "scsi_debug did not give 12 disks"
ref_multipath -v0 || fatal "the reference did not create the maps"
assert_eq maps-created 3 "$(dmsetup ls --target multipath | grep -c '^mpath')"

# same_as_ref CASE ARGS...: our stdout equals the reference's, exit
# statuses too
same_as_ref() {
	_c=$1
	shift
	ref_multipath "$@" > /tmp/ref.out 2>/tmp/ref.err
	_rr=$?
	multipath "$@" > /tmp/our.out 2>/tmp/our.err
	_or=$?
	if [ "$_rr" = "$_or" ] && cmp -s /tmp/ref.out /tmp/our.out; then
		ok "$_c"
	else
		not_ok "$_c" "exit: reference $_rr, ours $_or" \
			"$(diff /tmp/ref.out /tmp/our.out)" "our stderr:" \
			"$(cat /tmp/our.err)"
	fi
}

same_as_ref ll -ll
same_as_ref l -l
cat /tmp/our.out
same_as_ref l-v1 -v1 -l
same_as_ref l-by-name -l mpathb
wwid=$(dmsetup info -c --noheadings -o uuid mpathc | sed 's/^mpath-//')
same_as_ref l-by-wwid -l "$wwid"
p=$(sdebug_path 1 1)
same_as_ref l-by-path -l "/dev/$p"
same_as_ref l-by-path-name -l "$p"
same_as_ref l-by-path-devt -l "$(devnum "$p")"
dm=$(dm_dev mpathb)
same_as_ref l-by-dm-dev -l "/dev/$dm"
same_as_ref l-by-dm-devt -l "$(devnum "$dm")"
same_as_ref ll-by-name -ll mpatha

# the warning about multipathd goes to stderr
multipath -ll 2>/tmp/our.err >/dev/null
assert_match ll-warns-no-daemon 'multipath devices exist, but multipathd service is not running' \
	"$(cat /tmp/our.err)"

# a failed path: offline, then I/O so that dm-multipath fails it
fp=$(sdebug_path 0 0)
fail_path "$fp"
dd if=/dev/mapper/mpatha of=/dev/null bs=4096 count=16 iflag=direct 2>/dev/null
wait_for "dmsetup status mpatha | grep -q ' F '" 20
same_as_ref ll-failed-path -ll mpatha
assert_match ll-shows-failed "$fp +[0-9]+:[0-9]+ +failed faulty offline" "$(cat /tmp/our.out)"
# without checkers too, an offline device is known to be down
same_as_ref l-failed-path -l mpatha
assert_match l-shows-failed "$fp +[0-9]+:[0-9]+ +failed faulty offline" "$(cat /tmp/our.out)"
restore_path "$fp"

# -l of one map does not look at other devices: count sysfs opens of
# other LUNs' paths with strace when it is in the image
if command -v strace >/dev/null; then
	other=$(sdebug_path 0 2)
	strace -f -e trace=openat -o /tmp/strace.out multipath -l mpatha >/dev/null 2>&1
	assert_eq l-one-map-no-other-devices 0 "$(grep -c "/$other/\|/$other\"" /tmp/strace.out)"
fi

# no maps: nothing printed, status 0
dmsetup remove_all
same_as_ref l-no-maps -l
finish
