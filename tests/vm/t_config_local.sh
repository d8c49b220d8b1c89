#!/bin/sh
# multipath -T on a host with devices: the device entries that match them
# (and the user's), compared with the reference.
# vm-timeout: 120
. /tests/vm/lib.sh

start_scsi_debug 2 1 || fatal "scsi_debug did not give 2 disks"
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}' \
	'devices {' '	device {' '		vendor "Linux"' '		product "scsi_debug"' \
	'		no_path_retry 7' '	}' '}' \
	'blacklist {' '	devnode "^loop"' '}'
ref_multipath -T > /tmp/ref.out 2>/tmp/ref.err
multipath -T > /tmp/our.out 2>/tmp/our.err
if cmp -s /tmp/ref.out /tmp/our.out; then ok T-matches-reference; else
	not_ok T-matches-reference "$(diff /tmp/ref.out /tmp/our.out)"; fi
assert_match T-has-local-device 'product "scsi_debug"' "$(cat /tmp/our.out)"
assert_eq T-one-device 1 "$(sed -n '/^devices {/,/^}/p' /tmp/our.out | grep -c 'vendor')"

# with maps: the reference lists them in multipaths { } (aliases as
# comments, like multipathd's "show config local")
ref_multipath -v0
ref_multipath -T > /tmp/ref.out 2>/tmp/ref.err
multipath -T > /tmp/our.out 2>/tmp/our.err
if cmp -s /tmp/ref.out /tmp/our.out; then ok T-with-maps-matches-reference; else
	not_ok T-with-maps-matches-reference "$(diff /tmp/ref.out /tmp/our.out)"; fi
finish
