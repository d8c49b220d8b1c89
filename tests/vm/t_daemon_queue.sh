#!/bin/sh
# multipathd's failover policies against the real kernel: failback
# immediate, a standby path that dies without I/O, all paths gone with
# no_path_retry queue (writes wait, nothing fails, the data is there
# afterwards), no_path_retry 2 (the queue ends after two checker
# intervals), and multipath -r / -f handed to the daemon.
# vm-timeout: 420
. /tests/vm/lib.sh

conf() {
	write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
		'	polling_interval 2' "$@" '}'
}
# state_of DEV: the path's state in its map's status ("A" or "F")
state_of() {
	dmsetup status "$m" | tr ' ' '\n' | grep -A1 "^$(devnum "$1")\$" | tail -n 1
}
# group_active MAP: the number of the group the kernel uses ("A"), from
# its status: features, handler, then per group its state, selector
# status and paths
group_active() {
	dmsetup status "$1" | awk '{
		i = 4; i += $i + 1; i += $i + 1
		ng = $i; i += 2
		for (g = 1; g <= ng; g++) {
			st = $i; i++
			i += $i + 1
			np = $i; nps = $(i + 1); i += 2
			if (st == "A") { print g; exit }
			i += np * (3 + nps)
		}
	}'
}

conf '	failback immediate'
start_scsi_debug 2 1 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)	# host 0: ALUA prio 50, the first group
b=$(sdebug_path 1 0)	# host 1: prio 10
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
wait_for "multipathd show daemon | grep -q idle" 30
m=mpatha
assert_eq starts-on-group-1 1 "$(group_active $m)"

# ---- failback immediate ----------------------------------------------------------
fail_path "$a"
dd if=/dev/mapper/$m of=/dev/null bs=4096 count=16 iflag=direct 2>/dev/null
wait_for "[ \"\$(state_of $a)\" = F ]" 10
assert_eq failover-to-group-2 2 "$(group_active $m)"
restore_path "$a"
wait_for "[ \"\$(state_of $a)\" = A ]" 15
wait_for "[ \"\$(group_active $m)\" = 1 ]" 10
assert_eq failback-immediate 1 "$(group_active $m)"
assert_match failback-logged "$m: switch to path group #1" "$(daemon_log)"

# ---- a standby path dies with no I/O: the checker finds it -----------------------
fail_path "$b"
wait_for "[ \"\$(state_of $b)\" = F ]" 10
assert_eq idle-path-failed-by-checker F "$(state_of "$b")"
assert_match idle-path-logged "checker failed path $(devnum "$b") in map $m" "$(daemon_log)"
restore_path "$b"
wait_for "[ \"\$(state_of $b)\" = A ]" 15
assert_eq idle-path-back A "$(state_of "$b")"

# ---- every path gone, no_path_retry queue: writes wait, nothing is lost ----------
conf '	no_path_retry queue'
assert_eq reconfigure-ok ok "$(multipathd reconfigure)"
wait_for "dmsetup table $m | grep -q queue_if_no_path" 10
assert_match queue-feature 'queue_if_no_path' "$(dmsetup table $m)"
head -c 1048576 /dev/urandom > /tmp/data
fail_path "$a"
fail_path "$b"
dd if=/tmp/data of=/dev/mapper/$m bs=65536 oflag=direct 2>/tmp/dd.err &
writer=$!
sleep 5
check queued-writer-waits test -e "/proc/$writer"
restore_path "$a"
restore_path "$b"
wait "$writer"
assert_eq queued-writes-complete 0 $?
cmp -n 1048576 /tmp/data /dev/mapper/$m
assert_eq queued-data-read-back 0 $?

# ---- no_path_retry 2: the queue ends after 2 checker intervals -------------------
conf '	no_path_retry 2'
multipathd reconfigure >/dev/null
sleep 1
fail_path "$a"
fail_path "$b"
t0=$(now_ms)
dd if=/dev/mapper/$m of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null
assert_eq retry-io-fails 1 $?
t=$(( $(now_ms) - t0 ))
echo "no_path_retry 2 x polling_interval 2: the read failed after $t ms"
[ "$t" -ge 2000 ] && [ "$t" -le 15000 ] && ok retry-timing || not_ok retry-timing "$t ms"
assert_match retry-recovery-logged "$m: Entering recovery mode: max_retries=2" "$(daemon_log)"
assert_match retry-disable-logged "$m: Disable queueing" "$(daemon_log)"
restore_path "$a"
restore_path "$b"
wait_for "[ \"\$(state_of $a)\" = A ] && [ \"\$(state_of $b)\" = A ]" 20
assert_match retry-recovered-logged "$m: Recovered to normal mode" "$(daemon_log)"
assert_match retry-queueing-back 'queue_if_no_path' "$(dmsetup table $m)"

# ---- multipath hands -r and -f to the daemon ----------------------------------------
dm_events_of() {
	udevadm monitor --kernel --subsystem-match=block > /tmp/uevents 2>&1 &
	_mon=$!
	sleep 1
	"$@" > /tmp/cmd.out 2>&1
	sleep 2
	kill "$_mon"
	grep -c 'change .*/dm-' /tmp/uevents
}
assert_eq multipath-r-delegated 1 "$(dm_events_of multipath -r)"
assert_match multipath-r-daemon-reloaded 'reconfigure all' "$(daemon_log)"
multipath -f $m
assert_eq multipath-f-delegated 0 $?
wait_for "! dmsetup info $m >/dev/null 2>&1" 10
check multipath-f-removed sh -c "! dmsetup info $m >/dev/null 2>&1"
assert_eq daemon-forgot-map "" "$(multipathd show maps | tail -n +2)"

# ---- a map made behind the daemon's back is adopted, with its paths -------------------
multipath > /tmp/cmd.out 2>&1
assert_eq multipath-created 0 $?
wait_for "multipathd show maps | grep -q '^$m '" 10
assert_match daemon-adopted-map "^$m " "$(multipathd show maps | tail -n +2)"
assert_match adoption-logged "$m: new map of .*, adopted" "$(daemon_log)"
top=$(multipathd show maps topology)
assert_match adopted-path-a " $a " "$top"
assert_match adopted-path-b " $b " "$top"
finish
