#!/bin/sh
# multipathd's settings beyond the table: max_sectors_kb on the paths and
# the map, san_path_err (an unreliable path is kept out of use for a
# while when it comes back), find_multipaths smart (a lone path is
# released once its wait is over), no map for a lone path with
# find_multipaths strict, the map made once a second path appears,
# ghost_delay (a map of standby paths only is announced later).
# vm-timeout: 300
. /tests/vm/lib.sh

conf() {
	write_conf 'defaults {' '	user_friendly_names yes' \
		'	polling_interval 2' "$@" '}'
}
state_of() { mp_path_state "$m" "$(devnum "$1")"; }

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
fail_twice "$m" "$a"
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
stop_daemon
dmsetup remove_all
stop_scsi_debug || fatal "scsi_debug did not go away"

# ---- ghost_delay: a map of standby paths only (LIO, both port groups standby) ---
. /tests/vm/lio.sh
ghost_conf() {
	write_conf 'defaults {' '	polling_interval 2' '	find_multipaths no' \
		"	ghost_delay $1" '}' 'devices {' '	device {' \
		'		vendor "LIO-ORG"' '		product ".*"' \
		'		path_grouping_policy group_by_prio' '	}' '}'
}
if ! lio_setup; then
	not_ok lio-setup "$(dmesg | tail -n 20)"
	lio_teardown
	finish
fi
wait_for '[ "$(lio_disks | wc -l)" -ge 2 ]' 30 lio_disks
lio=$(lio_disks | tr '\n' ' ')
group_state grpA 2 && group_state grpB 2 || not_ok ghost-set-standby
kick
udev_settle
lio_map() { dmsetup ls --target multipath | awk 'NR == 1 { print $1 }'; }
# The udev flags of the map's change events, read off the kernel's uevents
# (the DM_COOKIE of a resume carries them in its upper 16 bits): 1 where the event says
# "no usable paths" (MPATH_UDEV_NO_PATHS_FLAG, DM_SUBSYSTEM_UDEV_FLAG2), 0
# where it does not. (udev's database is no witness here: without
# multipath's own rules, blkid reads the standby map and udev takes long.)
uev_start() {
	: > /tmp/ghost-uev.log
	udevadm monitor --kernel --property --subsystem-match=block \
		> /tmp/ghost-uev.log 2>&1 &
	uev_pid=$!
	sleep 1
}
uev_stop() { kill "$uev_pid" 2>/dev/null; wait "$uev_pid" 2>/dev/null; }
no_paths_flags() {
	awk -v m="/dev/$(dm_dev "$1")" '
	/^$/ { if (chg && name == m && ck != "") print ck; chg = 0; name = ""; ck = "" }
	/^ACTION=change$/ { chg = 1 }
	/^DEVNAME=/ { name = substr($0, 9) }
	/^DM_COOKIE=/ { ck = substr($0, 11) }
	END { if (chg && name == m && ck != "") print ck }' /tmp/ghost-uev.log |
	while read -r c; do
		echo $(( (c >> 16) & 1024 ? 1 : 0 ))
	done | tr '\n' ' ' | sed 's/ $//'
}

# nobody comes: the map is announced when ghost_delay is over
ghost_conf 6
rm -rf /run/multipath /etc/multipath
mkdir -p /etc/multipath
uev_start
start_daemon || fatal "multipathd did not start"
wait_for '[ -n "$(lio_map)" ]' 30 || fatal "no map of the standby paths"
m=$(lio_map)
wait_for "[ -n \"\$(no_paths_flags $m)\" ]" 20
assert_match ghost-held-back "$m: only ghost paths, the map is announced in 6 s" "$(daemon_log)"
assert_eq ghost-udev-no-paths 1 "$(no_paths_flags "$m")"
wait_for "grep -q '$m: ghost_delay is over, announcing the map' /tmp/multipathd.log" 20
assert_match ghost-announced "$m: ghost_delay is over, announcing the map" "$(daemon_log)"
wait_for "[ \"\$(no_paths_flags $m)\" = '1 0' ]" 20
assert_eq ghost-udev-announced "1 0" "$(no_paths_flags "$m")"
uev_stop
stop_daemon
dmsetup remove_all

# a port group becomes active before the delay is over: announced at once
ghost_conf 120
uev_start
start_daemon || fatal "multipathd did not start"
wait_for '[ -n "$(lio_map)" ]' 30 || fatal "no map of the standby paths"
m=$(lio_map)
wait_for "[ -n \"\$(no_paths_flags $m)\" ]" 20
assert_match ghost-held-back-2 "$m: only ghost paths, the map is announced in 120 s" "$(daemon_log)"
assert_eq ghost-udev-no-paths-2 1 "$(no_paths_flags "$m")"
group_state grpA 0 || not_ok ghost-set-active
wait_for "grep -q '$m: an active path, announcing the map' /tmp/multipathd.log" 20
assert_match ghost-announced-active "$m: an active path, announcing the map" "$(daemon_log)"
# the first event without the flag; reloads for the new priorities may follow
wait_for "no_paths_flags $m | grep -q '^1 0'" 20
assert_match ghost-udev-announced-2 '^1 0( 0)*$' "$(no_paths_flags "$m")"
uev_stop
stop_daemon
lio_teardown
finish
