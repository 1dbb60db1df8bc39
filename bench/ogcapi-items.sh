#!/usr/bin/env bash
# Benchmark: paging a large PostGIS collection through the OGC API in pages of 10,000 features.
# Proves that a page is streamed as it is read (server memory stays flat whatever the table size) and measures time.
#   bench/ogcapi-items.sh [rows]     (default 200000 synthetic parcels added to gis-data's)
# Prints one line per page and a summary; docs/BENCHMARKS.md keeps the results.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-200000}
port=${BENCH_PORT:-5291}
base="http://127.0.0.1:$port"

admin=$("$repo/scripts/postgis-start.sh")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
db=bench_items
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"

echo "== building and importing gis-data"
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
"$api" import "$repo/gis-data" --connection "$connection" | tail -n 1

echo "== adding $rows synthetic parcels (10 m squares on a grid over the city)"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -d "$db" <<SQL
INSERT INTO parcels (id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative)
SELECT 1000000 + i,
       ST_Multi(ST_MakeEnvelope(108.30 + (i % 1000) * 0.0002, 31.10 + (i / 1000) * 0.0002,
                                108.30 + (i % 1000) * 0.0002 + 0.0001, 31.10 + (i / 1000) * 0.0002 + 0.0001, 4490)),
       '0701', '城镇住宅用地', 100, '500154001', NULL, 'benchmark row', 'schematic', true
FROM generate_series(0, $rows - 1) AS i;
ANALYZE parcels;
SQL

echo "== serving from PostGIS on $base"
ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning "$api" --urls "$base" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
hwm() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
curl -sf "$base/ogcapi/collections/parcels/items?limit=10" >/dev/null
echo "server RSS after start: $(( $(rss) / 1024 )) MiB"

url="$base/ogcapi/collections/parcels/items?limit=10000"
pages=0 features=0 start=$(date +%s.%N)
while [ -n "$url" ]; do
  t0=$(date +%s.%N)
  body=$(curl -sf -H 'Accept-Encoding: identity' "$url")
  t1=$(date +%s.%N)
  returned=$(grep -o '"numberReturned":[0-9]*' <<<"$body" | cut -d: -f2)
  pages=$((pages + 1)); features=$((features + returned))
  printf 'page %3d: %5d features, %6.0f KiB, %5.0f ms, server RSS %4d MiB\n' "$pages" "$returned" \
    "$(( ${#body} / 1024 ))" "$(echo "($t1 - $t0) * 1000" | bc)" "$(( $(rss) / 1024 ))"
  url=$(grep -o '"href":"[^"]*","rel":"next"' <<<"$body" | sed -E 's/"href":"([^"]*)".*/\1/' | sed 's/\\u0026/\&/g' || true)
done
total=$(echo "$(date +%s.%N) - $start" | bc)
echo "== $features features in $pages pages, $(printf '%.1f' "$total") s ($(printf '%.0f' "$(echo "$features / $total" | bc -l)") features/s); server peak RSS $(( $(hwm) / 1024 )) MiB"
