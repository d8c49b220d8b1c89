#!/bin/sh
# The commands that act on one map or path: suspend, resume, reload,
# resize, map statistics, set/unset marginal, queueing at the daemon's
# shutdown. Each one's effect on the kernel's map, and every reply next
# to the reference daemon's for the same commands in the same guest.
# vm-timeout: 300
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '	path_grouping_policy multibus' \
	'	marginal_pathgroups yes' '	no_path_retry queue' '}'
start_scsi_debug 2 1 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
m=mpatha

dm_state() { dmsetup info -c --noheadings -o attr "$m" | cut -c3; }
groups() { dmsetup table "$m" | awk '{ for (i = 1; i <= NF; i++)
	if ($i == "round-robin" || $i == "service-time" ||
	    $i == "queue-length") n++ } END { print n + 0 }'; }
loads() { multipathd show maps raw format "%n %2" | awk -v m="$m" '$1 == m { print $2 }'; }

# ---- suspend / resume --------------------------------------------------------------
assert_eq suspend-reply ok "$(multipathd suspend map $m)"
assert_eq suspend-in-kernel s "$(dm_state)"
assert_eq resume-reply ok "$(multipathd resume map $m)"
assert_eq resume-in-kernel - "$(dm_state)"
check resume-io dd if=/dev/mapper/$m of=/dev/null bs=4k count=16 iflag=direct

# ---- reload, map statistics -----------------------------------------------------------
l0=$(loads)
assert_eq reload-reply ok "$(multipathd reload map $m)"
assert_eq reload-counted "$((l0 + 1))" "$(loads)"
assert_match reload-logged "$m: reload \\(operator\\)" "$(daemon_log)"
assert_eq reset-map-stats ok "$(multipathd reset map $m stats)"
assert_eq stats-zero 0 "$(loads)"
multipathd reload map $m >/dev/null
assert_eq reset-maps-stats ok "$(multipathd reset maps stats)"
assert_eq stats-zero-all 0 "$(loads)"

# ---- resize: the LUN grows, every path agrees, the map follows --------------------
assert_eq resize-same-size ok "$(multipathd resize map $m)"
echo 1 > /sys/bus/pseudo/drivers/scsi_debug/virtual_gb
echo 1 > "/sys/class/block/$a/device/rescan"
# one path only: sizes disagree, nothing changes
assert_eq resize-disagree fail "$(multipathd resize map $m)"
assert_eq resize-disagree-kept 16384 "$(dmsetup table $m | awk '{ print $2 }')"
echo 1 > "/sys/class/block/$b/device/rescan"
# the block device learns its new capacity a moment after the rescan
wait_for "[ \$(dev_sectors $b) -eq 2097152 ] && [ \$(dev_sectors $a) -eq 2097152 ]" 20
assert_eq resize-reply ok "$(multipathd resize map $m)"
assert_eq resize-in-kernel 2097152 "$(dmsetup table $m | awk '{ print $2 }')"
assert_eq resize-read-end 512 "$(dd if=/dev/mapper/$m bs=512 skip=2097151 count=1 iflag=direct 2>/dev/null | wc -c)"

# ---- marginal paths (marginal_pathgroups yes) ---------------------------------------
assert_eq one-group 1 "$(groups)"
assert_eq setmarginal-reply ok "$(multipathd setmarginal path $a)"
assert_eq setmarginal-own-group 2 "$(groups)"
assert_match setmarginal-shown "$a  *marginal" "$(multipathd show paths format '%d %M')"
assert_eq unsetmarginal-reply ok "$(multipathd unsetmarginal path $a)"
assert_eq unsetmarginal-one-group 1 "$(groups)"
multipathd setmarginal path $a >/dev/null
multipathd setmarginal path $b >/dev/null
assert_eq unset-all-reply ok "$(multipathd unsetmarginal map $m)"
assert_eq unset-all-one-group 1 "$(groups)"

# ---- forcequeueing daemon: queueing survives the daemon's stop --------------------
assert_eq forceq-reply ok "$(multipathd forcequeueing daemon)"
stop_daemon
assert_match forceq-kept "queue_if_no_path" "$(dmsetup table $m)"
start_daemon || fatal "multipathd did not restart"
assert_eq restoreq-reply ok "$(multipathd restorequeueing daemon)"
stop_daemon
assert_no_match restoreq-stopped "queue_if_no_path" "$(dmsetup table $m)"

# ---- reset map: a dm device set up on a path moves onto the map ----------------
dmsetup create holder0 --table "0 8192 linear $(devnum "$b") 0" ||
	not_ok reset-holder-made "dmsetup create failed"
start_daemon || fatal "multipathd did not restart"
assert_eq reset-reply ok "$(multipathd reset map $m)"
assert_eq reset-holder-on-map "0 8192 linear $(devnum "$(dm_dev $m)") 0" \
	"$(dmsetup table holder0)"
assert_match reset-logged "$b: reassign table holder0 old $(devnum "$b") new" "$(daemon_log)"
check reset-holder-io dd if=/dev/mapper/holder0 of=/dev/null bs=4k count=4 iflag=direct
assert_eq reset-again-nothing ok "$(multipathd reset map $m)"
stop_daemon
dmsetup remove holder0

# ---- replies next to the reference's ---------------------------------------------------
replies() {
	for c in "suspend map $m" "resume map $m" "reload map $m" \
		"resize map $m" "reset map $m stats" "reset maps stats" \
		"setmarginal path $a" "unsetmarginal path $a" \
		"unsetmarginal map $m" "forcequeueing daemon" \
		"restorequeueing daemon" "suspend map nosuch" "resume map nosuch" \
		"reload map nosuch" "resize map nosuch" "reset map nosuch stats" \
		"setmarginal path nosuch" "unsetmarginal map nosuch" \
		"reset map $m" "reset map nosuch"; do
		printf '%s => %s\n' "$c" "$(multipathd $c 2>&1 | tr '\n' '|')"
	done
}
start_daemon || fatal "multipathd did not restart"
ours=$(replies)
stop_daemon
if start_ref_daemon; then
	theirs=$(replies)
	assert_eq replies-as-reference "$theirs" "$ours"
	stop_any
else
	not_ok replies-as-reference "the reference daemon did not start" "$(tail -5 /tmp/ref.log)"
fi
echo "$ours"
finish
