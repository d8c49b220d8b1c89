#!/bin/sh
# Benchmark: 64 LUNs x 4 hosts (256 paths): creating the 64 maps, listing
# them with -ll and flushing them with -F, ours and the reference
# (Debian's 0.9.4) in the same guest. Prints figures; never fails on time.
# vm-timeout: 1500
. /tests/vm/lib.sh

LUNS=${BENCH_LUNS:-64}
HOSTS=${BENCH_HOSTS:-4}

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
t0=$(now_ms)
start_scsi_debug "$HOSTS" "$LUNS" || fatal "scsi_debug did not give $((LUNS * HOSTS)) disks"
echo "BENCH setup: $((LUNS * HOSTS)) paths ready in $(( $(now_ms) - t0 )) ms"

fresh() { dmsetup remove_all; rm -rf /etc/multipath; mkdir -p /etc/multipath; udev_settle; }
# settled_ms CMD...: "A B": the time CMD took, and the time until udev
# had also finished what it left behind (uevents of the paths it claimed)
settled_ms() {
	_s0=$(now_ms)
	"$@" > /dev/null 2>&1
	_s1=$(now_ms)
	udevadm settle
	echo "$((_s1 - _s0)) $(( $(now_ms) - _s0 ))"
}
count_maps() { dmsetup ls --target multipath | grep -c mpath; }

# each step starts with udev idle: work a command leaves to udev (uevents
# of the paths) must not be billed to the next command
# the reference
fresh
set -- $(settled_ms ref_multipath -v0)
ref_create=$1 ref_create_settled=$2
assert_eq ref-created "$LUNS" "$(count_maps)"
udev_settle
ref_ll=$(elapsed_ms ref_multipath -ll)
ref_noop=$(elapsed_ms ref_multipath -v0)
udev_settle
ref_F=$(elapsed_ms ref_multipath -F)
assert_eq ref-flushed 0 "$(count_maps)"
udev_settle
multipath -v0 >/dev/null 2>&1
udev_settle
dmsetup_F=$(elapsed_ms dmsetup remove_all)

# ours
fresh
set -- $(settled_ms multipath -v0)
our_create=$1 our_create_settled=$2
assert_eq our-created "$LUNS" "$(count_maps)"
udev_settle
# the floor: the same maps made by the kernel and udev alone, one plain
# dmsetup create each (no udev wait) and one settle at the end
for m in $(dmsetup ls --target multipath | awk '{ print $1 }' | sort); do
	echo "$m $(dmsetup info -c --noheadings -o uuid "$m") $(dmsetup table "$m")"
done > /tmp/maps.tables
our_ll=$(elapsed_ms multipath -ll)
our_noop=$(elapsed_ms multipath -v0)
udev_settle
our_F=$(elapsed_ms multipath -F)
assert_eq our-flushed 0 "$(count_maps)"

# the floor, from the tables ours made
fresh
floor_create() {
	while read -r _n _u _t; do
		dmsetup create "$_n" --uuid "$_u" --noudevsync --table "$_t"
	done < /tmp/maps.tables
	udevadm settle
}
floor=$(elapsed_ms floor_create)
assert_eq floor-created "$LUNS" "$(count_maps)"

echo "BENCH create $LUNS maps ($((LUNS * HOSTS)) paths): ours $our_create ms, reference $ref_create ms, ours/reference $(ratio "$our_create" "$ref_create")"
echo "BENCH create, until udev is idle: ours $our_create_settled ms, reference $ref_create_settled ms, ours/reference $(ratio "$our_create_settled" "$ref_create_settled")"
echo "BENCH create floor (dmsetup create --noudevsync x $LUNS, then udevadm settle): $floor ms; ours/floor $(ratio "$our_create" "$floor") (until idle $(ratio "$our_create_settled" "$floor")), reference/floor $(ratio "$ref_create" "$floor")"
echo "BENCH -ll of $LUNS maps: ours $our_ll ms, reference $ref_ll ms, ours/reference $(ratio "$our_ll" "$ref_ll")"
echo "BENCH -F of $LUNS maps: ours $our_F ms, reference $ref_F ms, ours/reference $(ratio "$our_F" "$ref_F")"
echo "BENCH second run (nothing to change): ours $our_noop ms, reference $ref_noop ms, ours/reference $(ratio "$our_noop" "$ref_noop")"
echo "BENCH (dmsetup remove_all of the same $LUNS maps: $dmsetup_F ms, the kernel's own cost)"
ok figures-printed
finish
