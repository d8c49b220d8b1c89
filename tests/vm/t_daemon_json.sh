#!/bin/sh
# JSON replies: "show maps json" and "show map X json" equal to the
# reference daemon's in the same guest; ours beyond the reference (paths,
# one path, status, daemon) are JSON and carry what the text replies say.
# vm-timeout: 240
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)

# the replies to compare with the reference's
replies() {
	for c in "show maps json" "show map mpatha json" "show map nosuch json"; do
		echo "== $c"
		multipathd $c 2>&1
	done
}
isjson() { multipathd "$@" | mp_jsoncheck; }

start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpathb ]" 30 || fatal "no maps"
wait_for "multipathd show daemon | grep -q idle" 30
for c in "show maps json" "show map mpatha json" "show paths json" \
	"show path $a json" "show status json" "show daemon json"; do
	# shellcheck disable=SC2086 # words of the command
	check "json-$(echo "$c" | tr ' ' '-')" isjson $c
done
paths=$(multipathd show paths json)
for p in $(scsi_debug_disks); do
	assert_match "paths-json-has-$p" "\"dev\" : \"$p\"" "$paths"
done
assert_match path-json-dev "\"dev\" : \"$a\"" "$(multipathd show path $a json)"
assert_match path-json-map "\"multipath\" : \"mpath[ab]\"" "$(multipathd show path $a json)"
assert_match status-json-paths '"paths" : 4' "$(multipathd show status json)"
assert_match daemon-json-pid "\"pid\" : $(cat /run/multipathd.pid)" "$(multipathd show daemon json)"
assert_match daemon-json-state '"state" : "idle"' "$(multipathd show daemon json)"
assert_eq path-json-unknown fail "$(multipathd show path nosuch json)"
ours=$(replies)
stop_daemon
# the reference makes the maps itself too ("action" is what the daemon did)
dmsetup remove_all
udev_settle

if start_ref_daemon mpathb; then
	theirs=$(replies)
	stop_any
	if [ "$ours" = "$theirs" ]; then ok json-as-reference; else
		echo "$ours" > /tmp/ours.json
		echo "$theirs" > /tmp/theirs.json
		not_ok json-as-reference "$(diff /tmp/theirs.json /tmp/ours.json)"
	fi
else
	not_ok json-as-reference "the reference daemon did not start" "$(tail -5 /tmp/ref.log)"
fi
finish
