#!/bin/sh
# Run each fuzz target for the given number of seconds, starting from its
# seed corpus in tests/fuzz/corpus/<name>; new inputs go to build/fuzz.
set -u
secs=$1
shift
status=0
for bin in "$@"; do
	name=$(basename "$bin" | sed 's/^fuzz_//')
	seeds="tests/fuzz/corpus/$name"
	work="build/fuzz/corpus-$name"
	mkdir -p "$work"
	echo "fuzzing $name for ${secs}s"
	if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix=build/fuzz/ "$work" "$seeds" \
		> "build/fuzz/$name.log" 2>&1; then
		echo "FAILED: $name, see build/fuzz/$name.log" >&2
		tail -30 "build/fuzz/$name.log" >&2
		status=1
	else
		grep -E 'stat::number_of_executed_units|cov:' "build/fuzz/$name.log" | tail -2
	fi
done
exit $status
