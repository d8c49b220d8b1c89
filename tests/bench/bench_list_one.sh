#!/bin/sh
# Benchmark: "multipath -l MAP" and "multipath -c DEV" must cost the same
# whatever the number of other devices on the host. One map, then 4 or
# 256 LUNs around it; ours and the reference (Debian's 0.9.4) timed in the
# same guest. Prints figures; never fails on time.
# vm-timeout: 900
. /tests/vm/lib.sh

RUNS=10

# ours in the same kind of private namespace as the reference
our_multipath() { unshare -m multipath "$@"; }

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' '}'
for luns in 4 256; do
	start_scsi_debug 1 "$luns" || fatal "scsi_debug did not give $luns disks"
	p=$(sdebug_path 0 0)
	ref_multipath -v0 "/dev/$p" || fatal "no map for $p"
	other=$(sdebug_path 0 1)
	ours_l=$(avg_ms $RUNS our_multipath -l mpatha)
	ref_l=$(avg_ms $RUNS ref_multipath -l mpatha)
	ours_c=$(avg_ms $RUNS our_multipath -c "/dev/$other")
	ref_c=$(avg_ms $RUNS ref_multipath -c "/dev/$other")
	echo "BENCH luns=$luns multipath -l mpatha: ours ${ours_l} ms, reference ${ref_l} ms"
	echo "BENCH luns=$luns multipath -c DEV:    ours ${ours_c} ms, reference ${ref_c} ms"
	eval "ours_l_$luns=$ours_l ref_l_$luns=$ref_l ours_c_$luns=$ours_c ref_c_$luns=$ref_c"
	dmsetup remove_all
	stop_scsi_debug
done
echo "BENCH -l MAP, 256 vs 4 LUNs: ours x$(ratio "$ours_l_256" "$ours_l_4"), reference x$(ratio "$ref_l_256" "$ref_l_4")"
echo "BENCH -c DEV, 256 vs 4 LUNs:  ours x$(ratio "$ours_c_256" "$ours_c_4"), reference x$(ratio "$ref_c_256" "$ref_c_4")"
ok figures-printed
finish
