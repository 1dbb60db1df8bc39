#!/usr/bin/env bash
# What one small answer costs through curl as bench/peers.sh times it (a new curl process and TCP connection per
# request, median of time_total), beside the floor: bench/RequestFloor, a bare ASP.NET Core app on the same runtime
# answering the same bytes as our items/{id} (/item), and the same after reading the row by its primary key
# (/row/ITEM: the floor of an answer that needs one database round trip). Builds A and, optionally, B are served from one PostGIS database and
# measured in alternating turns; per turn and URL: median and p90 ms of RUNS requests and the server's CPU per request
# (utime+stime from /proc over the turn), with the load average.
#   bench/request-floor.sh CONNECTION A_DIR [B_DIR]
#     CONNECTION   the Npgsql connection string of a database holding parcels (e.g. bench/peers.sh's, or gis-data + synthetic)
#     A_DIR, B_DIR folders holding a built Geo.Api (src/Geo.Api/bin/Release/net10.0 of two checkouts)
# Env: PATHS (space-separated URL paths; default /health, /ogcapi/collections, items/ID, a second item, a 404 item),
#      CONNECTION_B (B's connection string, e.g. with Npgsql settings of its own; B_DIR may then be A_DIR),
#      ITEM=500000, ITEM2=123457, ROUNDS=3, RUNS=200, WARM=200, PORT_FLOOR=5386 PORT_A=5383 PORT_B=5387, PGDATA (settle.sh).
#      A path holding {id} asks for a different random id from 1 to COLD_MAX (1000000) each request: cold lookups,
#      e.g. PATHS="/ogcapi/collections/parcels/items/{id}".
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
connection=$1; a_dir=$2; b_dir=${3:-}
item=${ITEM:-500000}; item2=${ITEM2:-123457}; cold_max=${COLD_MAX:-1000000}; rounds=${ROUNDS:-3}; runs=${RUNS:-200}; warm=${WARM:-200}
paths=${PATHS:-"/health /ogcapi/collections /ogcapi/collections/parcels/items/$item /ogcapi/collections/parcels/items/$item2 /ogcapi/collections/parcels/items/999999999"}
declare -A port_of=([floor]=${PORT_FLOOR:-5386} [A]=${PORT_A:-5383} [B]=${PORT_B:-5387}) pid_of
hz=$(getconf CLK_TCK)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

arms=(A); [ -n "$b_dir" ] && arms+=(B)
declare -A dir_of=([A]=$a_dir [B]=$b_dir) connection_of=([A]=$connection [B]=${CONNECTION_B:-$connection})
for arm in "${arms[@]}"; do
  ConnectionStrings__Geo="${connection_of[$arm]}" Logging__LogLevel__Default=Warning \
    "${dir_of[$arm]}/Geo.Api" --urls "http://127.0.0.1:${port_of[$arm]}" >"/tmp/request-floor-$arm.log" 2>&1 &
  pid_of[$arm]=$!; pids+=("$!")
done
for arm in "${arms[@]}"; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:${port_of[$arm]}/health" >/dev/null && break; sleep 0.2; done
done
body=$(mktemp); curl -sf -o "$body" -H 'Accept: application/geo+json' "http://127.0.0.1:${port_of[A]}/ogcapi/collections/parcels/items/$item"
dotnet build "$repo/bench/RequestFloor" -c Release -v q -nologo >/dev/null
FLOOR_BODY="$body" FLOOR_CONNECTION="$connection" ASPNETCORE_URLS="http://127.0.0.1:${port_of[floor]}" "$repo/bench/RequestFloor/bin/Release/net10.0/RequestFloor" >/tmp/request-floor-floor.log 2>&1 &
pid_of[floor]=$!; pids+=("$!")
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:${port_of[floor]}/item" && break; sleep 0.2; done
for arm in "${arms[@]}"; do "$repo/bench/settle.sh" "${pid_of[$arm]}" 600 "${PGDATA:-}"; done

cpu() { [ $# -gt 0 ] || { echo 0; return; }; awk '{sub(/^.*\) /, ""); s += $12 + $13} END {print s + 0}' "${@/#//proc/}" 2>/dev/null || true; }
# The cluster's processes (postmaster and backends), when PGDATA names it: what the database spends per request.
cluster() { [ -n "${PGDATA:-}" ] && { local m; m=$(head -n 1 "$PGDATA/postmaster.pid"); echo "$m/stat" $(pgrep -P "$m" | sed 's|$|/stat|'); }; }
with_id() { echo "${1//'{id}'/$(( (RANDOM * 32768 + RANDOM) % cold_max + 1 ))}"; }
# One turn: RUNS curl processes on one URL; prints median, p90, the server's and the cluster's CPU ms per request.
turn() {
  local pid=$1 url=$2 before after pg_before pg_after
  before=$(cpu "$pid/stat"); pg_before=$(cpu $(cluster))
  for _ in $(seq 1 "$runs"); do curl -s -o /dev/null -H 'Accept: application/geo+json' -w '%{time_total}\n' "$(with_id "$url")"; done |
    sort -n | awk -v n="$runs" '{ t[NR] = $1 * 1000 } END { printf "%.2f %.2f", t[int((n + 1) / 2)], t[int(n * 0.9)] }'
  after=$(cpu "$pid/stat"); pg_after=$(cpu $(cluster))
  awk -v t=$((after - before)) -v c=$((pg_after - pg_before)) -v hz="$hz" -v n="$runs" 'BEGIN { printf " %.3f %.3f\n", t * 1000 / hz / n, c * 1000 / hz / n }'
}
targets=("floor /item" "floor /row/$item")
for arm in "${arms[@]}"; do for p in $paths; do targets+=("$arm $p"); done; done
for t in "${targets[@]}"; do
  read -r arm p <<<"$t"
  for _ in $(seq 1 "$warm"); do curl -s -o /dev/null -H 'Accept: application/geo+json' "$(with_id "http://127.0.0.1:${port_of[$arm]}$p")"; done
done
echo "round load arm path median_ms p90_ms server_cpu_ms cluster_cpu_ms (a request)"
for round in $(seq 1 "$rounds"); do
  # Each URL of every arm once per round, the arms interleaved URL by URL, so that load falls on all alike.
  for p in /item "/row/$item" $paths; do
    for arm in floor "${arms[@]}"; do
      { [ "$arm" = floor ] && [[ "$p" != /item && "$p" != /row/* ]]; } && continue
      { [ "$arm" != floor ] && [[ "$p" = /item || "$p" = /row/* ]]; } && continue
      echo "$round $(cut -d' ' -f1 /proc/loadavg) $arm $p $(turn "${pid_of[$arm]}" "http://127.0.0.1:${port_of[$arm]}$p")"
    done
  done
done
