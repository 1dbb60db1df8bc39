#!/usr/bin/env bash
# Benchmark: vector tiles of 1,000,000 tessellated parcels (the peers' generator, /work/shared/bench-peers/gen-parcels.sql,
# or GEN_PARCELS_SQL) from our PostGIS backend, beside the same ST_AsMVT query run raw in psql, in the same run: a
# tile asked for the first time, the same tile kept (Tiles:CacheMegabytes) and built every time (a server keeping none),
# and curl's own cost (/health on the same connection), all p25 / p50 / p75 ms.
#   bench/tiles.sh      results in docs/BENCHMARKS.md
#   BENCH_PORT (5298; the server keeping no tile listens on the next port), GEO_PG_PORT for the PostGIS cluster,
#   BENCH_KEEP_DB=1 to reuse a bench_tiles database already holding the parcels and keep it afterwards.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
generator=${GEN_PARCELS_SQL:-/work/shared/bench-peers/gen-parcels.sql}
port=${BENCH_PORT:-5298}
base="http://127.0.0.1:$port" base_off="http://127.0.0.1:$((port + 1))"
admin=$("$repo/scripts/postgis-start.sh")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
db=bench_tiles
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -q "$@"; }
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
keep=${BENCH_KEEP_DB:-}
if [ -z "$keep" ] || [ "$(sql -d "$db" -Atc 'SELECT count(*) >= 1000000 FROM parcels' 2>/dev/null)" != t ]; then
sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
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
fi
# Two servers on the same table: the service as deployed (tiles kept per data version, Tiles:CacheMegabytes) and one
# keeping none (Tiles:CacheMegabytes=0), whose every answer is built, as a client's first request of a tile is; that one
# generalises nothing (no overview to build beside the first's), so it is asked only for exact tiles (z12 on).
log=$(mktemp) log_off=$(mktemp)
serve() { exec env ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning 'Logging__LogLevel__Geo.Api.OgcApi.Tiles=Information' "$@"; }
serve "$api" --urls "$base" >"$log" 2>&1 &
server=$!
serve Tiles__CacheMegabytes=0 Tiles__GeneraliseAboveFeatures=100000000 "$api" --urls "$base_off" >"$log_off" 2>&1 &
server_off=$!
trap 'kill $server $server_off 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && curl -sf "$base_off/health" >/dev/null && break; sleep 0.2; done

