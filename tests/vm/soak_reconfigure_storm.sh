#!/bin/sh
# Soak (make soak): a reconfigure storm: "reconfigure" sent ten times a
# second for a minute (mp_ask -r: each request on its own connection,
# whether the earlier ones were answered or not), with the configuration
# switching between two versions (another alias for LUN 0, another
# polling interval) twice a second, while a path flaps and another is
# deleted and found again (uevents), and a client asks "show maps" without
# pause. Every reconfigure and every show is answered, the uevents are
# taken, and the last configuration wins.
# vm-timeout: 400
. /tests/vm/lib.sh

SECS=${RECONF_SECONDS:-60}
start_scsi_debug 2 4 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 1)
w0=$(udev_prop "$a" ID_SERIAL)
hb=$(hctl_of "$b")
# written whole, then renamed: a reconfigure never reads half a file
conf() {
	printf '%s\n' 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
		"	polling_interval $2" '}' 'multipaths {' '	multipath {' \
		"		wwid $w0" "		alias $1" '	}' '}' > /etc/multipath.conf.new &&
		mv /etc/multipath.conf.new /etc/multipath.conf
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

sent=$((SECS * 10))
mp_ask -r 10 "$sent" reconfigure > /tmp/reconf.out 2>&1 &
sender=$!
i=0
while kill -0 "$sender" 2> /dev/null; do
	if [ $((i % 2)) -eq 0 ]; then conf blue 3; else conf red 2; fi
	case $((i % 8)) in
	1) fail_path "$a" ;;
	3) restore_path "$a" ;;
	4) delete_path "$b" ;;
	6) rescan_host "${hb%%:*}" ;;
	esac
	i=$((i + 1))
	sleep 0.5
done
wait "$sender"
sender_rc=$?
# the last word: blue, polling_interval 3
conf blue 3
multipathd reconfigure > /dev/null
restore_path "$a"
[ -e "/sys/class/block/$b" ] || rescan_host "${hb%%:*}"
touch /tmp/storm.stop
wait "$client"
udev_settle
wait_for "multipathd show daemon | grep -q idle" 120
answered=$(grep -c ok /tmp/client.out)
failed=$(grep -c fail /tmp/client.out)
echo "figure: $sent reconfigures sent at 10/s: $(cat /tmp/reconf.out); $i configuration flips; show maps answered $answered times, $failed failed; configurations loaded: $(grep -c 'new configuration loaded' /tmp/multipathd.log), refused: $(grep -c 'keeping the old one' /tmp/multipathd.log); last reconfigure took $(multipathd show metrics | sed -n 's/^multipathd_reconfigure_last_duration_seconds //p') s"
assert_eq reconfigures-answered 0 "$sender_rc"
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
