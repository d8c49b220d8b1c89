#!/bin/sh
# Benchmark: one checking round over 64 and 256 scsi_debug paths with each
# checker. Ours: the round as multipath -v3 -ll measures it (all checks
# started at once, results awaited: wall time and process CPU), and the
# whole multipath -ll; the reference (Debian's 0.9.4, which checks one path
# after the other): the whole multipath -ll, in the same guest. The round's
# share of a whole -ll is its time minus that of path_checker none.
# Prints figures; never fails on time.
# vm-timeout: 2400
. /tests/vm/lib.sh

RUNS=3
CHECKERS="none tur readsector0 directio hp_sw"

conf() {
	write_conf 'defaults {' '	user_friendly_names yes' \
		'	find_multipaths no' '	detect_checker no' \
		"	path_checker $1" '}'
}

# both programs in a private mount namespace, as ref_run needs one
cat > /tmp/our_mp <<'EOS'
#!/bin/sh
exec unshare -m /usr/sbin/multipath "$@"
EOS
cat > /tmp/ref_mp <<'EOS'
#!/bin/sh
exec unshare -m sh -c 'mount --bind /ref/lib/multipath /usr/lib/multipath &&
	LD_LIBRARY_PATH=/ref/lib exec /ref/sbin/multipath "$@"' ref_mp "$@"
EOS
chmod +x /tmp/our_mp /tmp/ref_mp

# timed PROG ARGS...: "wall_ms cpu_ms" of one run, averaged over RUNS
timed() {
	busybox time -f '%e %U %S' -o /tmp/time.out sh -c '
		i=0
		while [ $i -lt '"$RUNS"' ]; do
			"$@" >/dev/null 2>&1
			i=$((i + 1))
		done' timed "$@"
	awk -v n="$RUNS" 'END { printf "%d %d\n", $1 * 1000 / n, ($2 + $3) * 1000 / n }' \
		/tmp/time.out
}

# round: "wall_ms cpu_ms" of our checking round, averaged over RUNS
round() {
	_i=0
	while [ $_i -lt "$RUNS" ]; do
		multipath -v3 -ll 2>&1 >/dev/null |
			sed -n 's/.*| checked [0-9]* paths in \([0-9]*\) ms, cpu \([0-9]*\) ms/\1 \2/p'
		_i=$((_i + 1))
	done | awk '{ w += $1; c += $2; n++ } END { printf "%d %d\n", w / n, c / n }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "x%.1f", b ? a / b : 0 }'; }

for paths in 64 256; do
	conf none
	start_scsi_debug 2 $((paths / 2)) || fatal "scsi_debug did not give $paths disks"
	ref_multipath -v0 || fatal "the reference did not create the maps"
	for chk in $CHECKERS; do
		conf "$chk"
		multipath -ll >/dev/null 2>&1	# warm the caches
		set -- $(round)
		rw=$1 rc=$2
		set -- $(timed /tmp/our_mp -ll)
		ow=$1 oc=$2
		set -- $(timed /tmp/ref_mp -ll)
		fw=$1 fc=$2
		echo "BENCH paths=$paths $chk: our round ${rw} ms wall, ${rc} ms cpu;" \
			"multipath -ll ours ${ow} ms wall ${oc} ms cpu," \
			"reference ${fw} ms wall ${fc} ms cpu"
		eval "rw_${chk}_$paths=$rw rc_${chk}_$paths=$rc ow_${chk}_$paths=$ow" \
			"oc_${chk}_$paths=$oc fw_${chk}_$paths=$fw fc_${chk}_$paths=$fc"
	done
	dmsetup remove_all
	stop_scsi_debug
done

for chk in $CHECKERS; do
	[ "$chk" = none ] && continue
	for paths in 64 256; do
		eval "ow=\$ow_${chk}_$paths on=\$ow_none_$paths fw=\$fw_${chk}_$paths fn=\$fw_none_$paths"
		echo "BENCH paths=$paths $chk: checking share of multipath -ll (minus none):" \
			"ours $((ow - on)) ms, reference $((fw - fn)) ms"
	done
	eval "r64=\$rw_${chk}_64 r256=\$rw_${chk}_256 c64=\$rc_${chk}_64 c256=\$rc_${chk}_256"
	eval "o64=\$ow_${chk}_64 o256=\$ow_${chk}_256 f64=\$fw_${chk}_64 f256=\$fw_${chk}_256"
	echo "BENCH $chk 64 -> 256 paths: our round $(ratio "$r256" "$r64") wall," \
		"$(ratio "$c256" "$c64") cpu; multipath -ll ours $(ratio "$o256" "$o64")," \
		"reference $(ratio "$f256" "$f64")"
done
ok figures-printed
finish
