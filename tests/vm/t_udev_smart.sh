#!/bin/sh
# find_multipaths smart through the project's udev rules: a disk whose
# WWID has no second path yet is held as a path (DM_MULTIPATH_DEVICE_PATH=1
# in udev, not yet a map) and a systemd timer is started, due when the
# time multipath -u gives (the seconds left) is over, to send one more add
# event; the disk
# is released (0) when the time is over; a disk whose sibling comes in
# time goes into a map and its timer is stopped, once. systemd-run and
# systemctl are stand-ins here that keep the timer with sleep.
# vm-timeout: 240
. /tests/vm/lib.sh

TIMEOUT=6
LOG=/tmp/systemd-run.log
# systemd-run: record the call; for --on-active=SPAN, run the command
# SPAN seconds later
cat > /usr/bin/systemd-run <<'EOF'
#!/bin/sh
echo "$(cut -d' ' -f1 /proc/uptime) systemd-run $*" >> /tmp/systemd-run.log
unit= span=
while [ $# -gt 0 ]; do
	case $1 in
	--unit=*) unit=${1#--unit=} ;;
	--on-active=*) span=${1#--on-active=} ;;
	--description | --timer-property | --property) shift ;;
	--*) ;;
	*) break ;;
	esac
	shift
done
[ -n "$span" ] || exit 1
(
	sleep "$span"
	echo "$(cut -d' ' -f1 /proc/uptime) fired $unit" >> /tmp/systemd-run.log
	"$@"
) > /dev/null 2>&1 &
echo $! > "/tmp/timer-$unit.pid"
EOF
cat > /usr/bin/systemctl <<'EOF'
#!/bin/sh
echo "$(cut -d' ' -f1 /proc/uptime) systemctl $*" >> /tmp/systemd-run.log
[ "$1" = stop ] || exit 0
unit=${2%.timer}
[ -f "/tmp/timer-$unit.pid" ] && kill "$(cat "/tmp/timer-$unit.pid")" 2>/dev/null
rm -f "/tmp/timer-$unit.pid"
exit 0
EOF
chmod 755 /usr/bin/systemd-run /usr/bin/systemctl
: > $LOG

start_scsi_debug 2 2 || fatal "no scsi_debug disks"
c=$(sdebug_path 0 1)
d=$(sdebug_path 1 1)
d_hctl=$(hctl_of "$d")
lone=$(sdebug_path 0 0)
delete_path "$d"
delete_path "$(sdebug_path 1 0)"
prop() { udev_prop "$1" "$2"; }

write_conf 'defaults {' '	find_multipaths smart' "	find_multipaths_timeout $TIMEOUT" '}' \
	'blacklist {' '	devnode "^loop"' '}'
use_mp_rules || fatal "the rules are not in the image"
start_daemon || fatal "multipathd did not start"
rm -rf /run/multipath/find_multipaths

# ---- two lone disks: held, each with a timer due when its wait is over -----------
udevadm trigger --action=add "/sys/block/$lone" "/sys/block/$c"
udev_settle
for p in "$lone" "$c"; do
	assert_eq "held-$p" 1 "$(prop "$p" DM_MULTIPATH_DEVICE_PATH)"
	left=$(prop "$p" FIND_MULTIPATHS_WAIT_UNTIL)
	assert_match "time-left-$p" '^[0-9]+\.[0-9]{6}$' "$left"
	call=$(grep "systemd-run .*--unit=cancel-multipath-wait-$p " $LOG)
	span=$(printf '%s\n' "$call" | sed -n 's/.*--on-active=\([0-9.]*\) .*/\1/p')
	# the first event's time left: at most the timeout, and most of it
	if [ "$span" = "$left" ] && [ "${span%.*}" -le "$TIMEOUT" ] &&
		[ "${span%.*}" -ge $((TIMEOUT - 3)) ]; then
		ok "the timer of $p is due when the wait is over"
	else
		not_ok "the timer of $p is due when the wait is over" \
			"time left $left, timeout $TIMEOUT, call: $call"
	fi
	assert_match "timer-runs-the-add-event-$p" \
		"/bin/udevadm trigger --action=add /sys/devices/.*/block/$p\$" "$call"
done
assert_eq one-timer-each 2 "$(grep -c 'systemd-run ' $LOG)"
assert_eq no-map-yet "" "$(dmsetup ls --target multipath | grep -v 'No devices')"

# ---- c's sibling comes in time: a map, c's timer stopped once ---------------------
# only that LUN, through its host (the lone disk's sibling stays away)
set -- $(echo "$d_hctl" | tr ':' ' ')
echo "$2 $3 $4" > "/sys/class/scsi_host/host$1/scan"
udev_settle
d=$(path_by_hctl "$d_hctl") || fatal "the second path did not come back"
assert_eq sibling-valid-at-once 1 "$(prop "$d" DM_MULTIPATH_DEVICE_PATH)"
# (by H:C:T:L: the name may be one a deleted disk had)
assert_eq sibling-no-timer "" "$(grep "systemd-run .*/$d_hctl/block/" $LOG)"
wait_for "[ -n \"\$(dmsetup ls --target multipath | grep -v 'No devices')\" ]" 20 \
	"multipathd show paths" || not_ok map-with-the-sibling "$(tail -20 /tmp/multipathd.log)"
udevadm trigger --action=change "/sys/block/$c"
udev_settle
assert_eq sibling-claimed 1 "$(prop "$c" DM_MULTIPATH_DEVICE_PATH)"
assert_eq sibling-timer-stopped-once 1 \
	"$(grep -c "systemctl stop cancel-multipath-wait-$c.timer" $LOG)"
udevadm trigger --action=change "/sys/block/$c"
udev_settle
assert_eq sibling-timer-stopped-only-once 1 \
	"$(grep -c "systemctl stop cancel-multipath-wait-$c.timer" $LOG)"

# ---- the lone disk: its timer fires, the add event releases it --------------------
if wait_for "grep -q 'fired cancel-multipath-wait-$lone' $LOG" $((TIMEOUT + 10)); then
	ok "the lone disk's timer fired"
else
	not_ok "the lone disk's timer fired" "$(cat $LOG)"
fi
if wait_for "[ \"\$(udev_prop $lone DM_MULTIPATH_DEVICE_PATH)\" = 0 ]" 10; then
	ok "the lone disk is released when the time is over"
else
	not_ok "the lone disk is released when the time is over" \
		"$(udevadm info -q property -n "/dev/$lone")"
fi
assert_eq released-not-mpath-member "" "$(prop "$lone" ID_FS_TYPE | grep mpath_member)"
stop_daemon
rm -f /usr/bin/systemd-run /usr/bin/systemctl /tmp/timer-*.pid
finish
