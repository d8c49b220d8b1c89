#!/bin/sh
# "show metrics": OpenMetrics text that a scraper can take (every sample
# of a declared family, counters ending in _total, "# EOF" last), whose
# figures follow a path that fails and comes back; any user may read it.
# vm-timeout: 200
. /tests/vm/lib.sh

write_conf 'defaults {' '	user_friendly_names yes' '	find_multipaths no' \
	'	polling_interval 2' '}'
start_scsi_debug 2 1 || fatal "no scsi_debug disks"
a=$(sdebug_path 0 0)
start_daemon || fatal "multipathd did not start"
wait_for "[ -e /dev/mapper/mpatha ]" 30 || fatal "no map"
m=mpatha

# metric NAME{LABELS}: its value in the current metrics
metric() { multipathd show metrics | awk -v k="$1" '$1 == k { print $2 }'; }

# the text as OpenMetrics wants it
valid() {
	awk '
	/^# TYPE / { type[$3] = $4; next }
	/^# HELP / { if (!($3 in type)) { print "HELP before TYPE: " $0; bad = 1 }; next }
	/^# EOF$/ { eof = NR; next }
	/^#/ { print "unknown comment: " $0; bad = 1; next }
	{
		if (eof) { print "after EOF: " $0; bad = 1 }
		if ($0 !~ /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*")*\})? -?[0-9.]+(e[-+]?[0-9]+)?$/) {
			print "bad sample: " $0; bad = 1 }
		name = $1; sub(/\{.*/, "", name)
		fam = name
		if (!(fam in type)) sub(/_(total|count|sum)$/, "", fam)
		if (!(fam in type)) { print "no family: " $0; bad = 1 }
		else if (type[fam] == "counter" && name !~ /_total$/) { print "counter without _total: " $0; bad = 1 }
	}
	END { if (eof != NR) { print "does not end with # EOF"; bad = 1 }; exit bad }'
}

out=$(multipathd show metrics)
if msg=$(echo "$out" | valid); then ok metrics-openmetrics; else
	not_ok metrics-openmetrics "$msg"; fi
assert_eq metrics-map-paths 2 "$(metric "multipathd_map_paths{map=\"$m\"}")"
assert_eq metrics-map-usable 2 "$(metric "multipathd_map_usable_paths{map=\"$m\"}")"
assert_eq metrics-paths-up 2 "$(metric 'multipathd_paths{state="up"}')"
assert_eq metrics-maps 1 "$(metric multipathd_maps)"
check metrics-checks-counted test "$(metric 'multipathd_checks_total{result="up"}')" -ge 2
check metrics-tur-timed test "$(metric 'multipathd_checker_duration_seconds_count{checker="tur"}')" -ge 2
f0=$(metric multipathd_dm_path_failures_total)
r0=$(metric multipathd_dm_path_reinstates_total)

fail_path "$a"
wait_for "[ \"\$(mp_path_state $m $(devnum "$a"))\" = F ]" 20
assert_eq metrics-usable-after-fail 1 "$(metric "multipathd_map_usable_paths{map=\"$m\"}")"
assert_eq metrics-fail-counted "$((f0 + 1))" "$(metric multipathd_dm_path_failures_total)"
assert_eq metrics-map-faults 1 "$(metric "multipathd_map_path_faults_total{map=\"$m\"}")"
assert_eq metrics-paths-down 1 "$(metric 'multipathd_paths{state="down"}')"
restore_path "$a"
wait_for "[ \"\$(mp_path_state $m $(devnum "$a"))\" = A ]" 20
assert_eq metrics-reinstate-counted "$((r0 + 1))" "$(metric multipathd_dm_path_reinstates_total)"
assert_eq metrics-usable-back 2 "$(metric "multipathd_map_usable_paths{map=\"$m\"}")"

c0=$(metric multipathd_reconfigures_total)
multipathd reconfigure >/dev/null
assert_eq metrics-reconfigure-counted "$((c0 + 1))" "$(metric multipathd_reconfigures_total)"
check metrics-reconfigure-timed awk -v v="$(metric multipathd_reconfigure_last_duration_seconds)" 'BEGIN { exit !(v > 0) }'
# a show: any user may read it
assert_match metrics-as-nobody '^# EOF$' "$(su -s /bin/sh nobody -c 'multipathd show metrics')"
if msg=$(multipathd show metrics | valid); then ok metrics-openmetrics-after; else
	not_ok metrics-openmetrics-after "$msg"; fi
multipathd show metrics | head -40
finish
