#!/bin/sh
# multipathd's settings beyond the table: max_sectors_kb on the paths and
# the map, san_path_err (an unreliable path is kept out of use for a
# while when it comes back), find_multipaths smart (a lone path is
# released once its wait is over), no map for a lone path with
# find_multipaths strict, the map made once a second path appears.
# vm-timeout: 360
. /tests/vm/lib.sh

conf() {
	write_conf 'defaults {' '	user_friendly_names yes' \
		'	polling_interval 2' "$@" '}'
}
state_of() {
	dmsetup status "$m" | tr ' ' '\n' | grep -A1 "^$(devnum "$1")\$" | tail -n 1
}

# ---- max_sectors_kb, san_path_err -------------------------------------------------
conf '	find_multipaths no' '	max_sectors_kb 64' '	san_path_err_threshold 2' \
	'	san_path_err_forget_rate 30' '	san_path_err_recovery_time 8'
start_scsi_debug 2 1 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
m=mpatha
dm=$(dm_dev $m)
assert_eq max-sectors-path-a 64 "$(cat "/sys/block/$a/queue/max_sectors_kb")"
assert_eq max-sectors-path-b 64 "$(cat "/sys/block/$b/queue/max_sectors_kb")"
assert_eq max-sectors-map 64 "$(cat "/sys/block/$dm/queue/max_sectors_kb")"

# two failures: the second return is held back for the recovery time
for round in 1 2; do
	fail_path "$a"
	wait_for "[ \"\$(state_of $a)\" = F ]" 15
	restore_path "$a"
	[ "$round" = 1 ] && wait_for "[ \"\$(state_of $a)\" = A ]" 15
done
sleep 5
assert_eq san-held-back F "$(state_of "$a")"
assert_match san-delayed-shown "$a .*delayed" "$(multipathd show paths)"
assert_match san-logged "$a: 2 failures, kept out of use for 8 s" "$(daemon_log)"
wait_for "[ \"\$(state_of $a)\" = A ]" 20
assert_eq san-back-after-recovery A "$(state_of "$a")"
assert_match san-back-logged "$a: unreliable path back in use" "$(daemon_log)"
stop_daemon
dmsetup remove_all

# ---- find_multipaths smart: a lone path waits, then is released -----------------
conf '	find_multipaths smart' '	find_multipaths_timeout 3'
stop_scsi_debug || fatal "scsi_debug did not go away"
rm -rf /run/multipath /etc/multipath
mkdir -p /etc/multipath
start_daemon || fatal "multipathd did not start"
: > /tmp/multipathd.log
load_module scsi_debug add_host=1 num_tgts=1 max_luns=1 vpd_use_hostno=0 \
	dev_size_mb=8 || fatal "no scsi_debug"
wait_for "[ -n \"\$(scsi_debug_disks)\" ]" 30
lone=$(scsi_debug_disks)
# what udev would run for it: multipath -u starts the wait
multipath -u "$lone" >/dev/null 2>&1
multipathd add path "$lone" >/dev/null
wait_for "grep -q \"$lone: no second path for find_multipaths smart, releasing it\" /tmp/multipathd.log" 20
assert_match smart-released "$lone: no second path for find_multipaths smart, releasing it" "$(daemon_log)"
assert_eq smart-no-map 0 "$(dmsetup ls --target multipath | grep -c mpath)"
# a second path shows up: now it is a map
echo 1 > /sys/bus/pseudo/drivers/scsi_debug/add_host
wait_for "[ \$(dmsetup ls --target multipath | grep -c mpath) -eq 1 ]" 30
assert_eq smart-map-with-second-path 1 "$(dmsetup ls --target multipath | grep -c mpath)"
finish
