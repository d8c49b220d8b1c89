#!/bin/sh
# The bash completion scripts (completion/multipath, multipathd, kpartx):
# bash sources each one and calls its completion function for sample
# command lines, and the candidates in COMPREPLY are checked: the options
# each program's -h lists, the values of option arguments, the multipathd
# command words after the ones typed, the live map and path names from a
# stand-in multipathd (and a stand-in dmsetup for multipath), nothing and
# no noise when the daemon does not answer; and the script's command list
# is the help's (tests/unit/data/cli/help-0.9.4.txt with our extensions,
# as tests/unit/test_cli_parse.c expects them). With bash-completion
# installed, every case runs both with and without its helpers.
set -u
. "$(dirname "$0")/lib.sh"

skip() {
	echo "# SKIP $T_NAME: $1"
	finish
}

command -v bash >/dev/null || skip "bash is not installed"

SRC=$(pwd)
SBIN=$(cd "$B/sbin" && pwd)
W=$(mktemp -d /tmp/mp-bashcomp.XXXXXX)
trap 'rm -rf "$W"' EXIT
mkdir "$W/bin" "$W/files"
: > "$W/files/disk.img"
: > "$W/files/bindings"

# stand-ins: a daemon that answers as STUB_MODE says (up: two maps, two
# paths; down: not running; denied: refuses), and dmsetup with two maps
cat > "$W/bin/multipathd" <<'STUB'
#!/bin/sh
echo "$*" >> "$STUB_LOG"
case ${STUB_MODE:-up} in
down) exit 1 ;;
denied) echo "permission deny: need to be root"; exit 0 ;;
esac
case "$*" in
"show maps raw format %n") printf 'mpatha\nmpathb\n' ;;
"show paths raw format %d") printf ' sda  \nsdb\n\n' ;;
*) echo fail; exit 1 ;;
esac
STUB
cat > "$W/bin/dmsetup" <<'STUB'
#!/bin/sh
case ${STUB_MODE:-up} in
down) echo "Command failed." >&2; exit 1 ;;
esac
[ "$*" = "ls --target multipath" ] || exit 1
printf 'mpatha\t(253:0)\nmpathb\t(253, 1)\n'
STUB
chmod +x "$W/bin/multipathd" "$W/bin/dmsetup"
export STUB_LOG="$W/requests" STUB_MODE=up
PATH=$W/bin:$PATH
export PATH

