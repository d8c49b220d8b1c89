#!/bin/sh
# Prioritizers on a real kernel. On scsi_debug (ALUA state per host): alua,
# sysfs, const, weightedpath, random, path_latency and detect_prio's choice,
# each path's priority as our multipath -v3 -ll computes it, compared with
# what the device answers and with the reference. On LIO (tcm_loop) target
# port groups: alua and sysfs while the groups change state, with the
# preferred bit and exclusive_pref_bit.
# vm-timeout: 600
. /tests/vm/lib.sh

# ---- helpers ----------------------------------------------------------------------
# state_prio STATE: the priority of an ALUA access state
state_prio() {
	case $1 in
	active/optimized) echo 50 ;;
	active/non-optimized) echo 10 ;;
	lba-dependent) echo 5 ;;
	standby) echo 1 ;;
	*) echo 0 ;;
	esac
}

# "sdX NAME PRIO" for each "sdX: NAME prio = PRIO" a -v3 log shows, sorted
prio_lines() {
	sed -n 's/^.* | \(sd[a-z]*\): \([a-z_]*\) prio = \(-\{0,1\}[0-9]*\)$/\1 \2 \3/p' |
		sort -u
}
# "sdX NAME ORIGIN" for each prioritizer selection a -v3 log shows
select_lines() {
	sed -n 's/^.* | \(sd[a-z]*\): prio = \(.*\)$/\1 \2/p' | sort -u
}
our_log() { multipath -v3 -ll 2>&1 >/dev/null; }
ref_log() { ref_multipath -v3 -ll 2>&1 >/dev/null; }

# same_as_ref CASE FILTER: our -v3 -ll log, through FILTER, equals the
# reference's and is not empty
same_as_ref() {
	_ours=$(our_log | $2)
	_refs=$(ref_log | $2)
	if [ -n "$_ours" ] && [ "$_ours" = "$_refs" ]; then
		ok "$1"
	else
		not_ok "$1" "reference:" "$_refs" "ours:" "$_ours"
	fi
}

# conf DEVICE-LINES...: /etc/multipath.conf with one group per path and
# the given lines in a devices entry for scsi_debug
conf() {
	write_conf 'defaults {' '	find_multipaths no' \
		'	path_grouping_policy failover' '}' \
		'devices {' '	device {' '		vendor "Linux"' \
		'		product "scsi_debug"' "$@" '	}' '}'
}

# ---- scsi_debug: 3 hosts, so every ALUA state the driver reports --------------------
start_scsi_debug 3 1 || fatal "scsi_debug did not give 3 disks"
conf
ref_multipath -v0 || fatal "the reference did not create the map"
paths=$(scsi_debug_disks)
[ "$(echo "$paths" | wc -w)" = 3 ] || fatal "expected 3 paths: $paths"

# what the device says (RTPG) and what the kernel shows
expect_alua="" expect_sysfs="" expect_const="" active=""
for p in $paths; do
	s=$(alua_state "$p") || fatal "$p: no RTPG answer"
	expect_alua="$expect_alua$p alua $(state_prio "$s")
"
	k=$(cat "/sys/class/block/$p/device/access_state")
	expect_sysfs="$expect_sysfs$p sysfs $(state_prio "$k")
"
	expect_const="$expect_const$p const 1
"
	[ "$s" = standby ] || active="$active $p"
done
expect_alua=$(printf '%s' "$expect_alua" | sort)
expect_sysfs=$(printf '%s' "$expect_sysfs" | sort)
expect_const=$(printf '%s' "$expect_const" | sort)
assert_match states-differ ' 50$' "$expect_alua"
assert_match states-differ-10 ' 10$' "$expect_alua"

# alua: RTPG through SG_IO
conf '		detect_prio no' '		prio alua'
assert_eq alua-as-device "$expect_alua" "$(our_log | prio_lines)"
same_as_ref alua-as-reference prio_lines
ref_multipath -ll > /tmp/ref.out 2>/dev/null
multipath -ll > /tmp/our.out 2>/dev/null
if cmp -s /tmp/ref.out /tmp/our.out; then ok alua-ll-as-reference; else
	not_ok alua-ll-as-reference "$(diff /tmp/ref.out /tmp/our.out)"; fi

