#!/bin/sh
# kpartx on a multipath map (made by the reference) with a dos and a GPT
# table, and on disk image files through loop devices, against the
# reference kpartx: -l output, the maps -a creates (names, uuids, tables),
# -u after repartitioning, -d, -p, maps of one tool removed by the other,
# a map in use, 4096-byte sectors, a GPT whose primary header is damaged.
# vm-timeout: 400
. /tests/vm/lib.sh

SFDISK=/usr/sbin/sfdisk
LOSETUP=/usr/sbin/losetup

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
start_scsi_debug 2 1 dev_size_mb=64 || fatal "no scsi_debug disks"
ref_multipath -v0 || fatal "the reference did not create the map"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no /dev/mapper/mpatha"
MP=/dev/mapper/mpatha
MPDEV=$(devnum "$(dm_dev mpatha)")
MPUUID=$(dmsetup info -c --noheadings -o uuid mpatha)

# partmaps: "name uuid table" of every map but the multipath one, sorted
partmaps() {
	for _n in $(dmsetup ls | awk '$1 != "mpatha" && $1 != "No" { print $1 }' | sort); do
		echo "$_n $(dmsetup info -c --noheadings -o uuid "$_n") $(dmsetup table "$_n")"
	done
}

# same_as_ref CASE ARGS...: our stdout and exit status equal the
# reference's (loop device numbers aside)
same_as_ref() {
	_c=$1
	shift
	ref_kpartx "$@" > /tmp/ref.out 2>/tmp/ref.err
	_rr=$?
	kpartx "$@" > /tmp/our.out 2>/tmp/our.err
	_or=$?
	if [ "$_rr" = "$_or" ] && cmp -s /tmp/ref.out /tmp/our.out; then
		ok "$_c"
	else
		not_ok "$_c" "exit: reference $_rr, ours $_or" \
			"$(diff /tmp/ref.out /tmp/our.out)" "reference stderr:" \
			"$(cat /tmp/ref.err)" "our stderr:" "$(cat /tmp/our.err)"
	fi
}

# drop_partmaps: remove every map but mpatha, behind both tools' backs
drop_partmaps() {
	for _n in $(partmaps | awk '{ print $1 }'); do
		dmsetup remove "$_n"
	done
	udev_settle
}

# maps_same_as_ref CASE ADD-ARGS... : the maps our "kpartx ADD-ARGS"
# creates are the ones the reference creates (names, uuids, tables)
maps_same_as_ref() {
	_c=$1
	shift
	ref_kpartx "$@" >/dev/null 2>&1
	udev_settle
	_ref=$(partmaps)
	drop_partmaps
	# the reference's loop device of an image file stays; it names the
	# file as seen in ref_run's mount namespace, so ours cannot find it
	$LOSETUP -D
	kpartx "$@" >/dev/null 2>/tmp/our.err
	udev_settle
	_our=$(partmaps)
	if [ -n "$_ref" ] && [ "$_ref" = "$_our" ]; then
		ok "$_c"
	else
		not_ok "$_c" "reference:" "$_ref" "ours:" "$_our" "our stderr:" \
			"$(cat /tmp/our.err)"
	fi
}

# layout_a / layout_b: a dos table with logical partitions, written on
# the map whole (sfdisk names the partitions of an image file plainly);
# b is a repartitioned (1 grown, 6 and 3 gone). The maps may be in use.
make_layout() {
	rm -f "$1"
	dd if=/dev/zero of="$1" bs=1M count=64 2>/dev/null
	$SFDISK -q "$1" >/dev/null 2>&1 || echo "sfdisk failed on $1" >&2
}
printf 'label: dos\n%s1: start=2048, size=8MiB, type=83\n%s2: size=40MiB, type=5\n%s5: size=10MiB, type=83\n%s6: size=10MiB, type=82\n%s3: size=4MiB, type=83\n' \
	/tmp/a.img /tmp/a.img /tmp/a.img /tmp/a.img /tmp/a.img | make_layout /tmp/a.img
printf 'label: dos\n%s1: start=2048, size=12MiB, type=83\n%s2: size=30MiB, type=5\n%s5: size=10MiB, type=83\n' \
	/tmp/b.img /tmp/b.img /tmp/b.img | make_layout /tmp/b.img
layout_a() { dd if=/tmp/a.img of=$MP bs=1M conv=notrunc 2>/dev/null; }
layout_b() { dd if=/tmp/b.img of=$MP bs=1M conv=notrunc 2>/dev/null; }
names() { partmaps | awk '{ print $1 }' | tr '\n' ' ' | sed 's/ $//'; }

