#!/usr/bin/env bash
# Benchmark: keyset paging on 1,000,000 tessellated parcels in PostGIS (the peers' generator,
# /work/shared/bench-peers/gen-parcels.sql, or GEN_PARCELS_SQL): page 1 against page 100 of a 10,000-feature paging
# (limit=100; the whole table, and the ~9,963-feature bbox), the same page 100 asked with offset, items/{id}, and
# GDAL's ogr2ogr -spat of ~990 features with its default paging (with the requests it made).
#   bench/ogcapi-paging.sh      results in docs/BENCHMARKS.md
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
generator=${GEN_PARCELS_SQL:-/work/shared/bench-peers/gen-parcels.sql}
port=${BENCH_PORT:-5297}
base="http://127.0.0.1:$port"
admin=$("$repo/scripts/postgis-start.sh")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
db=bench_paging
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -q "$@"; }
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
if [ "${REUSE_DB:-}" != 1 ]; then
  sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
  "$api" import "$repo/gis-data" --connection "$connection" | tail -n 1
  sql -d "$db" -v n=1000000 -v table=parcels_gen -f "$generator" >/dev/null
  sql -d "$db" -c "INSERT INTO parcels (id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative)
    SELECT g.id + 1000, ST_Multi(g.geom), '0103', g.land_use, g.area_m2, '500154001', NULL, 'synthetic', 'schematic', true FROM parcels_gen g" \
    -c "DROP TABLE parcels_gen" -c "VACUUM ANALYZE parcels"
fi
echo "parcels: $(sql -d "$db" -Atc 'SELECT count(*) FROM parcels') rows"
ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning "$api" --urls "$base" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done
"$repo/bench/settle.sh" "$server" 600 "$(sql -Atc "SHOW data_directory")"

items="$base/ogcapi/collections/parcels/items"
next_of() { curl -sf "$1" | grep -o '"href":"[^"]*","rel":"next"' | sed -E 's/"href":"([^"]*)".*/\1/; s/\\u0026/\&/g'; }
# p25 p50 p75 in ms of each URL: 40 warm-up rounds (tiered JIT, docs/STACK-FACTS), then 20 rounds asking the URLs in
# turn over one kept-alive connection, so that load from elsewhere on the machine falls on all of them alike.
compare() {
  local list=() n=$#
  for _ in $(seq 1 60); do for url in "$@"; do list+=(-o /dev/null "$url"); done; done
  local times; times=$(curl -s -w '%{time_total}\n' "${list[@]}" | tail -n $((20 * n)))
  for i in $(seq 1 "$n"); do
    awk -v n="$n" -v i="$i" 'NR % n == i % n {printf "%.2f\n", $1*1000}' <<<"$times" | sort -n | sed -n '5p;10p;15p' | paste -sd' '
  done
}

for case in "whole table|" "bbox L|&bbox=108.35,31.2,108.451,31.2866"; do
  name=${case%%|*} extra=${case#*|}
  first="$items?limit=100$extra" url=$first
  for _ in $(seq 2 100); do url=$(next_of "$url"); done
  matched=$(curl -sf "$first" | grep -o '"numberMatched":[0-9]*' | cut -d: -f2)
  returned=$(curl -sf "$url" | grep -o '"numberReturned":[0-9]*' | cut -d: -f2)
  mapfile -t q < <(compare "$first" "$url" "$first&offset=9900")
  echo "$name ($matched matched): page 1 ${q[0]} ms; page 100 by cursor ($returned features) ${q[1]} ms; page 100 by offset=9900 ${q[2]} ms (p25 p50 p75)"
done
echo "items/{id}: $(compare "$items/501000") ms (p25 p50 p75)"

spat=(108.39 31.24 108.421 31.2665)
expected=$(sql -d "$db" -Atc "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_MakeEnvelope(${spat[0]}, ${spat[1]}, ${spat[2]}, ${spat[3]}, 4490))")
out=$(mktemp -d)
CPL_DEBUG=ON ogr2ogr -f GeoJSON "$out/warm.geojson" "OAPIF:$base/ogcapi" parcels -spat "${spat[@]}" 2>"$out/debug.txt"
times=()
for i in $(seq 1 7); do
  t0=$(date +%s.%N)
  ogr2ogr -f GeoJSON "$out/$i.geojson" "OAPIF:$base/ogcapi" parcels -spat "${spat[@]}"
  times+=("$(echo "($(date +%s.%N) - $t0) * 1000" | bc | cut -d. -f1)")
done
copied=$(grep -c '"type": "Feature"' "$out/1.geojson" || true)
echo "ogr2ogr -spat ${spat[*]}: $copied of $expected features (hand SQL); $(printf '%s\n' "${times[@]}" | sort -n | paste -sd' ') ms over 7 runs"
t0=$(date +%s.%N)
ogr2ogr -oo PAGE_SIZE=1000 -f GeoJSON "$out/big.geojson" "OAPIF:$base/ogcapi" parcels -spat "${spat[@]}"
echo "the same with -oo PAGE_SIZE=1000: $(echo "($(date +%s.%N) - $t0) * 1000" | bc | cut -d. -f1) ms"
requests=$(grep -o 'http://127[^ "]*' "$out/debug.txt" | sort -u)
echo "GDAL 3.6 asked $(wc -l <<<"$requests") distinct URLs, $(grep -c '/items?' <<<"$requests") of them pages of items ($(grep -o 'limit=[0-9]*' <<<"$requests" | sort | uniq -c | sort -rn | sed -n '1s/ *[0-9]* //p')); the first three:"
grep '/items?' <<<"$requests" | sed -n '1,3s/^/  /p'
# The same pages timed on their own, one kept-alive connection: what the server spends of GDAL's time.
pages=(); for u in $(grep '/items?' <<<"$requests"); do pages+=(-o /dev/null "${u%)}"); done
echo "those $(( ${#pages[@]} / 3 )) page requests by curl, one after another: $(curl -s -w '%{time_total}\n' "${pages[@]}" | awk '{s+=$1} END {printf "%.0f", s*1000}') ms in all"
rm -rf "$out"
[ "${KEEP_DB:-}" = 1 ] || sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
