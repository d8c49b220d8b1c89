# Helpers for the real-kernel tests; sourced by tests/vm/t_*.sh, runner.sh
# and /init in the guest (busybox sh).
#
# A test script:
#   . /tests/vm/lib.sh
#   start_scsi_debug 2 2 || fatal "no scsi_debug disks"
#   assert_eq wwid-lun0 "$(cat ...)" "$(cat ...)"
#   ...
#   finish
#
# Result lines go to stdout (the console) as "VMTEST ok <script> <case>" /
# "VMTEST not ok <script> <case>", and to $VMTEST_RESULTS for runner.sh.
# Case names are single words (spaces become '-').
#
# Identify paths by H:C:T:L (or by scsi_debug host index and LUN, see
# sdebug_path), never by sdX: names depend on the asynchronous SCSI scan.
#
# Tools: the real dmsetup, udevadm, sg3-utils; util-linux tools are in
# /usr/sbin and /usr/bin (call them by full path: e.g. /usr/sbin/losetup,
# since a busybox applet of the same name may come first elsewhere).
# The reference multipath-tools (Debian's 0.9.4) is in /ref: run it with
# ref_multipath, ref_multipathd, ref_kpartx, ref_mpathpersist.

T_NAME=${T_NAME:-$(basename "$0" .sh)}
: "${VMTEST_RESULTS:=/tmp/vmtest/$T_NAME.results}"
mkdir -p "$(dirname "$VMTEST_RESULTS")"

# ---- results ------------------------------------------------------------------
_case() { echo "$*" | sed 's/[[:space:]][[:space:]]*/-/g'; }

# ok CASE
ok() {
	echo "ok $(_case "$1")" >> "$VMTEST_RESULTS"
	echo "VMTEST ok $T_NAME $(_case "$1")"
}

# not_ok CASE [DETAIL...]: each DETAIL is printed on its own indented line.
not_ok() {
	_c=$(_case "$1")
	shift
	echo "not ok $_c" >> "$VMTEST_RESULTS"
	echo "VMTEST not ok $T_NAME $_c"
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
	return 0
}

# fatal MESSAGE: a failure that makes the rest of the script pointless.
fatal() {
	not_ok fatal "$@"
	finish
}

# finish: summary line; the script's exit status is 0 (failures are in the
# results, a non-zero exit means the script itself died).
finish() {
	_p=$(grep -c '^ok ' "$VMTEST_RESULTS")
	_f=$(grep -c '^not ok ' "$VMTEST_RESULTS")
	echo "$T_NAME: $_p passed, $_f failed"
	# what the daemon said last, for whoever reads a failure
	if [ "$_f" -gt 0 ] && [ -s /tmp/multipathd.log ]; then
		echo "---- the end of /tmp/multipathd.log:"
		tail -n 40 /tmp/multipathd.log
	fi
	exit 0
}

# check CASE COMMAND...: ok when COMMAND succeeds; its output otherwise.
check() {
	_c=$1
	shift
	if _out=$("$@" 2>&1); then
		ok "$_c"
	else
		not_ok "$_c" "command: $*" "exit status $?, output:" "$_out"
	fi
}

# assert_eq CASE EXPECTED ACTUAL
assert_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "expected: $2" "got:      $3"
	fi
}

# assert_match CASE ERE TEXT: some line of TEXT matches the extended regex.
assert_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		ok "$1"
	else
		not_ok "$1" "no line matches: $2" "in:" "$3"
	fi
}

# assert_no_match CASE ERE TEXT: no line of TEXT matches.
assert_no_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		not_ok "$1" "a line matches: $2" "in:" "$3"
	else
		ok "$1"
	fi
}

# count_matches ERE TEXT: how many lines of TEXT match.
count_matches() {
	printf '%s\n' "$2" | grep -Ec -- "$1"
}

# ---- time and waiting -----------------------------------------------------------
# uptime_s: whole seconds since boot.
uptime_s() {
	read -r _up _ < /proc/uptime
	echo "${_up%.*}"
}

# ---- timing (benchmarks) -------------------------------------------------------------
# now_ms: milliseconds since boot (10 ms resolution)
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# elapsed_ms CMD...: run CMD (output discarded), print its wall time in ms
elapsed_ms() {
	_em0=$(now_ms)
	"$@" > /dev/null 2>&1
	echo $(( $(now_ms) - _em0 ))
}

