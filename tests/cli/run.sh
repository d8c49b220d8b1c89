#!/bin/sh
# Run the command-line tests (tests/cli/test_*.sh) against the build tree.
set -u
: "${B:=build}"
export B RESULTS="$B/cli/test-results"
mkdir -p "$B/cli"
: > "$RESULTS"
# a script that dies, or ends before its finish line, drops the cases it
# did not reach: that is a failure of its own
for t in tests/cli/test_*.sh; do
	name=$(basename "$t" .sh)
	log=$B/cli/$name.log
	sh "$t" > "$log" 2>&1
	st=$?
	if [ "$st" -ne 0 ]; then
		echo "not ok $name exited with status $st (see $log)" >> "$RESULTS"
	elif [ "$(tail -n 1 "$log")" != "# $name: finished" ]; then
		echo "not ok $name ended before its last case (see $log)" >> "$RESULTS"
	fi
done
pass=$(grep -c '^ok ' "$RESULTS")
fail=$(grep -c '^not ok ' "$RESULTS")
grep '^not ok' "$RESULTS" >&2
echo "command-line tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
