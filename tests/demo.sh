#!/bin/sh
# make demo: show the tools at work.
set -eu
B=${B:-build}
echo "== multipath -t (merged configuration, first lines) =="
"$B/sbin/multipath" -t | head -40
echo "..."
echo "== built-in hardware table: $("$B/sbin/multipath" -t | grep -c 'vendor') vendor lines =="
