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
connection=$1; view=${2:-}
restore="CREATE TABLE IF NOT EXISTS bench_kept_tiles (LIKE generalised_tiles); INSERT INTO generalised_tiles SELECT * FROM bench_kept_tiles WHERE NOT EXISTS (SELECT 1 FROM generalised_tiles); DROP TABLE bench_kept_tiles"
cleanup() { kill ${warm:-} ${server:-} 2>/dev/null || true; sql "$restore" 2>/dev/null || true; }
trap cleanup EXIT
source "$(dirname "$0")/viewer-services.sh"
serve "$work/fill.log"
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
    serve "$log"
    started=$(date +%s.%N)
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
    echo "## round $round, $arm: ready after $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s, load $(cut -d' ' -f1-3 /proc/loadavg)"
    visit "${RUNS:-2}"
    grep -h "Generalised\|Merged" "$log" | sed 's/^ */   /' || true
    kill $server; wait $server 2>/dev/null || true; server=""
    sleep 5
  done
done
