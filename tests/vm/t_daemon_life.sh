#!/bin/sh
# multipathd's life: a kill -9 under I/O leaves the maps working and the
# restarted daemon adopts them without reloading a table (the reference
# reloads each); 64 LUNs x 4 paths appearing at once make 64 maps, each
# created once; a bad configuration on reconfigure keeps the old one and
# the reply names file and line; a non-root client may show, not change.
# vm-timeout: 600
. /tests/vm/lib.sh

conf() {
	write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
		'	polling_interval 2' "$@" '}'
}
# dm_changes CMD...: kernel "change" uevents of dm devices while CMD runs
dm_changes() {
	udevadm monitor --kernel --subsystem-match=block > /tmp/uevents 2>&1 &
	_mon=$!
	sleep 1
	"$@" > /tmp/cmd.out 2>&1
	sleep 2
	kill "$_mon"
	grep -c 'change .*/dm-' /tmp/uevents
}
ready() {
	wait_for "multipathd show daemon 2>/dev/null | grep -q idle" 60 ||
		{ multipathd show daemon; tail -20 /tmp/multipathd.log; return 1; }
}

conf
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ] && [ -e /dev/mapper/mpathb ]" 30 || fatal "no maps"
ready

# ---- kill -9 under I/O; the restarted daemon adopts, reloading nothing ---------
dd if=/dev/zero of=/dev/mapper/mpatha bs=65536 count=64 oflag=direct 2>/dev/null &
writer=$!
kill -9 "$(cat /run/multipathd.pid)"
wait "$writer"
assert_eq io-survives-kill 0 $?
check maps-survive-kill dmsetup info mpatha
start_with_count() { start_daemon && ready; }
assert_eq restart-reloads-nothing 0 "$(dm_changes start_with_count)"
assert_match restart-adopted '^mpatha ' "$(multipathd show maps | tail -n +2)"
assert_eq restart-paths 4 "$(multipathd show paths | tail -n +2 | grep -c ' active ')"
# the reference, in the same place, for the record
stop_daemon
ref_start() {
	ref_multipathd -d -s > /tmp/ref.log 2>&1 &
	wait_for "grep -q 'reload\\|start up' /tmp/ref.log" 30
	sleep 5
	kill "$(cat /run/multipathd.pid)"
	wait_for "! pidof multipathd >/dev/null" 20
}
ref=$(dm_changes ref_start)
check ref-daemon-gone sh -c '! multipathd show daemon >/dev/null 2>&1'
echo "dm change uevents at start-up: ours 0, reference $ref"
grep 'reload' /tmp/ref.log | head -3

# ---- a bad configuration on reconfigure ------------------------------------------
start_daemon || fatal "multipathd did not restart"
ready
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval two' '	no_such_keyword 1' '}'
out=$(multipathd reconfigure)
assert_match bad-config-refused 'fail' "$out"
assert_match bad-config-names-line '/etc/multipath.conf line [0-9]+' "$out"
assert_match bad-config-logged 'keeping the old one' "$(daemon_log)"
assert_match bad-config-old-kept 'polling_interval 2' "$(multipathd show config)"
conf
assert_eq good-config-taken ok "$(multipathd reconfigure)"

# ---- a non-root client ---------------------------------------------------------------
asuser() { su -s /bin/sh nobody -c "$*"; }
assert_match nonroot-show '^name ' "$(asuser multipathd show maps)"
assert_match nonroot-change-refused 'permission deny' "$(asuser multipathd fail path sda)"
assert_match nonroot-shutdown-refused 'permission deny' "$(asuser multipathd shutdown)"
check daemon-still-there multipathd show daemon

# ---- 256 paths at once: each map made once -----------------------------------------
stop_daemon
stop_scsi_debug || fatal "scsi_debug did not go away"
conf
start_daemon || fatal "multipathd did not start"
ready
: > /tmp/multipathd.log
t0=$(now_ms)
load_module scsi_debug add_host=4 num_tgts=1 max_luns=64 vpd_use_hostno=0 \
	dev_size_mb=8 || fatal "no scsi_debug"
wait_for "[ \$(dmsetup ls --target multipath | grep -c mpath) -ge 64 ]" 300
wait_for "[ \$(multipathd show paths | grep -c ' active ') -ge 256 ]" 120
t=$(( $(now_ms) - t0 ))
echo "256 paths appeared: 64 maps with all their paths after $t ms"
assert_eq storm-maps 64 "$(dmsetup ls --target multipath | grep -c mpath)"
creates=$(grep -c ': addmap \[' /tmp/multipathd.log)
reloads=$(grep -c ': reload \[' /tmp/multipathd.log)
echo "storm: $creates creates, $reloads reloads (the hosts are scanned one after the other)"
assert_eq storm-one-create-per-map 64 "$creates"
assert_eq storm-all-paths 256 "$(multipathd show paths | grep -c ' active ')"

# a reconfigure of every map: commands are still answered meanwhile
ready
: > /tmp/multipathd.log
multipathd reconfigure all > /tmp/reconf.out 2>&1 &
rc_pid=$!
worst=0
answered=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	t0=$(now_ms)
	multipathd show daemon >/dev/null 2>&1 && answered=$((answered + 1))
	t=$(( $(now_ms) - t0 ))
	[ "$t" -gt "$worst" ] && worst=$t
	sleep 0.2
done
wait "$rc_pid"
assert_eq reconfigure-all-ok ok "$(cat /tmp/reconf.out)"
assert_eq answered-during-reconfigure 10 "$answered"
echo "show daemon during a reconfigure all of 64 maps: slowest answer $worst ms"
# what held the daemon up, longest first
grep -E 'kept the loop busy|took [0-9]+ ms' /tmp/multipathd.log |
	sed -E 's/^(.*) ([0-9]+) ms(.*)$/\2 ms: \1\3/' | sort -rn | head -n 5
wait_for "[ \$(grep -c ': reload \[' /tmp/multipathd.log) -ge 64 ]" 120
assert_eq reconfigure-all-reloads 64 "$(grep -c ': reload \[' /tmp/multipathd.log)"

# a burst: the 4 paths of one LUN come back at once: one create, no reload
ready
lun=$(sdebug_path 0 5)
w=$(udev_prop "$lun" ID_SERIAL)
mname=$(dm_name "$(ls "/sys/block/$lun/holders")")
for h in 0 1 2 3; do delete_path "$(sdebug_path "$h" 5)"; done
wait_for "! dmsetup info $mname >/dev/null 2>&1" 30
check burst-map-gone-with-paths sh -c "! dmsetup info $mname >/dev/null 2>&1"
ready
: > /tmp/multipathd.log
scans=""
for h in $(scsi_debug_hosts); do
	echo "0 0 5" > "/sys/class/scsi_host/host$h/scan" &
	scans="$scans $!"
done
# shellcheck disable=SC2086 # one pid per word
wait $scans
wait_for "dmsetup info -c --noheadings -o uuid $mname 2>/dev/null | grep -q ." 60
wait_for "[ \$(dmsetup table $mname | grep -o '[0-9]*:[0-9]*' | wc -l) -eq 4 ]" 30
echo "burst of 4 path adds: $(grep -c ': addmap \[' /tmp/multipathd.log) create, $(grep -c ': reload \[' /tmp/multipathd.log) reloads"
assert_eq burst-one-create 1 "$(grep -c ": addmap \[" /tmp/multipathd.log)"
assert_eq burst-no-reload 0 "$(grep -c ": reload \[" /tmp/multipathd.log)"
assert_eq burst-map-of-wwid "mpath-$w" "$(dmsetup info -c --noheadings -o uuid "$mname")"
finish
