#!/usr/bin/env bash
# Benchmark: the embedded store (no database) on a gis-data folder whose parcels.geojson holds 1,000,000 tessellated
# parcels: time from process start to /health/ready = 200, resident memory then and after some requests, and the peak.
# Two starts: the first with no snapshot (parses and checks gis-data, then writes the packed snapshot into the state
# folder), the second reading that snapshot.
#   bench/embedded-scale.sh [folder]      results in docs/BENCHMARKS.md
# RUNS=n (default 1) repeats both starts; BASE_API=path/to/another/build/Geo.Api (e.g. main's Release build) starts that
# build too, right after ours in each run, on its own state folder, so both are measured at the same load.
# The folder (default /tmp/kaizhou-embedded-1m, kept out of git: ~460 MB) is written once from the peers' generator
# (/work/shared/bench-peers/gen-parcels.sql, or GEN_PARCELS_SQL) in this checkout's private PostGIS cluster, with the
# other layers copied from gis-data/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
folder=${1:-/tmp/kaizhou-embedded-1m}
generator=${GEN_PARCELS_SQL:-/work/shared/bench-peers/gen-parcels.sql}
count=${PARCELS:-1000000}
port=${BENCH_PORT:-5299}
base="http://127.0.0.1:$port"

if [ ! -s "$folder/parcels.geojson" ]; then
  admin=$("$repo/scripts/postgis-start.sh")
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
  sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -q "$@"; }
  sql -c "DROP DATABASE IF EXISTS bench_embedded WITH (FORCE)" -c "CREATE DATABASE bench_embedded" postgres
  sql -d bench_embedded -v n="$count" -v table=parcels_gen -f "$generator" >/dev/null
  sql -d bench_embedded -c "CREATE TABLE tw (code text, name text, type text)" -c "\copy tw FROM '$repo/gis-data/townships.csv' CSV HEADER"
  mkdir -p "$folder"
  cp "$repo"/gis-data/*.geojson "$repo"/gis-data/*.csv "$folder/"
  # The gis-data parcels format: one feature per line, integer id, the catalog's properties, MultiPolygon, 7 decimals.
  { echo '{"type":"FeatureCollection","features":['
    sql -d bench_embedded -At -c "
      SELECT json_build_object('type', 'Feature', 'id', g.id, 'properties', json_build_object(
        'land_use_code', CASE g.land_use WHEN '耕地' THEN '0103' WHEN '园地' THEN '0201' WHEN '林地' THEN '0301' WHEN '草地' THEN '0404'
                         WHEN '建设用地' THEN '0701' WHEN '水域' THEN '1101' WHEN '交通运输用地' THEN '1003' ELSE '1206' END,
        'land_use', g.land_use, 'area_m2', g.area_m2,
        'township_code', coalesce(t.code, CASE g.township WHEN '镇安镇' THEN '500154008' ELSE '500154127' END),
        'zone_id', NULL, 'source', 'synthetic benchmark parcel (bench-peers/gen-parcels.sql)',
        'location_precision', 'schematic', 'illustrative', true),
        'geometry', ST_AsGeoJSON(ST_Multi(g.geom), 7, 0)::json)::text
        || CASE WHEN g.id < $count THEN ',' ELSE '' END
      FROM parcels_gen g LEFT JOIN tw t ON t.name = g.township ORDER BY g.id"
    echo ']}'; } > "$folder/parcels.geojson"
  sql -c "DROP DATABASE bench_embedded WITH (FORCE)" postgres
fi

dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
builds=("ours=$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api")
[ -n "${BASE_API:-}" ] && builds+=("base=$BASE_API")
states=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$states"' EXIT

run() {
  local label=$1 api=$2 state=$3 log="$3/server-${1//[^a-z0-9]/_}.log" start now first_answer="" first_code code
  echo "== $label start (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(date +%s.%N)
  GisData__Path="$folder" IndicatorActuals__Path="$state" "$api" --urls "$base" >"$log" 2>&1 &
  server=$!
  rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$server/status"; }
  peak() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server/status"; }
  while :; do
    kill -0 "$server" 2>/dev/null || { echo "server exited:"; tail -n 20 "$log"; exit 1; }
    code=$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" || true)
    now=$(date +%s.%N)
    [ -z "$first_answer" ] && [ "$code" != 000 ] && first_answer=$now && first_code=$code
    [ "$code" = 200 ] && break
    sleep 0.1
  done
  echo "first HTTP answer: $(awk -v a="$start" -v b="$first_answer" 'BEGIN{printf "%.1f", b-a}') s (/health/ready $first_code)"
  # CPU seconds (user + system) the process used until ready: what the load costs, whatever else the machine runs.
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/$server/stat")
  echo "ready: $(awk -v a="$start" -v b="$now" 'BEGIN{printf "%.1f", b-a}') s after start, $cpu s CPU; RSS $(rss) MiB, peak $(peak) MiB"
  ms() { curl -so /dev/null -w '%{time_total}' "$1" | awk '{printf "%.1f", $1*1000}'; }
  bbox="$base/ogcapi/collections/parcels/items?bbox=108.40,31.15,108.43,31.18&limit=1000"
  for _ in $(seq 1 40); do curl -so /dev/null "$bbox"; curl -so /dev/null "$base/ogcapi/collections/parcels/items/500000"; done
  echo "bbox ~1,000 features: $(ms "$bbox") ms; items/500000: $(ms "$base/ogcapi/collections/parcels/items/500000") ms; matched $(curl -s "$bbox" | grep -o '"numberReturned":[0-9]*')"
  curl -s "$bbox" | sed -E 's/"timeStamp":"[^"]*"//' | md5sum | sed 's/^/bbox response md5 (timeStamp dropped): /'
  # The snapshot is written after ready; wait for it (or its failure) before stopping the first server.
  for _ in $(seq 1 600); do grep -qE "snapshot (of gis-data .* written|.*ignored)|no snapshot written" "$log" && break; grep -q "read the snapshot" "$log" && break; sleep 0.5; done
  sleep 5
  echo "after requests: RSS $(rss) MiB, peak $(peak) MiB"
  grep "Embedded store:" "$log" | sed -E 's/^/  log: /' | tail -n 16 || true
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

for round in $(seq 1 "${RUNS:-1}"); do
  for build in "${builds[@]}"; do
    name=${build%%=*}
    state="$states/$name-$round"
    mkdir -p "$state"
    run "$name first (run $round)" "${build#*=}" "$state"
    ls -l "$state/cache" | sed 's/^/  /'
    run "$name snapshot (run $round)" "${build#*=}" "$state"
  done
done