# avg_ms RUNS CMD...: average wall time of CMD over RUNS runs, in ms
avg_ms() {
	_am_n=$1
	shift
	_am0=$(now_ms)
	_am_i=0
	while [ "$_am_i" -lt "$_am_n" ]; do
		"$@" > /dev/null 2>&1
		_am_i=$((_am_i + 1))
	done
	echo $(( ($(now_ms) - _am0) / _am_n ))
}

# ratio A B: A / B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }'; }

# wait_for COND [TIMEOUT [SHOW]]: evaluate the shell command COND (in a
# subshell) every 0.2 s until it succeeds or TIMEOUT seconds (default 30)
# have passed. On timeout, print COND's last output and SHOW's output (a
# command showing the state, e.g. "scsi_debug_paths"), and return 1.
wait_for() {
	_wf_cond=$1
	_wf_end=$(($(uptime_s) + ${2:-30}))
	while :; do
		_wf_out=$(eval "$_wf_cond" 2>&1) && return 0
		[ "$(uptime_s)" -ge "$_wf_end" ] && break
		sleep 0.2
	done
	echo "wait_for: gave up after ${2:-30}s: $_wf_cond" >&2
	[ -n "$_wf_out" ] && printf '%s\n' "$_wf_out" | sed 's/^/  saw: /' >&2
	[ -n "${3:-}" ] && eval "$3" 2>&1 | sed 's/^/  state: /' >&2
	return 1
}

# udev_settle [TIMEOUT]
# shellcheck disable=SC2120 # the argument is optional
udev_settle() {
	udevadm settle --timeout="${1:-60}"
}

