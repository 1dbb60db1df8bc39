#!/usr/bin/env bash
# Benchmark: vector tiles of 1,000,000 tessellated parcels (the peers' generator, /work/shared/bench-peers/gen-parcels.sql,
# or GEN_PARCELS_SQL) from our PostGIS backend, beside the same ST_AsMVT query run raw in psql, in the same run.
#   bench/tiles.sh      results in docs/BENCHMARKS.md
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
generator=${GEN_PARCELS_SQL:-/work/shared/bench-peers/gen-parcels.sql}
port=${BENCH_PORT:-5298}
base="http://127.0.0.1:$port"
admin=$("$repo/scripts/postgis-start.sh")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
db=bench_tiles
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -q "$@"; }
sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
"$api" import "$repo/gis-data" --connection "$connection" | tail -n 1
sql -d "$db" -v n=1000000 -v table=parcels_gen -f "$generator" >/dev/null
sql -d "$db" <<'SQL'
INSERT INTO parcels (id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative)
SELECT g.id + 1000, ST_Multi(g.geom),
  CASE g.land_use WHEN '耕地' THEN '0103' WHEN '园地' THEN '0201' WHEN '林地' THEN '0301' WHEN '草地' THEN '0404'
                  WHEN '建设用地' THEN '0701' WHEN '水域' THEN '1101' WHEN '交通运输用地' THEN '1003' ELSE '1206' END,
  g.land_use, g.area_m2, '500154001', NULL, 'synthetic', 'schematic', true
FROM parcels_gen g;
DROP TABLE parcels_gen;
VACUUM ANALYZE parcels;
SQL
log=$(mktemp)
env ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning 'Logging__LogLevel__Geo.Api.OgcApi.Tiles=Information' "$api" --urls "$base" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

# Tiles around 开州 (108.40 E, 31.18 N) at zoom z: column, row.
tile() { python3 -c "import math,sys; z=int(sys.argv[1]); n=2**z; print(int((108.40+180)/360*n), int((1-math.asinh(math.tan(math.radians(31.18)))/math.pi)/2*n))" "$1"; }
ms() { curl -so /dev/null -w '%{time_total}' "$1" | awk '{printf "%.1f", $1*1000}'; }
quartiles() { sort -n | sed -n '5p;10p;15p' | paste -sd' '; }
# Zooms 0–11 are drawn from the generalised overview, built once at start (one pass over the table): wait for it.
for _ in $(seq 1 600); do grep -q 'Generalised tiles of parcels' "$log" && break; sleep 1; done
grep -o 'Generalised tiles of parcels.*' "$log" || echo "no overview built"
for z in 14 13 12 11 10; do
  read -r x y < <(tile "$z")
  url="$base/ogcapi/collections/parcels/tiles/WebMercatorQuad/$z/$y/$x"
  # Tiered JIT: warm the path before measuring (docs/STACK-FACTS: 40+ requests).
  for _ in $(seq 1 40); do curl -so /dev/null "$url"; done
  times=(); for _ in $(seq 1 20); do times+=("$(ms "$url")"); done
  status=$(curl -so /tmp/bench-tile.pbf -w '%{http_code} %{size_download} B' "$url")
  features=$(sql -d "$db" -Atc "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope($z, $x, $y), 4490))")
  unit=$(python3 -c "print(2*20037508.342789244/2**$z/4096)")
  # The statement the PostGIS backend runs for exact tiles (z12 on), without the feature-limit guard, 20 times in one
  # psql session; at z10–11, where ours are generalised, it is what drawing every parcel would cost.
  raw=$(for _ in $(seq 1 20); do
    echo "SELECT length(ST_AsMVT(t, 'parcels', 4096, 'geom', 'id')) FROM (SELECT id, land_use_code, location_precision, illustrative,"
    echo "  ST_AsMVTGeom(ST_Simplify(ST_Transform(geom, 3857), $unit, true), ST_TileEnvelope($z, $x, $y), 4096, 256, true) AS geom"
    echo "  FROM parcels WHERE geom && ST_Transform(ST_TileEnvelope($z, $x, $y), 4490) AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope($z, $x, $y), 4490))) t;"
  done | sql -d "$db" -c '\timing on' -f - | grep '^Time' | awk '{print $2}' | quartiles)
  cold=$(curl -so /dev/null -w '%{time_total}' "${url/WebMercatorQuad\/$z\/$y\/$x/WebMercatorQuad/$z/$((y+1))/$x}" | awk '{printf "%.1f", $1*1000}')
  echo "z$z tile $z/$y/$x: $features features, $status; first request of the tile below ${cold} ms; ours $(printf '%s\n' "${times[@]}" | quartiles) ms, raw ST_AsMVT $raw ms (p25 p50 p75)"
done
sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
