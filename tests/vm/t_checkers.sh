#!/bin/sh
# Every checker through multipath -ll, against the reference line for line
# on scsi_debug paths that are up, offline, back, deleted and rescanned;
# the states our checkers log (-v3) for each.
# vm-timeout: 600
. /tests/vm/lib.sh

# conf CHECKER: maps with every path checked by CHECKER
conf() {
	write_conf 'defaults {' '	user_friendly_names yes' \
		'	find_multipaths no' '	detect_checker no' \
		"	path_checker $1" '}'
}

# same_as_ref CASE ARGS...: our stdout and exit status equal the reference's
same_as_ref() {
	_c=$1
	shift
	ref_multipath "$@" > /tmp/ref.out 2>/tmp/ref.err
	_rr=$?
	multipath "$@" > /tmp/our.out 2>/tmp/our.err
	_or=$?
	if [ "$_rr" = "$_or" ] && cmp -s /tmp/ref.out /tmp/our.out; then
		ok "$_c"
	else
		not_ok "$_c" "exit: reference $_rr, ours $_or" \
			"$(diff /tmp/ref.out /tmp/our.out)" "our stderr:" \
			"$(cat /tmp/our.err)"
	fi
}

# states CHECKER: "sdX state" for each path, from our -v3 log
states() {
	multipath -v3 -ll 2>&1 >/dev/null |
		sed -n "s/.*| \(sd[a-z]*\): $1 state = \([a-z]*\)$/\1 \2/p" | sort
}

# expect_states CASE CHECKER STATE: every path logged in STATE
expect_states() {
	_s=$(states "$2")
	_n=$(printf '%s\n' "$_s" | grep -c " $3\$")
	if [ "$_n" = "$(scsi_debug_disks | wc -l)" ]; then
		ok "$1"
	else
		not_ok "$1" "expected every path $3, got:" "$_s"
	fi
}

conf tur
start_scsi_debug 2 2 || fatal "scsi_debug did not give 4 disks"
ref_multipath -v0 || fatal "the reference did not create the maps"
assert_eq maps-created 2 "$(dmsetup ls --target multipath | grep -c '^mpath')"

# map_of sdX: the multipath map holding the path
map_of() { dm_name "$(ls "/sys/class/block/$1/holders")"; }

# what each checker says of a healthy scsi_debug path: rdac and
# emc_clariion do not know the device (no vendor page), cciss_tur is not
# a Smart Array
for chk in tur:up readsector0:up directio:up none:up hp_sw:up rdac:wild \
	emc_clariion:wild cciss_tur:down; do
	st=${chk#*:}
	chk=${chk%:*}
	conf "$chk"
	same_as_ref "$chk-up" -ll
	expect_states "$chk-states" "$chk" "$st"

	# a path dies and comes back (maps compared one by one: the column
	# widths of a listing are the reference's per map)
	p=$(sdebug_path 0 1)
	m=$(map_of "$p")
	fail_path "$p"
	for other in $(dmsetup ls --target multipath | awk '{ print $1 }'); do
		[ "$other" = "$m" ] || same_as_ref "$chk-offline-other-map" -ll "$other"
	done
	same_as_ref "$chk-offline" -ll "$m"
	assert_match "$chk-offline-faulty" "$p +[0-9]+:[0-9]+ +active faulty offline" \
		"$(cat /tmp/our.out)"
	assert_match "$chk-offline-no-io" "$p: path inaccessible" \
		"$(multipath -v3 -ll 2>&1 >/dev/null)"
	restore_path "$p"
	same_as_ref "$chk-back" -ll
	expect_states "$chk-back-states" "$chk" "$st"

	# a path is deleted: the others are checked as before, it is not
	p=$(sdebug_path 1 1)
	h=$(hctl_of "$p")
	m=$(map_of "$p")
	delete_path "$p" || fatal "$p was not deleted"
	for other in $(dmsetup ls --target multipath | awk '{ print $1 }'); do
		[ "$other" = "$m" ] || same_as_ref "$chk-deleted-other-map" -ll "$other"
	done
	expect_states "$chk-deleted-states" "$chk" "$st"
	# ... until a rescan finds it and the map is reloaded
	rescan_host "${h%%:*}"
	wait_for "path_by_hctl $h" 30 || fatal "$h did not come back"
	ref_multipath -v0
	same_as_ref "$chk-returned" -ll
	expect_states "$chk-returned-states" "$chk" "$st"
done
finish