# ---- kernel modules --------------------------------------------------------------
# load_module NAME [PARAM=VALUE...]: insmod NAME and its dependencies (the
# list mkinitrd.sh stored in /etc/vmtest/modules/NAME), skipping those
# already loaded; the parameters go to NAME itself. Fails if NAME is loaded
# already and parameters were given.
load_module() {
	_lm=$1
	shift
	[ -f "/etc/vmtest/modules/$_lm" ] ||
		{ echo "load_module: $_lm is not in the image" >&2; return 1; }
	_lm_last=$(tail -n 1 "/etc/vmtest/modules/$_lm")
	for _lm_ko in $(cat "/etc/vmtest/modules/$_lm"); do
		_lm_n=$(basename "$_lm_ko" .ko | tr - _)
		if [ -e "/sys/module/$_lm_n/initstate" ]; then
			if [ "$_lm_ko" = "$_lm_last" ] && [ $# -gt 0 ]; then
				echo "load_module: $_lm already loaded, cannot set $*" >&2
				return 1
			fi
			continue
		fi
		if [ "$_lm_ko" = "$_lm_last" ]; then
			insmod "$_lm_ko" "$@" || return 1
		else
			insmod "$_lm_ko" || return 1
		fi
	done
}

# module_loaded NAME
module_loaded() {
	[ -e "/sys/module/$(echo "$1" | tr - _)/initstate" ]
}

# ---- block devices and SCSI paths ---------------------------------------------------
# devnum DEV: "major:minor" of sdX, dm-N, ...
devnum() { cat "/sys/class/block/$1/dev"; }

# dev_sectors DEV: size in 512-byte sectors
dev_sectors() { cat "/sys/class/block/$1/size"; }

# udev_prop DEV KEY: a property from udev's database (e.g. ID_SERIAL)
udev_prop() {
	udevadm info -q property -n "/dev/$1" | sed -n "s/^$2=//p"
}

# path_by_hctl H:C:T:L -> sdX (fails if there is none)
path_by_hctl() {
	_p=$(ls "/sys/class/scsi_device/$1/device/block" 2>/dev/null) &&
		[ -n "$_p" ] && echo "$_p"
}

# hctl_of sdX -> H:C:T:L
hctl_of() {
	basename "$(readlink -f "/sys/class/block/$1/device")"
}

# wwid_of sdX: the kernel's WWID (VPD page 0x83) of a path
wwid_of() { cat "/sys/class/block/$1/device/wwid"; }

# path_state sdX: the SCSI device state (running, offline, ...)
path_state() { cat "/sys/class/block/$1/device/state"; }

# fail_path sdX / restore_path sdX: the path dies (I/O fails fast) / returns
fail_path() { echo offline > "/sys/class/block/$1/device/state"; }
restore_path() { echo running > "/sys/class/block/$1/device/state"; }

# delete_path sdX: the path disappears (remove uevent), as on hot-unplug
delete_path() {
	echo 1 > "/sys/class/block/$1/device/delete" &&
		wait_for "[ ! -e /sys/class/block/$1 ]" 30 && udev_settle
}

# rescan_host H: scan SCSI host H for new devices (brings deleted paths back)
rescan_host() {
	echo '- - -' > "/sys/class/scsi_host/host$1/scan" && udev_settle
}

# ---- scsi_debug ------------------------------------------------------------------
# scsi_debug_hosts: SCSI host numbers of the scsi_debug adapters, in order
scsi_debug_hosts() {
	for _h in /sys/bus/pseudo/drivers/scsi_debug/adapter*/host*; do
		[ -e "$_h" ] && echo "${_h##*/host}"
	done | sort -n
}

# scsi_debug_paths: "H:C:T:L sdX" for each scsi_debug disk, sorted by H:C:T:L
scsi_debug_paths() {
	for _d in /sys/bus/pseudo/drivers/scsi_debug/adapter*/host*/target*/*:*:*:*/block/*; do
		[ -e "$_d" ] || continue
		_hctl=${_d%/block/*}
		echo "${_hctl##*/} ${_d##*/}"
	done | sort -t: -k1,1n -k2,2n -k3,3n -k4,4n
}

# scsi_debug_disks: the sdX names of scsi_debug disks, sorted by H:C:T:L
scsi_debug_disks() { scsi_debug_paths | awk '{ print $2 }'; }

# sdebug_path INDEX LUN -> sdX: LUN seen through the INDEX-th (0-based)
# scsi_debug host
sdebug_path() {
	_h=$(scsi_debug_hosts | sed -n "$(($1 + 1))p")
	[ -n "$_h" ] && path_by_hctl "$_h:0:0:$2"
}

# start_scsi_debug HOSTS LUNS [PARAM=VALUE...]: HOSTS paths to each of LUNS
# LUNs (all paths of a LUN report the same WWID), 8 MiB shared RAM store;
# extra parameters go to the module (later ones win, e.g. dev_size_mb=16).
# Returns once the HOSTS*LUNS disks exist and udev has settled.
start_scsi_debug() {
	_sd_h=$1 _sd_l=$2
	shift 2
	load_module scsi_debug add_host="$_sd_h" num_tgts=1 max_luns="$_sd_l" \
		vpd_use_hostno=0 dev_size_mb=8 "$@" || return 1
	wait_for "[ \$(scsi_debug_paths | wc -l) -ge $((_sd_h * _sd_l)) ]" 60 \
		scsi_debug_paths || return 1
	udev_settle
	# shellcheck disable=SC2046 # one word per disk
	alua_settle $(scsi_debug_disks)
}

# ---- ALUA ---------------------------------------------------------------------------
# alua_state sdX: the path's ALUA access state as the device reports it now
# (RTPG, the state of the path's own target port group), in the words of
# the kernel's access_state file.
alua_state() {
	_g=$(sg_vpd -p di "/dev/$1" 2>/dev/null |
		sed -n 's/.*Target port group: *\(0x[0-9a-fA-F]*\).*/\1/p' | head -n 1)
	[ -n "$_g" ] || return 1
	_s=$(sg_rtpg "/dev/$1" 2>/dev/null | awk -v g="$_g" '
		/target port group id :/ { cur = $6 }
		/asymmetric access state :/ && tolower(cur) == tolower(g) { print $NF; exit }')
	case $_s in
	0x00) echo active/optimized ;;
	0x01) echo active/non-optimized ;;
	0x02) echo standby ;;
	0x03) echo unavailable ;;
	0x04) echo lba-dependent ;;
	0x0e) echo offline ;;
	0x0f) echo transitioning ;;
	*) return 1 ;;
	esac
}

# alua_settle sdX...: wait until the kernel's ALUA state of each path (its
# access_state, which prio alua reads) agrees with the device. Needed after
# a scan: scsi_dh_alua starts every path as active/optimized, and where its
# first RTPG meets the power-on unit attention it retries only 2 s later.
alua_settle() {
	wait_for "alua_settled $*" 30
}
alua_settled() {
	for _as in "$@"; do
		[ "$(cat "/sys/class/block/$_as/device/dh_state" 2>/dev/null)" = alua ] ||
			continue
		# sg_rtpg opens read-write: a write-protected disk cannot be asked
		[ "$(cat "/sys/class/block/$_as/ro")" = 0 ] || continue
		_ak=$(cat "/sys/class/block/$_as/device/access_state")
		_ad=$(alua_state "$_as") || { echo "$_as: no RTPG answer"; return 1; }
		[ "$_ak" = "$_ad" ] ||
			{ echo "$_as: kernel says $_ak, device says $_ad"; return 1; }
	done
}

