#!/bin/sh
# In the guest: run test scripts one after the other, each in its own shell
# and session, under a time limit, then clean up what it left behind.
#
#   runner.sh t_harness t_reference ...
#
# Console protocol (parsed by run.sh on the host), one line each:
#   VMTEST begin <script>
#   VMTEST ok <script> <case>          (printed by the test, see lib.sh)
#   VMTEST not ok <script> <case>
#   VMTEST end <script> rc=<exit status> secs=<seconds>
# A script that times out, exits non-zero or reports nothing gets a
# "not ok" line of its own (case "timeout", "exit-status-N", "no-results").
#
# Per-script time limit: a line "# vm-timeout: N" in the script, else
# $VMTEST_TIMEOUT (180 s).
. /tests/vm/lib.sh

: "${VMTEST_TIMEOUT:=180}"
mkdir -p /tmp/vmtest

for t in "$@"; do
	t=${t%.sh}
	f=/tests/vm/$t.sh
	echo "VMTEST begin $t"
	if [ ! -f "$f" ]; then
		echo "VMTEST not ok $t missing-script"
		echo "VMTEST end $t rc=127 secs=0"
		continue
	fi
	limit=$(sed -n 's/^# vm-timeout: *\([0-9][0-9]*\).*/\1/p' "$f" | head -n 1)
	: "${limit:=$VMTEST_TIMEOUT}"
	res=/tmp/vmtest/$t.results
	: > "$res"
	dmesg -c > /dev/null
	start=$(uptime_s)

	# setsid: the script leads a new process group, so everything it
	# started can be killed with it.
	VMTEST_RESULTS=$res setsid sh "$f" < /dev/null &
	pid=$!
	# Watchdog: on timeout, note it and kill the whole group.
	# (short sleeps, so that killing it leaves no long sleep behind)
	(
		i=0
		while [ "$i" -lt "$limit" ]; do sleep 1; i=$((i + 1)); done
		echo timeout > "$res.timeout"
		kill -KILL -"$pid" 2>/dev/null
	) &
	wd=$!
	wait "$pid"
	rc=$?
	kill "$wd" 2>/dev/null
	wait "$wd" 2>/dev/null
	# whatever the script left running in its group
	kill -KILL -"$pid" 2>/dev/null

	secs=$(($(uptime_s) - start))
	failed=0
	if [ -f "$res.timeout" ]; then
		echo "VMTEST not ok $t timeout"
		echo "  $t: killed after the ${limit}s time limit"
		failed=1
		rm -f "$res.timeout"
	elif [ "$rc" -ne 0 ]; then
		echo "VMTEST not ok $t exit-status-$rc"
		failed=1
	elif [ ! -s "$res" ]; then
		echo "VMTEST not ok $t no-results"
		failed=1
	fi
	grep -q '^not ok' "$res" && failed=1
	# what a sanitizer build found while the test ran (its daemon's
	# report comes when the cleanup stops it, so look after that too)
	vm_cleanup > "/tmp/vmtest/$t.cleanup" 2>&1 && cleaned=1 || cleaned=0
	if ls /tmp/sanitizer.* >/dev/null 2>&1; then
		echo "VMTEST not ok $t sanitizer"
		for f in /tmp/sanitizer.*; do
			echo "---- $f:"
			head -n 40 "$f"
		done
		rm -f /tmp/sanitizer.*
		failed=1
	fi
	if [ "$failed" = 1 ]; then
		echo "---- kernel log during $t:"
		dmesg -c | tail -n 60
		echo "----"
	fi
	echo "VMTEST end $t rc=$rc secs=$secs"
	if [ "$cleaned" = 0 ]; then
		echo "runner: cleaning up after $t failed; later tests may suffer:"
		sed 's/^/  /' "/tmp/vmtest/$t.cleanup"
	fi
done
