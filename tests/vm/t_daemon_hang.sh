#!/bin/sh
# Paths that hang under the daemon: scsi_debug ignores every 4th command
# (opts=4, every_nth=4) for half a minute, so checks of some paths never
# get an answer. Their checks time out after checker_timeout (the paths
# are failed, then reinstated once commands are answered again), the
# other paths' checks go on, and the daemon answers its socket all the
# while (figure: the slowest "show daemon").
# vm-timeout: 300
. /tests/vm/lib.sh

SD=/sys/bus/pseudo/drivers/scsi_debug
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '	path_checker tur' '	detect_checker no' \
	'	checker_timeout 2' '}'
start_scsi_debug 2 4 || fatal "scsi_debug did not give 8 disks"
for d in $(scsi_debug_disks); do
	echo 5 > "/sys/block/$d/device/timeout"
done
start_daemon -v3 || fatal "multipathd did not start"
wait_for "[ \$(multipathd show paths raw format '%t' | grep -c active) -eq 8 ]" 60 ||
	fatal "paths not active" "$(multipathd show paths)"

ask_ms() {
	mp_ask 1 "show daemon" 2>/dev/null |
		awk '$1 == "replies" { printf "%d\n", $10 / 1000; ok = 1 } END { if (!ok) print "none" }'
}
# path checks finished so far (all results), from the daemon's metrics
checks() {
	multipathd show metrics | awk '/^multipathd_checks_total/ { n += $NF } END { print n + 0 }'
}
c0=$(checks)
echo 4 > $SD/every_nth && echo 4 > $SD/opts
max=0 none=0 n=0
end=$(( $(uptime_s) + 30 ))
while [ "$(uptime_s)" -lt "$end" ]; do
	t=$(ask_ms)
	n=$((n + 1))
	if [ "$t" = none ]; then none=$((none + 1)); elif [ "$t" -gt "$max" ]; then max=$t; fi
	sleep 0.5
done
timeouts=$(grep -c 'timed out after' /tmp/multipathd.log)
failed=$(multipathd show paths raw format '%t' | grep -c failed)
echo 0 > $SD/opts
echo 0 > $SD/every_nth
c1=$(checks)
echo "figure: 30 s with every 4th SCSI command ignored: $((n - none))/$n show daemon answered, slowest $max ms; $((c1 - c0)) checker verdicts, $timeouts timeout lines"
assert_eq answered-throughout 0 "$none"
check checks-timed-out [ "$timeouts" -ge 1 ]
# the other paths were checked meanwhile: more verdicts than one round
check others-checked [ $((c1 - c0)) -gt 8 ]
# once commands are answered again every path is back
if wait_for "[ \$(multipathd show paths raw format '%t' | grep -c active) -eq 8 ]" 120; then
	ok all-reinstated
else
	not_ok all-reinstated "$(multipathd show paths)"
fi
echo "paths failed during the hang: $failed"
# the kernel's error handling of the ignored commands over before the
# daemon stops (a checker's command still in the kernel can hold its
# shutdown: see stop_daemon's output if it does) and before the next
# test unloads scsi_debug
idle() {
	for d in $(scsi_debug_disks); do
		[ "$(awk '{ print $1 + $2 }' "/sys/block/$d/inflight")" -eq 0 ] || return 1
	done
}
wait_for idle 120
sleep 2
# (not in check's subshell: only this shell can reap the daemon). A
# checker's command still inside the kernel holds the process's exit
# (uninterruptible SG_IO) until the SCSI error handling gives it back:
# the daemon must be gone once it has, not within stop_daemon's 20 s
dpid=$(pid_of)
if stop_daemon || wait_for "[ ! -e /proc/$dpid ]" 120; then
	ok daemon-stops
else
	not_ok daemon-stops "its threads are listed above"
fi
# udev's rules may still read a map (their I/O waited out the hang): the
# next test removes the maps
wait_for "! dmsetup info -c --noheadings -o open | grep -qv '^ *0$'" 120 \
	"dmsetup info -c -o name,open"
finish
