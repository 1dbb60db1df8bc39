#!/usr/bin/env bash
# Waits until a freshly started server has finished its start-up work, so that a benchmark does not time requests
# against it: the tile overview pass reads and generalises the whole parcels table in the background (15–45 s for
# 1,000,000 parcels on 2 cores), and requests timed meanwhile came out several times slower (issue 12's bbox
# figures). Settled = under 5 % of one core for 3 s in a row; gives up after MAX seconds (default 240).
#   bench/settle.sh PID [MAX]
set -euo pipefail
pid=$1; max=${2:-240}
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK); quiet=0; start=$SECONDS
while [ $quiet -lt 3 ] && [ $((SECONDS - start)) -lt "$max" ]; do
  a=$(ticks); sleep 1; b=$(ticks)
  if [ $(( (b - a) * 100 )) -lt $((5 * hz)) ]; then quiet=$((quiet + 1)); else quiet=0; fi
done
echo "# server $pid settled after $((SECONDS - start)) s$([ $quiet -lt 3 ] && echo " (gave up: still busy)")"
