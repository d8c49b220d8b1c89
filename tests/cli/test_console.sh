#!/bin/sh
# The interactive console, multipathd -k, in a real terminal (tmux) in
# front of a stand-in daemon (fake_multipathd.py): TAB completion of the
# command words and of live map and path names, the request each line
# sends, Up/Down and Ctrl-R through the history, the history file across
# sessions (no repeats, 1000 lines at most), quit and Ctrl-D with the
# last command's status; and the same console reading a pipe.
#
# The test runs in a network namespace of its own when it can, so that
# its abstract socket is not the host's; without one it is skipped when a
# daemon already listens there.
set -u
if [ -z "${MP_CONSOLE_NETNS:-}" ] && [ "$(id -u)" = 0 ] &&
	unshare -n true 2>/dev/null; then
	MP_CONSOLE_NETNS=1 exec unshare -n sh "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

skip() {
	echo "# SKIP $T_NAME: $1"
	finish
}

if ! command -v tmux >/dev/null && [ "$(id -u)" = 0 ] &&
	command -v apt-get >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null 2>&1
fi
command -v tmux >/dev/null || skip "tmux is not installed and cannot be"
command -v python3 >/dev/null || skip "python3 is not installed"
if grep -q ' @/org/kernel/linux/storage/multipathd$' /proc/net/unix; then
	skip "a daemon listens on the abstract socket"
fi

MPD=$(cd "$B/sbin" && pwd)/multipathd
W=$(mktemp -d /tmp/mp-console.XXXXXX)
TM="tmux -L mp-console-$$ -f /dev/null"
LOG=$W/requests
fake_pid=

