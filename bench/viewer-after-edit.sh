#!/usr/bin/env bash
# The first visit after a write, on a running service (Release, PostGIS) whose generalised tiles are all made. Arms:
#   other    a statement on projects (as psql, QGIS or an import would make it): nothing of the parcels is made again
#   name     the 地类名称 (land_use) of the parcel at the view's centre edited through the API (PATCH): tiles do not
#            carry it, so none is made again
#   parcel   the class (land_use_code, 0601/0701 in turn) of the same parcel edited through the API: the tiles around it
#            are made again
#   apart    the class of the same parcel and of one ~10 km south-east of it, both before the next tile: each is read
#            again in its own area (before, one area around both, too large: the whole collection)
#   parcels  a statement on the parcels the service did not log: all their tiles are made again, as every write made
#            them before collection versions and the edit log
# Arms alternate; each turn writes, visits the viewer at once (bench/ViewerFirstRender --cold-server: the browser is
# warmed on a second, embedded service, so the measured visits are the first this service answers after the write),
# then, after a parcels write, asks for a low-zoom tile (its time is printed: the grid built again, the edit patched
# into it) and waits until the service has stored its tiles again (the time it took is printed), so that every turn
# starts from all tiles made.
#   bench/viewer-after-edit.sh CONNECTION [VIEW]
#     CONNECTION  Host=…;Port=…;Username=…;Database=… of a migrated database holding the parcels (e.g. generate-parcels' 1M)
#     VIEW        the viewer's permalink view (default "c=108.41,31.2&z=13&", a zoom-13 view of the city)
# Env: ROUNDS=3, RUNS=2 (visits per turn), ARMS="other name parcel parcels", PORT=5398, WARM_PORT=5399. The name and
# parcel arms add an editor account bench-editor (or use it) for its token.
set -euo pipefail
connection=$1; view=${2:-"c=108.41,31.2&z=13&"}
trap 'kill ${warm:-} ${server:-} 2>/dev/null || true' EXIT
source "$(dirname "$0")/viewer-services.sh"
serve "$work/server.log"
made() { grep -Ec "tiles (stored at|read from the store at) data version" "$work/server.log" || true; }
until_made() { for _ in $(seq 1 600); do [ "$(made)" -ge "$1" ] && return 0; sleep 1; done; echo "no tiles made after 600 s" >&2; exit 1; }
until_made 1
visit 1 >/dev/null # this service's own first requests (JIT), before any turn
api="http://127.0.0.1:$port/ogcapi/collections/parcels/items"
centre=$(sed -E 's/.*c=([0-9.]+),([0-9.]+).*/\1 \2/' <<<"$view")
echo "bench-password-0123456789" | dotnet bin/Release/net10.0/Geo.Api.dll users add bench-editor --role editor -c "$connection" >/dev/null 2>&1 || true
token=$(dotnet bin/Release/net10.0/Geo.Api.dll users token bench-editor --label bench -c "$connection" | tail -1)
parcel_at() { # lon lat: the id of a parcel there
  curl -sf "$api?limit=1&bbox=$(awk -v x="$1" -v y="$2" 'BEGIN {printf "%.4f,%.4f,%.4f,%.4f", x-0.001, y-0.001, x+0.001, y+0.001}')" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2
}
# shellcheck disable=SC2086
parcel=$(parcel_at $centre); apart=$(parcel_at $(awk '{print $1 + 0.1, $2 - 0.05}' <<<"$centre"))
edit() { # the properties to merge, as JSON; the parcel (default: the one at the centre)
  local etag id=${2:-$parcel}
  etag=$(curl -sf -D - -o /dev/null "$api/$id" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
  curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $token" -H "If-Match: $etag" -H 'Content-Type: application/merge-patch+json' \
    --data "{\"properties\":$1}" "$api/$id"
}
other_class() { [ "$(curl -sf "$api/${1:-$parcel}" | grep -o '"land_use_code":"[0-9]*"' | cut -d'"' -f4)" = 0601 ] && echo 0701 || echo 0601; }
echo "# bench/viewer-after-edit.sh $(date -u +%FT%TZ) view=$view $(chromium --version 2>/dev/null | head -1)"
for round in $(seq 1 "${ROUNDS:-3}"); do
  for arm in ${ARMS:-other name parcel parcels}; do
    before=$(made)
    case $arm in
      other) sql "DELETE FROM projects WHERE id = -1"; what="DELETE FROM projects WHERE id = -1 (no row; the statement moves the version)" ;;
      name) edit "{\"land_use\":\"bench $(date +%s%N)\"}"; what="PATCH of parcel $parcel's land_use (地类名称) through the API" ;;
      parcel) class=$(other_class); edit "{\"land_use_code\":\"$class\"}"; what="PATCH of parcel $parcel's land_use_code to $class through the API" ;;
      apart) class=$(other_class); edit "{\"land_use_code\":\"$class\"}"; edit "{\"land_use_code\":\"$(other_class "$apart")\"}" "$apart"
        what="PATCH of the classes of parcels $parcel and $apart (~10 km apart) through the API" ;;
      parcels) sql "DELETE FROM parcels WHERE id = -1"; what="DELETE FROM parcels WHERE id = -1 (not logged)" ;;
    esac
    echo "## round $round, $arm: $what, load $(cut -d' ' -f1-3 /proc/loadavg)"
    visit "${RUNS:-2}"
    if [ "$arm" != other ]; then
      # A low-zoom tile starts the grid and the background merges, as the next visitor at the district's view would.
      if low=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/ogcapi/collections/parcels/tiles/WebMercatorQuad/8/104/205"); then
        echo "   low-zoom tile 8/104/205 (over the parcel at the default view) answered in $(awk -v t="$low" 'BEGIN { printf "%.0f", t * 1000 }') ms"
      else
        echo "   low-zoom tile 8/104/205 failed (curl exit $?)"
      fi
      if [ "$arm" = name ]; then
        echo "   tiles made or read again since the edit: $(( $(made) - before )) (none expected)"
      else
        started=$(date +%s)
        until_made $((before + 1))
        echo "   tiles made and stored again $(( $(date +%s) - started )) s after the visits"
      fi
    fi
  done
done
grep -h "Generalised\|Merged" "$work/server.log" | sed 's/^ */# server: /'
