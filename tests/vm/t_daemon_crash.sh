#!/bin/sh
# The daemon killed (SIGKILL) where it hurts, then started again: it must
# repair what it left. A map made without its table (what a crash between
# creating a map and loading its table leaves; made here with dmsetup
# --notable) is removed and made properly, where the reference keeps it
# (figure); a map left suspended (a reload cut short) is resumed; kills at
# random points of the maps' set-up and of a reconfigure leave, after the
# restart, every map whole, live and with all its paths.
# vm-timeout: 600
. /tests/vm/lib.sh

LUNS=4
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '}'
start_scsi_debug 2 $LUNS || fatal "no scsi_debug disks"
w0=$(udev_prop "$(sdebug_path 0 0)" ID_SERIAL)
[ -n "$w0" ] || fatal "no WWID for LUN 0"

# mpath_attrs: "name attr" of the multipath-UUID maps (attr: L live
# table, s suspended, ...)
mpath_attrs() {
	dmsetup info -C --noheadings -o name,uuid,attr --separator ' ' 2>/dev/null |
		awk '$2 ~ /^mpath-/ { print $1, $3 }'
}
# half_made: the multipath maps without a live table
half_made() { mpath_attrs | awk '$2 !~ /L/' | wc -l; }
# whole: every LUN has a live, resumed map with both paths
whole() {
	[ "$(mpath_attrs | awk '$2 ~ /L/ && $2 !~ /s/' | wc -l)" -eq $LUNS ] &&
		[ "$(multipathd show maps raw format '%N' 2>/dev/null | grep -c '^2$')" -eq $LUNS ]
}
# kill9: the daemon killed (its pid file names it; a client left
# waiting for a reply is not the daemon)
kill9() {
	_k=$(pid_of)
	if [ -n "$_k" ]; then
		kill -KILL "$_k" 2>/dev/null
		wait_for "[ ! -e /proc/$_k ]" 10
	fi
	rm -f /run/multipathd.pid
}
rand_ms() { awk -v max="$1" 'BEGIN { srand(); print int(rand() * max) }'; }
bindings() {
	mkdir -p /etc/multipath
	printf 'mpatha %s\n' "$w0" > /etc/multipath/bindings
}

# ---- a map without a table --------------------------------------------------------------
notable() {
	dmsetup remove_all
	bindings
	dmsetup create mpatha --uuid "mpath-$w0" --notable || fatal notable-create
	udev_settle
}
notable
if start_ref_daemon; then
	sleep 3
	echo "figure: the reference with a map left without a table: $(half_made) such map(s) kept, maps: $(mpath_attrs | tr '\n' ' ')"
	tail -5 /tmp/ref.log
	stop_any
fi
notable
check notable-there [ "$(half_made)" -eq 1 ]
start_daemon || fatal "multipathd did not start"
if wait_for "whole" 60 "mpath_attrs"; then
	ok notable-repaired
else
	not_ok notable-repaired "$(mpath_attrs)" "$(tail -20 /tmp/multipathd.log)"
fi
assert_eq notable-none-left 0 "$(half_made)"
assert_match notable-logged "mpatha: a multipath map without a table .*: removed" "$(daemon_log)"
assert_match notable-same-name "^mpatha L" "$(mpath_attrs | grep '^mpatha ')"

# ---- a map left suspended ------------------------------------------------------------------
dmsetup suspend mpatha
kill9
check suspended-left [ -n "$(mpath_attrs | awk '$1 == "mpatha" && $2 ~ /s/')" ]
start_daemon || fatal "multipathd did not start again"
wait_for "whole" 60 "mpath_attrs"
assert_eq suspended-resumed "" "$(mpath_attrs | awk '$2 ~ /s/')"
check suspended-io timeout 10 dd if=/dev/mapper/mpatha of=/dev/null bs=4k count=1 iflag=direct
assert_match suspended-logged "mpatha: a suspended multipath map .*: resumed" "$(daemon_log)"

# ---- kills at random points of the set-up ------------------------------------------------
rounds=15 left=0 repaired=0
r=1
while [ $r -le $rounds ]; do
	kill9
	dmsetup remove_all
	udev_settle
	multipathd -d -s -v3 >> /tmp/multipathd.log 2>&1 &
	dpid=$!
	usleep $(( $(rand_ms 1500) * 1000 ))
	# (before its pid file exists too)
	kill -KILL "$dpid" 2>/dev/null
	wait_for "[ ! -e /proc/$dpid ]" 10
	rm -f /run/multipathd.pid
	h=$(half_made)
	[ "$h" -gt 0 ] && left=$((left + 1))
	start_daemon -v3 || { not_ok "setup-kill-$r-restart"; break; }
	if wait_for "whole" 60; then
		repaired=$((repaired + 1))
	else
		echo "round $r: $(mpath_attrs | tr '\n' ' ')"
	fi
	[ "$(half_made)" -eq 0 ] || echo "round $r: half-made maps stay"
	r=$((r + 1))
done
echo "figure: $rounds kills during the set-up: $left left a map without a table, $repaired/$rounds whole after the restart"
assert_eq setup-kills-repaired $rounds $repaired
assert_eq setup-kills-none-left 0 "$(half_made)"

# ---- kills during a reconfigure ---------------------------------------------------------------
rounds=10 repaired=0
r=1
while [ $r -le $rounds ]; do
	multipathd reconfigure >/dev/null 2>&1 &
	usleep $(( $(rand_ms 800) * 1000 ))
	kill9
	start_daemon -v3 || { not_ok "reconfigure-kill-$r-restart"; break; }
	wait_for "whole" 60 && repaired=$((repaired + 1))
	r=$((r + 1))
done
echo "figure: $rounds kills during a reconfigure: $repaired/$rounds whole after the restart"
assert_eq reconfigure-kills-repaired $rounds $repaired
assert_eq reconfigure-none-suspended "" "$(mpath_attrs | awk '$2 ~ /s/ || $2 !~ /L/')"
check io-after-kills timeout 10 dd if=/dev/mapper/mpatha of=/dev/null bs=4k count=1 iflag=direct
stop_daemon
finish
