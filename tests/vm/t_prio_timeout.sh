#!/bin/sh
# Priorities with one unresponsive SCSI host (scsi_debug, 2 hosts x 4
# LUNs). The first host's disks get a queue depth of 1, taken by a command
# that scsi_debug ignores (every_nth=1, opts=4 while it is sent): every
# later command to them waits, unanswered, until that one times out after
# STALL_S. With checker_timeout 2, multipath -ll and map creation must show
# their results within a few timeouts, not once the host answers again:
# the checks time out together, and the prioritizers of those paths, down
# but running, run on workers within a short bound. The figures (ours, the
# reference's) are printed; the process itself can only leave once the
# kernel gives its commands back.
# vm-timeout: 420
. /tests/vm/lib.sh

SD=/sys/bus/pseudo/drivers/scsi_debug
TIMEOUT_S=2
STALL_S=20
PRIO_DOWN_MS=1000	# the bound of a down path's prioritizer
LIMIT_MS=$((3 * TIMEOUT_S * 1000))

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	detect_prio no' '	prio alua' "	checker_timeout $TIMEOUT_S" \
	'	path_grouping_policy group_by_prio' '	no_path_retry fail' '}'
start_scsi_debug 2 4 || fatal "scsi_debug did not give 8 disks"
h0=$(scsi_debug_hosts | head -n 1)
stuck=$(scsi_debug_paths | awk -v h="$h0:" 'index($1, h) == 1 { print $2 }')
fine=$(scsi_debug_paths | awk -v h="$h0:" 'index($1, h) != 1 { print $2 }')
[ "$(echo $stuck | wc -w)" = 4 ] || fatal "host $h0 has not 4 disks: $stuck"
for d in $stuck; do
	echo 1 > "/sys/block/$d/device/queue_depth" || fatal "$d: queue_depth"
done

# stall: each disk of the first host gets one command that is never
# answered; it times out after STALL_S, then the host answers again
stall() {
	echo 1 > $SD/every_nth && echo 4 > $SD/opts
	stallers=""
	for _d in $stuck; do
		sg_raw -t "$STALL_S" "/dev/$_d" 00 00 00 00 00 00 >/dev/null 2>&1 &
		stallers="$stallers $!"
	done
	wait_for 'for _d in $stuck; do
		[ "$(cat /sys/block/$_d/device/device_busy)" -ge 1 ] || exit 1
	done' 10
	_r=$?
	echo 0 > $SD/opts
	echo 0 > $SD/every_nth
	return $_r
}
# unstall: wait until the host answers again
unstall() {
	# shellcheck disable=SC2086 # one pid a word
	wait $stallers
	udev_settle
}

# timed CASE MAPS CMD...: run CMD with the host stalled; RESULT_MS is when
# its output shows MAPS maps, EXIT_MS when it ends; its output and log are
# in /tmp/$CASE.out and /tmp/$CASE.err
timed() {
	_tc=$1 _tm=$2
	shift 2
	stall || not_ok "$_tc-stalled" "the host's commands were answered"
	_t0=$(now_ms)
	"$@" > "/tmp/$_tc.out" 2> "/tmp/$_tc.err" &
	_tp=$!
	RESULT_MS=-1
	wait_for "[ \$(grep -c '^$_tm' /tmp/$_tc.out) -ge 4 ]" $((STALL_S + 60)) &&
		RESULT_MS=$(($(now_ms) - _t0))
	wait "$_tp"
	EXIT_STATUS=$?
	EXIT_MS=$(($(now_ms) - _t0))
	unstall
}

# bounded CASE MS: a result within LIMIT_MS
bounded() {
	if [ "$2" -ge 0 ] && [ "$2" -lt "$LIMIT_MS" ]; then
		ok "$1"
	else
		not_ok "$1" "took $2 ms, limit $LIMIT_MS ms (3 x checker_timeout)"
	fi
}

# round LOG WHAT: the milliseconds of "WHAT 8 paths in N ms" in LOG
round() { sed -n "s/.*$2 8 paths in \([0-9]*\) ms.*/\1/p" "$1" | head -n 1; }

ref_multipath -v0 || fatal "the reference did not create the maps"
t0=$(now_ms)
multipath -ll > /tmp/healthy.out 2>&1
healthy=$(($(now_ms) - t0))

# ---- multipath -ll ---------------------------------------------------------------
timed ll mpath multipath -v3 -ll
echo "t_prio_timeout: -ll, host $h0 unresponsive: results after $RESULT_MS ms" \
	"(exit after $EXIT_MS ms, ${STALL_S} s stall; healthy: $healthy ms;" \
	"checks $(round /tmp/ll.err checked) ms, priorities $(round /tmp/ll.err prioritized) ms)"
grep -E 'state = |prio = |prio timed out|prio error|paths in' /tmp/ll.err | sed 's/^/  /'
assert_eq ll-status 0 "$EXIT_STATUS"
assert_eq ll-maps 4 "$(grep -c '^mpath' /tmp/ll.out)"
bounded ll-results-bounded "$RESULT_MS"
r=$(round /tmp/ll.err prioritized)
if [ -n "$r" ] && [ "$r" -lt $((PRIO_DOWN_MS + 1500)) ]; then
	ok ll-priorities-bounded
else
	not_ok ll-priorities-bounded "priorities took ${r:-?} ms"
fi
# the usable paths have their priorities, the stuck ones none
assert_eq ll-usable-prios 4 "$(grep -cE ': alua prio = (50|10)$' /tmp/ll.err)"
assert_eq ll-stuck-no-prio 4 "$(grep -c ": prioritizer timed out after $PRIO_DOWN_MS ms" /tmp/ll.err)"
assert_eq ll-stuck-faulty 4 "$(grep -c 'active faulty running' /tmp/ll.out)"

timed ll-ref mpath ref_multipath -ll
echo "t_prio_timeout: -ll, host $h0 unresponsive, reference: results after" \
	"$RESULT_MS ms (exit after $EXIT_MS ms)"

# ---- map creation ------------------------------------------------------------------
dmsetup remove_all || fatal "cannot remove the maps"
udev_settle
timed create 'create: mpath' multipath -v3
echo "t_prio_timeout: create, host $h0 unresponsive: results after $RESULT_MS ms" \
	"(exit after $EXIT_MS ms; checks $(round /tmp/create.err checked) ms," \
	"priorities $(round /tmp/create.err prioritized) ms)"
assert_eq create-status 0 "$EXIT_STATUS"
assert_eq create-maps 4 "$(dmsetup ls --target multipath | grep -c '^mpath')"
bounded create-results-bounded "$RESULT_MS"
# the answering host's paths lead: the stuck ones have no priority
for m in $(dmsetup ls --target multipath | awk '{ print $1 }'); do
	first=$(dmsetup table "$m" | awk '{
		for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/) { print $i; exit } }')
	for d in $fine; do
		[ "$(devnum "$d")" = "$first" ] && echo "$m"
	done
done > /tmp/leading
assert_eq create-answering-host-first 4 "$(wc -l < /tmp/leading)"

dmsetup remove_all || fatal "cannot remove the maps"
udev_settle
timed create-ref 'create: mpath' ref_multipath
echo "t_prio_timeout: create, host $h0 unresponsive, reference: results after" \
	"$RESULT_MS ms (exit after $EXIT_MS ms)"
finish
