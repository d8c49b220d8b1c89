#!/bin/sh
# Soak (make soak, not make test): the storm of t_daemon_storm at 1,024
# paths (256 LUNs x 4 hosts), removed and added at once in a loop for
# 5 minutes with 4 clients asking all the while.
# vm-timeout: 5400
STORM_LUNS=${STORM_LUNS:-256}
STORM_SECONDS=${STORM_SECONDS:-300}
. /tests/vm/storm.sh
