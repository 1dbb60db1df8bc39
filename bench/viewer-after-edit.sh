#!/usr/bin/env bash
# The first visit after a write, on a running service (Release, PostGIS) whose generalised tiles are all made: a write
# to another collection (arm "other": a statement on projects, as psql, QGIS or an import would make it) against one to
# the parcels (arm "parcels": their tiles are made again, as every write made them before collection versions).
# Arms alternate; each turn writes, visits the viewer at once (bench/ViewerFirstRender --cold-server: the browser is
# warmed on a second, embedded service, so the measured visits are the first this service answers after the write),
# then waits until the service has stored its tiles again, so that every turn starts from all tiles made.
#   bench/viewer-after-edit.sh CONNECTION [VIEW]
#     CONNECTION  Host=…;Port=…;Username=…;Database=… of a migrated database holding the parcels (e.g. generate-parcels' 1M)
#     VIEW        the viewer's permalink view (default "c=108.41,31.2&z=13&", a zoom-13 view of the city)
# Env: ROUNDS=3, RUNS=2 (visits per turn), ARMS="other parcels", PORT=5398, WARM_PORT=5399.
set -euo pipefail
connection=$1; view=${2:-"c=108.41,31.2&z=13&"}
trap 'kill ${warm:-} ${server:-} 2>/dev/null || true' EXIT
source "$(dirname "$0")/viewer-services.sh"
serve "$work/server.log"
made() { grep -Ec "tiles (stored at|read from the store at) data version" "$work/server.log" || true; }
until_made() { for _ in $(seq 1 600); do [ "$(made)" -ge "$1" ] && return 0; sleep 1; done; echo "no tiles made after 600 s" >&2; exit 1; }
until_made 1
visit 1 >/dev/null # this service's own first requests (JIT), before any turn
echo "# bench/viewer-after-edit.sh $(date -u +%FT%TZ) view=$view $(chromium --version 2>/dev/null | head -1)"
for round in $(seq 1 "${ROUNDS:-3}"); do
  for arm in ${ARMS:-other parcels}; do
    table=$([ "$arm" = other ] && echo projects || echo parcels)
    before=$(made)
    sql "DELETE FROM $table WHERE id = -1"
    echo "## round $round, $arm: DELETE FROM $table WHERE id = -1 (no row; the statement moves the version), load $(cut -d' ' -f1-3 /proc/loadavg)"
    visit "${RUNS:-2}"
    if [ "$arm" = parcels ]; then
      # A low-zoom tile starts the grid and the background merges, as the next visitor at the district's view would.
      curl -sf -o /dev/null "http://127.0.0.1:$port/ogcapi/collections/parcels/tiles/WebMercatorQuad/8/104/205" || true
      started=$(date +%s)
      until_made $((before + 1))
      echo "   tiles made and stored again $(( $(date +%s) - started )) s after the visits"
    fi
  done
done
grep -h "Generalised\|Merged" "$work/server.log" | sed 's/^ */# server: /'
