#!/bin/sh
# Real-kernel tests: boot a QEMU guest (TCG) with the initramfs built by
# mkinitrd.sh, run tests/vm/t_*.sh in it, record the results.
#
#   tests/vm/run.sh            run the tests (make check-vm)
#   tests/vm/run.sh --shell    interactive guest shell (make vm-shell)
#
# Environment:
#   B           build tree (default build); results in $B/vm/test-results,
#               the guest's console in $B/vm/console.log
#   VM_TESTS    tests to run, e.g. "t_harness t_reference" (default: all)
#   VM_TIMEOUT  overall limit in seconds (default: from the tests' limits)
#   VM_TEST_TIMEOUT  default per-test limit in the guest (180 s)
#   V=1         show the whole console while it runs
set -u
cd "$(dirname "$0")/../.." || exit 1
: "${B:=build}"
: "${VM_TESTS:=}"
: "${VM_TEST_TIMEOUT:=180}"
: "${V:=}"
OUT=$B/vm
RESULTS=${VM_RESULTS:-$OUT/test-results}
CONSOLE=$OUT/console.log
mkdir -p "$OUT"

shell=0
[ "${1:-}" = "--shell" ] && shell=1

[ "$shell" = 1 ] || : > "$RESULTS"
record() { [ "$shell" = 1 ] || echo "$*" >> "$RESULTS"; }

# ---- prerequisites ------------------------------------------------------------
missing=""
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing="$missing qemu-system-x86"
ls /boot/vmlinuz-* >/dev/null 2>&1 || missing="$missing linux-image-amd64"
[ -x /bin/busybox ] || missing="$missing busybox-static"
command -v udevadm >/dev/null 2>&1 || missing="$missing udev"
command -v dmsetup >/dev/null 2>&1 || missing="$missing dmsetup"
command -v sg_inq >/dev/null 2>&1 || missing="$missing sg3-utils"
[ -f /lib/udev/rules.d/55-scsi-sg3_id.rules ] || missing="$missing sg3-utils-udev"
command -v modprobe >/dev/null 2>&1 || missing="$missing kmod"
command -v cpio >/dev/null 2>&1 || missing="$missing cpio"
if [ -n "$missing" ]; then
	echo "vm tests: missing prerequisites. Install them with:" >&2
	echo "    apt-get install$missing" >&2
	echo "(or run tests/deps.sh as root)" >&2
	record "not ok vm prerequisites"
	exit 1
fi

# ---- one guest at a time on this machine (2 cores, TCG) -----------------------------
exec 9>/tmp/multipath-tests-vm.lock
if ! flock -n 9; then
	echo "vm tests: waiting for another guest to finish" >&2
	flock 9
fi

# ---- the image --------------------------------------------------------------------
t0=$(date +%s)
if ! B=$B tests/vm/mkinitrd.sh; then
	echo "vm tests: building the initramfs failed" >&2
	record "not ok vm initrd"
	exit 1
fi
t1=$(date +%s)

# ---- which tests, how long --------------------------------------------------------
if [ -n "$VM_TESTS" ]; then
	tests=""
	for t in $VM_TESTS; do
		t=$(basename "$t" .sh)
		[ -f "tests/vm/$t.sh" ] || [ -f "tests/vm/t_$t.sh" ] ||
			[ -f "tests/bench/$t.sh" ] || {
			echo "vm tests: no test tests/vm/$t.sh" >&2
			record "not ok vm/$t missing-script"
			continue
		}
		[ -f "tests/vm/$t.sh" ] || [ -f "tests/bench/$t.sh" ] || t=t_$t
		tests="$tests $t"
	done
else
	tests=$(cd tests/vm && ls t_*.sh 2>/dev/null | sed 's/\.sh$//')
fi
# each test once, in the order given
tests=$(echo $tests | tr ' ' '\n' | awk 'NF && !seen[$0]++' | tr '\n' ' ')
tests=$(echo $tests)
# Overall limit: boot plus each test's own limit plus slack for cleanup.
total=60
for t in $tests; do
	f=tests/vm/$t.sh
	[ -f "$f" ] || f=tests/bench/$t.sh
	l=$(sed -n 's/^# vm-timeout: *\([0-9][0-9]*\).*/\1/p' "$f" | head -n 1)
	total=$((total + ${l:-$VM_TEST_TIMEOUT} + 20))
done
: "${VM_TIMEOUT:=$total}"

kernel=$OUT/vmlinuz
append="console=ttyS0 quiet panic=-1 vmtimeout=$VM_TEST_TIMEOUT"
qemu() {
	qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 -nographic \
		-no-reboot -kernel "$kernel" -initrd "$OUT/initrd.img" "$@"
}

