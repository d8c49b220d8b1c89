#!/bin/sh
# The console, multipathd -k, in a real terminal (tmux) in front of the
# real daemon: TAB completes the command words and the daemon's live map
# and path names, Enter sends the line and prints the reply, a path failed
# from the console is failed in the kernel, Up recalls, the history file
# outlives the session, quit ends it with the last command's status; and
# the same console fed by a pipe, as scripts use it.
# vm-timeout: 240
. /tests/vm/lib.sh

command -v tmux >/dev/null || fatal "tmux is not in the image (tests/deps.sh)"

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}' \
	'blacklist {' '	devnode "^loop"' '}'
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpathb ]" 30 || fatal "no maps"
a=$(sdebug_path 0 0)
paths=$(multipathd show paths raw format "%d" | sort | tr '\n' ' ')

TM="tmux -L console -f /dev/null"
export LANG=C.UTF-8 TERM=screen
H=/tmp/console-home
rm -rf "$H"
mkdir -p "$H"

screen() { $TM capture-pane -p -t con; }
cur_line() { screen | grep -v '^ *$' | tail -n 1; }
keys() { $TM send-keys -t con "$@"; }

# on_screen NAME GREP-ARGS...: the screen matches within 10 s
on_screen() {
	name=$1
	shift
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -q "$@" && { ok "$name"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	not_ok "$name" "screen:" "$(screen)"
	return 1
}

# line_is NAME TEXT: the cursor's line becomes TEXT within 10 s
line_is() {
	i=0
	while [ $i -lt 100 ]; do
		[ "$(cur_line)" = "$2" ] && { ok "$1"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	not_ok "$1" "want: $2" "got:  $(cur_line)"
	return 1
}

start_console() {
	$TM has-session -t keep 2>/dev/null ||
		$TM new-session -d -s keep "exec sleep 3600"
	$TM kill-session -t con 2>/dev/null
	$TM new-session -d -s con -x 150 -y 50 \
		"env HOME=$H INPUTRC=/dev/null multipathd -k; echo \"[exit \$?]\"; exec sleep 600"
}

# ---- a first session ------------------------------------------------------
start_console
line_is prompt "multipathd>"
keys 'show top' Tab
line_is "show top TAB completes topology" "multipathd> show topology"
keys C-u 'show map ' Tab
line_is "show map TAB completes the maps' common prefix" "multipathd> show map mpath"
keys Tab Tab
on_screen "TAB TAB lists the daemon's maps" -E '^mpatha +mpathb$'
keys a ' top' Tab Enter
on_screen "show map mpatha topology is answered" -E '^mpatha \(.*\) dm-[0-9]+ Linux,scsi_debug'
keys 'fail path ' Tab
line_is "fail path TAB completes the paths' common prefix" "multipathd> fail path sd"
keys Tab Tab
want=$(echo "$paths" | sed 's/ $//; s/ /  */g')
on_screen "fail path TAB TAB lists the daemon's paths" -E "^$want\$"
keys C-u "fail path $a" Enter
on_screen "fail path is answered ok" -xF ok
if wait_for "multipathd show paths raw format '%d %t' | grep -qx '$a failed'" 10; then
	ok "the path is failed in the kernel"
else
	not_ok "the path is failed in the kernel" "$(multipathd show paths)"
fi
keys "reinstate path $a" Enter
keys 'show maps raw format %n' Enter
on_screen "its reply is printed" -xF mpathb
keys Up Up
line_is "Up Up recalls the line before" "multipathd> reinstate path $a"
keys C-u 'remove map nosuch' Enter
on_screen "a fail reply is printed" -xF fail
keys quit Enter
on_screen "quit ends it with the last command's status" -xF "[exit 1]"
# (a completed word ends with the space TAB put after it)
if [ "$(cat "$H/.multipathd_history")" = "show map mpatha topology 
fail path $a
reinstate path $a
show maps raw format %n
remove map nosuch" ]; then
	ok "the history file holds the session's lines, without quit"
else
	not_ok "the history file holds the session's lines, without quit" \
		"$(cat "$H/.multipathd_history" 2>&1)"
fi
screen | grep -q 'Sanitizer\|runtime error' && not_ok "no sanitizer report" "$(screen)"

# ---- a second session: the first one's history, Ctrl-D ----------------------
start_console
line_is "prompt again" "multipathd>"
keys Up
line_is "Up recalls the last line of the session before" "multipathd> remove map nosuch"
keys C-u C-d
on_screen "Ctrl-D on an empty line ends it" -xF "[exit 0]"

# ---- a pipe -------------------------------------------------------------------
out=$(printf 'show maps raw format %%n\nshow map mpatha raw format "%%n %%N"\n' |
	multipathd -k 2>&1)
assert_eq "a pipe is a command stream" "mpatha
mpathb
mpatha 2" "$out"
echo reconfigure | multipathd -k >/dev/null 2>&1
assert_eq "a pipe's status is its last command's" 0 "$?"
echo 'remove map nosuch' | multipathd -k >/dev/null 2>&1
assert_eq "a failed command's status through a pipe" 1 "$?"

$TM kill-server 2>/dev/null
stop_daemon
finish
