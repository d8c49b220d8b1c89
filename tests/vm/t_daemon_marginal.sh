#!/bin/sh
# marginal_path_*: a path that fails twice within
# marginal_path_double_failed_time is sampled (direct reads, ten a second,
# for marginal_path_err_sample_time, at least 120 s) before it is used
# again. A path that keeps failing during its sample stays out of use;
# with marginal_pathgroups on, a suspect path stays in use in a path
# group of its own, after the others, and rejoins when its sample is good.
# vm-timeout: 480
. /tests/vm/lib.sh

conf() {
	write_conf 'defaults {' '	polling_interval 2' '	find_multipaths no' \
		'	user_friendly_names yes' \
		'	path_grouping_policy multibus' \
		'	marginal_path_err_sample_time 60' \
		'	marginal_path_err_rate_threshold 100' \
		'	marginal_path_err_recheck_gap_time 30' \
		'	marginal_path_double_failed_time 60' "$@" '}'
}
state_of() { mp_path_state mpatha "$(devnum "$1")"; }
# groups: the number of path groups in the map's table
groups() { dmsetup table mpatha | awk '{ i = 4; i += $i + 1; i += $i + 1; print $i }'; }

start_scsi_debug 2 1 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)

# ---- off: the suspect path is kept failed; errors during the sample keep it so --
conf
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
assert_match sample-time-raised 'marginal_path_err_sample_time 60 is too short, using 120' "$(daemon_log)"
fail_twice mpatha "$a"
wait_for "grep -q '$a: sampling its I/O for 120 s' /tmp/multipathd.log" 20
assert_match suspect-logged "$a: failed twice within 60 s: its I/O is sampled once it is up" "$(daemon_log)"
assert_match sampling-logged "$a: sampling its I/O for 120 s" "$(daemon_log)"
sleep 4
assert_eq kept-failed-while-sampled F "$(state_of "$a")"
assert_eq other-path-in-use A "$(state_of "$b")"
# the path flaps during its sample: about half of the reads fail
( while [ ! -e /tmp/stop-flap ]; do
	fail_path "$a"; sleep 0.3; restore_path "$a"; sleep 0.3
done ) &
flap=$!
wait_for "grep -q '$a: .* reads failed' /tmp/multipathd.log" 150
touch /tmp/stop-flap
wait "$flap"
restore_path "$a"
daemon_log | grep "reads failed"
assert_match sample-bad "$a: [0-9]* of [0-9]* reads failed \([0-9]* per thousand, threshold 100\): kept out of use, sampled again in 30 s" "$(daemon_log)"
sleep 6
assert_eq held-after-bad-sample F "$(state_of "$a")"
assert_match held-shown "$a .*delayed" "$(multipathd show paths)"
stop_daemon
dmsetup remove_all

# ---- on: the suspect path gets a group of its own, last; rejoins when good --------
conf '	marginal_pathgroups on'
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
assert_eq one-group 1 "$(groups)"
fail_twice mpatha "$a"
wait_for "grep -q '$a: marginal, in a group of its own' /tmp/multipathd.log" 20
wait_for "[ \"\$(groups)\" = 2 ]" 20
assert_eq marginal-group 2 "$(groups)"
# the marginal group is the last one, and its path is in use
assert_match marginal-group-last "$(devnum "$a")( [0-9]+)* *\$" "$(dmsetup table mpatha)"
wait_for "[ \"\$(state_of $a)\" = A ]" 15
assert_eq marginal-path-active A "$(state_of "$a")"
assert_match marginal-shown "$a .*marginal" "$(multipathd show paths format '%d %M')"
wait_for "grep -q '$a: no longer marginal' /tmp/multipathd.log" 150
assert_match sample-good "$a: 0 of [0-9]* reads failed \(0 per thousand, threshold 100\): the path is good" "$(daemon_log)"
daemon_log | grep "reads failed" | tail -n 1
wait_for "[ \"\$(groups)\" = 1 ]" 20
assert_eq rejoined 1 "$(groups)"
assert_match normal-shown "$a normal" "$(multipathd show paths format '%d %M')"
stop_daemon
finish
