#!/bin/sh
# LIO (target_core_file + tcm_loop) for the VM tests: one 16 MiB fileio
# LUN seen through two loopback targets (two SCSI hosts, two paths), each
# in its own ALUA target port group (grpA, grpB) with implicit ALUA.
# Sourced after lib.sh.

CFS=/sys/kernel/config/target
IMG=/tmp/lio-disk0.img
TGTS="naa.5001405000000101 naa.5001405000000102"

lio_setup() {
	load_module target_core_file && load_module tcm_loop || return 1
	grep -q ' /sys/kernel/config ' /proc/mounts ||
		mount -t configfs none /sys/kernel/config || return 1
	dd if=/dev/zero of=$IMG bs=1M count=16 2>/dev/null || return 1
	_bs=$CFS/core/fileio_0/disk0
	mkdir -p $_bs || return 1
	echo "fd_dev_name=$IMG,fd_dev_size=16777216" > $_bs/control &&
		echo 6001405aa00b00c1 > $_bs/wwn/vpd_unit_serial &&
		echo 1 > $_bs/enable || return 1
	# implicit ALUA only: the kernel's alua handler would otherwise
	# make the active group optimized (STPG) when the map is set up
	mkdir $_bs/alua/grpA $_bs/alua/grpB &&
		echo 10 > $_bs/alua/grpA/tg_pt_gp_id &&
		echo 20 > $_bs/alua/grpB/tg_pt_gp_id &&
		echo 1 > $_bs/alua/grpA/alua_access_type &&
		echo 1 > $_bs/alua/grpB/alua_access_type || return 1
	_g=grpA _n=1
	for _t in $TGTS; do
		_tp=$CFS/loopback/$_t/tpgt_1
		mkdir -p $_tp &&
			echo "naa.50014050000a010$_n" > $_tp/nexus &&
			mkdir -p $_tp/lun/lun_0 &&
			ln -s $_bs $_tp/lun/lun_0/disk0 &&
			echo $_g > $_tp/lun/lun_0/alua_tg_pt_gp || return 1
		_g=grpB _n=2
	done
}

# lio_add_target WWN INITIATOR GROUP: one more loopback target (a SCSI
# host of its own) to the LUN, with its own initiator port: another
# initiator's path (a second host of a cluster)
lio_add_target() {
	_tp=$CFS/loopback/$1/tpgt_1
	mkdir -p $_tp &&
		echo "$2" > $_tp/nexus &&
		mkdir -p $_tp/lun/lun_0 &&
		ln -s $CFS/core/fileio_0/disk0 $_tp/lun/lun_0/disk0 &&
		echo "$3" > $_tp/lun/lun_0/alua_tg_pt_gp || return 1
	TGTS="$TGTS $1"
}

lio_teardown() {
	dmsetup remove_all --force >/dev/null 2>&1
	for _t in $TGTS; do
		_tp=$CFS/loopback/$_t/tpgt_1
		rm -f $_tp/lun/lun_0/disk0
		rmdir $_tp/lun/lun_0 $_tp $CFS/loopback/$_t 2>/dev/null
	done
	rmdir $CFS/core/fileio_0/disk0/alua/grpA \
		$CFS/core/fileio_0/disk0/alua/grpB \
		$CFS/core/fileio_0/disk0 $CFS/core/fileio_0 2>/dev/null
	rm -f $IMG
	udev_settle
}

# lio_disks: the sdX of the LIO LUN, in the order of the targets' hosts
lio_disks() {
	for _d in /sys/class/block/sd*; do
		[ -e "$_d/device/vendor" ] &&
			grep -q LIO-ORG "$_d/device/vendor" &&
			echo "$(hctl_of "${_d##*/}") ${_d##*/}"
	done | sort -t: -k1,1n | awk '{ print $2 }'
}

# group_state GROUP STATE [PREFERRED]: set a target port group's ALUA
# state (0 A/O, 1 A/N, 2 standby, 3 unavailable) and preferred bit
group_state() {
	echo "$2" > $CFS/core/fileio_0/disk0/alua/$1/alua_access_state &&
		echo "${3:-0}" > $CFS/core/fileio_0/disk0/alua/$1/preferred
}

# kick: a command on each path, so that the kernel sees the unit
# attention of the change and refreshes access_state
kick() {
	for _k in $lio; do sg_turs "/dev/$_k" >/dev/null 2>&1; done
	alua_settle $lio
}

