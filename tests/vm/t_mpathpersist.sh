#!/bin/sh
# mpathpersist on a map of LIO's LUN through two loopback targets (two
# paths, each its own I_T nexus): the same commands run with the
# reference's mpathpersist and with ours give the same output and exit
# status (PR generations aside: the target counts on); registrations reach
# every nexus (sg_persist through each path); multipathd is told about the
# key and the reservation; bad requests fail like the reference's.
# vm-timeout: 300
. /tests/vm/lib.sh
. /tests/vm/lio.sh

# without it LIO's PR OUT commands take effect but fail (NOT READY)
mkdir -p /var/target/pr
lio_setup || { lio_teardown; fatal "no LIO LUN"; }
wait_for '[ "$(lio_disks | wc -l)" -ge 2 ]' 30 lio_disks || fatal "no LIO paths"
udev_settle
set -- $(lio_disks)
a=$1 b=$2
wwid=$(udev_prop "$a" ID_SERIAL)
# the key in defaults: the reference's 0.9.4 mpathpersist does not read
# the multipaths section's (its map has no multipaths entry), ours does
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '	reservation_key 0x123abc' '}' \
	'blacklist {' '	devnode "^loop"' '}'
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 "multipathd show paths" || fatal "no map"
wait_for "[ \$(multipathd show paths raw format '%d %t' | grep -c active) = 2 ]" 30 \
	"multipathd show paths" || fatal "the paths are not both active"

# the commands, one a line: what follows "mpathpersist"
cat > /tmp/pr-cmds <<'EOF'
-i -k /dev/mapper/mpatha
-i -r /dev/mapper/mpatha
-o -G -S 123abc /dev/mapper/mpatha
-i -k /dev/mapper/mpatha
-i -k -H /dev/mapper/mpatha
-o -R -K 123abc -T 5 /dev/mapper/mpatha
-i -r /dev/mapper/mpatha
-i -s /dev/mapper/mpatha
-i -c /dev/mapper/mpatha
--in --read-keys --device=/dev/mapper/mpatha
-o -R -K 999 -T 5 /dev/mapper/mpatha
-o -L -K 123abc -T 5 /dev/mapper/mpatha
-i -r /dev/mapper/mpatha
-o -G -K 123abc -S 0 /dev/mapper/mpatha
-i -k /dev/mapper/mpatha
-o -G -S 555 /dev/mapper/mpatha
-i /dev/mapper/mpatha
-i -k -r /dev/mapper/mpatha
-o -i -k /dev/mapper/mpatha
-o /dev/mapper/mpatha
-i -k
-i -k /dev/mapper/nonexistent
-i -k /dev/mapper/mpatha extra
-o -G -S xyz /dev/mapper/mpatha
-i -l 9000 -k /dev/mapper/mpatha
-o -G -S 123abc /dev/mapper/mpatha
-o -C -K 123abc /dev/mapper/mpatha
-i -k /dev/mapper/mpatha
EOF
# run PROG: each command once; its stdout, stderr's last line and exit
# status, PR generations masked, in /tmp/pr-PROG.out
run() {
	: > "/tmp/pr-$1.out"
	while read -r cmd; do
		# shellcheck disable=SC2086 # one word per option
		if [ "$1" = ref ]; then
			ref_mpathpersist $cmd > /tmp/pr.o 2> /tmp/pr.e
		else
			mpathpersist $cmd > /tmp/pr.o 2> /tmp/pr.e
		fi
		st=$?
		{
			echo "== $cmd => $st"
			# READ FULL STATUS lists the registrations in the order
			# they were made (the reference makes them in parallel)
			case " $cmd " in
			*" -s "*) sed 's/PR generation=0x[0-9a-f]*/PR generation=G/' /tmp/pr.o | sort ;;
			*) sed 's/PR generation=0x[0-9a-f]*/PR generation=G/' /tmp/pr.o ;;
			esac
			# the log's time stamps aside, and the generation that
			# begins the hex dump of a reply (-H)
			sed 's/^ *[0-9]*\.[0-9]* | //' /tmp/pr.e | grep -v '^multipath-tools' |
				awk '!g && /^        [0-9a-f][0-9a-f] / {
					$0 = "        GG GG GG GG" substr($0, 20); g = 1 } 1' |
				sed 's/^/stderr: /'
		} >> "/tmp/pr-$1.out"
	done < /tmp/pr-cmds
}
run ref
run ours
n=$(grep -c '^== ' /tmp/pr-ours.out)
i=1
while [ "$i" -le "$n" ]; do
	cmd=$(sed -n "${i}p" /tmp/pr-cmds)
	ref=$(awk -v n="$i" '/^== /{k++} k==n' /tmp/pr-ref.out)
	ours=$(awk -v n="$i" '/^== /{k++} k==n' /tmp/pr-ours.out)
	assert_eq "as-reference: $cmd" "$ref" "$ours"
	i=$((i + 1))
