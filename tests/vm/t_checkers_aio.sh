#!/bin/sh
# fs.aio-max-nr lowered to 64 with 256 paths on directio: multipath -ll
# checks every path through one AIO context of at most 64 events and never
# fails io_setup. The reference's figures are printed for comparison.
# vm-timeout: 600
. /tests/vm/lib.sh

conf() {
	write_conf 'defaults {' '	user_friendly_names yes' \
		'	find_multipaths no' '	detect_checker no' \
		"	path_checker $1" '}'
}

# two hosts, every path readable
conf none
start_scsi_debug 2 128 || fatal "scsi_debug did not give 256 disks"
ref_multipath -v0 || fatal "the reference did not create the maps"
assert_eq maps-created 128 "$(dmsetup ls --target multipath | grep -c '^mpath')"

conf directio
old=$(cat /proc/sys/fs/aio-max-nr)
echo 64 > /proc/sys/fs/aio-max-nr
assert_eq no-aio-in-use 0 "$(cat /proc/sys/fs/aio-nr)"

multipath -v3 -ll > /tmp/out 2>/tmp/err
assert_eq exit-status 0 "$?"
assert_eq all-paths-up 256 "$(grep -c ': directio state = up$' /tmp/err)"
assert_eq all-paths-ready 256 "$(grep -c 'active ready running$' /tmp/out)"
assert_eq no-io-setup-errors 0 "$(grep -c 'io_setup' /tmp/err)"
assert_match one-context 'one aio context of 64 events for all paths' \
	"$(cat /tmp/err)"
grep 'checked 256 paths' /tmp/err

# the reference in the same guest (information, not a test)
ref_multipath -v3 -ll > /tmp/ref.out 2>/tmp/ref.err
echo "reference: $(grep -c 'io_setup failed' /tmp/ref.err) io_setup failures," \
	"$(grep -c 'directio state = up$' /tmp/ref.err) paths up," \
	"$(grep -c 'active ready running$' /tmp/ref.out) shown ready"

echo "$old" > /proc/sys/fs/aio-max-nr
finish
