#!/bin/sh
# NVMe over TCP on the guest's loopback for the VM tests: the kernel's
# target (nvmet, nvmet-tcp) exports one subsystem with one 16 MiB
# file-backed namespace (buffered: /tmp is a tmpfs, no O_DIRECT) through two TCP ports on 127.0.0.1 (4420, 4421);
# the host side (nvme-tcp) connects to both, so the namespace is reached
# through two controllers. Each port has ANA group 1 (the namespace's
# group), whose state is set per port (nvmet_ana).
# With nvme_core multipath=Y the kernel bundles the two controllers into
# one nvmeXnY (native multipath); with multipath=N each controller shows
# its own nvmeXnY: two paths for dm-multipath.
# Sourced after lib.sh.

NVMET=/sys/kernel/config/nvmet
NVME_NQN=nqn.2026-12.org.mptest:subsys1
NVME_IMG=/tmp/nvme-ns1.img
NVME_PORTS="1 2"

# nvmet_setup Y|N: the target, then both controllers connected, with
# nvme_core's multipath parameter Y (native) or N (dm-multipath)
nvmet_setup() {
	load_module nvme-core multipath="$1" && load_module nvme-tcp &&
		load_module nvmet-tcp || return 1
	grep -q ' /sys/kernel/config ' /proc/mounts ||
		mount -t configfs none /sys/kernel/config || return 1
	ip link set lo up || return 1
	dd if=/dev/zero of=$NVME_IMG bs=1M count=16 2>/dev/null || return 1
	_s=$NVMET/subsystems/$NVME_NQN
	mkdir $_s && echo 1 > $_s/attr_allow_any_host &&
		echo MPTEST0001 > $_s/attr_serial &&
		mkdir $_s/namespaces/1 &&
		echo $NVME_IMG > $_s/namespaces/1/device_path &&
		echo 1 > $_s/namespaces/1/buffered_io &&
		echo 4f1c2a6e-1d2b-4c3d-8e4f-5a6b7c8d9e01 \
			> $_s/namespaces/1/device_uuid &&
		echo 4f1c2a6e1d2b4c3d8e4f5a6b7c8d9e01 \
			> $_s/namespaces/1/device_nguid &&
		echo 1 > $_s/namespaces/1/enable || return 1
	for _p in $NVME_PORTS; do
		mkdir $NVMET/ports/$_p &&
			echo tcp > $NVMET/ports/$_p/addr_trtype &&
			echo ipv4 > $NVMET/ports/$_p/addr_adrfam &&
			echo 127.0.0.1 > $NVMET/ports/$_p/addr_traddr &&
			echo $((4419 + _p)) > $NVMET/ports/$_p/addr_trsvcid &&
			ln -s $_s $NVMET/ports/$_p/subsystems/$NVME_NQN || return 1
	done
	for _p in $NVME_PORTS; do
		nvme_connect $_p || return 1
	done
	udev_settle
}

# nvme_connect PORT: one more controller, through that port
nvme_connect() {
	echo "transport=tcp,traddr=127.0.0.1,trsvcid=$((4419 + $1)),nqn=$NVME_NQN" \
		> /dev/nvme-fabrics
}

# nvme_ctrl_of_port PORT: the host's controller (nvmeN) connected there
nvme_ctrl_of_port() {
	for _c in /sys/class/nvme/nvme*; do
		grep -q "trsvcid=$((4419 + $1))" "$_c/address" 2>/dev/null &&
			[ "$(cat "$_c/subsysnqn")" = "$NVME_NQN" ] &&
			{ echo "${_c##*/}"; return 0; }
	done
	return 1
}

# nvme_ns_of_port PORT: the namespace's block device through that port's
# controller (multipath=N: nvmeXnY)
nvme_ns_of_port() {
	_c=$(nvme_ctrl_of_port "$1") || return 1
	for _n in /sys/class/nvme/"$_c"/"$_c"n*; do
		[ -e "$_n" ] && { echo "${_n##*/}"; return 0; }
	done
	return 1
}

# nvmet_ana PORT STATE: ANA group 1's state behind that port (optimized,
# non-optimized, inaccessible, persistent-loss, change); the host hears
# of it through an asynchronous event
nvmet_ana() {
	echo "$2" > $NVMET/ports/$1/ana_groups/1/ana_state
}

# nvmet_teardown: controllers deleted, target removed, modules unloaded
nvmet_teardown() {
	dmsetup remove_all --force >/dev/null 2>&1
	for _c in /sys/class/nvme/nvme*; do
		[ -e "$_c/delete_controller" ] &&
			echo 1 > "$_c/delete_controller" 2>/dev/null
	done
	_s=$NVMET/subsystems/$NVME_NQN
	for _p in $NVME_PORTS; do
		rm -f $NVMET/ports/$_p/subsystems/$NVME_NQN
		rmdir $NVMET/ports/$_p 2>/dev/null
	done
	echo 0 > $_s/namespaces/1/enable 2>/dev/null
	rmdir $_s/namespaces/1 $_s 2>/dev/null
	rm -f $NVME_IMG
	udev_settle
	for _m in nvmet_tcp nvmet nvme_tcp nvme_fabrics nvme_core; do
		[ -e /sys/module/$_m/initstate ] && rmmod $_m
	done
	! [ -e /sys/module/nvme_core/initstate ]
}
