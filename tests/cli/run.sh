#!/bin/sh
# Run the command-line tests (tests/cli/test_*.sh) against the build tree.
set -u
: "${B:=build}"
export B RESULTS="$B/cli/test-results"
mkdir -p "$B/cli"
: > "$RESULTS"
for t in tests/cli/test_*.sh; do
	sh "$t" > "$B/cli/$(basename "$t" .sh).log" 2>&1
done
pass=$(grep -c '^ok ' "$RESULTS")
fail=$(grep -c '^not ok ' "$RESULTS")
grep '^not ok' "$RESULTS" >&2
echo "command-line tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