done

# ---- what reaches the device and the daemon -------------------------------------
mpathpersist -o -G -S 123abc /dev/mapper/mpatha > /dev/null 2>&1
for p in $a $b; do
	# through each path: both nexuses hold the key
	assert_eq "registered-through-$p" 2 \
		"$(sg_persist -n -i -k "/dev/$p" 2>/dev/null | grep -c '0x123abc')"
done
assert_eq daemon-prstatus-set 1 "$(multipathd getprstatus map mpatha)"
# the map as /dev/dm-N and by its name: the same reply
by_node=$(mpathpersist -i -k /dev/mapper/mpatha)
assert_match by-node-lists-the-keys '2 registered reservation keys follow' "$by_node"
assert_eq by-dm-node "$by_node" \
	"$(mpathpersist -i -k "/dev/$(basename "$(readlink -f /dev/mapper/mpatha)")")"
assert_eq by-map-name "$by_node" "$(mpathpersist -i -k mpatha)"
# a restarted daemon finds the key registered on the LUN by itself
stop_daemon
start_daemon || fatal "multipathd did not start again"
if wait_for '[ "$(multipathd getprstatus map mpatha)" = 1 ]' 30; then
	ok "a restarted daemon sets prstatus from the LUN's keys"
else
	not_ok "a restarted daemon sets prstatus from the LUN's keys" \
		"$(grep -i 'key\|prflag' /tmp/multipathd.log | tail -5)"
fi

# ---- a path that comes back is registered again by the daemon -------------------
# b's nexus loses its registration behind the daemon's back, then b fails
# and returns: the daemon registers the key on it before using it
sg_persist -n -o -G -K 123abc -S 0 "/dev/$b" > /dev/null 2>&1
assert_eq one-nexus-left 1 "$(sg_persist -n -i -k "/dev/$a" 2>/dev/null | grep -c '0x123abc')"
state_of() { multipathd show paths raw format '%d %t' | awk -v d="$1" '$1 == d { print $2 }'; }
fail_path "$b"
wait_for "[ \"\$(state_of $b)\" = failed ]" 60 "multipathd show paths" ||
	not_ok path-failed "$(multipathd show paths)"
restore_path "$b"
if wait_for "[ \"\$(state_of $b)\" = active ]" 60 "multipathd show paths"; then
	ok "the path is back in use"
else
	not_ok "the path is back in use" "$(multipathd show paths)"
fi
assert_eq path-back-registered-again 2 \
	"$(sg_persist -n -i -k "/dev/$a" 2>/dev/null | grep -c '0x123abc')"
assert_match daemon-logged-the-registration "$b: reservation key 0x123abc registered" \
	"$(daemon_log)"