# sysfs, chosen by detect_prio (the kernel shows access_state)
conf
assert_eq sysfs-as-kernel "$expect_sysfs" "$(our_log | prio_lines)"
same_as_ref sysfs-as-reference prio_lines
assert_match sysfs-autodetected 'prio = sysfs \(setting: storage device autodetected\)' \
	"$(our_log)"
same_as_ref detect-as-reference select_lines

# detect_prio beats a multipaths entry's prio, as in the reference
wwid=$(dmsetup info -c --noheadings -o uuid "$(dmsetup ls --target multipath | awk 'NR == 1 { print $1 }')" |
	sed 's/^mpath-//')
write_conf 'defaults {' '	find_multipaths no' '}' \
	'multipaths {' '	multipath {' "		wwid $wwid" '		prio const' '	}' '}'
assert_eq detect-over-multipaths "$expect_sysfs" "$(our_log | prio_lines)"
same_as_ref detect-over-multipaths-as-reference select_lines
write_conf 'defaults {' '	find_multipaths no' '	detect_prio no' '}' \
	'multipaths {' '	multipath {' "		wwid $wwid" '		prio const' '	}' '}'
assert_eq multipaths-without-detect "$expect_const" "$(our_log | prio_lines)"
same_as_ref multipaths-without-detect-as-reference select_lines

# const
conf '		detect_prio no' '		prio const'
assert_eq const "$expect_const" "$(our_log | prio_lines)"

# weightedpath: by H:B:T:L and by device name
set -- $paths
h0=$(hctl_of "$1" | cut -d: -f1)
h1=$(hctl_of "$2" | cut -d: -f1)
conf '		detect_prio no' '		prio weightedpath' \
	"		prio_args \"hbtl ^$h0:0:0:0\$ 7 ^$h1:.*:0 3\""
assert_eq weightedpath-hbtl "$(printf '%s weightedpath 7\n%s weightedpath 3\n%s weightedpath 0\n' \
	"$1" "$2" "$3" | sort)" "$(our_log | prio_lines)"
same_as_ref weightedpath-hbtl-as-reference prio_lines
conf '		detect_prio no' '		prio weightedpath' \
	"		prio_args \"devname ^$3\$ 21\""
assert_match weightedpath-devname "^$3 weightedpath 21\$" "$(our_log | prio_lines)"
same_as_ref weightedpath-devname-as-reference prio_lines

# random: 1 to 10, and not the same every time
conf '		detect_prio no' '		prio random'
seen=""
for i in 1 2 3 4 5 6; do
	r=$(our_log | prio_lines)
	assert_eq "random-all-paths-$i" 3 "$(count_matches ' random ([1-9]|10)$' "$r")"
	seen="$seen $(echo "$r" | awk '{ print $3 }')"
done
assert_eq random-varies yes "$(echo "$seen" | tr ' ' '\n' | sort -u | grep -c . |
	awk '{ print ($1 > 1) ? "yes" : "no" }')"

# path_latency: base 10 gives 0..8; reads through a standby path fail
conf '		detect_prio no' '		prio path_latency' \
	'		prio_args "io_num=20 base_num=10"'
r=$(our_log | prio_lines)
i=0
for p in $active; do
	assert_match "path_latency-active-$i" "^$p path_latency [0-8]\$" "$r"
	i=$((i + 1))
done
echo "path_latency, ours:" $r
echo "path_latency, reference:" $(ref_log | prio_lines)
assert_eq path_latency-active-only "$(echo $active | wc -w)" "$(echo "$r" | grep -c .)"

# a prioritizer plugin: tests/unit/plugins/prio_fake.c as prio_myprio.so
# in the plugin directory gives the SCSI host number plus prio_args' base
write_conf 'defaults {' '	find_multipaths no' '	detect_prio no' \
	'	prio myprio' '	prio_args "base=20"' \
	'	path_grouping_policy group_by_prio' '}'
expect_plugin=$(for p in $paths; do
	echo "$p myprio $((20 + $(hctl_of "$p" | cut -d: -f1)))"
done | sort)
log=$(our_log)
assert_eq plugin-prios "$expect_plugin" "$(echo "$log" | prio_lines)"
assert_match plugin-selected 'prio = myprio \(setting: multipath.conf defaults/devices section\)' "$log"
# what the plugin saw, in its own message
assert_match plugin-context ': fake prio: node /dev/sd[a-z]+ devt [0-9]+:[0-9]+ timeout [0-9]+ open ok$' "$log"
# a map grouped by its priorities: one group per host, the best first
dmsetup remove_all
multipath -v0 || not_ok plugin-create "$(multipath -v2 2>&1)"
assert_eq plugin-groups "$(echo "$expect_plugin" | awk '{ print $3 }' | sort -rn | tr '\n' ' ')" \
	"$(multipath -ll | sed -n "s/.*policy='[^']*' prio=\([0-9]*\) .*/\1/p" | tr '\n' ' ')"
