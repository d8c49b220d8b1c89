#!/bin/sh
# NVMe over TCP on the guest's loopback (nvmet.sh: one namespace, two
# ports, two controllers), both ways a server runs it:
# - native NVMe multipath (nvme_core multipath=Y): the kernel's map is
#   listed beside the dm maps by multipath -ll and multipathd's shows
#   (the reference's foreign library), with each controller's ANA state;
#   nothing is claimed or set up;
# - dm-multipath over NVMe (multipath=N): a map of the two controllers'
#   namespaces, path groups by ANA priority, and the daemon failing over
#   and back when the target changes a port's ANA state.
# Everything compared with the reference in the same guest.
# vm-timeout: 420
. /tests/vm/lib.sh
. /tests/vm/nvmet.sh

# same CASE OURS THEIRS: equal and not empty
same() {
	if [ -n "$2" ] && [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "ours:" "$2" "reference:" "$3"
	fi
}

# daemon_replies CMD...: each command's reply from the running daemon
daemon_replies() {
	for _c in "$@"; do
		echo "== $_c"
		eval "multipathd $_c"
	done
}

SHOWS="'show topology' 'show maps topology' 'show paths' 'show maps'
'show maps status' 'show maps stats'
'show paths format \"%d %G %w %t %T %s %o %p %S %i %z %m %N %R %c\"'
'show maps raw format \"%n|%w|%d|%G|%N|%S|%s|%v|%p|%e|%h|%r|%f|%Q\"'
'show map nvme0n1 topology' 'show maps json'"

# ==== native NVMe multipath =====================================================
nvmet_setup Y || fatal nvmet-native "$(dmesg | tail -20)"
assert_eq native-one-head "nvme0n1" "$(ls /sys/block | grep '^nvme[0-9]*n[0-9]*$')"

# enable_foreign: off by default (0.9.4's "NONE"), -e turns every library on
same foreign-off-by-default "[]" "[$(multipath -ll)]"
assert_eq foreign-off-as-reference "$(ref_multipath -ll)" "$(multipath -ll)"
ours=$(multipath -e -ll)
same e-lists-native "$ours" "$(ref_multipath -e -ll)"
assert_match e-shows-both-controllers "nvme0c0n1.*optimized live" "$ours"
write_conf 'defaults {' '	enable_foreign "nvme"' '}'
ours=$(multipath -ll)
same ll-native "$ours" "$(ref_multipath -ll)"
echo "$ours"
same l-native "$(multipath -l)" "$(ref_multipath -l)"
same v1-native "$(multipath -ll -v1)" "$(ref_multipath -ll -v1)"
same by-name "$(multipath -ll nvme0n1)" "$(ref_multipath -ll nvme0n1)"
# the reference lists nothing for /dev/nvme0n1 (but does for nvme0n1)
assert_eq by-device "$(multipath -ll nvme0n1)" "$(multipath -ll /dev/nvme0n1)"
# the reference lists its NVMe maps whatever map is asked for: we do not
assert_eq other-map-not-listed "" "$(multipath -ll mpathzz 2>/dev/null)"
write_conf 'defaults {' '	enable_foreign "^(scsi|fc)$"' '}'
assert_eq pattern-not-matching "" "$(multipath -ll)"
write_conf 'defaults {' '	enable_foreign "nvme"' '}'

# nothing claimed, nothing set up
multipath -v0
check native-no-map [ -z "$(dmsetup table --target multipath 2>/dev/null | grep -v 'No devices')" ]
multipath -c /dev/nvme0n1 >/dev/null 2>&1
assert_eq native-not-a-path 1 "$?"

# the daemons' shows
start_ref_daemon || fatal ref-daemon "$(tail /tmp/ref.log)"
# shellcheck disable=SC2086 # the commands are quoted words
theirs=$(eval daemon_replies $SHOWS)
stop_any
start_daemon || fatal daemon "$(tail /tmp/multipathd.log)"
# shellcheck disable=SC2086
ours=$(eval daemon_replies $SHOWS)
echo "$ours"
printf '%s\n' "$ours" > /tmp/ours.txt
printf '%s\n' "$theirs" > /tmp/theirs.txt
for c in topology maps-topology paths maps maps-status maps-stats paths-format maps-raw map-topology maps-json; do
	n=$(( $(echo "topology maps-topology paths maps maps-status maps-stats paths-format maps-raw map-topology maps-json" |
		tr ' ' '\n' | grep -n "^$c\$" | cut -d: -f1) ))
	o=$(awk -v n="$n" '/^== /{k++} k==n' /tmp/ours.txt)
	t=$(awk -v n="$n" '/^== /{k++} k==n' /tmp/theirs.txt)
	same "daemon-$c" "$o" "$t"
done
check daemon-no-map [ -z "$(dmsetup table --target multipath 2>/dev/null | grep -v 'No devices')" ]

# a port goes inaccessible, then non-optimized: shown as the kernel sees it
nvmet_ana 2 inaccessible
c1=$(nvme_ctrl_of_port 2)
wait_for "grep -q inaccessible /sys/class/nvme/$c1/nvme0c*n1/ana_state" 20 ||
	fatal ana-event "$(cat /sys/class/nvme/$c1/nvme0c*n1/ana_state)"
ours=$(multipathd show topology)
echo "$ours"
assert_match inaccessible-shown "prio=0 status=inaccessible" "$ours"
same inaccessible-as-reference "$(multipath -ll)" "$(ref_multipath -ll)"
assert_match inaccessible-path "nvme0c[0-9]n1 0:0   0   n/a   inaccessible live" \
	"$(multipathd show paths)"
nvmet_ana 2 non-optimized
wait_for "grep -q non-optimized /sys/class/nvme/$c1/nvme0c*n1/ana_state" 20
assert_match non-optimized-shown "prio=10 status=non-optimized" "$(multipathd show topology)"
# a controller removed: its path is gone from the next show
echo 1 > /sys/class/nvme/"$c1"/delete_controller
wait_for "[ ! -e /sys/class/nvme/$c1 ]" 20
assert_eq controller-gone 1 "$(multipathd show paths | grep -c nvme0c)"
stop_daemon
nvmet_teardown || fatal teardown-native "$(lsmod 2>/dev/null | grep nvme)"

# ==== dm-multipath over NVMe ====================================================
nvmet_setup N || fatal nvmet-dm "$(dmesg | tail -20)"
p1=$(nvme_ns_of_port 1) && p2=$(nvme_ns_of_port 2) ||
	fatal namespaces "$(ls /sys/block)"
assert_eq same-wwid "$(cat /sys/block/"$p1"/wwid)" "$(cat /sys/block/"$p2"/wwid)"
write_conf 'defaults {' '	find_multipaths no' '	user_friendly_names yes' \
	'	polling_interval 2' '}'

# created by the reference, listed by both; created by us, the same table
# read_map: one read through the map (its first group becomes active)
read_map() {
	udev_settle
	dd if=/dev/mapper/mpatha of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null
}
ref_multipath -v0
dmsetup table mpatha > /tmp/ref-table || fatal ref-create "$(ref_multipath -v3 2>&1 | tail)"
read_map
theirs=$(ref_multipath -ll)
same dm-ll-as-reference "$(multipath -ll)" "$theirs"
echo "$theirs"
dmsetup remove mpatha
multipath -v0
dmsetup table mpatha > /tmp/our-table
read_map
same dm-table-as-reference "$(cat /tmp/our-table)" "$(cat /tmp/ref-table)"
assert_match dm-bio-based "queue_mode bio" "$(cat /tmp/our-table)"
same dm-ll-created-by-us "$(multipath -ll)" "$theirs"
same dm-paths-raw "$(multipath -ll -v1)" "$(ref_multipath -ll -v1)"

# the daemon: ANA changes move the I/O between the groups
start_daemon || fatal daemon-dm "$(tail /tmp/multipathd.log)"
dev1=$(devnum "$p1")
dev2=$(devnum "$p2")
# first_group DEVT: the table's first (highest priority) group holds DEVT
first_group() {
	dmsetup table mpatha | awk -F'service-time' '{ print $2 }' | grep -qw "$1"
}
# io ROUND: a block written through the map and read back
io() {
	printf 'round-%s-%0500d' "$1" 0 | dd of=/dev/mapper/mpatha bs=512 count=1 \
		seek=100 oflag=direct conv=notrunc 2>/dev/null &&
		[ "$(dd if=/dev/mapper/mpatha bs=512 count=1 skip=100 iflag=direct 2>/dev/null |
			head -c 7)" = "round-$1" ]
}
check dm-io-start io 0
t0=$(now_ms)
nvmet_ana 1 inaccessible
if wait_for "first_group $dev2 && ! first_group $dev1" 30 "dmsetup table mpatha"; then
	echo "figure: ANA change to the map's groups swapped: $(( $(now_ms) - t0 )) ms (polling_interval 2)"
	ok failover-to-port2
else
	not_ok failover-to-port2 "$(dmsetup table mpatha)" "$(tail -20 /tmp/multipathd.log)"
fi
ours=$(multipath -ll)
echo "$ours"
assert_match failover-prio "prio=1 status=" "$ours"
check dm-io-failed-over io 1
same dm-ll-inaccessible "$(multipath -ll)" "$(ref_multipath -ll)"
nvmet_ana 1 optimized
nvmet_ana 2 inaccessible
if wait_for "first_group $dev1 && ! first_group $dev2" 30 "dmsetup table mpatha"; then
	ok failover-to-port1
else
	not_ok failover-to-port1 "$(dmsetup table mpatha)" "$(tail -20 /tmp/multipathd.log)"
fi
check dm-io-failed-back io 2
nvmet_ana 2 optimized
wait_for "[ \$(multipath -ll | grep -c 'prio=50') -ge 1 ] && ! multipath -ll | grep -q 'prio=1 '" 30
assert_no_match both-optimized "prio=1 " "$(multipath -ll)"
check dm-io-end io 3
assert_eq dm-no-io-errors 0 "$(dmesg | grep -c 'Buffer I/O error on dev dm-')"

# a checker that reads (directio) instead of the table's "none": an
# inaccessible namespace fails its reads, so its path is failed, and
# reinstated when the port is optimized again
write_conf 'defaults {' '	find_multipaths no' '	user_friendly_names yes' \
	'	polling_interval 2' '}' 'devices {' '	device {' '		vendor "NVME"' \
	'		product ".*"' '		path_checker directio' '	}' '}'
multipathd reconfigure >/dev/null
wait_for "[ \$(multipathd show paths raw format '%d %c %T' | grep -c 'directio ready') -eq 2 ]" 20 \
	"multipathd show paths raw format '%d %c %T'"
assert_eq directio-ready 2 "$(multipathd show paths raw format '%d %c %T' | grep -c 'directio ready')"
nvmet_ana 2 inaccessible
if wait_for "multipathd show paths raw format '%d %T %t' | grep -q '^$p2 faulty failed'" 30 \
	"multipathd show paths raw format '%d %T %t'"; then
	ok directio-inaccessible-faulty
else
	not_ok directio-inaccessible-faulty "$(multipathd show paths)"
fi
check dm-io-directio io 4
nvmet_ana 2 optimized
if wait_for "multipathd show paths raw format '%d %T %t' | grep -q '^$p2 ready active'" 30; then
	ok directio-reinstated
else
	not_ok directio-reinstated "$(multipathd show paths)"
fi
stop_daemon
dmsetup remove_all
nvmet_teardown || fatal teardown-dm "$(lsmod 2>/dev/null | grep nvme)"
finish
