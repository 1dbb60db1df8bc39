#!/usr/bin/env bash
# The viewer with a county's parcels (issue 12's targets): N generated parcels (generate-parcels, default 1,000,000)
# in a private PostGIS, the service in Release on it, and headless chromium opening the viewer with the parcels layer
# on at each ZOOMS level over the 汉丰 seat ("district": the whole district, as the viewer opens): first complete
# render (tiles included), the redraw after panning one screen width, and the JS heap. RUNS fresh visits each after
# one unmeasured visit (bench/ViewerFirstRender --pan), and the same once with the parcels off, as a baseline.
#   bench/viewer-scale.sh [N=1000000]        results in docs/BENCHMARKS.md by hand
# Settings: PG_PORT=55497 PORT=5397 WORK=/tmp/viewer-scale RUNS=7 ZOOMS="13 12 district" CENTER=108.41,31.2 WAIT_OVERVIEW=1 KEEP_PG=1 (leave the
# cluster running; a later run reuses a table that already holds N parcels instead of generating it again),
# VISIT_ARGS (more arguments to each bench/ViewerFirstRender, e.g. --no-settle).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
peers=${PEERS:-/work/shared/bench-peers}
pg_port=${PG_PORT:-55497}; port=${PORT:-5397}; work=${WORK:-/tmp/viewer-scale}; runs=${RUNS:-7}
zooms=${ZOOMS:-13 12 district}; center=${CENTER:-108.41,31.2}
db=viewer
mkdir -p "$work"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
sql() { psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" "$@"; }

server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -z "${KEEP_PG:-}" ] && "$peers/pg-down.sh" "$pg_port" "$work/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "# bench/viewer-scale.sh $(date -u +%FT%TZ) n=$n cpus=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg) $(chromium --version 2>/dev/null | head -1)"
"$peers/pg-up.sh" "$pg_port" "$work/pg" "$db" >/dev/null
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
dotnet build "$repo/bench/ViewerFirstRender" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
if [ "$(sql -Atc "SELECT count(*) FROM parcels" 2>/dev/null || echo 0)" != "$n" ]; then
  "$api" import "$repo/gis-data" --connection "$connection" | tail -n 1
  start=$(date +%s.%N)
  "$api" generate-parcels --count "$n" --seed 1 --connection "$connection" 2>/dev/null
  echo "# generate-parcels --count $n: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
  sql -c "VACUUM ANALYZE parcels"
fi

# Run from src/Geo.Api so the viewer's static assets are found (STACK-FACTS: content root); Production, as deployed.
(cd "$repo/src/Geo.Api" && exec env ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Geo.Api.OgcApi.Tiles.TileOverviews=Information dotnet bin/Release/net10.0/Geo.Api.dll --urls "http://127.0.0.1:$port" --environment Production) >"$work/service.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
# Low-zoom tiles wait for the generalised overview built at start (bench/tiles.sh: ~13 s for 1M): let it finish first.
# (WAIT_OVERVIEW=0 when every zoom is 14 or more: those draw exact tiles only.)
if [ "${WAIT_OVERVIEW:-1}" = 1 ]; then
  for _ in $(seq 1 300); do grep -q "Generalised tiles of parcels" "$work/service.log" && break; sleep 1; done
  grep "Generalised tiles of parcels" "$work/service.log" || echo "# no overview logged after 300 s"
  # Then the tileMatrix-12 tiles, merged per class in the background after the overview (seconds each).
  for _ in $(seq 1 600); do grep -q "Merged tiles of parcels" "$work/service.log" && break; sleep 1; done
  grep "Merged tiles of parcels" "$work/service.log" || echo "# no merged tiles logged after 600 s"
fi

# The same view without the parcels first: what the viewer costs on this machine at this load without them.
layers=district,zones,constraints,townships,relocation_flows,projects
first=${zooms%% *}; [ "$first" = district ] && first=13
echo "## baseline: parcels off, zoom $first at $center, 1280×800, load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$repo/bench/ViewerFirstRender/bin/Release/net10.0/ViewerFirstRender.dll" \
  "http://127.0.0.1:$port/?testHooks#c=$center&z=$first&l=$layers" "$runs" --pan --target-ms 2000 ${VISIT_ARGS:-} | tail -n 4 || true
layers=district,parcels,zones,constraints,townships,relocation_flows,projects
for zoom in $zooms; do
  # "district": the viewer's own first view, the whole district fitted (zoom ≈ 9 at 1280×800).
  view="c=$center&z=$zoom&"; [ "$zoom" = district ] && view=""
  echo "## parcels on, ${view:-the whole district, }1280×800, load $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$repo/bench/ViewerFirstRender/bin/Release/net10.0/ViewerFirstRender.dll" \
    "http://127.0.0.1:$port/?testHooks#${view}l=$layers" "$runs" --pan --target-ms 2000 ${VISIT_ARGS:-} || true
done
