#!/bin/sh
# make demo: build (done by make), then show the tools at work on a
# simulated SAN in the test guest (tests/vm/demo.sh), then the merged
# configuration's first lines.
set -u
B=${B:-build}
if ! B=$B VM_TESTS=demo VM_RESULTS=$B/vm/demo-results tests/vm/run.sh > "$B/vm-demo.log" 2>&1; then
	cat "$B/vm-demo.log"
	echo "demo: the guest run failed (see $B/vm/console.log)" >&2
	exit 1
fi
# the demo's own output, without kernel messages and harness lines
sed -n '/^VMTEST begin demo/,/^VMTEST end demo/p' "$B/vm/console.log" |
	grep -v '^\[ *[0-9.]*\]\|^VMTEST\|^demo: ' | sed 's/^[0-9]*\.[0-9]* | //'
