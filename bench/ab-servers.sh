#!/usr/bin/env bash
# Two builds of the service side by side on one PostGIS database, measured in alternating turns (A, B, A, B, …) so that
# the load of a shared machine falls on both alike: per turn, wrk on one URL (req/s) and the server's CPU per request
# (utime+stime from /proc before and after the turn, divided by wrk's request count), with the load average.
#   bench/ab-servers.sh A_DIR B_DIR CONNECTION URL_PATH
#     A_DIR, B_DIR   folders holding a built Geo.Api (e.g. src/Geo.Api/bin/Release/net10.0 of two checkouts)
#     CONNECTION     the Npgsql connection string of the database both serve
#     URL_PATH       e.g. '/ogcapi/collections/parcels/items?bbox=108.40,31.24,108.42,31.26&limit=20000'
# Env: PORT_A=5384 PORT_B=5389, ROUNDS=4, WRK_DURATION=10s, WRK_CONNS=16 (2 wrk threads, as peers.sh; 1 connection: 1),
#      WARM=150 (requests to each before the first turn: tiered JIT), PGDATA (the cluster's data folder: wait for it to
#      settle too, see settle.sh), ACCEPT='application/geo+json', CONNECTION_B (B's own connection string, e.g. the same
#      database with other settings; default CONNECTION), PRIME (a path each server is asked once before the warm-up, as
#      a client would first: e.g. /ogcapi/collections, after which PostGIS pages know each collection's extent and count).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
a_dir=$1; b_dir=$2; connection=$3; path=$4
port_a=${PORT_A:-5384}; port_b=${PORT_B:-5389}; rounds=${ROUNDS:-4}
duration=${WRK_DURATION:-10s}; conns=${WRK_CONNS:-16}; warm=${WARM:-150}; accept=${ACCEPT:-application/geo+json}
hz=$(getconf CLK_TCK); threads=$(( conns < 2 ? 1 : 2 ))

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
declare -A pid_of port_of=([A]=$port_a [B]=$port_b) dir_of=([A]=$a_dir [B]=$b_dir) connection_of=([A]=$connection [B]=${CONNECTION_B:-$connection})
for arm in A B; do
  ConnectionStrings__Geo="${connection_of[$arm]}" Logging__LogLevel__Default=Warning \
    "${dir_of[$arm]}/Geo.Api" --urls "http://127.0.0.1:${port_of[$arm]}" >"/tmp/ab-servers-$arm.log" 2>&1 &
  pid_of[$arm]=$!; pids+=("$!")
done
for arm in A B; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:${port_of[$arm]}/health" >/dev/null && break; sleep 0.2; done
done
for arm in A B; do "$repo/bench/settle.sh" "${pid_of[$arm]}" 600 "${PGDATA:-}"; done
for arm in A B; do
  [ -n "${PRIME:-}" ] && curl -s -o /dev/null "http://127.0.0.1:${port_of[$arm]}$PRIME"
  for _ in $(seq 1 "$warm"); do curl -s -o /dev/null -H "Accept: $accept" "http://127.0.0.1:${port_of[$arm]}$path"; done
done

cpu() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
echo "round arm load req_s p50_ms cpu_ms_per_req"
for round in $(seq 1 "$rounds"); do
  for arm in A B; do
    before=$(cpu "${pid_of[$arm]}")
    out=$(wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "Accept: $accept" "http://127.0.0.1:${port_of[$arm]}$path")
    after=$(cpu "${pid_of[$arm]}")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    awk -v r="$round" -v a="$arm" -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$requests" -v t=$((after - before)) -v hz="$hz" '
      /Requests\/sec/ {rps = $2} /^ +50%/ {p = $2; if (p ~ /ms$/) p += 0; else if (p ~ /us$/) p = p / 1000; else p = p * 1000}
      END {printf "%s %s %s %.1f %.2f %.3f\n", r, a, l, rps, p, t * 1000 / hz / n}' <<<"$out"
  done
done
