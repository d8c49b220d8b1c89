#!/bin/sh
# The daemon's "show" commands about one path, one map, the host and the
# configuration, and the persistent reservation commands, each reply next
# to the reference daemon's for the same requests in the same guest.
# vm-timeout: 300
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	reservation_key file' '}' \
	'blacklist {' '	wwid "^nothing"' '	device {' '		vendor "FOO"' '	}' '}' \
	'blacklist_exceptions {' '	devnode "^loop0$"' '}'
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)

# requests and replies, one line each ("|" for newlines)
replies() {
	rm -f /etc/multipath/prkeys
	for c in "show path $a" "show path nosuch" "show maps status" \
		"show devices" "show blacklist" "show config local" \
		"show map mpatha format %n %w %N" "show map mpatha raw format %n" \
		"show map nosuch format %n" "list maps status" \
		"getprstatus map mpatha" "setprstatus map mpatha" \
		"getprstatus map mpatha" "unsetprstatus map mpatha" \
		"getprstatus map mpatha" "getprstatus map nosuch" \
		"getprkey map mpatha" "setprkey map mpatha key 0x12ab" \
		"getprkey map mpatha" "setprkey map mpatha key 5:aptpl" \
		"getprkey map mpatha" "getprkey map mpathb" \
		"setprkey map mpatha key 0xnotakey" "unsetprkey map mpatha" \
		"getprkey map mpatha" "getprkey map nosuch" \
		"setprkey map nosuch key 0x1"; do
		printf '%s => %s [%s]\n' "$c" "$(multipathd $c 2>&1 | tr '\n' '|')" \
			"$(multipathd $c >/dev/null 2>&1; echo $?)"
	done
}

# raw formats: values unpadded (dev_t 8:0 and 8:16 differ in length),
# in whatever order the paths were found
raw() {
	multipathd show paths raw format "%D|%d|%t|" | sort
	multipathd show maps raw format "%n|%N|%S|" | sort
}
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpathb ]" 30 || fatal "no maps"
ours=$(replies)
ours_raw=$(raw)
# what the file holds while a key is set
multipathd setprkey map mpatha key 0x12ab >/dev/null
wa=$(multipathd show maps raw format "%n %w" | awk '$1 == "mpatha" { print $2 }')
assert_match prkeys-file "^0x00000000000012ab $wa\$" "$(cat /etc/multipath/prkeys)"
multipathd unsetprkey map mpatha >/dev/null
assert_no_match prkeys-file-unset "12ab" "$(cat /etc/multipath/prkeys)"
# prhold: the reference's later versions' commands (0.9.4 has none)
assert_eq prhold-unknown "unknown" "$(multipathd getprhold map mpatha)"
assert_eq prhold-set-ok "ok" "$(multipathd setprhold map mpatha)"
assert_eq prhold-set "set" "$(multipathd getprhold map mpatha)"
assert_eq prhold-other-map "unknown" "$(multipathd getprhold map mpathb)"
multipathd setprstatus map mpatha >/dev/null
assert_eq prhold-kept "set" "$(multipathd getprhold map mpatha)"
multipathd reload map mpatha >/dev/null
assert_eq prhold-after-reload "set" "$(multipathd getprhold map mpatha)"
# no registration: no reservation held
multipathd unsetprstatus map mpatha >/dev/null
assert_eq prhold-cleared-by-prstatus "unset" "$(multipathd getprhold map mpatha)"
multipathd setprhold map mpatha >/dev/null
assert_eq prhold-unset-ok "ok" "$(multipathd unsetprhold map mpatha)"
assert_eq prhold-unset "unset" "$(multipathd getprhold map mpatha)"
assert_eq prhold-nosuch "fail" "$(multipathd getprhold map nosuch)"
multipathd setprhold map nosuch >/dev/null 2>&1
assert_eq prhold-nosuch-exit 1 "$?"
stop_daemon

if start_ref_daemon; then
	# the reference prints a blacklist device rule without a product
	# with no closing brace (its config would not parse back); ours
	# closes it
	tab=$(printf '\t')
	theirs=$(replies | sed "s/vendor \"FOO\"|${tab}device {/vendor \"FOO\"|$tab}|${tab}device {/")
	theirs_raw=$(raw)
	stop_any
	same_replies "$ours" "$theirs"
	assert_eq raw-unpadded-as-reference "$theirs_raw" "$ours_raw"
else
	not_ok replies-as-reference "the reference daemon did not start" "$(tail -5 /tmp/ref.log)"
fi
echo "$ours"
finish
