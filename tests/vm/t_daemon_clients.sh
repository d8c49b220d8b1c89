#!/bin/sh
# Clients the way CSI drivers and stuck tools are: the CSI format string
# on paths in maps and on orphan paths (as the reference answers it); a
# client that asks for a large reply and does not read it while others
# are answered (the reference's 2026 denial of service), whose reply then
# arrives whole.
# vm-timeout: 300
. /tests/vm/lib.sh

CSI='%w %d %t %i %o %T %C %c %s %m'
# find_multipaths strict and only LUN 0 in the wwids file: LUN 1's paths
# are orphans
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths strict' \
	'	polling_interval 2' '}'
start_scsi_debug 4 16 || fatal "no scsi_debug disks"
rm -rf /etc/multipath
mkdir -p /etc/multipath
w0=$(udev_prop "$(sdebug_path 0 0)" ID_SERIAL)
printf '/%s/\n' "$w0" > /etc/multipath/wwids
orphan=$(sdebug_path 0 1)

csi() { multipathd show paths format "$CSI"; }
# what the reference also shows of orphan paths: it does not check them
# ("unknown undef (null)" for %o %T %c), ours does
CSI_COMMON='%w %d %t %i %s %m'
csi_common() { multipathd show paths format "$CSI_COMMON" | sort; }
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
wait_for "multipathd show daemon | grep -q idle" 30
ours=$(csi)
ours_common=$(csi_common)
assert_match csi-in-map "$(sdebug_path 0 0) .*mpatha" "$ours"
assert_match csi-orphan "$orphan .*\\[orphan\\]" "$ours"
assert_eq csi-lines 65 "$(echo "$ours" | wc -l)"
assert_match csi-orphan-checked "$orphan .*running ready .* tur " "$ours"

# ---- a client that does not read a large reply --------------------------------------
big="show paths format \"$(printf '%%s%.0s' $(seq 1 240))\""
size=$(mp_ask 1 "$big" | awk '{ print $4 }')
# more than a socket buffer holds
check big-reply-large test "$size" -gt "$(cat /proc/sys/net/core/wmem_default)"
mp_stall 8 "$big" > /tmp/stall.out 2>&1 &
stall=$!
wait_for "grep -q ready /tmp/stall.out" 10
sleep 1
check others-answered timeout 5 multipathd show daemon
check others-answered-big timeout 5 multipathd show paths
wait "$stall"
assert_eq stalled-reply-whole "bytes $size" "$(tail -n 1 /tmp/stall.out)"
stop_daemon

# ---- the same with the reference --------------------------------------------------------
dmsetup remove_all
udev_settle
if start_ref_daemon mpatha; then
	theirs=$(csi_common)
	# the same lines, whatever order the paths were found in
	if [ "$ours_common" = "$theirs" ]; then
		ok csi-as-reference
	else
		echo "$ours_common" > /tmp/ours.txt
		echo "$theirs" > /tmp/theirs.txt
		not_ok csi-as-reference "$(diff /tmp/theirs.txt /tmp/ours.txt)"
	fi
	# the in-map lines of the full format are the same too
	assert_eq csi-in-map-as-reference "$(echo "$ours" | grep mpatha | sort | sed 's/  *[X.]* [0-9]*\/[0-9]* / /')" \
		"$(csi | grep mpatha | sort | sed 's/  *[X.]* [0-9]*\/[0-9]* / /')"
	mp_stall 8 "$big" > /tmp/stall.out 2>&1 &
	stall=$!
	wait_for "grep -q ready /tmp/stall.out" 10
	sleep 1
	if timeout 5 multipathd show daemon >/dev/null 2>&1; then
		echo "reference: answered while a client did not read"
	else
		echo "reference: did not answer while a client did not read"
	fi
	wait "$stall"
	stop_any
else
	not_ok csi-as-reference "the reference daemon did not start" "$(tail -5 /tmp/ref.log)"
fi
finish