# ---- interactive -----------------------------------------------------------------
if [ "$shell" = 1 ]; then
	if [ -n "$VM_TESTS" ]; then
		vt=$(echo "$tests" | tr ' ' ',')
	else
		vt=none
	fi
	size=$(stty size 2>/dev/null) || size="24 80"
	echo "vm-shell: booting (about 10 s); Ctrl-A x quits QEMU"
	qemu -append "$append vmtests=$vt vmshell=1 vmrows=${size% *} vmcols=${size#* }"
	exit $?
fi

# ---- run ----------------------------------------------------------------------------
[ -n "$tests" ] || { echo "vm tests: nothing to run" >&2; exit 1; }
echo "vm tests: booting the guest for: $tests (limit ${VM_TIMEOUT}s)"
vt=$(echo "$tests" | tr ' ' ',')
rm -f "$OUT/qemu.rc"
# Console to the log; live, only the result lines (or all of it with V=1).
# stdin is /dev/null: nothing interactive here.
{
	timeout -k 10 "$VM_TIMEOUT" \
		qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 \
		-display none -monitor none -serial stdio -no-reboot \
		-kernel "$kernel" -initrd "$OUT/initrd.img" \
		-append "$append vmtests=$vt" < /dev/null 2>&1
	echo $? > "$OUT/qemu.rc"
} | sed -u 's/\r$//' | tee "$CONSOLE" | if [ -n "$V" ]; then cat; else
	grep --line-buffered -E '^VMTEST (not ok|end|ready)' |
		sed -u -e 's/^VMTEST end \([^ ]*\) rc=\([0-9]*\) secs=\([0-9]*\)/  \1: done (exit status \2, \3 s)/' \
			-e 's/^VMTEST ready uptime=\(.*\)/  guest up after \1 s/' \
			-e 's/^VMTEST /  /'
fi
qrc=$(cat "$OUT/qemu.rc" 2>/dev/null || echo 1)
t2=$(date +%s)

# ---- results ----------------------------------------------------------------------------
# VMTEST ok <script> <case>  ->  ok vm/<script> <case>
sed -n 's/^VMTEST \(ok\|not ok\) \([^ ]*\) \(.*\)$/\1 vm\/\2 \3/p' "$CONSOLE" >> "$RESULTS"
complete=1
if ! grep -q '^VMTEST ready' "$CONSOLE"; then
	echo "vm tests: the guest did not come up (qemu exit status $qrc); console:" >&2
	tail -n 30 "$CONSOLE" | sed 's/^/  /' >&2
	record "not ok vm boot"
	complete=0
fi
for t in $tests; do
	if ! grep -q "^VMTEST begin $t\$" "$CONSOLE"; then
		[ "$complete" = 1 ] && record "not ok vm/$t not-run"
	elif ! grep -q "^VMTEST end $t " "$CONSOLE"; then
		record "not ok vm/$t did-not-finish"
	fi
done
if ! grep -q '^VMTEST done' "$CONSOLE"; then
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		why="killed after ${VM_TIMEOUT}s"
	else
		why="qemu exit status $qrc"
	fi
	echo "vm tests: the guest did not report completion ($why)" >&2
	record "not ok vm completion"
fi

# ---- report ---------------------------------------------------------------------------
echo "vm tests: per script (guest seconds):"
for t in $tests; do
	p=$(grep -c "^ok vm/$t " "$RESULTS")
	f=$(grep -c "^not ok vm/$t " "$RESULTS")
	s=$(sed -n "s/^VMTEST end $t rc=[0-9]* secs=\([0-9]*\).*/\1/p" "$CONSOLE")
	printf '  %-24s %3d passed, %3d failed  %ss\n' "$t" "$p" "$f" "${s:-?}"
done
fails=$(grep '^not ok' "$RESULTS")
if [ -n "$fails" ]; then
	echo "vm tests: failures:"
	echo "$fails" | sed 's/^/  /'
	# each failing script's console output, from its begin to its end
	for t in $(echo "$fails" | sed -n 's|^not ok vm/\([^ ]*\) .*|\1|p' | sort -u); do
		grep -q "^VMTEST begin $t\$" "$CONSOLE" || continue
		echo "---- console of $t:"
		awk -v t="$t" '$0 == "VMTEST begin " t { on = 1 }
			on { print "  " $0 } on && $1 == "VMTEST" && $2 == "end" && $3 == t { exit }' \
			"$CONSOLE" | tail -n 150
	done
	echo "(whole console: $CONSOLE)"
fi
pass=$(grep -c '^ok ' "$RESULTS")
fail=$(grep -c '^not ok ' "$RESULTS")
echo "vm tests: $pass passed, $fail failed (image $((t1 - t0))s, guest $((t2 - t1))s)"
[ "$fail" -eq 0 ]
