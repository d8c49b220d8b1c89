#!/bin/sh
# Checks that time out: scsi_debug ignores every 4th command (opts=4,
# every_nth=4). multipath -ll logs those paths "timeout" after
# checker_timeout (2 s), the others within a fraction of it (a stuck path
# does not delay the rest); the command shows the maps and ends once the
# kernel has given up on the ignored commands.
# vm-timeout: 420
. /tests/vm/lib.sh

SD=/sys/bus/pseudo/drivers/scsi_debug

conf() {
	write_conf 'defaults {' '	user_friendly_names yes' \
		'	find_multipaths no' '	detect_checker no' \
		"	path_checker $1" '	checker_timeout 2' '}'
}

ms_now() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

drop_commands() { echo 4 > $SD/every_nth && echo 4 > $SD/opts; }
keep_commands() { echo 0 > $SD/opts; echo 0 > $SD/every_nth; }

conf tur
start_scsi_debug 2 4 || fatal "scsi_debug did not give 8 disks"
ref_multipath -v0 || fatal "the reference did not create the maps"
# the SCSI layer gives up on an ignored read after 5 s
for d in $(scsi_debug_disks); do
	echo 5 > "/sys/block/$d/device/timeout"
done

for chk in tur readsector0 directio hp_sw; do
	conf "$chk"
	drop_commands
	t0=$(ms_now)
	multipath -v4 -ll > /tmp/out 2>/tmp/err &
	pid=$!
	# the checks end after one checker_timeout ...
	wait_for "grep -q 'checked 8 paths' /tmp/err" 60
	t1=$(ms_now)
	# ... the listing and the process when the kernel's error handling
	# of the ignored commands is over (it holds up the whole SCSI host,
	# and a process cannot leave before its I/O)
	keep_commands
	wait "$pid"
	rc=$?
	t2=$(ms_now)
	echo "$chk: results after $((t1 - t0)) ms, exit after $((t2 - t0)) ms (status $rc)"
	grep -E "state = |checked in|checked [0-9]+ paths" /tmp/err | sed 's/^/  /'

	assert_eq "$chk-exit-status" 0 "$rc"
	assert_eq "$chk-maps-shown" 4 "$(grep -c '^mpath' /tmp/out)"
	timeouts=$(grep -c ": $chk state = timeout\$" /tmp/err)
	ups=$(grep -c ": $chk state = up\$" /tmp/err)
	if [ "$timeouts" -ge 1 ] && [ $((timeouts + ups)) = 8 ]; then
		ok "$chk-timeouts-reported"
	else
		not_ok "$chk-timeouts-reported" "$timeouts timeouts, $ups up of 8"
	fi
	# the timed-out paths are shown failed, like the reference does
	assert_eq "$chk-timeouts-faulty" "$timeouts" \
		"$(grep -c 'active faulty running' /tmp/out)"
	# one round costs one timeout, not one per stuck path
	round=$(sed -n 's/.*checked 8 paths in \([0-9]*\) ms.*/\1/p' /tmp/err)
	if [ -n "$round" ] && [ "$round" -ge 1900 ] && [ "$round" -lt 4000 ]; then
		ok "$chk-round-bounded"
	else
		not_ok "$chk-round-bounded" "round took ${round:-?} ms"
	fi
	if [ $((t1 - t0)) -lt 6000 ]; then
		ok "$chk-results-bounded"
	else
		not_ok "$chk-results-bounded" "results after $((t1 - t0)) ms"
	fi
	# the paths that answered were not held up by the stuck ones
	slow=$(for p in $(sed -n "s/.*| \(sd[a-z]*\): $chk state = up\$/\1/p" /tmp/err); do
		sed -n "s/.*| $p: $chk checked in \([0-9]*\) ms/\1/p" /tmp/err
	done | awk '$1 >= 1000' | wc -l)
	assert_eq "$chk-others-not-delayed" 0 "$slow"
	if [ $((t2 - t0)) -lt 90000 ]; then
		ok "$chk-no-hang"
	else
		not_ok "$chk-no-hang" "took $((t2 - t0)) ms"
	fi
	# let error handling finish before the next round
	for p in $(scsi_debug_disks); do
		[ "$(path_state "$p")" = running ] || restore_path "$p"
	done
	udev_settle
done
keep_commands
finish
