#!/usr/bin/env bash
# Benchmark: /collections and the unfiltered first page on a parcels table of 1,000,000 synthetic rows, beside the raw
# SQL they used to run on every call (ST_Extent and count(*) over the table), in the same run.
#   bench/ogcapi-metadata.sh      results in docs/BENCHMARKS.md
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
port=${BENCH_PORT:-5297}
base="http://127.0.0.1:$port"
db=bench_metadata
rows=1000000
# shellcheck source=bench/synthetic-parcels.sh
source "$repo/bench/synthetic-parcels.sh"
ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning "$api" --urls "$base" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done
ms() { curl -so /dev/null -w '%{time_total}' "$1" | awk '{printf "%.1f", $1*1000}'; }
echo "first /collections (scan, cold): $(ms "$base/ogcapi/collections") ms"
for _ in $(seq 1 60); do curl -so /dev/null "$base/ogcapi/collections"; curl -so /dev/null "$base/ogcapi/collections/parcels/items?limit=10"; done
c=(); p=(); for _ in $(seq 1 20); do c+=("$(ms "$base/ogcapi/collections")"); p+=("$(ms "$base/ogcapi/collections/parcels/items?limit=10")"); done
echo "/collections warm: $(printf '%s\n' "${c[@]}" | sort -n | sed -n '5p;10p;15p' | paste -sd' ') ms (p25 p50 p75)"
echo "items?limit=10 warm: $(printf '%s\n' "${p[@]}" | sort -n | sed -n '5p;10p;15p' | paste -sd' ') ms"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -d "$db" -c "UPDATE milestones SET id = id WHERE false" >/dev/null
echo "first page after a write (estimate): $(ms "$base/ogcapi/collections/parcels/items?limit=10") ms; $(curl -s "$base/ogcapi/collections/parcels/items?limit=10" | grep -o '"numberMatched":[0-9]*')"
echo "/collections after a write (one scan): $(ms "$base/ogcapi/collections") ms"
echo "raw SQL extent+count of parcels:"; psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -c '\timing on' -c "SELECT ST_Extent(geom), count(*) FROM parcels" -c "SELECT ST_Extent(geom), count(*) FROM parcels" | grep Time
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
