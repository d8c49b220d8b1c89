#!/bin/sh
# Soak (make soak: valgrind in TCG is slow): the daemon and the programs
# under valgrind's memcheck, in the guest: multipathd started, then a
# storm (paths failed and restored, a SCSI host removed and added again,
# commands of every kind on its socket, a reconfigure) and a shutdown; multipath (create, -ll, -l, -t, -c, flush),
# kpartx and mpathpersist. No memory error, no definite leak.
# vm-timeout: 900
. /tests/vm/lib.sh

SD=/sys/bus/pseudo/drivers/scsi_debug
VG="valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=30"

# clean LOG: valgrind's log says no error and no definite leak
clean() {
	grep -q 'ERROR SUMMARY: 0 errors' "$1" &&
		! grep -q 'definitely lost: [1-9]' "$1"
}
report() {
	grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable' "$1" | sed 's/^==[0-9]*== */  /'
}

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '}'
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)

# ---- the programs ----------------------------------------------------------------------
n=0
vg() {
	n=$((n + 1))
	$VG --log-file=/tmp/vg.prog.$n "$@" > /tmp/vg.out.$n 2>&1
	_rc=$?
	_case=$(echo "$*" | tr ' /' '-_' | cut -c1-40)
	if [ $_rc -ne 99 ] && clean /tmp/vg.prog.$n; then
		ok "program-$_case"
	else
		not_ok "program-$_case" "exit $_rc" "$(tail -40 /tmp/vg.prog.$n)"
	fi
}
vg multipath -v2
wait_for "[ -e /dev/mapper/mpatha ]" 30
vg multipath -ll
vg multipath -l
vg multipath -t
vg multipath -c "/dev/$a"
vg kpartx -l /dev/mapper/mpatha
vg mpathpersist -i -k /dev/mapper/mpatha
vg multipath -F
udev_settle

# ---- the daemon: start, storm, shutdown -------------------------------------------------------
t0=$(now_ms)
$VG --log-file=/tmp/vg.daemon multipathd -d -s -v2 > /tmp/multipathd.log 2>&1 &
vgpid=$!
wait_for "multipathd show daemon 2>/dev/null | grep -q idle" 180 "tail -3 /tmp/multipathd.log" ||
	fatal "multipathd under valgrind did not start" "$(tail -30 /tmp/vg.daemon)"
wait_for "[ -e /dev/mapper/mpatha ] && [ -e /dev/mapper/mpathb ]" 60
echo "figure: the daemon under valgrind up in $(( $(now_ms) - t0 )) ms"
fail_path "$a"
wait_for "multipathd show paths raw format '%d %t' | grep -q '^$a failed'" 60
restore_path "$a"
wait_for "multipathd show paths raw format '%d %t' | grep -q '^$a active'" 60
for cmd in "show paths" "show maps topology" "show maps json" "show config" \
	"show status" "show maps stats" "show paths format \"%d %w %T %C\"" \
	"fail path $b" "reinstate path $b" "disablequeueing maps" \
	"restorequeueing maps" "switch map mpatha group 1" "resize map mpatha" \
	"reload map mpatha" "del map mpathb" "add map mpathb" "show wildcards" \
	"show blacklist" "show devices" "no such command" "setprkey map mpatha key 0x12" \
	"getprkey map mpatha" "unsetprkey map mpatha" "show metrics"; do
	eval "multipathd $cmd" > /dev/null 2>&1
done
multipathd reconfigure > /dev/null
wait_for "multipathd show daemon | grep -q idle" 120
# a whole host gone and back
echo -1 > $SD/add_host
wait_for "[ \$(multipathd show paths raw format '%d' | grep -c .) -eq 2 ]" 120
echo 1 > $SD/add_host
wait_for "[ \$(multipathd show paths raw format '%d' | grep -c .) -eq 4 ]" 180
wait_for "multipathd show daemon | grep -q idle" 120
multipathd shutdown > /dev/null
wait "$vgpid"
rc=$?
report /tmp/vg.daemon
assert_eq daemon-exit-status 0 "$rc"
if clean /tmp/vg.daemon; then
	ok daemon-no-error-no-leak
else
	not_ok daemon-no-error-no-leak "$(grep -A30 -E 'Invalid|uninitialised|definitely lost in' /tmp/vg.daemon | head -80)"
fi
finish
