#!/usr/bin/env bash
# Benchmark: QGIS 3.22 drawing one view of 1,000,000 synthetic parcels (a zoom-14 tile's extent over the grid, some
# 10,000 parcels) from our vector tiles beside the same view from our items (QGIS's OGC API – Features provider), in the
# same run, alternating, each a fresh QGIS process: QGIS's CPU (utime+stime, start-up included) and its drawing's wall
# time, the server's CPU for the view (utime+stime from /proc), and the load average. The server keeps no tile
# (Tiles:CacheMegabytes=0), so every view's tiles are built, as for the first user to look there.
#   bench/qgis-tiles.sh      results in docs/BENCHMARKS.md
#   BENCH_PORT (5384), GEO_PG_PORT for the PostGIS cluster, BENCH_ROUNDS (3).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
port=${BENCH_PORT:-5384}
base="http://127.0.0.1:$port"
db=bench_qgis
rows=1000000
# shellcheck source=bench/synthetic-parcels.sh
source "$repo/bench/synthetic-parcels.sh"
ConnectionStrings__Geo="$connection" Tiles__CacheMegabytes=0 Logging__LogLevel__Default=Warning "$api" --urls "$base" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done
# The tile holding 108.40°E 31.20°N, inside the synthetic grid (108.30–108.50°E, 31.10–31.30°N).
z=14 col=13125 row=6696
hz=$(getconf CLK_TCK)
cpu() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
echo "view: tile $z/$row/$col; parcels intersecting it: $(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -Atc \
  "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope($z, $col, $row), 4490))")"
# One view first of each, not counted: the server's first statements and QGIS's first start.
for kind in tiles items; do /usr/bin/python3 "$repo/bench/qgis-view.py" "$base" "$kind" $z $col $row >/dev/null 2>&1; done
echo "round kind qgis_cpu_s draw_wall_s server_cpu_s load1"
for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
  for kind in tiles items; do
    before=$(cpu "$server")
    timing=$(mktemp)
    out=$(/usr/bin/time -f '%U %S' -o "$timing" /usr/bin/python3 "$repo/bench/qgis-view.py" "$base" "$kind" $z $col $row 2>/dev/null)
    after=$(cpu "$server")
    awk -v r="$round" -v k="$kind" -v o="$out" -v s=$((after - before)) -v hz="$hz" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      '{printf "%s %s %.2f %s %.2f %s\n", r, k, $1 + $2, o, s / hz, l}' "$timing"
    rm -f "$timing"
  done
done
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
