#!/bin/sh
# Hostile clients of the command socket (mp_hostile): 1,000 connections
# held open, then more than the daemon takes; a request whose body never
# comes; a length of SIZE_MAX; NUL bytes and invalid UTF-8; a client that
# never reads a large reply; a user other than root sending every command
# that changes something. Throughout, root's "show daemon" is answered
# (figures: its reply time), abusive clients are dropped with a log line,
# and nothing changes that a non-root user asked for.
# vm-timeout: 360
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '}'
start_scsi_debug 4 16 || fatal "no scsi_debug disks"
start_daemon -v2 || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ] && multipathd show daemon | grep -q idle" 60 ||
	fatal "no maps"
pid=$(pid_of)
maps0=$(multipathd show maps raw format "%n %N" | sort)

# ask_ms: root's "show daemon", its reply time in ms ("none": no reply)
ask_ms() {
	mp_ask 1 "show daemon" 2>/dev/null |
		awk '$1 == "replies" { printf "%d\n", $10 / 1000; ok = 1 } END { if (!ok) print "none" }'
}
# answered_while CASE SECONDS: root asks every half second for SECONDS;
# every request answered; the slowest reply is the figure
answered_while() {
	_aw_max=0 _aw_none=0 _aw_n=0
	_aw_end=$(( $(uptime_s) + $2 ))
	while [ "$(uptime_s)" -lt "$_aw_end" ]; do
		_aw=$(ask_ms)
		_aw_n=$((_aw_n + 1))
		if [ "$_aw" = none ]; then
			_aw_none=$((_aw_none + 1))
		elif [ "$_aw" -gt "$_aw_max" ]; then
			_aw_max=$_aw
		fi
		sleep 0.5
	done
	echo "figure: $1: root's show daemon answered $((_aw_n - _aw_none))/$_aw_n, slowest ${_aw_max} ms"
	assert_eq "$1" 0 "$_aw_none"
}
base=$(ask_ms)
echo "figure: show daemon with no other client: $base ms"

# ---- connections held open ---------------------------------------------------------
mp_hostile hold 1000 12 > /tmp/hold1.out 2>&1 &
h1=$!
wait_for "grep -q held /tmp/hold1.out" 30
assert_eq held-1000 "held 1000" "$(head -n 1 /tmp/hold1.out)"
answered_while answered-1000-held 6
# more than the daemon takes: the longest idle ones make room
mp_hostile hold 600 8 > /tmp/hold2.out 2>&1 &
h2=$!
wait_for "grep -q held /tmp/hold2.out" 30
answered_while answered-1600-held 4
wait "$h1" "$h2"
cat /tmp/hold1.out /tmp/hold2.out
closed=$(cat /tmp/hold1.out /tmp/hold2.out | awk '$1 == "closed" { n += $2 } END { print n + 0 }')
check some-held-dropped [ "$closed" -ge 500 ]
assert_match room-made-logged "too many clients, dropping the one idle the longest" "$(daemon_log)"

# ---- a request that never arrives, a length of SIZE_MAX ------------------------------
out=$(mp_hostile partial 15)
echo "partial request: $out"
assert_match partial-dropped "^dropped [0-9]" "$out"
wait_for "daemon_log | grep -q 'dropping a client whose request does not arrive'" 5
assert_match partial-logged "cli: dropping a client whose request does not arrive" "$(daemon_log)"
out=$(mp_hostile huge)
echo "length SIZE_MAX: $out"
assert_match huge-dropped "^dropped [0-9]" "$out"
assert_match huge-logged "cli: dropping a client" "$(daemon_log)"

# ---- NUL bytes and invalid UTF-8 ------------------------------------------------------
# the text is what precedes the first NUL (as the reference reads it)
assert_match nul-ends-request "^pid $pid " "$(mp_hostile bytes 'show daemon\x00reconfigure')"
# bytes above 0x7f separate words, as in the reference's parser
assert_match non-ascii-separates "^pid $pid " "$(mp_hostile bytes 'show\xff\xfe\xc0daemon')"
out=$(mp_hostile bytes '\xc3\x28\xa0\xa1\xe2\x28\xa1')
echo "invalid UTF-8: $(echo "$out" | head -n 2)"
check invalid-utf8-daemon-alive multipathd show daemon

# ---- a client that never reads a large reply ----------------------------------------
big="show paths format \"$(printf '%%s%.0s' $(seq 1 240))\""
size=$(mp_ask 1 "$big" | awk '{ print $4 }')
check big-reply-large test "$size" -gt "$(cat /proc/sys/net/core/wmem_default)"
mp_hostile noread 40 "$big" > /tmp/noread.out 2>&1 &
nr=$!
answered_while answered-while-not-read 5
wait "$nr"
assert_eq noread-dropped dropped "$(cat /tmp/noread.out)"
wait_for "daemon_log | grep -q 'dropping a client that does not read its reply'" 5
assert_match noread-logged "cli: dropping a client that does not read its reply" "$(daemon_log)"

# ---- a user other than root ------------------------------------------------------------
a=$(sdebug_path 0 0)
for cmd in "add path $a" "del path $a" "del map mpatha" "del maps" \
	"switch map mpatha group 1" "reconfigure" "reconfigure all" \
	"suspend map mpatha" "resume map mpatha" "resize map mpatha" \
	"reload map mpatha" "reset map mpatha" "fail path $a" \
	"reinstate path $a" "disablequeueing map mpatha" \
	"restorequeueing map mpatha" "disablequeueing maps" \
	"restorequeueing maps" "forcequeueing daemon" "restorequeueing daemon" \
	"setprstatus map mpatha" "unsetprstatus map mpatha" \
	"setprkey map mpatha key 0x1" "unsetprkey map mpatha" \
	"setprhold map mpatha" "unsetprhold map mpatha" \
	"setmarginal path $a" "unsetmarginal path $a" \
	"unsetmarginal map mpatha" "reset maps stats" "reset map mpatha stats" \
	"add map mpathb" "shutdown"; do
	out=$(mp_hostile user 65534 "$cmd")
	assert_match "nonroot-$(echo "$cmd" | tr ' ' '-' | sed "s/$a/PATH/")" \
		"permission deny: need to be root" "$out"
done
assert_match nonroot-may-show "mpatha" "$(mp_hostile user 65534 "show maps")"
assert_eq nonroot-changed-nothing "$maps0" "$(multipathd show maps raw format "%n %N" | sort)"
assert_eq nonroot-path-active "$a active" "$(multipathd show paths raw format "%d %t" | grep "^$a ")"

# ---- still the same daemon ----------------------------------------------------------------
assert_eq same-daemon "$pid" "$(pid_of)"
check daemon-answers multipathd show daemon
echo "figure: the daemon's log lines about clients:"
daemon_log | grep 'cli:' | sort | uniq -c | sort -rn | head -8
stop_daemon
finish