# ---- dos with logical partitions on the multipath map --------------------------
layout_a || fatal "sfdisk dos failed"
same_as_ref dos-list -l $MP
assert_match dos-list-logical "^mpatha5 : 0 20480 /dev/dm-1 2048$" "$(cat /tmp/our.out)"
same_as_ref dos-list-delim -l -p -part $MP

check dos-add kpartx -a $MP
udev_settle
assert_eq dos-add-table "0 16384 linear $MPDEV 2048" "$(dmsetup table mpatha1)"
assert_eq dos-add-extended "0 2 linear $MPDEV 18432" "$(dmsetup table mpatha2)"
assert_eq dos-add-logical "0 20480 linear $MPDEV 20480" "$(dmsetup table mpatha5)"
assert_eq dos-add-uuid "part5-$MPUUID" "$(dmsetup info -c --noheadings -o uuid mpatha5)"
assert_eq dos-add-count 5 "$(partmaps | wc -l)"
check dos-add-node test -b /dev/mapper/mpatha6
# again: nothing changes, nothing fails
check dos-add-again kpartx -a $MP
assert_eq dos-add-again-count 5 "$(partmaps | wc -l)"

# a map in use is not removed
exec 3</dev/mapper/mpatha5
kpartx -d $MP >/dev/null 2>/tmp/our.err
assert_eq dos-delete-busy-fails 1 "$([ $? -ne 0 ] && echo 1)"
assert_match dos-delete-busy-says "mpatha5 is in use" "$(cat /tmp/our.err)"
exec 3<&-
check dos-delete kpartx -d $MP
udev_settle
assert_eq dos-delete-none "" "$(partmaps)"

maps_same_as_ref dos-maps-like-ref -a $MP
maps_same_as_ref dos-maps-like-ref-delim -a -p -part $MP
check dos-delete-delim kpartx -d $MP
assert_eq dos-delete-delim-none "" "$(partmaps)"

# each tool removes the other's maps
ref_kpartx -a $MP >/dev/null 2>&1
check ours-deletes-ref kpartx -d $MP
assert_eq ours-deletes-ref-none "" "$(partmaps)"
kpartx -a -p -part $MP
ref_kpartx -d $MP >/dev/null 2>&1
assert_eq ref-deletes-ours-none "" "$(partmaps)"

# -v prints what it does, as the reference (device numbers aside)
kpartx -av $MP | sed 's/([0-9]*:[0-9]*)//' > /tmp/our.v
ref_kpartx -d $MP >/dev/null 2>&1
ref_kpartx -av $MP | sed 's/([0-9]*:[0-9]*)//' > /tmp/ref.v
assert_eq dos-add-verbose "$(cat /tmp/ref.v)" "$(cat /tmp/our.v)"

# -p renames maps found by uuid under another name
kpartx -a -p _x $MP >/tmp/our.out 2>&1
assert_eq rename-by-uuid "mpatha_x1 mpatha_x2 mpatha_x3 mpatha_x5 mpatha_x6" "$(names)"

# ---- repartition, then -u -----------------------------------------------------------
layout_b || fatal "sfdisk repartition failed"
check update kpartx -u -p _x $MP
udev_settle
assert_eq update-resized "0 24576 linear $MPDEV 2048" "$(dmsetup table mpatha_x1)"
assert_eq update-gone "mpatha_x1 mpatha_x2 mpatha_x5" "$(names)"
check update-delete kpartx -d $MP
# the reference's -u on the same change ends with the same maps
layout_a
ref_kpartx -a $MP >/dev/null 2>&1
layout_b
ref_kpartx -u $MP >/dev/null 2>&1
udev_settle
_ref=$(partmaps)
drop_partmaps
layout_a
kpartx -a $MP >/dev/null 2>&1
layout_b
kpartx -u $MP >/dev/null 2>&1
udev_settle
assert_eq update-like-ref "$_ref" "$(partmaps)"
drop_partmaps

# ---- GPT ----------------------------------------------------------------------------------
dd if=/dev/zero of=$MP bs=1M count=1 2>/dev/null
printf 'label: gpt\nstart=2048, size=8MiB\nsize=16MiB\nsize=4MiB\n' | $SFDISK -q $MP >/dev/null 2>&1 ||
	fatal "sfdisk gpt failed"
same_as_ref gpt-list -l $MP
check gpt-add kpartx -a $MP
udev_settle
assert_eq gpt-add-table "0 32768 linear $MPDEV 18432" "$(dmsetup table mpatha2)"
assert_eq gpt-add-count 3 "$(partmaps | wc -l)"
check gpt-delete kpartx -d $MP
maps_same_as_ref gpt-maps-like-ref -a $MP
kpartx -d $MP >/dev/null 2>&1

