#!/usr/bin/env bash
# Two builds of the CLI importing bench/import-shapefile.sh's 1,000,000-parcel GBK shapefile in alternating turns
# (A, B, ogr2ogr, A, B, ogr2ogr, …), each into a fresh database holding gis-data, so that the load of a shared machine
# falls on all alike. Per turn: client CPU (user + sys) and wall from /usr/bin/time -v, peak RSS, the load average.
#   GEO_PG_PORT=… bench/import-shapefile-ab.sh A_API B_API
#     A_API, B_API   built Geo.Api executables (e.g. src/Geo.Api/bin/Release/net10.0/Geo.Api of two checkouts)
# Env: RUNS=2, BENCH_DIR=/tmp/bench-import (holds parcels-1000000.*: run bench/import-shapefile.sh once to make it),
#      A_ENV / B_ENV (e.g. 'DOTNET_gcServer=0': one binary measured under two runtime settings), OGR=1 (0: no ogr2ogr turn).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
a_api=$1; b_api=$2
work=${BENCH_DIR:-/tmp/bench-import}; shp=$work/parcels-1000000.shp
admin=$("$repo/scripts/postgis-start.sh")
port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
db=bench_import_ab
connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=$db"
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -q "$@"; }
[ -s "$shp" ] || { echo "no $shp: run bench/import-shapefile.sh first"; exit 1; }

fresh() {
  sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
  "$a_api" import "$repo/gis-data" --connection "$connection" >/dev/null
  sql -d "$db" -c "VACUUM ANALYZE"
}

turn() { # label, env, command…
  local label=$1 env=$2; shift 2
  fresh
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  env $env /usr/bin/time -v -o "$work/ab-time-$label.txt" "$@" >"$work/ab-out-$label.txt" 2>&1 \
    || { echo "$label failed:"; tail -n 5 "$work/ab-out-$label.txt"; exit 1; }
  awk -F': ' -v label="$label" -v load="$load" '
    /User time/ {u = $2} /System time/ {s = $2} /Maximum resident/ {r = $2 / 1024}
    /Elapsed \(wall clock\)/ {n = split($2, p, ":"); w = 0; for (k = 1; k <= n; k++) w = w * 60 + p[k]}
    END {printf "%-8s cpu %.2f + %.2f = %.2f s, wall %.1f s, peak RSS %.0f MB, load %s\n", label, u, s, u + s, w, r, load}' \
    "$work/ab-time-$label.txt"
}

ours() { # label, env, api
  turn "$1" "$2" "$3" import "$shp" --collection parcels --connection "$connection" \
    --map land_use_c=land_use_code --map township_c=township_code \
    --set source=synthetic --set location_precision=schematic --set illustrative=true
}

for i in $(seq 1 "${RUNS:-2}"); do
  echo "run $i"
  ours A "${A_ENV:-}" "$a_api"
  ours B "${B_ENV:-}" "$b_api"
  if [ "${OGR:-1}" = 1 ]; then
    turn ogr2ogr "" ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$port user=postgres dbname=$db" "$shp" \
      -nln parcels_ogr -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom -gt unlimited
  fi
done
sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
