#!/bin/sh
# The reference multipath-tools (Debian's 0.9.4, in /ref) runs in the guest:
# it creates maps for scsi_debug LUNs, lists them in the layout of
# shared/reference/multipath.txt, and flushes them. Later tests compare our
# tools with it side by side.
# vm-timeout: 120
. /tests/vm/lib.sh

[ -x /ref/sbin/multipath ] || fatal "no reference multipath in the image"

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
# 2 hosts: every path readable (with 4, host 2's paths are ALUA standby)
start_scsi_debug 2 3 || fatal "scsi_debug did not give 6 disks"
scsi_debug_paths

out=$(ref_multipath -v2 2>/tmp/ref.err)
rc=$?
echo "$out"
cat /tmp/ref.err
assert_eq create-exit-status 0 "$rc"
# stdout: the new maps' topology; stderr (-v2 log): the tables loaded
assert_eq create-lines 3 "$(count_matches '^create: mpath[a-c] \(' "$out")"
assert_eq create-addmap-lines 3 "$(count_matches \
	'^ *[0-9.]+ \| mpath[a-c]: addmap \[0 16384 multipath ' "$(cat /tmp/ref.err)")"
maps=$(dmsetup ls --target multipath)
assert_eq three-maps 3 "$(count_matches '^mpath[a-c]' "$maps")"
check bindings-written grep -Eq '^mpatha [^ ]+$' /etc/multipath/bindings

# multipath -ll: stdout has the topology; the "multipathd service is not
# running" warning goes to stderr.
ll=$(ref_multipath -ll 2>/tmp/ref.err)
rc=$?
echo "$ll"
cat /tmp/ref.err
assert_eq ll-exit-status 0 "$rc"
assert_match ll-warning 'multipathd service is not running' "$(cat /tmp/ref.err)"
# mpatha (1Linux_scsi_debug_2000) dm-0 Linux,scsi_debug
assert_eq ll-headers 3 "$(count_matches \
	'^mpath[a-c] \([^ ]+\) dm-[0-9]+ Linux,scsi_debug$' "$ll")"
# size=8.0M features='0' hwhandler='1 alua' wp=rw
assert_eq ll-size-lines 3 "$(count_matches \
	"^size=8\.0M features='[^']*' hwhandler='1 alua' wp=rw\$" "$ll")"
# |-+- policy='service-time 0' prio=50 status=enabled
assert_eq ll-group-lines 6 "$(count_matches \
	"^[|\`]-\+- policy='service-time 0' prio=[0-9]+ status=(active|enabled)\$" "$ll")"
# | `- 0:0:0:0 sda 8:0   active ready running
assert_eq ll-path-lines 6 "$(count_matches \
	'^[| ] `- [0-9]+:0:0:[0-2] sd[a-z]+ +[0-9]+:[0-9]+ +active ready running$' "$ll")"
# every line is one of those four kinds
assert_eq ll-no-other-lines "" "$(printf '%s\n' "$ll" |
	grep -Ev "^(mpath|size=|[|\`]-\+- policy=|[| ] \`- )")"

# Each map holds the two paths of one LUN: same LUN number, both hosts.
bad=$(printf '%s\n' "$ll" | awk '
	/^mpath/ { if (n) check(); name = $1; n = 0; next }
	/`- / {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^[0-9]+:[0-9]+:[0-9]+:[0-9]+$/) split($i, h, ":")
		lun[n] = h[4]; host[n] = h[1]; n++
	}
	END { if (n) check() }
	function check() {
		if (n != 2 || lun[0] != lun[1] || host[0] == host[1])
			print name ": " n " paths, luns " lun[0] "/" lun[1]
	}')
assert_eq ll-paths-per-map "" "$bad"

# The WWID in the header is udev's ID_SERIAL of the paths, which is the
# T10 vendor designator (sg3-utils-udev rules), as in shared/reference.
for lun in 0 1 2; do
	serial=$(udev_prop "$(sdebug_path 0 $lun)" ID_SERIAL)
	assert_eq "lun$lun-id-serial" "1Linux_scsi_debug_200$lun" "$serial"
	assert_match "ll-lun$lun-wwid" "^mpath[a-c] \($serial\) " "$ll"
done

out=$(ref_multipath -F 2>&1)
rc=$?
echo "$out"
assert_eq flush-exit-status 0 "$rc"
assert_eq flush-no-maps-left 0 "$(dmsetup ls --target multipath | grep -c '^mpath')"
check stop-scsi-debug stop_scsi_debug
finish
