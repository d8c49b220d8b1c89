# Helpers for the command-line tests: TAP-style results, and running a
# program with a private /etc (so /etc/multipath.conf can be anything
# without touching the host).
: "${B:=build}"
RESULTS=${RESULTS:-$B/cli/test-results}
mkdir -p "$(dirname "$RESULTS")"
T_NAME=$(basename "$0" .sh)

ok() { echo "ok $T_NAME $1" >> "$RESULTS"; echo "ok - $1"; }
not_ok() {
	echo "not ok $T_NAME $1" >> "$RESULTS"
	echo "not ok - $1"
	shift
	[ $# -gt 0 ] && printf '  %s\n' "$@"
	return 0
}

# check NAME COMMAND...: the command's exit status decides.
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}

# with_etc DIR CMD...: run CMD with DIR mounted over /etc (DIR is a copy of
# the host's /etc with test files added).
with_etc() {
	etc=$1
	shift
	unshare -m sh -c 'mount --bind "$0" /etc && exec "$@"' "$etc" "$@"
}

# new_etc: a private copy of /etc without multipath files; prints its path.
new_etc() {
	d=$(mktemp -d /tmp/mp-etc.XXXXXX)
	cp -a /etc/. "$d/" 2>/dev/null
	rm -rf "$d/multipath" "$d/multipath.conf"
	echo "$d"
}

# finish: the last line of every test script; tests/cli/run.sh counts a
# script that exits before it (or with a non-zero status) as a failure.
finish() {
	echo "# $T_NAME: finished"
	exit 0
}