cleanup() {
	$TM kill-server 2>/dev/null
	[ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

screen() { $TM capture-pane -p -t con; }
# the line the cursor is on: the last one not blank
cur_line() { screen | grep -v '^ *$' | tail -n 1; }

# wait_for NAME GREP-ARGS...: the screen matches within 5 s, or NAME fails
# (the screen's lines come without their trailing blanks)
wait_for() {
	name=$1
	shift
	i=0
	while [ $i -lt 50 ]; do
		if screen | grep -q "$@"; then
			ok "$name"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	not_ok "$name" "screen:" "$(screen)"
	return 1
}

# wait_line NAME TEXT: the cursor's line becomes TEXT
wait_line() {
	i=0
	while [ $i -lt 50 ]; do
		if [ "$(cur_line)" = "$2" ]; then
			ok "$1"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	not_ok "$1" "want: $2" "got:  $(cur_line)"
	return 1
}

# start_console HOME: a console in a fresh terminal; its exit status
# shows as [exit N] once it ends. A session that stays keeps the tmux
# server up while the console's is replaced (the server exits with its
# last session, and a new one would race with it).
start_console() {
	$TM has-session -t keep 2>/dev/null ||
		$TM new-session -d -s keep "exec sleep 3600"
	$TM kill-session -t con 2>/dev/null
	$TM new-session -d -s con -x 100 -y 40 \
		"env HOME='$1' INPUTRC=/dev/null '$MPD' -k; echo \"[exit \$?]\"; exec sleep 600"
}

keys() { $TM send-keys -t con "$@"; }

# ended NAME N: the console ends with status N, and no sanitizer (in a
# build with them) spoke up
ended() {
	wait_for "$1" -xF "[exit $2]" || return 1
	if screen | grep -q 'Sanitizer\|runtime error'; then
		not_ok "$1: no sanitizer report" "$(screen)"
	fi
}

# lines_are NAME FILE EXPECTED: FILE holds exactly the lines EXPECTED
lines_are() {
	if [ "$(cat "$2" 2>&1)" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "want:" "$3" "got:" "$(cat "$2" 2>&1)"
	fi
}

# ---- no daemon: no console (in a namespace of its own only: the host
# may have a daemon on the path socket) ---------------------------------
if [ -n "${MP_CONSOLE_NETNS:-}" ] && [ ! -S /run/multipathd.socket ]; then
	start_console "$W/none"
	ended "without a daemon the console ends at once" 1
	[ "$(screen | grep -c .)" = 1 ] && ok "silently, without a prompt" ||
		not_ok "silently, without a prompt" "$(screen)"
fi

python3 "$(dirname "$0")/fake_multipathd.py" "$LOG" "$W/ready" &
fake_pid=$!
i=0
while [ ! -e "$W/ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -e "$W/ready" ] || skip "the stand-in daemon cannot listen"

# ---- a first session ---------------------------------------------------
H=$W/home
mkdir "$H"
start_console "$H"
wait_line "prompt" "multipathd>"
keys sh Tab Tab
wait_for "sh TAB TAB lists show and shutdown" -E '^show +shutdown$'
keys o Tab
wait_line "sho TAB completes show" "multipathd> show"
keys m a Tab
wait_line "show ma TAB completes the common part of map and maps" \
	"multipathd> show map"
# a TAB that inserted something counts as a first one again
keys Tab Tab
wait_for "TAB TAB then lists map and maps" -E '^map +maps$'
keys Space Tab Tab
wait_for "show map TAB TAB lists the daemon's maps" -E '^mpatha +mpathb +other$'
if grep -qxF 'show maps raw format %n' "$LOG"; then
	ok "the map names come from show maps raw format %n"
else
	not_ok "the map names come from show maps raw format %n" "$(cat "$LOG")"
fi
keys o Tab
wait_line "show map o TAB completes other" "multipathd> show map other"
keys Enter
wait_for "Enter sends the line and prints the reply" -xF 'echo: show map other'
if [ "$(tail -n 1 "$LOG")" = "show map other " ]; then
	ok "the request is the line as typed"
else
	not_ok "the request is the line as typed" "$(tail -n 1 "$LOG")"
fi
keys Up
wait_line "Up recalls the line" "multipathd> show map other"
keys Enter
if wait_for "Enter sends it again" -xF 'multipathd> show map other' &&
	[ "$(screen | grep -cxF 'echo: show map other')" = 2 ]; then
	ok "the reply shows twice"
else
	not_ok "the reply shows twice" "$(screen)"
fi
keys 'fail path s' Tab
wait_line "fail path s TAB completes sd" "multipathd> fail path sd"
keys Tab Tab
wait_for "TAB TAB lists the daemon's paths" -E '^sda +sdb$'
keys b Enter
wait_for "fail path sdb is sent" -xF 'echo: fail path sdb'
keys 'remove map bad' Enter
wait_for "a fail reply is printed" -xF 'fail'
keys '  quit ' Enter
ended "quit ends it with the last command's status" 1
lines_are "the history file has each line once, without quit" \
	"$H/.multipathd_history" "show map other 
fail path sdb
remove map bad"

# ---- the history of the first session in a second one ------------------
start_console "$H"
wait_line "prompt again" "multipathd>"
keys Up
wait_line "Up recalls the last line of the session before" \
	"multipathd> remove map bad"
keys Up
wait_line "Up again the one before it" "multipathd> fail path sdb"
keys Down
wait_line "Down goes forward" "multipathd> remove map bad"
keys C-u 'show paths' Enter
wait_for "show paths is sent" -xF 'echo: show paths'
keys C-r other
wait_for "Ctrl-R searches the history" -F "(reverse-i-search)\`other': show map other"
keys Enter
wait_for "the line found is sent" -xF 'echo: show map other'
keys C-d
ended "Ctrl-D ends it with the last command's status" 0
lines_are "the second session's lines are appended" \
	"$H/.multipathd_history" "show map other 
fail path sdb
remove map bad
show paths
show map other "

# ---- garbage completes to nothing; no history without a HOME to write --
start_console "$W/nowhere"
wait_line "a prompt without a writable HOME" "multipathd>"
keys 'show map "o' Tab
wait_line "a quoted name completes, the quote closed" 'multipathd> show map "other"'
keys Enter
wait_for "the quoted name is sent" -xF 'echo: show map "other"'
keys 'switch map mpatha ' Tab
wait_line "after a map name: group" "multipathd> switch map mpatha group"
keys C-u 'bogus ' Tab Tab 'x' Enter
wait_for "garbage completes to nothing and is sent as typed" -xF 'echo: bogus x'
keys 'show status' Enter
wait_for "the console works without a history file" -xF 'echo: show status'
keys Up Up
wait_line "the history lasts for the session" "multipathd> bogus x"
keys Up
wait_line "the whole session's" 'multipathd> show map "other"'
keys C-u exit Enter
ended "exit ends it" 0
if screen | grep -qi 'error\|cannot\|no such'; then
	not_ok "no message about the missing history file" "$(screen)"
else
	ok "no message about the missing history file"
fi
[ -e "$W/nowhere" ] && not_ok "no HOME is created" || ok "no HOME is created"

# ---- a long history file is cut to 1000 lines --------------------------
H2=$W/home2
mkdir "$H2"
i=1
while [ $i -le 1200 ]; do echo "show map m$i"; i=$((i + 1)); done > "$H2/.multipathd_history"
start_console "$H2"
wait_line "a prompt with a long history" "multipathd>"
keys Up
wait_line "Up recalls the file's last line" "multipathd> show map m1200"
keys C-u 'show daemon' Enter
wait_for "show daemon is sent" -xF 'echo: show daemon'
keys quit Enter
ended "quit after a long history" 0
n=$(wc -l < "$H2/.multipathd_history")
last=$(tail -n 1 "$H2/.multipathd_history")
first=$(head -n 1 "$H2/.multipathd_history")
if [ "$n" = 1000 ] && [ "$last" = "show daemon" ] && [ "$first" = "show map m202" ]; then
	ok "the history file keeps the last 1000 lines"
else
	not_ok "the history file keeps the last 1000 lines" "$n lines, $first ... $last"
fi

# ---- not a terminal: lines as they come, no prompt, no history ---------
H3=$W/home3
mkdir "$H3"
out=$(printf 'show paths\n\n   \nshow maps\n exit\nshow never\n' |
	HOME=$H3 "$MPD" -k 2>&1)
st=$?
if [ "$out" = "echo: show paths
echo: show maps" ] && [ $st = 0 ]; then
	ok "a pipe: each line sent, replies printed, no prompt, exit ends it"
else
	not_ok "a pipe: each line sent, replies printed, no prompt, exit ends it" \
		"status $st" "$out"
fi
[ -e "$H3/.multipathd_history" ] && not_ok "a pipe writes no history" ||
	ok "a pipe writes no history"
out=$(printf 'show paths\nremove map bad\n' | HOME=$H3 "$MPD" -k 2>&1)
st=$?
if [ "$out" = "echo: show paths
fail" ] && [ $st = 1 ]; then
	ok "a pipe: the status of the last command"
else
	not_ok "a pipe: the status of the last command" "status $st" "$out"
fi
if grep -qxF 'show never' "$LOG"; then
	not_ok "nothing after exit is sent"
else
	ok "nothing after exit is sent"
fi
finish
