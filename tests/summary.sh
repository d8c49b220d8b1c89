#!/bin/sh
# Sum the results of every test stage that ran and print the final line.
set -u
pass=0
fail=0
for f in build/test-results build/asan/test-results build/cli/test-results \
	build/cli/build-results build/vm/test-results \
	build/asan/vm/test-results build/vm/root-results \
	build/asan/fuzz-results; do
	[ -f "$f" ] || continue
	p=$(grep -c '^ok ' "$f")
	n=$(grep -c '^not ok ' "$f")
	pass=$((pass + p))
	fail=$((fail + n))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