# primary header damaged: the backup is used, by both
dd if=/dev/zero of=$MP bs=512 seek=1 count=1 2>/dev/null
same_as_ref gpt-backup-list -l $MP
assert_eq gpt-backup-lines 3 "$(grep -c '^mpatha' /tmp/our.out)"
# without the protective MBR it is no GPT, unless -g
printf 'label: gpt\nstart=2048, size=8MiB\nsize=16MiB\n' | $SFDISK -q --wipe always $MP >/dev/null 2>&1
dd if=/dev/zero of=$MP bs=1 seek=446 count=64 2>/dev/null
same_as_ref gpt-nopmbr-list -l $MP
same_as_ref gpt-nopmbr-forced -l -g $MP
assert_eq gpt-nopmbr-forced-lines 2 "$(grep -c '^mpatha' /tmp/our.out)"

# ---- disk image files -----------------------------------------------------------------
IMG=/tmp/disk.img
rm -f $IMG
dd if=/dev/zero of=$IMG bs=1M count=32 2>/dev/null
printf 'label: dos\nstart=2048, size=8MiB, type=83\nsize=8MiB, type=83\n' | $SFDISK -q $IMG >/dev/null 2>&1 ||
	fatal "sfdisk on the image failed"
same_as_ref img-list -l $IMG
assert_eq img-list-detached "" "$($LOSETUP -a)"
check img-add kpartx -a $IMG
udev_settle
LOOP=$($LOSETUP -j $IMG | cut -d: -f1)
assert_match img-loop "^/dev/loop[0-9]+$" "$LOOP"
LP=${LOOP#/dev/}
assert_eq img-add-table "0 16384 linear $(devnum $LP) 18432" "$(dmsetup table ${LP}p2)"
assert_eq img-add-uuid "part1-devnode_$(devnum $LP)_Wh5pYvM" \
	"$(dmsetup info -c --noheadings -o uuid ${LP}p1)"
# listing a file that is attached already uses its loop device
same_as_ref img-list-attached -l $IMG
kpartx -d $IMG >/dev/null 2>/tmp/our.err
assert_match img-delete-says "^loop deleted : $LOOP$" "$(cat /tmp/our.err)"
assert_eq img-delete-none "" "$(partmaps)"
assert_eq img-delete-detached "" "$($LOSETUP -a)"
# -d of a file not attached: nothing to do
check img-delete-again kpartx -d $IMG
# the loop device of a file stays until kpartx -d, even when its maps are
# removed behind kpartx's back; -a uses it again (the reference's too)
ref_kpartx -a $IMG >/dev/null 2>&1
drop_partmaps
assert_match img-loop-stays "disk.img" "$($LOSETUP -a)"
$LOSETUP -D
kpartx -a $IMG >/dev/null 2>&1
drop_partmaps
assert_match img-loop-stays-ours "$IMG" "$($LOSETUP -a)"
check img-add-reuses-loop kpartx -a $IMG
assert_eq img-add-reuses-loop-one 1 "$($LOSETUP -a | wc -l)"
check img-delete-reused kpartx -d $IMG
assert_eq img-delete-reused-detached "" "$($LOSETUP -a)"
maps_same_as_ref img-maps-like-ref -a $IMG
kpartx -d $IMG >/dev/null 2>&1
ref_kpartx -d $IMG >/dev/null 2>&1
assert_eq img-delete-all "" "$($LOSETUP -a)"

# read-only: the loop device and the maps
check img-add-ro kpartx -a -r $IMG
LOOP=$($LOSETUP -j $IMG | cut -d: -f1)
LP=${LOOP#/dev/}
assert_eq img-add-ro-loop 1 "$(cat /sys/block/$LP/ro)"
assert_match img-add-ro-map "READ-ONLY" "$(dmsetup info ${LP}p1)"
kpartx -d $IMG >/dev/null 2>&1

# 4096-byte sectors: a loop device with them, GPT and dos
LOOP4=$($LOSETUP -b 4096 -f --show $IMG) || fatal "losetup -b 4096 failed"
printf 'label: gpt\nstart=256, size=8MiB\nsize=8MiB\n' | $SFDISK -q $LOOP4 >/dev/null 2>&1
same_as_ref 4k-gpt-list -l $LOOP4
assert_eq 4k-gpt-lines 2 "$(grep -c "^${LOOP4#/dev/}p" /tmp/our.out)"
dd if=/dev/zero of=$LOOP4 bs=4096 count=16 2>/dev/null
printf 'label: dos\n%sp1: start=256, size=8MiB, type=83\n%sp2: size=16MiB, type=5\n%sp5: size=4MiB, type=83\n' \
	$LOOP4 $LOOP4 $LOOP4 | $SFDISK -q $LOOP4 >/dev/null 2>&1
same_as_ref 4k-dos-list -l $LOOP4
$LOSETUP -d $LOOP4

finish