# stop_scsi_debug: remove the dm devices stacked on scsi_debug disks, then
# the module.
stop_scsi_debug() {
	module_loaded scsi_debug || return 0
	for _d in $(scsi_debug_disks); do
		remove_holders "$_d"
	done
	udev_settle
	wait_for "rmmod scsi_debug" 30 "lsmod | grep scsi_debug" || return 1
	udev_settle
}

# ---- device-mapper ------------------------------------------------------------------
# dm_dev NAME -> dm-N for the map NAME
dm_dev() {
	for _d in /sys/block/dm-*; do
		[ -e "$_d/dm/name" ] && [ "$(cat "$_d/dm/name")" = "$1" ] &&
			{ echo "${_d##*/}"; return 0; }
	done
	return 1
}

# dm_name dm-N -> map name
dm_name() { cat "/sys/block/$1/dm/name"; }

# mp_path_state MAP MAJ:MIN -> A or F, the path's state in dmsetup status
mp_path_state() {
	dmsetup status "$1" | awk -v p="$2" '{
		for (i = 1; i < NF; i++) if ($i == p) { print $(i + 1); exit }
	}'
}

# fail_twice MAP DEV: the path dies and comes back twice, each change
# waited for in MAP's status (the second return is not waited for: the
# daemon may hold the path back)
fail_twice() {
	for _ft in 1 2; do
		fail_path "$2"
		wait_for "[ \"\$(mp_path_state $1 $(devnum "$2"))\" = F ]" 15
		restore_path "$2"
		[ "$_ft" = 1 ] &&
			wait_for "[ \"\$(mp_path_state $1 $(devnum "$2"))\" = A ]" 15
	done
}

# remove_holders DEV: remove, deepest first, the dm devices stacked on DEV
# (sdX or dm-N) and on its partitions.
remove_holders() {
	for _rh in /sys/class/block/"$1"/holders/* /sys/class/block/"$1"/"$1"*/holders/*; do
		[ -e "$_rh" ] || continue
		_rh=${_rh##*/}
		# a subshell keeps this level's loop variable from the recursion
		(remove_holders "$_rh")
		case $_rh in
		dm-*) [ -e "/sys/block/$_rh" ] &&
			dmsetup remove --retry "$(dm_name "$_rh")" ;;
		esac
	done
	return 0
}

# ---- the reference implementation ---------------------------------------------------
# ref_run PROG ARGS...: run the reference /ref/sbin/PROG with its libraries
# and, in a private mount namespace, its plugins bind-mounted on
# /lib/multipath (= /usr/lib/multipath, where it looks for them); our own
# install is untouched outside that namespace. /etc/multipath.conf,
# /etc/multipath/ and /run are shared with our tools.
ref_run() {
	_rp=$1
	shift
	[ -x "/ref/sbin/$_rp" ] ||
		{ echo "ref_run: no reference $_rp in this image" >&2; return 127; }
	unshare -m sh -c 'mount --bind /ref/lib/multipath /usr/lib/multipath &&
		LD_LIBRARY_PATH=/ref/lib exec "$@"' ref_run "/ref/sbin/$_rp" "$@"
}
ref_multipath() { ref_run multipath "$@"; }
ref_multipathd() { ref_run multipathd "$@"; }
ref_kpartx() { ref_run kpartx "$@"; }
ref_mpathpersist() { ref_run mpathpersist "$@"; }

# write_conf LINE...: /etc/multipath.conf with these lines
write_conf() {
	printf '%s\n' "$@" > /etc/multipath.conf
}

