#!/bin/sh
# Every path of a map dies and comes back, 20 times, under a writer that
# writes numbered blocks through the map without pause (no_path_retry
# queue: while no path is left the writes wait). No write fails, and at
# the end every block reads back as the last write to it left it.
# vm-timeout: 420
. /tests/vm/lib.sh

FLAPS=${FLAPS:-20}
BLOCKS=64
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 1' '	no_path_retry queue' '}'
start_scsi_debug 2 1 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)
start_daemon -v2 || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
wait_for "[ \$(multipathd show paths raw format '%t' | grep -c active) -eq 2 ]" 30

# block N holds "w-<seq>" padded to 512 bytes; each write that returned
# is logged "N seq", each that failed "fail N seq"
block() { printf 'w-%08d%0502d' "$1" 0; }
writer() {
	_seq=0
	while [ ! -e /tmp/flap.stop ]; do
		_n=$((_seq % BLOCKS))
		if block "$_seq" | dd of=/dev/mapper/mpatha bs=512 count=1 seek="$_n" \
			oflag=direct conv=notrunc 2>/dev/null; then
			echo "$_n $_seq"
		else
			echo "fail $_n $_seq"
		fi
		_seq=$((_seq + 1))
	done > /tmp/flap.log
}
rm -f /tmp/flap.stop
writer &
wpid=$!
sleep 2
i=1
while [ $i -le $FLAPS ]; do
	fail_path "$a"
	fail_path "$b"
	wait_for "[ \$(multipathd show paths raw format '%t' | grep -c failed) -eq 2 ]" 20
	sleep 1
	restore_path "$a"
	restore_path "$b"
	if ! wait_for "[ \$(multipathd show paths raw format '%t' | grep -c active) -eq 2 ]" 30; then
		not_ok "flap-$i-back" "$(multipathd show paths)"
		break
	fi
	sleep 1
	i=$((i + 1))
done
touch /tmp/flap.stop
wait "$wpid"
writes=$(grep -vc fail /tmp/flap.log)
fails=$(grep -c fail /tmp/flap.log)
echo "figure: $FLAPS times every path down and back; $writes writes done, $fails failed"
assert_eq no-write-failed 0 "$fails"
check writes-done [ "$writes" -gt "$BLOCKS" ]
# every block as its last write left it
bad=0
n=0
while [ $n -lt $BLOCKS ]; do
	seq=$(awk -v n="$n" '$1 == n { s = $2 } END { print s }' /tmp/flap.log)
	if [ -n "$seq" ]; then
		got=$(dd if=/dev/mapper/mpatha bs=512 count=1 skip="$n" iflag=direct 2>/dev/null | head -c 10)
		[ "$got" = "w-$(printf '%08d' "$seq")" ] || { bad=$((bad + 1)); echo "block $n: $got, wrote w-$seq"; }
	fi
	n=$((n + 1))
done
assert_eq every-block-as-written 0 "$bad"
assert_eq no-io-error 0 "$(dmesg | grep -c 'Buffer I/O error on dev dm-')"
stop_daemon
finish
