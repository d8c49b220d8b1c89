#!/bin/sh
# Run unit test programs with TAP output; record one line per test case in
# $B/test-results ("ok <prog> <case>" / "not ok <prog> <case>").
set -u
: "${B:=build}"
results="$B/test-results"
: > "$results"
status=0
for t in "$@"; do
	name=$(basename "$t")
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$t" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^(not )?ok ' | sed "s/^\(not ok\|ok\) [0-9]* - /\1 $name /" >> "$results"
	if [ $rc -ne 0 ] || printf '%s\n' "$out" | grep -q '^not ok'; then
		status=1
		printf '%s\n' "$out" | grep -v '^ok ' >&2
		if ! printf '%s\n' "$out" | grep -qE '^(not )?ok '; then
			echo "not ok $name crashed (exit $rc)" >> "$results"
		fi
	fi
done
pass=$(grep -c '^ok ' "$results")
fail=$(grep -c '^not ok ' "$results")
echo "unit tests ($B): $pass passed, $fail failed"
exit $status