# ---- between tests ---------------------------------------------------------------------
# vm_cleanup: undo what a test may have left: daemons, dm maps, scsi_debug,
# loop devices, configuration and state files. runner.sh calls it after
# each script.
# Returns non-zero if something could not be undone.
# ---- the daemon ---------------------------------------------------------------------
# start_daemon [ARGS...]: our multipathd in the foreground (-d), its log in
# /tmp/multipathd.log (kept by the harness with the test's output), until
# it answers on its socket. ARGS replace the default "-v3".
start_daemon() {
	[ $# -gt 0 ] || set -- -v3
	multipathd -d -s "$@" >> /tmp/multipathd.log 2>&1 &
	wait_for "multipathd show daemon >/dev/null 2>&1" 20 "tail -5 /tmp/multipathd.log"
}

# stop_daemon: shut it down (and wait until it is gone)
stop_daemon() {
	_sp=$(cat /run/multipathd.pid 2>/dev/null)
	[ -n "$_sp" ] || return 0
	kill "$_sp" 2>/dev/null
	wait_for "[ ! -e /proc/$_sp ]" 20 && return 0
	# where each of its threads waits, for whoever reads the failure
	for _t in /proc/$_sp/task/*; do
		echo "  thread ${_t##*/}: $(cat "$_t/comm" 2>/dev/null) in $(cat "$_t/wchan" 2>/dev/null)"
		sed 's/^/    /' "$_t/stack" 2>/dev/null
	done
	return 1
}

# pid_of: the running daemon's pid (ours or the reference's)
pid_of() { cat /run/multipathd.pid 2>/dev/null; }
# stop_any: stop whichever daemon runs, wait until none is left
stop_any() {
	_p=$(pid_of)
	[ -n "$_p" ] && kill "$_p" 2>/dev/null
	wait_for "! pidof multipathd >/dev/null" 60
	rm -f /run/multipathd.pid
}
# start_ref_daemon [MAP]: the reference's multipathd in the foreground,
# its log in /tmp/ref.log, until MAP (if given) exists and it is idle
start_ref_daemon() {
	ref_multipathd -d -s > /tmp/ref.log 2>&1 &
	{ [ -z "${1:-}" ] || wait_for "[ -e /dev/mapper/$1 ]" 30; } &&
		wait_for "multipathd show daemon 2>/dev/null | grep -q idle" 30
}

# same_replies OURS THEIRS: one case per line of OURS ("request => reply"),
# named after the request, equal to the same line of THEIRS
same_replies() {
	printf '%s\n' "$1" > /tmp/ours.txt
	printf '%s\n' "$2" > /tmp/theirs.txt
	_n=$(wc -l < /tmp/ours.txt)
	_i=1
	while [ "$_i" -le "$_n" ]; do
		_o=$(sed -n "${_i}p" /tmp/ours.txt)
		_t=$(sed -n "${_i}p" /tmp/theirs.txt)
		assert_eq "as-reference-$(echo "${_o%% =>*}" | tr " %\"'" '-_..')" "$_t" "$_o"
		_i=$((_i + 1))
	done
}

# fresh: no daemon, no maps, no state files (benchmarks between rounds)
fresh() {
	stop_any
	dmsetup remove_all
	rm -rf /etc/multipath
	mkdir -p /etc/multipath
	udev_settle
}

# daemon_log: what the daemon logged so far
daemon_log() { cat /tmp/multipathd.log 2>/dev/null; }

# use_mp_rules: the project's udev rules, as installed, take effect (the
# image keeps them aside: see mkinitrd.sh); vm_cleanup takes them away
MP_RULES_DIR=/usr/share/mptest/rules.d
use_mp_rules() {
	cp "$MP_RULES_DIR"/*.rules /usr/lib/udev/rules.d/ &&
		udevadm control --reload
}
drop_mp_rules() {
	for _r in "$MP_RULES_DIR"/*.rules; do
		rm -f "/usr/lib/udev/rules.d/${_r##*/}"
	done
	udevadm control --reload
}

vm_cleanup() {
	_vc=0
	drop_mp_rules
	if [ -f /run/multipathd.pid ]; then
		_vp=$(cat /run/multipathd.pid)
		kill "$_vp" 2>/dev/null &&
			{ wait_for "[ ! -e /proc/$_vp ]" 10 || kill -KILL "$_vp"; }
		rm -f /run/multipathd.pid
	fi
	dmsetup remove_all >/dev/null 2>&1 || dmsetup remove_all --force || _vc=1
	stop_scsi_debug || _vc=1
	/usr/sbin/losetup -D || _vc=1
	rm -rf /etc/multipath.conf /etc/multipath /run/multipath
	mkdir -p /etc/multipath
	udev_settle
	return $_vc
}
