#!/usr/bin/env bash
# The wrk tail after a quiet spell: one server, warmed with sequential requests and a wrk turn, then wrk turns back to
# back and after IDLE seconds of nothing, on one bbox page. Prints req/s, p50 and p99 per turn, and how many times the
# server gave memory back (Hosting/MemoryRelease) meanwhile.
#   bench/wrk-tail.sh API_DIR CONNECTION BBOX
#     API_DIR     a built Geo.Api (src/Geo.Api/bin/Release/net10.0)
#     CONNECTION  the Npgsql connection string of a database holding parcels; add e.g.
#                 ";Connection Idle Lifetime=20;Connection Pruning Interval=5" to see Npgsql's pruning within IDLE
#     BBOX        minx,miny,maxx,maxy (CRS84), e.g. bench/peers.sh's M box
# Env: IDLE=45 (seconds), PORT=5391, WRK_CONNS=16, TURN=10 (seconds).
set -euo pipefail
dir=$1; connection=$2; bbox=$3
idle=${IDLE:-45}; port=${PORT:-5391}; conns=${WRK_CONNS:-16}; seconds=${TURN:-10}
url="http://127.0.0.1:$port/ogcapi/collections/parcels/items?bbox=$bbox&limit=20000"
log=$(mktemp)
env ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning Logging__LogLevel__Geo.Api.Hosting.MemoryRelease=Debug \
  Tiles__GeneraliseAboveFeatures=100000000 "$dir/Geo.Api" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
for _ in $(seq 1 150); do curl -s -o /dev/null -H 'Accept: application/geo+json' "$url"; done
turn() {
  wrk -t2 -c"$conns" -d"$1s" --latency -H 'Accept: application/geo+json' "$url" |
    awk -v n="$2" '/Requests\/sec/{r=$2} /^ +50%/{p50=$2} /^ +99%/{p99=$2} END{printf "%-24s req/s %s p50 %s p99 %s\n", n, r, p50, p99}'
}
turn 5 "warm (first concurrent)"
turn "$seconds" back-to-back
sleep "$idle"; turn "$seconds" "after ${idle} s idle"
turn "$seconds" back-to-back
sleep "$idle"; turn "$seconds" "after ${idle} s idle"
echo "memory released $(grep -c 'Released memory' "$log" || true) times"