# the driver: source the script (after bash-completion's helpers when
# asked), split the line as bash does, call the function "complete -p"
# names, print COMPREPLY one a line, sorted
cat > "$W/driver.bash" <<'DRV'
[ -n "$BC" ] && . "$BC"
. "$1"
line=$2
read -r -a COMP_WORDS <<<"$line"
[[ $line == *" " || -z $line ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
spec=$(complete -p "${COMP_WORDS[0]}")
fn=${spec#*-F }
fn=${fn%% *}
"$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" \
	"${COMP_WORDS[COMP_CWORD - 1]}"
((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
exit 0
DRV

modes=plain
bc_file=${BASH_COMPLETION_FILE:-/usr/share/bash-completion/bash_completion}
[ -f "$bc_file" ] && modes="plain bash-completion"

# words WORD...: the words sorted, one line
words() { printf '%s\n' "$@" | grep -v '^$' | LC_ALL=C sort -u | tr '\n' ' '; }

# comp SCRIPT LINE: the candidates, one line (and what went to stderr)
comp() {
	out=$(cd "$W/files" && BC=$BC bash "$W/driver.bash" "$SRC/completion/$1" "$2" 2>"$W/stderr")
	words $out
	[ -s "$W/stderr" ] && printf 'STDERR: %s' "$(cat "$W/stderr")"
}

# expect NAME SCRIPT LINE WANTED...: the candidates for LINE are WANTED
expect() {
	name=$1 script=$2 line=$3
	shift 3
	got=$(comp "$script" "$line")
	want=$(words "$@")
	if [ "$got" = "$want" ]; then
		ok "$name ($mode)"
	else
		not_ok "$name ($mode)" "line: '$line'" "want: $want" "got:  $got"
	fi
}

# the options a program's -h lists (lines "  -x  text", or "\t-x  text"),
# and -h itself when -h succeeds
listed_options() {
	help=$("$SBIN/$1" -h 2>&1)
	st=$?
	printf '%s\n' "$help" | sed -n 's/^\(  \|\t\)\(-[A-Za-z]\+\)\( .*\)\?$/\2/p'
	[ "$st" = 0 ] && echo -h
}
mp_opts=$(listed_options multipath)
mpd_opts=$(listed_options multipathd)
kpx_opts=$(listed_options kpartx)
# multipath -h: "-p POL  group ... policy POL: failover, multibus,\n
# group_by_serial, ..." up to the -v line
policies=$("$SBIN/multipath" -h 2>&1 | awk '/^  -p /{p=1; sub(/.*:/, "")} /^  -v /{p=0} p' | tr ', ' '\n\n')
# kpartx's partition table types, as its sources name them
pt_types=$(sed -n 's/^[[:space:]]*\.name = "\([a-z0-9]*\)",$/\1/p' "$SRC"/kpartx/*.c)
sys_block=$(ls /sys/block 2>/dev/null)
first_dev=$(echo "$sys_block" | head -n 1)

for mode in $modes; do
	BC=
	[ "$mode" = bash-completion ] && BC=$bc_file
	export STUB_MODE=up

	# ---- multipath
	expect "multipath - offers the options of multipath -h" multipath \
		"multipath -" $mp_opts
	expect "multipath -l offers -l and -ll" multipath "multipath -l" -l -ll
	expect "multipath -p offers the policies of multipath -h" multipath \
		"multipath -p " $policies
	expect "multipath -p group_by_n offers group_by_node_name" multipath \
		"multipath -p group_by_n" group_by_node_name
	expect "multipath -v offers the levels 0-4" multipath "multipath -v " 0 1 2 3 4
	expect "multipath -b completes file names" multipath "multipath -b bin" bindings
	expect "multipath -R offers nothing (a number)" multipath "multipath -R "
	expect "multipath offers /sys/block devices and dmsetup's maps" multipath \
		"multipath " $sys_block mpatha mpathb
	expect "multipath -f mp offers the map names" multipath \
		"multipath -f mp" mpatha mpathb
	expect "multipath -v 3 -ll offers devices after an option's value" multipath \
		"multipath -v 3 -ll mpathb" mpathb
	expect "multipath -c ./ completes file names" multipath "multipath -c ./di" ./disk.img
	expect "multipath -F offers no device" multipath "multipath -F "
	expect "multipath -W offers no device" multipath "multipath -W "
	expect "multipath -ll DEVICE offers no second device" multipath "multipath -ll mpatha "
	STUB_MODE=down
	expect "multipath -f without device-mapper offers nothing, quietly" multipath \
		"multipath -f mp"
	STUB_MODE=up

	# ---- kpartx
	expect "kpartx - offers the options of kpartx's usage" kpartx "kpartx -" $kpx_opts
	expect "kpartx -p offers nothing (a delimiter)" kpartx "kpartx -a -p "
	expect "kpartx -t offers the partition table types" kpartx "kpartx -t " $pt_types
	expect "kpartx -a completes a disk image file" kpartx "kpartx -a di" disk.img
	if [ -n "$first_dev" ]; then
		got=$(comp kpartx "kpartx -a /dev/$first_dev")
		case " $got" in
		*" /dev/$first_dev "*) ok "kpartx -a /dev/$first_dev offers /dev/$first_dev ($mode)" ;;
		*) not_ok "kpartx -a /dev/$first_dev offers /dev/$first_dev ($mode)" "got: $got" ;;
		esac
	fi
	expect "kpartx offers nothing after DEVICE WHOLEDISK" kpartx \
		"kpartx -a disk.img disk.img "

	# ---- multipathd: options
	expect "multipathd - offers the options of multipathd -h" multipathd \
		"multipathd -" $mpd_opts
	expect "multipathd -v offers the levels 0-4" multipathd "multipathd -v " 0 1 2 3 4
	expect "multipathd -k offers no command" multipathd "multipathd -k "

	# ---- multipathd: command words
	expect "multipathd offers the first words" multipathd "multipathd " \
		list add remove switch suspend resume reinstate fail resize reset \
		reload forcequeueing disablequeueing restorequeueing reconfigure quit \
		shutdown getprstatus setprstatus unsetprstatus getprkey setprkey \
		unsetprkey setmarginal unsetmarginal getprhold setprhold unsetprhold
	expect "multipathd sh offers show and shutdown" multipathd "multipathd sh" \
		show shutdown
	expect "multipathd show offers what may follow show" multipathd "multipathd show " \
		paths path maps map status daemon topology config blacklist devices \
		wildcards metrics
	expect "multipathd list offers the same as show" multipathd "multipathd list " \
		paths path maps map status daemon topology config blacklist devices \
		wildcards metrics
	expect "multipathd show mu offers multipath and multipaths" multipathd \
		"multipathd show mu" multipath multipaths
	expect "multipathd show maps offers its continuations" multipathd \
		"multipathd show maps " format json raw stats status topology
	expect "multipathd show paths raw offers format" multipathd \
		"multipathd show paths raw " format
	expect "multipathd -v 3 show config offers local" multipathd \
		"multipathd -v 3 show config " local
	expect "multipathd sho ma: a unique prefix stands for its word" multipathd \
		"multipathd sho ma" map maps
	expect "multipathd show map NAME offers its continuations" multipathd \
		"multipathd show map mpatha " format json raw topology
	expect "multipathd switch map NAME offers group" multipathd \
		"multipathd switch map mpatha " group
	expect "multipathd switch map NAME group offers nothing (a number)" multipathd \
		"multipathd switch map mpatha group "
	expect "multipathd show maps json offers nothing (complete)" multipathd \
		"multipathd show maps json "
	expect "multipathd bogus offers nothing" multipathd "multipathd bogus "
	expect "multipathd switch group offers nothing (not a command)" multipathd \
		"multipathd switch group "

	# ---- multipathd: live names
	: > "$STUB_LOG"
	expect "multipathd show map offers the daemon's maps" multipathd \
		"multipathd show map " mpatha mpathb
	if grep -qxF 'show maps raw format %n' "$STUB_LOG"; then
		ok "the map names come from show maps raw format %n ($mode)"
	else
		not_ok "the map names come from show maps raw format %n ($mode)" "$(cat "$STUB_LOG")"
	fi
	expect "multipathd switch map offers the daemon's maps" multipathd \
		"multipathd switch map " mpatha mpathb
	expect "multipathd resize multipath mpathb offers mpathb" multipathd \
		"multipathd resize multipath mpathb" mpathb
	: > "$STUB_LOG"
	expect "multipathd fail path offers the daemon's paths" multipathd \
		"multipathd fail path " sda sdb
	if grep -qxF 'show paths raw format %d' "$STUB_LOG"; then
		ok "the path names come from show paths raw format %d ($mode)"
	else
		not_ok "the path names come from show paths raw format %d ($mode)" "$(cat "$STUB_LOG")"
	fi
	expect "multipathd show path s offers the daemon's paths" multipathd \
		"multipathd show path s" sda sdb
	: > "$STUB_LOG"
	expect "multipathd setprkey map NAME key offers nothing (a key)" multipathd \
		"multipathd setprkey map mpatha key "
	if [ -s "$STUB_LOG" ]; then
		not_ok "no request for a value that is no map or path ($mode)" "$(cat "$STUB_LOG")"
	else
		ok "no request for a value that is no map or path ($mode)"
	fi
	STUB_MODE=down
	expect "multipathd show map without a daemon offers nothing, quietly" multipathd \
		"multipathd show map "
	STUB_MODE=denied
	expect "multipathd fail path refused offers nothing" multipathd \
		"multipathd fail path "
	STUB_MODE=up
done

# ---- the script's command list is the help's
list=$SRC/tests/unit/data/cli/help-0.9.4.txt
unit=$SRC/tests/unit/test_cli_parse.c
# the extensions: the strings test_help_is_the_reference_list appends
ext=$(sed -n '/^static void test_help_is_the_reference_list/,/^}/p' "$unit" |
	sed -n '/beyond it/,/assert_string_equal/s/^[^"]*"\( [^"]*\)\\n".*$/\1/p')
if [ "$(head -n 1 "$list")" = "CLI commands reference:" ] && [ -n "$ext" ]; then
	{ tail -n +2 "$list"; printf '%s\n' "$ext"; } > "$W/help"
	bash -c '. "$1" && printf " %s\n" "${_multipathd_commands[@]}"' sh \
		"$SRC/completion/multipathd" > "$W/script" 2>&1
	if cmp -s "$W/help" "$W/script"; then
		ok "the multipathd script's commands are the help's, in order"
	else
		not_ok "the multipathd script's commands are the help's, in order" \
			"$(diff "$W/help" "$W/script")"
	fi
else
	not_ok "the multipathd script's commands are the help's, in order" \
		"cannot read the help list from $list and $unit"
fi
# each script names its function for its program
for p in multipath multipathd kpartx; do
	spec=$(bash -c '. "$1" && complete -p "$2"' sh "$SRC/completion/$p" "$p" 2>&1)
	if [ "$spec" = "complete -F _$p $p" ]; then
		ok "completion/$p: complete -F _$p $p"
	else
		not_ok "completion/$p: complete -F _$p $p" "$spec"
	fi
done
finish
