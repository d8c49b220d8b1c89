#!/bin/sh
# Soak (make soak): a reconfigure storm: "reconfigure" sent ten times a second for a minute,
# faster than the daemon completes them, with the configuration switching
# between two versions (another alias for LUN 0, another polling
# interval), while a path flaps and another is deleted and found again
# (uevents), and a client asks "show maps" without pause. Every show is
# answered, the uevents are taken, and the last configuration wins.
# vm-timeout: 400
. /tests/vm/lib.sh

SECS=${RECONF_SECONDS:-60}
start_scsi_debug 2 4 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 1)
w0=$(udev_prop "$a" ID_SERIAL)
hb=$(hctl_of "$b")
conf() {
	write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
		"	polling_interval $2" '}' 'multipaths {' '	multipath {' \
		"		wwid $w0" "		alias $1" '	}' '}'
}
conf red 2
start_daemon -v2 || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/red ] && [ \$(dmsetup ls --target multipath | grep -c .) -eq 4 ]" 60 ||
	fatal "maps not set up"

rm -f /tmp/storm.stop
while [ ! -e /tmp/storm.stop ]; do
	if multipathd show maps > /dev/null 2>&1; then echo ok; else echo fail; fi
done > /tmp/client.out &
client=$!

sent=0 i=0
end=$(( $(uptime_s) + SECS ))
while [ "$(uptime_s)" -lt "$end" ]; do
	if [ $((i % 2)) -eq 0 ]; then conf blue 3; else conf red 2; fi
	multipathd reconfigure > /dev/null 2>&1 &
	sent=$((sent + 1))
	case $((i % 40)) in
	5) fail_path "$a" ;;
	15) restore_path "$a" ;;
	20) delete_path "$b" ;;
	30) rescan_host "${hb%%:*}" ;;
	esac
	i=$((i + 1))
	sleep 0.1
done
# the last word: blue, polling_interval 3
conf blue 3
multipathd reconfigure > /dev/null
restore_path "$a"
[ -e "/sys/class/block/$b" ] || rescan_host "${hb%%:*}"
touch /tmp/storm.stop
wait "$client"
wait
udev_settle
wait_for "multipathd show daemon | grep -q idle" 120
answered=$(grep -c ok /tmp/client.out)
failed=$(grep -c fail /tmp/client.out)
echo "figure: $sent reconfigures sent in ${SECS}s; show maps answered $answered times, $failed failed; reconfigures done: $(grep -c 'new configuration loaded' /tmp/multipathd.log)"
assert_eq shows-answered 0 "$failed"
check shows-many [ "$answered" -gt 10 ]
if wait_for "[ -e /dev/mapper/blue ] && [ ! -e /dev/mapper/red ]" 60; then
	ok last-config-wins
else
	not_ok last-config-wins "$(dmsetup ls --target multipath)"
fi
assert_match last-polling-interval "polling_interval 3" "$(multipathd show config | grep polling_interval)"
b2=$(path_by_hctl "$hb")
if wait_for "multipathd show paths raw format '%d %t' | grep -q '^$b2 active'" 60; then
	ok uevent-path-back
else
	not_ok uevent-path-back "$(multipathd show paths)"
fi
assert_eq all-paths-active 8 "$(multipathd show paths raw format '%t' | grep -c active)"
assert_eq four-maps 4 "$(dmsetup ls --target multipath | grep -c .)"
stop_daemon
finish