# Tiles around 开州 (108.40 E, 31.18 N) at zoom z: column, row.
tile() { python3 -c "import math,sys; z=int(sys.argv[1]); n=2**z; print(int((108.40+180)/360*n), int((1-math.asinh(math.tan(math.radians(31.18)))/math.pi)/2*n))" "$1"; }
url() { echo "/ogcapi/collections/parcels/tiles/WebMercatorQuad/$1/$3/$2"; }   # z x y
quartiles() { sort -n | sed -n '5p;10p;15p' | paste -sd' '; }
# One sample: /health twice, then the tile, on one connection; prints the second /health (curl and HTTP on an open
# connection, an answer of no work) and the tile, in ms. The tile is timed on the open connection too.
sample() { curl -so /dev/null -so /dev/null -so /dev/null -w '%{time_total}\n' "$1/health" "$1/health" "$1$2" | tail -n 2 | awk '{printf "%.2f ", $1*1000}'; echo; }
# The statement the PostGIS backend runs for exact tiles (z12 on), without the feature-limit guard; at z10–11, where
# ours are generalised, it is what drawing every parcel would cost.
statement() {
  local unit; unit=$(python3 -c "print(2*20037508.342789244/2**$1/4096)")
  echo "SELECT length(ST_AsMVT(t, 'parcels', 4096, 'geom', 'id')) FROM (SELECT id, land_use_code, location_precision, illustrative,"
  echo "  ST_AsMVTGeom(ST_Simplify(ST_Transform(geom, 3857), $unit, true), ST_TileEnvelope($1, $2, $3), 4096, 256, true) AS geom"
  echo "  FROM parcels WHERE geom && ST_Transform(ST_TileEnvelope($1, $2, $3), 4490) AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope($1, $2, $3), 4490))) t;"
}
# One raw run of tile z x y, ms as psql's \timing reports it: in a session first warmed by both transformations and the
# statement of a tile far away (PROJ and the catalog loaded, as in the server's pooled connections, not this tile's pages).
raw() {
  { echo "SELECT ST_Transform(ST_Transform(ST_MakeEnvelope(108, 31, 108.1, 31.1, 4490), 3857), 4490);"
    statement "$1" "$(($2 + 64))" "$3"; echo '\timing on'; statement "$1" "$2" "$3"; } | sql -d "$db" -f - | grep '^Time' | awk '{print $2}'
}
# Zooms 0–11 are drawn from the generalised overview, built once at start (one pass over the table): wait for it.
for _ in $(seq 1 600); do grep -q 'Generalised tiles of parcels' "$log" && break; sleep 1; done
grep -o 'Generalised tiles of parcels.*' "$log" || echo "no overview built"
# Tiered JIT: warm both servers' paths (docs/STACK-FACTS: 40+ requests) on z16 tiles no measurement asks for, so
# that the path building a tile is warm on the caching server too; twice, with a pause for the background compiler
# (on a loaded machine the first zoom measured was otherwise still partly unoptimised code).
read -r x16 y16 < <(tile 16)
for round in 0 1; do
  for i in $(seq 1 40); do for b in "$base" "$base_off"; do curl -so /dev/null "$b$(url 16 $((x16 + i)) $((y16 + 40 + round)))"; curl -so /dev/null "$b/health"; done; done
  sleep 5
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for z in 14 13 12 11 10; do
  read -r x y < <(tile "$z")
  centre=$(url "$z" "$x" "$y")
  # "first": 20 tiles around the centre tile (5 columns by 4 rows, the centre tile left out), each asked once of the
  # caching server, never before, beside the same 20 tiles' raw statements.
  block=$(for dy in -2 -1 1 2; do for dx in -2 -1 0 1 2; do echo "$z $((x + dx)) $((y + dy))"; done; done)
  # Ours and raw alternate tile by tile, so that both see the same moments of a shared machine's load; which of the two
  # asks a tile first alternates too (the second finds the tile's pages in PostgreSQL's buffers).
  pairs=$(i=0; while read -r bz bx by; do
    if [ $((i++ % 2)) -eq 0 ]; then ours=$(sample "$base" "$(url "$bz" "$bx" "$by")" | awk '{print $2}'); theirs=$(raw "$bz" "$bx" "$by")
    else theirs=$(raw "$bz" "$bx" "$by"); ours=$(sample "$base" "$(url "$bz" "$bx" "$by")" | awk '{print $2}'); fi
    echo "$ours $theirs"
  done <<<"$block")
  first=$(awk '{print $1}' <<<"$pairs" | quartiles)
  first_raw=$(awk '{print $2}' <<<"$pairs" | quartiles)
  first_parcels=$(while read -r bz bx by; do echo "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope($bz, $bx, $by), 4490));"; done <<<"$block" \
    | sql -d "$db" -At -f - | awk '{s+=$1} END {printf "%d", s/NR}')
  # The centre tile asked 20 times of each server (once before, so the caching server has it).
  curl -so /dev/null "$base$centre"
  # Each round: the kept tile, the tile built (z12 on), the raw statement.
  rounds=$(for _ in $(seq 1 20); do
    echo "$(sample "$base" "$centre") $(if [ "$z" -ge 12 ]; then sample "$base_off" "$centre" | awk '{print $2}'; else echo -; fi) $(raw "$z" "$x" "$y")"
  done)
  kept=$(awk '{print $1, $2}' <<<"$rounds")
  built=$(awk '{print $1, $3}' <<<"$rounds")
  centre_raw=$(awk '{print $4}' <<<"$rounds" | quartiles)
  status=$(curl -so /dev/null -w '%{http_code} %{size_download} B' "$base$centre")
  features=$(sql -d "$db" -Atc "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope($z, $x, $y), 4490))")
  echo "z$z tile $z/$y/$x: $features parcels, $status"
  echo "  first request of 20 tiles around it (~$first_parcels parcels each): ours $first ms, raw ST_AsMVT of the same tiles $first_raw ms"
  echo "  centre tile: ours kept $(awk '{print $2}' <<<"$kept" | quartiles) ms, ours built every time (no cache) $(if [ "$z" -ge 12 ]; then awk '{print $2}' <<<"$built" | quartiles; else echo "n/a (generalised)"; fi) ms, raw ST_AsMVT $centre_raw ms"
  echo "  /health on the same open connection (curl and HTTP, no work): $(awk '{print $1}' <<<"$kept" | quartiles) ms"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$keep" ] || sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
