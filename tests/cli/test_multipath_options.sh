#!/bin/sh
# multipath's option parsing, -t and -T, on a private /etc.
set -u
. "$(dirname "$0")/lib.sh"
MP=$B/sbin/multipath
REF=tests/unit/data/reference-t.txt
etc=$(new_etc)
trap 'rm -rf "$etc"' EXIT

check "-h exits 0" "$MP" -h
if "$MP" -Z >/dev/null 2>&1; then not_ok "unknown option fails"; else ok "unknown option fails"; fi
out=$("$MP" -p bogus 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "'bogus' is not a valid policy"; then
	ok "-p with a bad policy is refused"
else
	not_ok "-p with a bad policy is refused" "rc=$rc" "$out"
fi
out=$("$MP" -v 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "option -v needs an argument"; then
	ok "-v without argument is refused"
else
	not_ok "-v without argument is refused" "rc=$rc" "$out"
fi
if "$MP" -t -F >/dev/null 2>&1; then not_ok "two actions are refused"; else ok "two actions are refused"; fi

# -t without any configuration file equals the reference's dump
if with_etc "$etc" "$MP" -t > "$etc/out.t" 2>"$etc/err" && cmp -s "$etc/out.t" "$REF"; then
	ok "-t without multipath.conf matches the reference"
else
	not_ok "-t without multipath.conf matches the reference" "$(diff "$REF" "$etc/out.t" | head -20)" "$(cat "$etc/err")"
fi

# -t round trip: the printed configuration, read back, prints identically
cp "$etc/out.t" "$etc/multipath.conf"
with_etc "$etc" "$MP" -t > "$etc/out2.t" 2>/dev/null
if cmp -s "$etc/out.t" "$etc/out2.t"; then ok "-t output parses back identically"; else
	not_ok "-t output parses back identically" "$(diff "$etc/out.t" "$etc/out2.t" | head -20)"; fi

# conf.d files are read in alphabetical order after the main file
mkdir -p "$etc/multipath/conf.d"
printf 'defaults {\n\tpolling_interval 6\n}\n' > "$etc/multipath.conf"
printf 'defaults {\n\tpolling_interval 8\n}\n' > "$etc/multipath/conf.d/b.conf"
printf 'defaults {\n\tpolling_interval 7\n\tmax_fds 99\n}\n' > "$etc/multipath/conf.d/a.conf"
printf 'defaults {\n\tpolling_interval 9\n}\n' > "$etc/multipath/conf.d/c.conf.bak"
out=$(with_etc "$etc" "$MP" -t 2>&1)
if echo "$out" | grep -q "^	polling_interval 8$" && echo "$out" | grep -q "^	max_fds 99$"; then
	ok "conf.d files apply in order after multipath.conf"
else
	not_ok "conf.d files apply in order after multipath.conf" "$(echo "$out" | head -5)"
fi

# a bad line is warned about with file and line, the rest applies
printf 'defaults {\n\tpolling_interval 6\n\tbogus_kw 1\n\tuser_friendly_names yes\n}\n' > "$etc/multipath.conf"
rm -rf "$etc/multipath/conf.d"
out=$(with_etc "$etc" "$MP" -t 2>&1)
if echo "$out" | grep -q "/etc/multipath.conf line 3, invalid keyword in the defaults section: bogus_kw" &&
   echo "$out" | grep -q '^	user_friendly_names "yes"$'; then
	ok "bad line warned with file:line, rest applies"
else
	not_ok "bad line warned with file:line, rest applies" "$(echo "$out" | head -5)"
fi

# an unreadable configuration file is an error
rm -f "$etc/multipath.conf"
mkdir "$etc/multipath.conf"
out=$(with_etc "$etc" "$MP" -t 2>&1); rc=$?
if [ $rc -ne 0 ] && echo "$out" | grep -q "/etc/multipath.conf: cannot read configuration"; then
	ok "unreadable multipath.conf is an error"
else
	not_ok "unreadable multipath.conf is an error" "rc=$rc" "$out"
fi
rmdir "$etc/multipath.conf"

# -T: user device entries only, not the built-in table
printf 'devices {\n\tdevice {\n\t\tvendor ACME\n\t\tproduct Box\n\t}\n}\n' > "$etc/multipath.conf"
out=$(with_etc "$etc" "$MP" -T 2>&1)
n=$(echo "$out" | sed -n '/^devices {/,/^}/p' | grep -c 'vendor')
if [ "$n" -eq 1 ] && echo "$out" | grep -q 'vendor "ACME"'; then
	ok "-T lists only the user's device entries"
else
	not_ok "-T lists only the user's device entries" "vendors in devices: $n"
fi
finish
