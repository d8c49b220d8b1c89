#!/bin/sh
# The path storm of storm.sh at a size make test can afford: 64 paths
# (16 LUNs x 4 hosts) removed and added at once in a loop for a minute,
# 4 clients asking all the while. soak_storm.sh runs it at 1,024 paths.
# vm-timeout: 900
STORM_LUNS=16
STORM_SECONDS=60
. /tests/vm/storm.sh
