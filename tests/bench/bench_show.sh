#!/bin/sh
# Benchmark: the reply time of "show paths", "show maps topology" and
# "show maps" at 1,024 paths (256 LUNs x 4 hosts), ours and the
# reference's (Debian's 0.9.4) in the same guest, with the same client
# (mp_ask: from the request sent to the whole reply read, 20 requests),
# while every path's checker is due each second (polling_interval 1;
# BENCH_POLLS="5 1" adds a quieter round). Prints figures and the ratio
# ours/reference; never fails on time.
# vm-timeout: 3000
. /tests/vm/lib.sh

LUNS=${BENCH_LUNS:-256}
HOSTS=${BENCH_HOSTS:-4}
NPATHS=$((LUNS * HOSTS))
N=${BENCH_REQUESTS:-20}

nmaps() { dmsetup ls --target multipath 2>/dev/null | grep -c mpath; }
avg_us() { mp_ask "$N" "$1" | awk '{ print $8 }'; }

t0=$(now_ms)
start_scsi_debug "$HOSTS" "$LUNS" || fatal "scsi_debug did not give $NPATHS disks"
echo "BENCH setup: $NPATHS paths ready in $(( $(now_ms) - t0 )) ms"

measure() {
	_who=$1 _poll=$2
	fresh
	write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
		"	polling_interval $_poll" '}'
	if [ "$_who" = ours ]; then
		multipathd -d -s -v1 > /tmp/daemon.log 2>&1 &
	else
		ref_multipathd -d -s -v1 > /tmp/daemon.log 2>&1 &
	fi
	wait_for "[ \$(nmaps) -eq $LUNS ]" 1200 || not_ok "$_who-maps-ready"
	wait_for "multipathd show daemon 2>/dev/null | grep -q idle" 120
	sleep 5
	_lines=$(multipathd show paths | wc -l)
	assert_eq "$_who-poll$_poll-show-paths-lines" "$((NPATHS + 1))" "$_lines"
	eval "${_who}_${_poll}_paths=$(avg_us 'show paths')"
	eval "${_who}_${_poll}_topo=$(avg_us 'show maps topology')"
	eval "${_who}_${_poll}_maps=$(avg_us 'show maps')"
	stop_any
}

for poll in ${BENCH_POLLS:-1}; do
	measure ref "$poll"
	measure ours "$poll"
done

for poll in ${BENCH_POLLS:-1}; do
	for what in paths topo maps; do
		eval "o=\$ours_${poll}_$what r=\$ref_${poll}_$what"
		echo "BENCH show $what (polling_interval $poll, $NPATHS paths): ours $o us, reference $r us, ratio $(ratio "$o" "$r")"
	done
done
finish
