#!/usr/bin/env bash
# The first visits after the service (Release, PostGIS) starts again, with the generalised tiles stored in the database
# (arm "stored") and without them (arm "none": the table emptied first, so the start builds the grid and merges the
# tileMatrix-12 tiles while the visitor waits), in alternating turns. Each turn starts the service, waits for
# /health/ready only, and at once visits the viewer twice (bench/ViewerFirstRender --cold-server: the browser is warmed
# on a second, embedded service, so the first measured visit is the first this service answers).
#   bench/viewer-after-restart.sh CONNECTION [VIEW]
#     CONNECTION  Host=…;Port=…;Username=…;Database=… of a migrated database holding the parcels (e.g.
#                 generate-parcels' 1M); the service is first started once on it until its generalised tiles are
#                 stored (about a minute for 1M parcels; at once when this build stored them already)
#     VIEW        the viewer's permalink view, e.g. "c=108.41,31.2&z=13&" (default: the whole district, as it opens)
# Env: ROUNDS=2, RUNS=2 (visits per turn), ARMS="stored none", PORT=5398, WARM_PORT=5399.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
connection=$1; view=${2:-}
port=${PORT:-5398}; warm_port=${WARM_PORT:-5399}; work=$(mktemp -d)
layers=district,parcels,zones,constraints,townships,relocation_flows,projects
sql() { psql -X -q "$(sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/' <<<"$connection")" -c "$1"; }
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
dotnet build "$repo/bench/ViewerFirstRender" -c Release -v q -nologo >/dev/null
cd "$repo/src/Geo.Api"
env Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Geo.Api.dll --urls "http://127.0.0.1:$warm_port" --environment Production >"$work/warm.log" 2>&1 &
warm=$!
restore="CREATE TABLE IF NOT EXISTS bench_kept_tiles (LIKE generalised_tiles); INSERT INTO generalised_tiles SELECT * FROM bench_kept_tiles WHERE NOT EXISTS (SELECT 1 FROM generalised_tiles); DROP TABLE bench_kept_tiles"
server=""
cleanup() { kill $warm ${server:-} 2>/dev/null || true; sql "$restore" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$warm_port/health/ready" >/dev/null && break; sleep 0.2; done
env ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning Logging__LogLevel__Geo.Api.OgcApi.Tiles.TileOverviews=Information \
  dotnet bin/Release/net10.0/Geo.Api.dll --urls "http://127.0.0.1:$port" --environment Production >"$work/fill.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do grep -Eq "tiles (stored at|read from the store at) data version" "$work/fill.log" && break; sleep 1; done
grep -h "Generalised\|Merged" "$work/fill.log" | sed 's/^ */# fill: /'
kill $server; wait $server 2>/dev/null || true; server=""
echo "# bench/viewer-after-restart.sh $(date -u +%FT%TZ) view=${view:-district} $(chromium --version 2>/dev/null | head -1)"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for arm in ${ARMS:-stored none}; do
    if [ "$arm" = none ]; then
      sql "CREATE TABLE IF NOT EXISTS bench_kept_tiles AS SELECT * FROM generalised_tiles; TRUNCATE generalised_tiles"
    else
      sql "$restore"
    fi
    log="$work/$round-$arm.log"
    env ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning Logging__LogLevel__Geo.Api.OgcApi.Tiles.TileOverviews=Information \
      dotnet bin/Release/net10.0/Geo.Api.dll --urls "http://127.0.0.1:$port" --environment Production >"$log" 2>&1 &
    server=$!
    started=$(date +%s.%N)
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
    echo "## round $round, $arm: ready after $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s, load $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet "$repo/bench/ViewerFirstRender/bin/Release/net10.0/ViewerFirstRender.dll" "http://127.0.0.1:$port/?testHooks#${view}l=$layers" "${RUNS:-2}" \
      --pan --target-ms 2000 --no-settle --cold-server "http://127.0.0.1:$warm_port/?testHooks#c=108.41,31.2&z=13&l=district,zones" | grep -E "^run" || true
    grep -h "Generalised\|Merged" "$log" | sed 's/^ */   /' || true
    kill $server; wait $server 2>/dev/null || true; server=""
    sleep 5
  done
done
