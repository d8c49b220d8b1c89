#!/bin/sh
# dm events through the library's dmevents (DM_DEV_ARM_POLL + one
# DM_LIST_DEVICES per wakeup), watched by the mp_dmevents helper: a path
# failed by the kernel, a fail_path message, a table reload, a new map, a
# removed map, no event at all (no wakeup), and 64 maps with one changed
# (one list ioctl per wakeup, counted with strace).
# vm-timeout: 420
. /tests/vm/lib.sh

# watch CMD...: run mp_dmevents, wait until it is ready, run CMD, then end
# the helper's input: it stops once 2 s pass without a wakeup. Its output
# after "ready" goes to /tmp/dmev.out (the initial list to /tmp/dmev.init),
# its exit status to /tmp/dmev.rc. With WATCH_STRACE set, the helper runs
# under strace, its ioctls in /tmp/dmev.strace.
watch() {
	rm -f /tmp/dmev.ctl /tmp/dmev.all /tmp/dmev.rc
	mkfifo /tmp/dmev.ctl
	if [ -n "${WATCH_STRACE:-}" ]; then
		(ASAN_OPTIONS=detect_leaks=0 strace -o /tmp/dmev.strace -e trace=ioctl \
			mp_dmevents 2000 \
			< /tmp/dmev.ctl > /tmp/dmev.all 2>&1
		 echo $? > /tmp/dmev.rc) &
	else
		(mp_dmevents 2000 < /tmp/dmev.ctl > /tmp/dmev.all 2>&1
		 echo $? > /tmp/dmev.rc) &
	fi
	exec 3> /tmp/dmev.ctl
	if ! wait_for "grep -q '^ready' /tmp/dmev.all" 60 "cat /tmp/dmev.all"; then
		exec 3>&-
		return 1
	fi
	"$@" > /tmp/dmev.cmd 2>&1
	exec 3>&-
	wait_for "[ -s /tmp/dmev.rc ]" 120 "cat /tmp/dmev.all" || return 1
	sed -n '1,/^ready$/p' /tmp/dmev.all | grep -v '^ready$' > /tmp/dmev.init
	sed -n '/^ready$/,$p' /tmp/dmev.all | sed 1d > /tmp/dmev.out
	[ "$(cat /tmp/dmev.rc)" = 0 ]
}

out() { cat /tmp/dmev.out; }
wakeups() { sed -n 's/^idle //p' /tmp/dmev.out; }
# reported KIND NAME: how many lines report NAME as KIND
reported() { grep -c "^$1 $2 " /tmp/dmev.out; }
# events_of MAP: the kernel's event number of MAP
events_of() { dmsetup info -c --noheadings -o events "$1" | tr -d ' '; }
# last_reported MAP: the event number of the last "changed MAP" line
last_reported() { awk -v m="$1" '$1 == "changed" && $2 == m { n = $3 } END { print n }' /tmp/dmev.out; }
read_map() { dd if="/dev/mapper/$1" of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null; }

start_scsi_debug 2 2 || fatal "no scsi_debug disks"
write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	path_grouping_policy failover' '}'
multipath -v0 || fatal "multipath did not create the maps"
udev_settle
maps=$(dmsetup ls --target multipath | awk '{ print $1 }' | sort)
assert_eq two-maps 2 "$(echo "$maps" | wc -l)"
# the map of LUN 0 and its path through the first host (the active group)
p0=$(sdebug_path 0 0)
p0_dev=$(devnum "$p0")
m0=$(dm_name "$(ls "/sys/class/block/$p0/holders")")
m1=$(echo "$maps" | grep -vx "$m0")
[ -n "$m0" ] && [ -n "$m1" ] || fatal "no map on $p0" "$maps"
read_map "$m0"
read_map "$m1"
udev_settle
sleep 1

# ---- nothing happens: no wakeup ---------------------------------------------
watch sleep 3 || not_ok idle-helper "$(cat /tmp/dmev.all)"
assert_eq idle-no-wakeup "idle 0" "$(out)"
assert_eq initial-lists-maps "$(printf 'added %s\n' $maps)" \
	"$(awk '{ print $1, $2 }' /tmp/dmev.init | sort)"

# ---- a path failed by the kernel: offline + direct I/O ------------------------
before=$(events_of "$m0")
fail_kernel() { fail_path "$p0"; read_map "$m0"; udev_settle; }
watch fail_kernel || not_ok kernel-fail-helper "$(cat /tmp/dmev.all)"
assert_eq kernel-fail-path-failed F "$(mp_path_state "$m0" "$p0_dev")"
after=$(events_of "$m0")
# once: every event number of the map is reported once, the last one is
# the kernel's, and the other map is not reported
n=$(reported changed "$m0")
assert_eq kernel-fail-reported-once \
	"$(grep "^changed $m0 " /tmp/dmev.out | sort -u | wc -l)" "$n"
if [ "$n" -ge 1 ] && [ "$after" != "$before" ]; then
	ok kernel-fail-reported
else
	not_ok kernel-fail-reported "events $before -> $after" "$(out)"
fi
assert_eq kernel-fail-last-event "$after" "$(last_reported "$m0")"
assert_eq kernel-fail-other-map-quiet 0 "$(reported changed "$m1")"
echo "kernel fail: events $before -> $after, $(wakeups) wakeup(s):" $(out)
restore_path "$p0"
dmsetup message "$m0" 0 reinstate_path "$p0_dev"
read_map "$m0"
udev_settle
sleep 1

