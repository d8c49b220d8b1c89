#!/bin/sh
# multipathd keeps I/O flowing: start-up creates the maps, a path that
# dies under I/O is failed and the I/O goes on, a returning path is
# reinstated by the daemon on its own, shows answer like the reference,
# shutdown leaves the maps.
# vm-timeout: 300
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '}'
start_scsi_debug 2 2 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
b=$(sdebug_path 1 0)

start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ] && [ -e /dev/mapper/mpathb ]" 30 ||
	fatal "the daemon created no maps"
wait_for "multipathd show daemon | grep -q idle" 30
assert_match daemon-idle '^pid [0-9]+ idle$' "$(multipathd show daemon)"
assert_eq maps-created 2 "$(dmsetup ls --target multipath | grep -c mpath)"
out=$(multipathd show maps)
assert_match show-maps-header '^name +sysfs +uuid *$' "$(echo "$out" | head -n 1)"
assert_eq show-maps-lines 3 "$(echo "$out" | wc -l)"
out=$(multipathd show paths)
assert_match show-paths-header '^hcil +dev +dev_t +pri +dm_st +chk_st +dev_st +next_check' \
	"$(echo "$out" | head -n 1)"
assert_match show-paths-a "^0:0:0:0 +$a +[0-9]+:[0-9]+ +[0-9]+ +active +ready +running +[X.]+ [0-9]+/[0-9]+\$" "$out"
assert_match show-status 'paths: 4' "$(multipathd show status)"
assert_match show-topology "^mpatha \\(" "$(multipathd show topology)"
assert_eq show-bad-command 0 "$(multipathd show bogus >/dev/null 2>&1; echo $?)"
assert_match show-bad-command-text ': not found' "$(multipathd show bogus)"

# the map of LUN 0 (names follow the order the WWIDs were found in)
m=$(dm_name "$(ls "/sys/block/$a/holders")")
assert_match lun0-map '^mpath[ab]$' "$m"

# ---- a path dies under I/O, the I/O goes on; it returns, the daemon reinstates it
dd if=/dev/zero of=/dev/mapper/$m bs=4096 count=256 oflag=direct 2>/dev/null &
writer=$!
fail_path "$a"
dd if=/dev/mapper/$m of=/dev/null bs=4096 count=64 iflag=direct 2>/tmp/dd.err
assert_eq io-goes-on 0 $?
wait "$writer"
assert_eq writes-go-on 0 $?
wait_for "dmsetup status $m | grep -q ' F '" 20
assert_match failed-in-kernel "$(devnum "$a") F" "$(dmsetup status "$m")"
wait_for "multipathd show paths | grep -q \"$a .*failed *faulty\"" 10
assert_match daemon-sees-failed "$a .*failed +faulty +offline" "$(multipathd show paths)"
t0=$(now_ms)
restore_path "$a"
wait_for "dmsetup status $m | grep -q \"$(devnum "$a") A\"" 20
assert_match reinstated-by-daemon "$(devnum "$a") A" "$(dmsetup status "$m")"
echo "reinstated $(( $(now_ms) - t0 )) ms after the path came back"
assert_match daemon-sees-ready "$a .*active +ready +running" "$(multipathd show paths)"

# ---- commands ---------------------------------------------------------------------
assert_eq cmd-fail-path ok "$(multipathd fail path "$b")"
assert_match cmd-fail-path-kernel "$(devnum "$b") F" "$(dmsetup status "$m")"
assert_eq cmd-reinstate-path ok "$(multipathd reinstate path "$b")"
assert_match cmd-reinstate-kernel "$(devnum "$b") A" "$(dmsetup status "$m")"
assert_eq cmd-switch-group ok "$(multipathd switch map "$m" group 2)"
assert_eq cmd-unknown-path fail "$(multipathd fail path sdzz)"

# ---- shutdown leaves the maps ----------------------------------------------------------
assert_eq cmd-shutdown ok "$(multipathd shutdown)"
wait_for "! pidof multipathd >/dev/null" 20 || not_ok daemon-stopped
assert_eq maps-stay 2 "$(dmsetup ls --target multipath | grep -c mpath)"
finish
