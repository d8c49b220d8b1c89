#!/bin/sh
# The command language at its edges, next to the reference's (client and
# daemon) in the same guest: unknown and incomplete commands, missing
# parameters, abbreviations and alternative spellings, quoting, commands
# on things that do not exist, a non-root user's changes, quit and
# shutdown through the socket; the reply and the exit status of each.
# vm-timeout: 300
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}' \
	'blacklist {' '	devnode "^loop"' '}'
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)

asuser() { su -s /bin/sh nobody -c "$*"; }

# The requests, one per line. The help that some replies end in begins
# with the version, and ours lists our own commands after the
# reference's: both are taken out before the comparison.
cat > /tmp/requests <<EOF
bogus
show
show bogus
list
show paths format
show map
show map nosuch topology
show maps topology bogus
show paths raw
sh paths
show path
shw maps
show multipaths raw format %n
list maps raw format %n
show maps raw format "%n %N"
show map mpatha raw format '%n %N'
show wildcards
switch group map mpatha group 9
switch group map mpatha group x
switchgroup map nosuch group 1
fail path nosuch
reinstate path nosuch
add path nosuch
del path nosuch
remove map nosuch
add map nosuch
disablequeueing map nosuch
restorequeueing map nosuch
disablequeueing maps
restorequeueing maps
reconfigure
reconfigure all
reconfigure bogus
quit
exit
EOF

# replies CLIENT USER-CLIENT: "request => reply [status]" per request,
# newlines as |; USER-CLIENT is the client as nobody runs it
replies() {
	while read -r c; do
		out=$(eval "$1 $c" 2>&1)
		rc=$?
		# a single map's raw format: the reference pads it as if it
		# were not raw (ours does not); trailing blanks go
		out=$(printf '%s\n' "$out" | sed -e '/^multipath-tools v/d' \
			-e '/^ list|show metrics$/d' -e '/^ list|show paths json$/d' \
			-e '/^ list|show path \$path json$/d' \
			-e '/^ list|show status json$/d' -e '/^ list|show daemon json$/d' \
			-e '/^ [a-z]*prhold map|multipath \$map$/d' -e 's/ *$//')
		printf '%s => %s [%s]\n' "$c" "$(printf '%s' "$out" | tr '\n' '|')" "$rc"
		# a reconfigure's maps are back before the next request
		case $c in reconfigure*) wait_for "multipathd show daemon 2>/dev/null | grep -q idle" 30 ;; esac
	done < /tmp/requests
	for c in "fail path $a" "shutdown" "show maps raw format %n"; do
		printf 'nobody: %s => %s [%s]\n' "$c" \
			"$(asuser "$2 $c" 2>&1 | tr '\n' '|')" \
			"$(asuser "$2 $c" >/dev/null 2>&1; echo $?)"
	done
}

start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpathb ]" 30 || fatal "no maps"
wait_for "multipathd show daemon | grep -q idle" 30
ours=$(replies multipathd multipathd)
assert_eq shutdown-ok ok "$(multipathd shutdown)"
if wait_for "! pidof multipathd >/dev/null" 20; then
	ok shutdown-ends-the-daemon
else
	not_ok shutdown-ends-the-daemon "$(ps)"
fi
assert_eq shutdown-keeps-the-maps 2 "$(dmsetup ls --target multipath | grep -c mpath)"
rm -f /run/multipathd.pid

if start_ref_daemon mpathb; then
	theirs=$(replies ref_multipathd "LD_LIBRARY_PATH=/ref/lib /ref/sbin/multipathd")
	assert_eq ref-shutdown-ok ok "$(ref_multipathd shutdown 2>&1)"
	stop_any
	same_replies "$ours" "$theirs"
else
	not_ok replies-as-reference "the reference daemon did not start" "$(tail -5 /tmp/ref.log)"
fi
printf '%s\n' "$ours" | cut -c 1-160
finish
