#!/bin/sh
# Path storms: every path of every map removed at once (all SCSI hosts
# deleted) and added back at once, in a loop, while 4 clients ask for
# "show paths" and "show maps topology" without pause. No client goes
# unanswered, the daemon's maps and paths end equal to the kernel's, and
# its memory does not grow from one cycle to the next (figures: cycles,
# replies, RSS). Sourced by t_daemon_storm.sh (make test: 16 LUNs x 4
# hosts for 60 s) and soak_storm.sh (make soak: 256 LUNs x 4 hosts = 1,024
# paths for 5 minutes); STORM_LUNS, STORM_SECONDS.
# vm-timeout: 900
. /tests/vm/lib.sh

LUNS=${STORM_LUNS:-16}
HOSTS=4
SECS=${STORM_SECONDS:-60}
NPATHS=$((LUNS * HOSTS))
SD=/sys/bus/pseudo/drivers/scsi_debug

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 5' '	verbosity 1' '}'
t0=$(now_ms)
start_scsi_debug $HOSTS "$LUNS" || fatal "scsi_debug did not give $NPATHS disks"
echo "figure: $NPATHS paths added at once, settled in $(( $(now_ms) - t0 )) ms"
multipathd -d -s -v2 >> /tmp/multipathd.log 2>&1 &
nmaps() { dmsetup ls --target multipath 2>/dev/null | grep -c mpath; }
# (an empty reply is "ok", as the reference's)
npaths() { multipathd show paths raw format '%d' 2>/dev/null | grep -c '^sd'; }
wait_for "[ \$(nmaps) -eq $LUNS ] && [ \$(npaths) -eq $NPATHS ]" 900 \
	"echo maps \$(nmaps) paths \$(npaths)" || fatal "maps not set up"
wait_for "multipathd show daemon | grep -q idle" 120
pid=$(pid_of)
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
echo "figure: RSS with $NPATHS paths set up: $(rss) kB"

# four clients without pause: "ok" or "fail" per reply, in their files
client() {
	while [ ! -e /tmp/storm.stop ]; do
		if multipathd $1 > "/tmp/reply.$2" 2>&1; then
			echo ok
		else
			echo fail
			echo "$(uptime_s) s: $(tail -n 1 "/tmp/reply.$2")" >> /tmp/client.err
		fi
	done > "/tmp/client.$2"
}
rm -f /tmp/storm.stop /tmp/client.* /tmp/reply.*
client "show paths" 1 &
c1=$!
client "show maps topology" 2 &
c2=$!
client "show paths" 3 &
c3=$!
client "show maps topology" 4 &
c4=$!

cycles=0 rss1=0
end=$(( $(uptime_s) + SECS ))
# (a daemon that died ends the waits at once)
gone() { ! kill -0 "$pid" 2> /dev/null; }
while [ "$(uptime_s)" -lt "$end" ] || [ $cycles -lt 2 ]; do
	# every path removed at once
	i=0
	while [ $i -lt $HOSTS ]; do echo -1 > $SD/add_host; i=$((i + 1)); done
	wait_for "gone || [ \$(npaths) -eq 0 ]" 300 "echo paths \$(npaths)" && ! gone ||
		{ not_ok "cycle-$cycles-removed"; break; }
	# and added back at once
	echo $HOSTS > $SD/add_host
	wait_for "[ \$(scsi_debug_paths | wc -l) -eq $NPATHS ]" 300 ||
		{ not_ok "cycle-$cycles-disks"; break; }
	wait_for "gone || { [ \$(npaths) -eq $NPATHS ] && [ \$(nmaps) -eq $LUNS ]; }" 600 \
		"echo maps \$(nmaps) paths \$(npaths)" && ! gone ||
		{ not_ok "cycle-$cycles-back"; break; }
	cycles=$((cycles + 1))
	[ $cycles -eq 1 ] && rss1=$(rss)
done
touch /tmp/storm.stop
# the clients (not the daemon, a job of this shell too)
wait $c1 $c2 $c3 $c4
udev_settle
wait_for "multipathd show daemon | grep -q idle" 120
rss2=$(rss)
replies=$(cat /tmp/client.* | grep -c ok)
failed=$(cat /tmp/client.* | grep -c fail)
echo "figure: $cycles cycles of $NPATHS paths removed and added in ${SECS}s; $replies replies to the clients, $failed failed; RSS after the first cycle $rss1 kB, at the end $rss2 kB"
echo "figure: the event loop's longest callback $(multipathd show metrics | sed -n 's/^multipathd_loop_longest_callback_seconds //p') s, $(multipathd show metrics | sed -n 's/^multipathd_loop_busy_callbacks_total //p') over a second"
grep 'kept the loop busy' /tmp/multipathd.log | sed 's/ for [0-9]* ms//' | sort | uniq -c | sort -rn | head -n 5
# the steps that held it, longest first
grep -E "kept the loop busy|took [0-9]+ ms" /tmp/multipathd.log |
	sed -E 's/^(.*) ([0-9]+) ms(.*)$/\2 ms: \1\3/' | sort -rn | head -n 12
# what one reconfigure costs at this size (the daemon's own measure)
t0=$(now_ms)
assert_eq reconfigure-ok "" "$(multipathd reconfigure | grep -v '^ok$')"
echo "figure: reconfigure with $NPATHS paths answered in $(( $(now_ms) - t0 )) ms, took the daemon $(multipathd show metrics | sed -n 's/^multipathd_reconfigure_last_duration_seconds //p') s"
wait_for "multipathd show daemon | grep -q idle" 300
check some-cycles [ $cycles -ge 2 ]
[ "$failed" -gt 0 ] && { echo "the first failures:"; sort -n /tmp/client.err | head -n 5; }
assert_eq clients-all-answered 0 "$failed"
check clients-answered [ "$replies" -gt 0 ]
# no growth from cycle to cycle: within 10% (and 2 MiB) of the first;
# not under ASan, whose quarantine keeps what is freed
if grep -q libasan "/proc/$pid/maps" 2> /dev/null; then
	echo "figure: RSS not compared (an ASan build)"
else
	check rss-no-growth [ "$rss2" -le $((rss1 + rss1 / 10 + 2048)) ]
fi

# the daemon's view equals the kernel's: each map's paths and their states
kernel_view() {
	for m in $(dmsetup ls --target multipath | awk '{ print $1 }'); do
		dmsetup status "$m" | awk -v m="$m" '{
			for (i = 1; i <= NF; i++)
				if ($i ~ /^[0-9]+:[0-9]+$/ && ($(i + 1) == "A" || $(i + 1) == "F"))
					print m, $i, ($(i + 1) == "A" ? "active" : "failed")
		}'
	done | sort
}
daemon_view() {
	multipathd show paths raw format '%m %D %t' | grep -v '^ok$' | sort
}
k=$(kernel_view)
d=$(daemon_view)
if [ -n "$k" ] && [ "$k" = "$d" ]; then
	ok daemon-equals-kernel
else
	echo "$k" > /tmp/k.txt
	echo "$d" > /tmp/d.txt
	not_ok daemon-equals-kernel "$(diff /tmp/k.txt /tmp/d.txt | head -20)"
fi
assert_eq all-paths-back "$NPATHS" "$(echo "$k" | grep -c .)"
check same-daemon kill -0 "$pid"
stop_daemon
finish
