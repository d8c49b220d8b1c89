#!/bin/sh
# Benchmark: multipathd, ours and the reference (Debian's 0.9.4) in the
# same guest, 64 LUNs x 4 hosts (256 paths), polling_interval 5: start to
# 64 maps ready, idle CPU over 60 s, RSS / threads / fds, a returning path
# reinstated, a dying path marked failed, wakeups of an idle daemon with
# no maps, and "show paths" while the checkers run. Prints figures; never
# fails on time.
# vm-timeout: 2400
. /tests/vm/lib.sh

LUNS=${BENCH_LUNS:-64}
HOSTS=${BENCH_HOSTS:-4}
NPATHS=$((LUNS * HOSTS))
IDLE_S=${BENCH_IDLE_S:-60}

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 5' '}'

# run_ours / run_ref: start one daemon in the foreground
run_ours() { multipathd -d -s -v2 > /tmp/daemon.log 2>&1 & }
run_ref() { ref_multipathd -d -s -v2 > /tmp/daemon.log 2>&1 & }
# maps_ready: every LUN has its map with all its paths
maps_ready() {
	[ "$(dmsetup table --target multipath 2>/dev/null |
		awk -v h="$HOSTS" '{ n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/) n++; if (n == h) c++ } END { print c + 0 }')" \
		-eq "$LUNS" ]
}
# ticks PID: user + system CPU ticks of the process (all threads)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# switches PID: context switches of all its threads
switches() {
	cat /proc/"$1"/task/*/status 2>/dev/null |
		awk '/^(voluntary|nonvoluntary)_ctxt_switches/ { s += $2 } END { print s + 0 }'
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
threads() { ls "/proc/$1/task" | wc -l; }
fds() { ls "/proc/$1/fd" | wc -l; }
state_of() {
	dmsetup status "$2" | tr ' ' '\n' | grep -A1 "^$(devnum "$1")\$" | tail -n 1
}

t0=$(now_ms)
start_scsi_debug "$HOSTS" "$LUNS" || fatal "scsi_debug did not give $NPATHS disks"
echo "BENCH setup: $NPATHS paths ready in $(( $(now_ms) - t0 )) ms"
p=$(sdebug_path 1 0)

measure() {
	_who=$1
	fresh
	_t0=$(now_ms)
	"run_$_who"
	wait_for maps_ready 600 || not_ok "$_who-maps-ready"
	eval "${_who}_ready=\$(( \$(now_ms) - _t0 ))"
	sleep 10		# the first checks and priorities are over
	_pid=$(pid_of)
	_c0=$(ticks "$_pid")
	sleep "$IDLE_S"
	eval "${_who}_idle=\$(( \$(ticks $_pid) - _c0 ))"
	eval "${_who}_rss=\$(rss_kb $_pid) ${_who}_thr=\$(threads $_pid) ${_who}_fds=\$(fds $_pid)"
	_m=$(dm_name "$(ls "/sys/block/$p/holders")")
	# a dying path: how long from the kernel failing it (under I/O) until
	# the daemon shows it failed and faulty
	fail_path "$p"
	dd if=/dev/mapper/"$_m" of=/dev/null bs=4096 count=16 iflag=direct 2>/dev/null
	wait_for "[ \"\$(state_of $p $_m)\" = F ]" 30
	_t0=$(now_ms)
	wait_for "multipathd show paths 2>/dev/null | grep -q \"$p .*failed *faulty\"" 60
	eval "${_who}_fail=\$(( \$(now_ms) - _t0 ))"
	# a returning path: from its uevent until the kernel uses it again
	restore_path "$p"
	_t0=$(now_ms)
	echo change > "/sys/block/$p/uevent"
	wait_for "[ \"\$(state_of $p $_m)\" = A ]" 60
	eval "${_who}_back=\$(( \$(now_ms) - _t0 ))"
	# a path that dies without I/O: found by its checker
	fail_path "$p"
	_t0=$(now_ms)
	wait_for "[ \"\$(state_of $p $_m)\" = F ]" 60
	eval "${_who}_silent=\$(( \$(now_ms) - _t0 ))"
	restore_path "$p"
	echo change > "/sys/block/$p/uevent"
	wait_for "[ \"\$(state_of $p $_m)\" = A ]" 60
	# show paths while the checkers run
	_t0=$(now_ms)
	multipathd show paths > /tmp/show.out 2>&1
	eval "${_who}_show=\$(( \$(now_ms) - _t0 ))"
	assert_eq "$_who-show-lines" "$((NPATHS + 1))" "$(wc -l < /tmp/show.out)"
	stop_any
}

measure ref
measure ours

# an idle daemon without maps
idle_switches() {
	_who=$1
	fresh
	stop_scsi_debug >/dev/null 2>&1
	"run_$_who"
	wait_for "multipathd show daemon 2>/dev/null | grep -q idle" 60
	sleep 5
	_pid=$(pid_of)
	_s0=$(switches "$_pid")
	sleep 30
	eval "${_who}_sw=\$(( \$(switches $_pid) - _s0 ))"
	stop_any
}
idle_switches ref
idle_switches ours

echo "BENCH start to $LUNS maps ready ($NPATHS paths): ours $ours_ready ms, reference $ref_ready ms, ours/reference $(ratio "$ours_ready" "$ref_ready")"
echo "BENCH idle CPU over ${IDLE_S} s: ours $ours_idle ticks, reference $ref_idle ticks, ours/reference $(ratio "$ours_idle" "$ref_idle")"
echo "BENCH RSS: ours $ours_rss kB, reference $ref_rss kB, ours/reference $(ratio "$ours_rss" "$ref_rss"); threads ours $ours_thr, reference $ref_thr; fds ours $ours_fds, reference $ref_fds"
echo "BENCH dying path, from the kernel failing it to the daemon showing it failed: ours $ours_fail ms, reference $ref_fail ms, ours/reference $(ratio "$ours_fail" "$ref_fail")"
echo "BENCH returning path, from its uevent to reinstated in the kernel: ours $ours_back ms, reference $ref_back ms, ours/reference $(ratio "$ours_back" "$ref_back")"
echo "BENCH path dying without I/O, until failed by its checker: ours $ours_silent ms, reference $ref_silent ms (checks back off to max_polling_interval 20 s)"
echo "BENCH show paths of $NPATHS paths: ours $ours_show ms, reference $ref_show ms"
echo "BENCH idle daemon, no maps, 30 s: context switches ours $ours_sw, reference $ref_sw"
ok figures-printed
finish
