#!/bin/sh
# make test: unit tests plain and under ASan/UBSan, then the real-kernel VM
# suite; the last line is the total "N passed, N failed".
set -u
MAKE=${MAKE:-make}
rm -f build/test-results build/asan/test-results build/cli/test-results \
	build/cli/build-results build/vm/test-results build/asan/vm/test-results \
	build/vm/root-results build/asan/fuzz-results
status=0
$MAKE --no-print-directory all || status=1
$MAKE --no-print-directory unit-plain || status=1
$MAKE --no-print-directory unit-asan || status=1
# every fuzz target's corpus, under ASan and UBSan
$MAKE --no-print-directory fuzz-replay-asan || status=1
# the same code must build warning-free with clang
mkdir -p build/cli
if $MAKE --no-print-directory -s B=build/clang CC=clang all > build/cli/clang.log 2>&1; then
	echo "ok build clang-warning-free" > build/cli/build-results
else
	echo "not ok build clang-warning-free" > build/cli/build-results
	tail -20 build/cli/clang.log
	status=1
fi
tests/cli/run.sh || status=1
if [ -x tests/vm/run.sh ]; then
	$MAKE --no-print-directory check-vm || status=1
	# the daemon and the programs once more, built with ASan and UBSan
	$MAKE --no-print-directory check-vm-asan \
		VM_TESTS="t_daemon t_daemon_queue t_daemon_policies t_dmevents t_daemon_hostile t_daemon_storm t_create t_kpartx t_mpathpersist" || status=1
	# the root file system on a map, booted through initramfs-tools
	$MAKE --no-print-directory check-root || status=1
fi
tests/summary.sh || status=1
exit $status