mpathpersist -o -R -K 123abc -T 5 /dev/mapper/mpatha > /dev/null 2>&1
assert_match reserved 'Key=0x123abc' "$(sg_persist -n -i -r "/dev/$a" 2>&1)"
assert_eq daemon-prhold-set set "$(multipathd getprhold map mpatha)"
mpathpersist -o -L -K 123abc -T 5 /dev/mapper/mpatha > /dev/null 2>&1
assert_eq daemon-prhold-unset unset "$(multipathd getprhold map mpatha)"
mpathpersist -o -C -K 123abc mpatha > /dev/null 2>&1
assert_eq cleared-by-map-name 0 "$(sg_persist -n -i -k "/dev/$a" 2>&1 | grep -c 0x123abc)"
assert_eq daemon-prstatus-unset 0 "$(multipathd getprstatus map mpatha)"
# a batch file: register, list, unregister (a comment, a line with the
# program's name); the worst status
printf '%s\n' '-o -G -S 123abc /dev/mapper/mpatha' '# a comment' \
	'mpathpersist -i -k /dev/mapper/mpatha' \
	'-o -G -K 123abc -S 0 /dev/mapper/mpatha' > /tmp/pr-batch
mpathpersist -f /tmp/pr-batch > /tmp/pr.o 2>&1
assert_eq batch-status 0 "$?"
assert_match batch-listed-between '2 registered reservation keys follow' "$(cat /tmp/pr.o)"
assert_eq batch-unregistered 0 "$(sg_persist -n -i -k "/dev/$a" 2>&1 | grep -c 0x123abc)"
printf '%s\n' '-i -k /dev/mapper/mpatha' '-o -G -S 999 /dev/mapper/mpatha' > /tmp/pr-batch
mpathpersist -f /tmp/pr-batch > /tmp/pr.o 2>&1
assert_eq batch-worst-status 1 "$?"
assert_match batch-names-the-line 'syntax error on line 2 in batch file' "$(cat /tmp/pr.o)"

# ---- beyond the reference's 0.9.4: the multipaths section's key counts ------------
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}' \
	'blacklist {' '	devnode "^loop"' '}' \
	'multipaths {' '	multipath {' "		wwid $wwid" '		reservation_key 0x777' \
	'	}' '}'
multipathd reconfigure > /dev/null
mpathpersist -o -G -S 123abc /dev/mapper/mpatha > /tmp/pr.o 2>&1
assert_eq multipaths-key-mismatch 1 "$?"
assert_match multipaths-key-named "configured reservation key doesn't match: 0x777" \
	"$(cat /tmp/pr.o)"
check multipaths-key-registers mpathpersist -o -G -S 777 /dev/mapper/mpatha
assert_eq multipaths-key-on-both-nexuses 2 \
	"$(sg_persist -n -i -k "/dev/$a" 2>/dev/null | grep -c '0x777')"
check multipaths-key-unregisters mpathpersist -o -G -K 777 -S 0 /dev/mapper/mpatha

# ---- a conflict on one path undoes the registration on the others -------------------
# a's nexus already holds the key, b's none: registering "from key 0"
# conflicts on a, succeeds on b, and b is unregistered again
rollback() {
	sg_persist -n -o -G -S 777 "/dev/$a" > /dev/null 2>&1
	"$@" -o -G -S 777 /dev/mapper/mpatha > /tmp/pr.o 2>&1
	echo "status $?"
	grep -v '^ *[0-9]*\.[0-9]* | ' /tmp/pr.o
	sg_persist -n -i -k "/dev/$a" 2>/dev/null | grep -c 0x777
	sg_persist -n -o -G -K 777 -S 0 "/dev/$a" > /dev/null 2>&1
}
ours=$(rollback mpathpersist)
assert_eq rollback-as-reference "$(rollback ref_mpathpersist)" "$ours"
assert_eq rollback-conflict-one-key-left "status 11
persistent reserve out: scsi status: Reservation Conflict
PR out: command failed
1" "$ours"

# ---- two hosts fence each other with PREEMPT --------------------------------------
# (PREEMPT AND ABORT through tcm_loop hangs in the guest's kernel, in the
# SG_IO of the command itself, whoever sends it: PREEMPT it is)
# host B: a third loopback target with an initiator of its own, kept out
# of the map (added while the daemon is down, then blacklisted by name)
stop_daemon
lio_add_target naa.5001405000000103 naa.50014050000a0103 grpA ||
	fatal "no third target"