# ---- dmsetup message fail_path ----------------------------------------------
before=$(events_of "$m0")
watch dmsetup message "$m0" 0 fail_path "$p0_dev" ||
	not_ok message-helper "$(cat /tmp/dmev.all)"
after=$(events_of "$m0")
assert_eq message-reported-once 1 "$(reported changed "$m0")"
assert_eq message-event-number "$after" "$(last_reported "$m0")"
assert_eq message-other-map-quiet 0 "$(reported changed "$m1")"
echo "fail_path message: events $before -> $after, $(wakeups) wakeup(s):" $(out)
dmsetup message "$m0" 0 reinstate_path "$p0_dev"
udev_settle
sleep 1

# ---- a table reload ------------------------------------------------------------
# The kernel counts a global event when it swaps tables, so the fd wakes;
# the map is reported only when its own event number moved.
before=$(events_of "$m1")
reload() {
	dmsetup table "$m1" > /tmp/dmev.table &&
		dmsetup reload "$m1" /tmp/dmev.table && dmsetup resume "$m1" &&
		udev_settle
}
watch reload || not_ok reload-helper "$(cat /tmp/dmev.all)" "$(cat /tmp/dmev.cmd)"
after=$(events_of "$m1")
if [ "$(wakeups)" -ge 1 ]; then ok reload-wakes; else not_ok reload-wakes "$(out)"; fi
if [ "$after" = "$before" ]; then
	assert_eq reload-reported-as-kernel-counts 0 "$(reported changed "$m1")"
else
	assert_eq reload-reported-as-kernel-counts "$after" "$(last_reported "$m1")"
fi
assert_eq reload-other-map-quiet 0 "$(reported changed "$m0")"
echo "reload: events $before -> $after, $(wakeups) wakeup(s):" $(out)

# ---- a removed map, a new map (multipath -f, multipath) ----------------------
watch multipath -f "$m1" || not_ok remove-helper "$(cat /tmp/dmev.all)" "$(cat /tmp/dmev.cmd)"
assert_eq removed-reported 1 "$(reported removed "$m1")"
assert_eq removed-nothing-else 1 "$(grep -c -v -e '^wakeup' -e '^idle' /tmp/dmev.out)"
echo "remove: $(wakeups) wakeup(s):" $(out)

create() { multipath -v0 && udev_settle; }
watch create || not_ok create-helper "$(cat /tmp/dmev.all)" "$(cat /tmp/dmev.cmd)"
assert_eq created-reported 1 "$(reported added "$m1")"
assert_eq created-no-removal 0 "$(grep -c '^removed' /tmp/dmev.out)"
echo "create: $(wakeups) wakeup(s):" $(out)

# ---- 64 maps, one changed: one list ioctl per wakeup ---------------------------
sectors=$(dev_sectors "$p0")
i=0
while [ $i -lt 64 ]; do
	n=$(printf '%02d' $i)
	dmsetup create "dmev$n" --noudevsync --uuid "mpath-dmevtest$n" \
		--table "0 $sectors multipath 0 0 1 1 round-robin 0 1 1 $p0_dev 1" ||
		fatal "cannot create dmev$n"
	i=$((i + 1))
done
# two maps that are not multipath maps: never reported
dmsetup create dmevlin --noudevsync --uuid LVM-dmevtest \
	--table "0 8 linear $p0_dev 0" || fatal "cannot create dmevlin"
dmsetup create dmevpart --noudevsync --uuid part1-mpath-dmevtest00 \
	--table "0 8 linear $p0_dev 0" || fatal "cannot create dmevpart"
udev_settle
sleep 1
if command -v strace > /dev/null; then
	export WATCH_STRACE=1
else
	echo "no strace in the guest: the ioctls are not counted"
fi
watch dmsetup message dmev17 0 fail_path "$p0_dev" ||
	not_ok many-helper "$(cat /tmp/dmev.all)"
unset WATCH_STRACE
assert_eq many-initial-lists-64 64 "$(grep -c '^added dmev[0-9]' /tmp/dmev.init)"
assert_eq many-initial-no-other-maps 0 "$(grep -c -e '^added dmevlin' -e '^added dmevpart' /tmp/dmev.init)"
assert_eq many-one-reported "changed dmev17 $(events_of dmev17)" "$(grep -v -e '^wakeup' -e '^idle' /tmp/dmev.out)"
w=$(wakeups)
echo "64 maps: $w wakeup(s):" $(out)
if [ -s /tmp/dmev.strace ]; then
	lists=$(grep -c 'DM_LIST_DEVICES' /tmp/dmev.strace)
	arms=$(grep -c 'DM_DEV_ARM_POLL' /tmp/dmev.strace)
	versions=$(grep -c 'DM_VERSION' /tmp/dmev.strace)
	others=$(grep 'ioctl(' /tmp/dmev.strace | grep -c -v -e DM_LIST_DEVICES \
		-e DM_DEV_ARM_POLL -e DM_VERSION -e TCGETS)
	echo "64 maps: ioctls: $versions DM_VERSION, $lists DM_LIST_DEVICES, $arms DM_DEV_ARM_POLL, $others others for $w wakeup(s)"
	assert_eq many-one-list-per-wakeup $((w + 1)) "$lists"
	assert_eq many-one-arm-per-wakeup $((w + 1)) "$arms"
	assert_eq many-one-version-check 1 "$versions"
	assert_eq many-no-other-ioctls 0 "$others"
	if [ "$others" != 0 ]; then grep 'ioctl(' /tmp/dmev.strace | head -20; fi
fi
finish
