#!/usr/bin/env bash
# Waits until a freshly started server has finished its start-up work, so that a benchmark does not time requests
# against it: the tile overview pass reads and generalises the whole parcels table in the background (15–45 s for
# 1,000,000 parcels on 2 cores), then merges every tileMatrix-12 tile in PostgreSQL (~1–2 min of one core, while the
# server itself idles waiting on it). Requests timed meanwhile came out several times slower (issue 12's bbox figures;
# wrk 157 against 210 req/s, BENCHMARKS session 9). So with PGDATA the cluster's processes count too (the postmaster
# and its children: the backends doing the merging). Settled = under 5 % of one core for 3 s in a row, server and
# cluster together; gives up after MAX seconds (default 240).
#   bench/settle.sh PID [MAX] [PGDATA]
set -euo pipefail
pid=$1; max=${2:-240}; pgdata=${3:-}
# CPU ticks (utime + stime) of every process watched, one "pid ticks" line each.
ticks() {
  local pids=$pid
  if [ -n "$pgdata" ] && [ -s "$pgdata/postmaster.pid" ]; then
    local postmaster; postmaster=$(head -n 1 "$pgdata/postmaster.pid")
    pids="$pids $postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
  fi
  for p in $pids; do
    [ -r "/proc/$p/stat" ] && awk -v p="$p" '{sub(/^.*\) /, ""); print p, $12 + $13}' "/proc/$p/stat" 2>/dev/null || true
  done
}
hz=$(getconf CLK_TCK); quiet=0; start=$SECONDS
while [ $quiet -lt 3 ] && [ $((SECONDS - start)) -lt "$max" ]; do
  a=$(ticks); sleep 1; b=$(ticks)
  # A backend that ended within the second is not counted: pooled connections doing the work last longer.
  used=$(awk 'NR == FNR { t[$1] = $2; next } ($1 in t) { s += $2 - t[$1] } END { print s + 0 }' <(echo "$a") <(echo "$b"))
  if [ $((used * 100)) -lt $((5 * hz)) ]; then quiet=$((quiet + 1)); else quiet=0; fi
done
echo "# server $pid${pgdata:+ and cluster $pgdata} settled after $((SECONDS - start)) s$([ $quiet -lt 3 ] && echo " (gave up: still busy)")"
