#!/bin/sh
# Replay each fuzz target's corpus (tests/fuzz/corpus/<name>) through its
# replay program (tests/fuzz/replay_main.c, built with the sanitizers of
# $B); one result line per target in $B/fuzz-results.
set -u
: "${B:=build}"
results="$B/fuzz-results"
: > "$results"
status=0
for bin in "$@"; do
	name=$(basename "$bin" | sed 's/^fuzz_//')
	corpus="tests/fuzz/corpus/$name"
	if [ ! -d "$corpus" ] || [ -z "$(ls "$corpus")" ]; then
		echo "not ok fuzz-replay $name (no corpus in $corpus)" >> "$results"
		status=1
		continue
	fi
	if out=$("$bin" "$corpus" 2>&1); then
		echo "ok fuzz-replay $name ($(echo "$out" | tail -n 1))" >> "$results"
	else
		echo "not ok fuzz-replay $name" >> "$results"
		echo "$out" | tail -30 >&2
		status=1
	fi
done
pass=$(grep -c '^ok ' "$results")
fail=$(grep -c '^not ok ' "$results")
echo "fuzz corpus replay ($B): $pass passed, $fail failed"
exit $status
