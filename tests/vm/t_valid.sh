#!/bin/sh
# multipath -c / -u (should this device be a multipath path?) against the
# reference, for every find_multipaths mode, the wwids file, existing maps,
# blacklists, single-path devices and the udev environment.
# vm-timeout: 240
. /tests/vm/lib.sh

start_scsi_debug 2 3 || fatal "scsi_debug did not give 6 disks"
a=$(sdebug_path 0 0)	# LUN 0, host 0: will be in a map
b=$(sdebug_path 0 1)	# LUN 1: two paths, no map
c=$(sdebug_path 0 2)	# LUN 2: will have a single path
echo 1 > "/sys/class/block/$(sdebug_path 1 2)/device/delete"
udev_settle
wwid_a=$(udev_prop "$a" ID_SERIAL)
wwid_b=$(udev_prop "$b" ID_SERIAL)

# compare CASE ARGS...: same stdout and exit status as the reference; the
# find_multipaths timestamps are cleared before each run
compare() {
	_c=$1
	shift
	rm -rf /run/multipath/find_multipaths
	ref_multipath "$@" > /tmp/ref.out 2>/tmp/ref.err
	_rr=$?
	rm -rf /run/multipath/find_multipaths
	multipath "$@" > /tmp/our.out 2>/tmp/our.err
	_or=$?
	# the wait deadline is a time: compare its presence only
	sed -i 's/^FIND_MULTIPATHS_WAIT_UNTIL="[0-9][0-9.]*"/FIND_MULTIPATHS_WAIT_UNTIL="T"/' \
		/tmp/ref.out /tmp/our.out
	if [ "$_rr" = "$_or" ] && cmp -s /tmp/ref.out /tmp/our.out; then
		ok "$_c"
	else
		not_ok "$_c" "exit: reference $_rr, ours $_or" "reference:" \
			"$(cat /tmp/ref.out)" "ours:" "$(cat /tmp/our.out)" \
			"our stderr:" "$(cat /tmp/our.err)"
	fi
}

for fm in no yes strict greedy smart; do
	write_conf 'defaults {' "	find_multipaths $fm" '}'
	rm -rf /etc/multipath
	dmsetup remove_all
	compare "$fm-two-paths-unknown" -c "/dev/$b"
	compare "$fm-single-path" -c "/dev/$c"
	compare "$fm-by-devt" -c "$(devnum "$b")"
	compare "$fm-ignore-wwids" -i -c "/dev/$c"
	mkdir -p /etc/multipath
	printf '# test\n/%s/\n' "$wwid_b" > /etc/multipath/wwids
	compare "$fm-in-wwids-file" -c "/dev/$b"
	compare "$fm-in-wwids-file-ignored" -i -c "/dev/$b"
	# a map for LUN 0
	write_conf 'defaults {' "	find_multipaths no" '}'
	ref_multipath -v0 "/dev/$a" >/dev/null 2>&1
	write_conf 'defaults {' "	find_multipaths $fm" '}'
	compare "$fm-in-a-map" -c "/dev/$a"
	# udev: no multipathd running or enabled: never a path (except one
	# already in a map)
	compare "$fm-udev-no-daemon" -u "$b"
	compare "$fm-udev-in-map" -u "$a"
done

write_conf 'defaults {' '	find_multipaths greedy' '}' \
	'blacklist {' "	wwid \"$wwid_b\"" '}'
compare blacklisted-wwid -c "/dev/$b"
write_conf 'defaults {' '	find_multipaths greedy' '}' \
	'blacklist {' '	device {' '		vendor Linux' '		product scsi_debug' '	}' '}'
compare blacklisted-device -c "/dev/$b"
write_conf 'defaults {' '	find_multipaths greedy' '}' \
	'blacklist {' '	device {' '		vendor Linux' '	}' '}' \
	'blacklist_exceptions {' "	wwid \"$wwid_b\"" '}'
compare blacklist-exception -c "/dev/$b"

# the checks cost the same whatever the number of devices: no scan unless
# find_multipaths smart has to count siblings
write_conf 'defaults {' '	find_multipaths strict' '}'
if command -v strace >/dev/null; then
	strace -f -e trace=openat -o /tmp/strace.out multipath -c "/dev/$b" >/dev/null 2>&1
	assert_eq c-opens-no-other-disk 0 \
		"$(grep -c "block/$c\b\|block/$a\b" /tmp/strace.out)"
fi

# errors: no argument, a map, a file
compare no-argument -c
# a map as the argument: one must exist under that name
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths strict' '}'
dmsetup remove_all
rm -rf /etc/multipath
ref_multipath -v0 "/dev/$a" >/dev/null 2>&1
udev_settle
check map-argument-exists test -b /dev/mapper/mpatha
compare map-argument -c /dev/mapper/mpatha
compare map-argument-dm-node -c "/dev/$(basename "$(readlink -f /dev/mapper/mpatha)")"
compare not-a-device -c /etc/passwd
finish