multipath -ll

dmsetup remove_all
stop_scsi_debug || fatal "scsi_debug would not go"

# ---- LIO: two target port groups, states set through configfs --------------------------
. /tests/vm/lio.sh

lio_conf() {
	write_conf 'defaults {' '	find_multipaths no' \
		'	path_grouping_policy failover' '}' \
		'devices {' '	device {' '		vendor "LIO-ORG"' \
		'		product ".*"' '		no_path_retry fail' "$@" \
		'	}' '}'
}

if ! lio_setup; then
	not_ok lio-setup "$(dmesg | tail -n 20)"
	lio_teardown
	finish
fi
wait_for '[ "$(lio_disks | wc -l)" -ge 2 ]' 30 lio_disks || {
	not_ok lio-disks "$(lio_disks)"
	lio_teardown
	finish
}
udev_settle
lio=$(lio_disks | tr '\n' ' ')
set -- $lio
a=$1 b=$2
ok lio-two-paths

group_state grpA 0 0 && group_state grpB 1 1 || not_ok lio-set-states
kick
lio_conf '		detect_prio no' '		prio alua'
ref_multipath -v0 || not_ok lio-map
# A active/optimized; B active/non-optimized and preferred: 10 + 80
assert_eq lio-alua-ao-an-pref "$(printf '%s alua 50\n%s alua 90\n' "$a" "$b" | sort)" \
	"$(our_log | prio_lines)"
same_as_ref lio-alua-ao-an-pref-as-reference prio_lines
lio_conf '		detect_prio no' '		prio alua' '		prio_args "exclusive_pref_bit"'
assert_eq lio-alua-exclusive-an "$(printf '%s alua 50\n%s alua 90\n' "$a" "$b" | sort)" \
	"$(our_log | prio_lines)"

# states change: A standby, B active/optimized and preferred
group_state grpA 2 0 && group_state grpB 0 1 || not_ok lio-set-states-2
lio_conf '		detect_prio no' '		prio alua'
assert_eq lio-alua-standby-ao-pref "$(printf '%s alua 1\n%s alua 50\n' "$a" "$b" | sort)" \
	"$(our_log | prio_lines)"
same_as_ref lio-alua-standby-ao-pref-as-reference prio_lines
lio_conf '		detect_prio no' '		prio alua' '		prio_args "exclusive_pref_bit"'
assert_eq lio-alua-exclusive-ao "$(printf '%s alua 1\n%s alua 130\n' "$a" "$b" | sort)" \
	"$(our_log | prio_lines)"
same_as_ref lio-alua-exclusive-ao-as-reference prio_lines

# sysfs: the kernel's view, once it has caught up
kick
lio_conf '		detect_prio no' '		prio sysfs' '		prio_args "exclusive_pref_bit"'
assert_eq lio-sysfs-exclusive "$(printf '%s sysfs 1\n%s sysfs 130\n' "$a" "$b" | sort)" \
	"$(our_log | prio_lines)"
same_as_ref lio-sysfs-exclusive-as-reference prio_lines
lio_conf
assert_eq lio-sysfs-detected "$(printf '%s sysfs 1\n%s sysfs 50\n' "$a" "$b" | sort)" \
	"$(our_log | prio_lines)"
same_as_ref lio-sysfs-detected-as-reference prio_lines

# an unavailable group: priority 0. Like the reference, -ll also asks the
# prioritizer of a path its checker found down while the device runs
# (ours within a short bound).
group_state grpA 3 0 && group_state grpB 1 0 || not_ok lio-set-states-3
kick
lio_conf '		detect_prio no' '		prio alua'
r=$(our_log | prio_lines)
assert_match lio-alua-an "^$b alua 10\$" "$r"
assert_eq lio-alua-unavailable "$a alua 0" "$(printf '%s\n' "$r" | grep "^$a ")"
assert_match lio-alua-unavailable-reference "^$a alua 0\$" "$(ref_log | prio_lines)"
same_as_ref lio-alua-unavailable-as-reference prio_lines

lio_teardown
finish