wait_for '[ "$(lio_disks | wc -l)" -ge 3 ]' 30 lio_disks || fatal "no third path"
udev_settle
c=$(lio_disks | grep -vx "$a" | grep -vx "$b")
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}' \
	'blacklist {' '	devnode "^loop"' "	devnode \"^$c\$\"" '}' \
	'multipaths {' '	multipath {' "		wwid $wwid" '		reservation_key 0x777' \
	'	}' '}'
start_daemon || fatal "multipathd did not start again"
wait_for "[ \$(multipathd show paths raw format '%d %t' | grep -c active) = 2 ]" 30 \
	"multipathd show paths" || fatal "the map's paths are not active"
# the keys through B's path (once more after the unit attention a
# preemption leaves on the preempted nexus)
keys() {
	{ sg_persist -n -i -k "/dev/$c" 2>/dev/null ||
		sg_persist -n -i -k "/dev/$c" 2>/dev/null; } | grep -c "$1"
}
check fence-a-registers mpathpersist -o -G -S 777 /dev/mapper/mpatha
check fence-a-reserves mpathpersist -o -R -K 777 -T 5 /dev/mapper/mpatha
sg_persist -n -o -G -S bbb "/dev/$c" > /dev/null 2>&1
assert_eq fence-both-registered "2 1" "$(keys 0x777) $(keys 0xbbb)"
# B fences A: A's keys go from both its nexuses, B holds the reservation
check fence-b-preempts-a sg_persist -n -o -P -K bbb -S 777 -T 5 "/dev/$c"
assert_eq fence-a-fenced "0 1" "$(keys 0x777) $(keys 0xbbb)"
if timeout 30 dd if=/dev/zero of=/dev/mapper/mpatha bs=4k count=1 conv=fsync 2>/dev/null; then
	not_ok "a fenced host's write is refused"
else
	ok "a fenced host's write is refused"
fi
assert_eq fence-conflict-fails-no-path 2 \
	"$(multipathd show paths raw format '%d %t' | grep -c active)"
# A fences B back: registers again, preempts and aborts B
check fence-a-registers-again mpathpersist -o -I -S 777 /dev/mapper/mpatha
check fence-a-preempts-b mpathpersist -o -P -K 777 -S bbb -T 5 /dev/mapper/mpatha
assert_eq fence-b-fenced "2 0" "$(keys 0x777) $(keys 0xbbb)"
assert_match fence-a-holds 'Key=0x777' "$(sg_persist -n -i -r "/dev/$c" 2>&1)"
assert_eq fence-daemon-knows-a-holds set "$(multipathd getprhold map mpatha)"
if timeout 30 dd if=/dev/zero of="/dev/$c" bs=4k count=1 conv=fsync 2>/dev/null; then
	not_ok "the fenced host B's write is refused"
else
	ok "the fenced host B's write is refused"
fi
check fence-a-writes timeout 30 dd if=/dev/zero of=/dev/mapper/mpatha bs=4k count=1 conv=fsync
mpathpersist -o -C -K 777 /dev/mapper/mpatha > /dev/null 2>&1

# ---- four paths in two ALUA groups: a registration on each ---------------------------
lio_add_target naa.5001405000000104 naa.50014050000a0104 grpB &&
	lio_add_target naa.5001405000000105 naa.50014050000a0105 grpA ||
	fatal "no fourth and fifth target"
if wait_for "[ \$(multipathd show paths raw format '%m %t' | grep -c 'mpatha active') = 4 ]" 60 \
	"multipathd show paths"; then
	ok "four paths in the map"
else
	not_ok "four paths in the map" "$(multipathd show topology)"
fi
check four-paths-register mpathpersist -o -G -S 777 /dev/mapper/mpatha
assert_eq four-paths-four-keys 4 "$(keys 0x777)"
check four-paths-clear mpathpersist -o -C -K 777 /dev/mapper/mpatha
assert_eq four-paths-cleared 0 "$(keys 0x777)"
stop_daemon
lio_teardown
finish
