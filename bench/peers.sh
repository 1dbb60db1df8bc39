#!/usr/bin/env bash
# Benchmark: our OGC API (Release build, PostGIS) beside MapServer 8 and QGIS Server 3.22 (Debian) and the raw SQL that
# builds the same GeoJSON, in one run, on one parcels table of N generated parcels (generate-parcels) — issue 12's table.
#   bench/peers.sh [N=1000000]            results in docs/BENCHMARKS.md
# Needs PostGIS (scripts/postgis-install.sh) and the peer scripts in PEERS (default /work/shared/bench-peers); installs
# with apt what a fresh machine lacks of cgi-mapserver qgis-server (~800 MiB) lighttpd spawn-fcgi wrk.
# Ports and folders are settings so runs beside others do not collide:
#   PG_PORT=55493 OURS_PORT=5393 MS_PORT=18180 QGIS_PORT=18181 WORK=/tmp/genbench-peers
#   RUNS=25 (curl samples per measurement, after 40 warm-up requests for ours (tiered JIT), 3–5 for the peers),
#   WRK_DURATION=10s, WRK_CONNS=16, WRK_WARM=5s (an unmeasured wrk turn first), SKIP_QGIS=1, KEEP_PG=1 (leave the cluster running)
# Ours is measured twice: on PostGIS, and on the embedded store (EMBEDDED_PORT=5394) over a copy of gis-data whose
# parcels.geojson holds the same N parcels (generate-parcels --data, same seed); SKIP_EMBEDDED=1 leaves that out.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/scripts/lib/apt-install.sh"
missing=()
command -v mapserv >/dev/null || missing+=(cgi-mapserver)
[ -n "${SKIP_QGIS:-}" ] || [ -x /usr/lib/cgi-bin/qgis_mapserv.fcgi ] || missing+=(qgis-server)
command -v lighttpd >/dev/null || missing+=(lighttpd)
command -v spawn-fcgi >/dev/null || missing+=(spawn-fcgi)
command -v wrk >/dev/null || missing+=(wrk)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
n=${1:-1000000}
peers=${PEERS:-/work/shared/bench-peers}
pg_port=${PG_PORT:-55493}; ours_port=${OURS_PORT:-5393}; embedded_port=${EMBEDDED_PORT:-5394}; ms_port=${MS_PORT:-18180}; qgis_port=${QGIS_PORT:-18181}
work=${WORK:-/tmp/genbench-peers}; runs=${RUNS:-25}
db=peers
export WRK_DURATION=${WRK_DURATION:-10s} WRK_CONNS=${WRK_CONNS:-16} RUNS=$runs
mkdir -p "$work"
pguri="host=127.0.0.1 port=$pg_port dbname=$db user=postgres"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
sql() { psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" "$@"; }

server=""; embedded_server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$embedded_server" ] && kill "$embedded_server" 2>/dev/null || true
  WORKDIR="$work/ms" "$peers/mapserver-down.sh" "$ms_port" >/dev/null 2>&1 || true
  WORKDIR="$work/qgis" "$peers/qgis-down.sh" "$qgis_port" >/dev/null 2>&1 || true
  [ -z "${KEEP_PG:-}" ] && "$peers/pg-down.sh" "$pg_port" "$work/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "# bench/peers.sh $(date -u +%FT%TZ) n=$n cpus=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
"$peers/pg-up.sh" "$pg_port" "$work/pg" "$db" >/dev/null
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
"$api" import "$repo/gis-data" --connection "$connection" | tail -n 1
start=$(date +%s.%N)
"$api" generate-parcels --count "$n" --seed 1 --connection "$connection" 2>/dev/null
echo "# generate-parcels --count $n into PostGIS: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s (Release, load $(cut -d' ' -f1 /proc/loadavg))"
sql -c "VACUUM ANALYZE parcels"
if [ -z "${SKIP_EMBEDDED:-}" ]; then
  rm -rf "$work/embedded" && mkdir -p "$work/embedded" && cp -r "$repo"/gis-data/. "$work/embedded/"
  "$api" generate-parcels --count "$n" --seed 1 --data "$work/embedded" 2>/dev/null
fi

# Boxes around the 汉丰 seat with about 11, 990 and 9,963 parcels (issue 12's sizes): a square sized from the mean
# parcel area, then scaled once by the count it holds.
box() {
  local target=$1 side count
  side=$(sql -Atc "SELECT sqrt($target * avg(area_m2)) / 95000 FROM parcels")
  for _ in 1 2; do
    count=$(sql -Atc "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_MakeEnvelope(108.41 - $side/2, 31.25 - $side/2, 108.41 + $side/2, 31.25 + $side/2, 4490))")
    side=$(awk -v s="$side" -v t="$target" -v c="$count" 'BEGIN{printf "%.8f", s * sqrt(t / (c > 0 ? c : 1))}')
  done
  sql -Atc "SELECT concat_ws(',', round((108.41 - $side/2)::numeric, 5), round((31.25 - $side/2)::numeric, 5), round((108.41 + $side/2)::numeric, 5), round((31.25 + $side/2)::numeric, 5))"
}
export BBOXES="S=$(box 11);M=$(box 990);L=$(box 9963)"
echo "# boxes: $BBOXES"
props=$(sql -Atc "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'parcels' AND column_name NOT IN ('id', 'geom', 'version')")

ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning "$api" --urls "http://127.0.0.1:$ours_port" >"$work/ours.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$ours_port/health" >/dev/null && break; sleep 0.2; done
if [ -z "${SKIP_EMBEDDED:-}" ]; then
  rm -rf "$work/embedded-state" && mkdir -p "$work/embedded-state"
  GisData__Path="$work/embedded" IndicatorActuals__Path="$work/embedded-state" Logging__LogLevel__Default=Warning \
    "$api" --urls "http://127.0.0.1:$embedded_port" >"$work/embedded.log" 2>&1 &
  embedded_server=$!
  for _ in $(seq 1 300); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$embedded_port/health/ready")" = 200 ] && break; sleep 0.2; done
  "$repo/bench/settle.sh" "$embedded_server" 600
fi
# Ours builds its tile overview and then merges the tileMatrix-12 tiles in PostgreSQL (minutes of one core on 1M
# parcels): wait until the server and the cluster are both idle.
"$repo/bench/settle.sh" "$server" 600 "$work/pg"
WORKDIR="$work/ms" "$peers/mapserver-up.sh" "$ms_port" "$pg_port" "$db" parcels
if [ -z "${SKIP_QGIS:-}" ]; then
  # qgis-up.sh declares a Polygon layer; our table holds MultiPolygons, so QGIS would read no feature: patch a copy.
  sed 's/uri.setWkbType(3)  # Polygon/uri.setWkbType(6)  # MultiPolygon/' "$peers/qgis-up.sh" > "$work/qgis-up.sh"
  WORKDIR="$work/qgis" bash "$work/qgis-up.sh" "$qgis_port" "$pg_port" "$db" parcels
fi

declare -A bases=([ours]="http://127.0.0.1:$ours_port/ogcapi" [mapserver]="http://127.0.0.1:$ms_port/mapserv/parcels/ogcapi")
order=(ours mapserver)
[ -z "${SKIP_EMBEDDED:-}" ] && { bases[embedded]="http://127.0.0.1:$embedded_port/ogcapi"; order=(ours embedded mapserver); }
[ -z "${SKIP_QGIS:-}" ] && { bases[qgis]="http://127.0.0.1:$qgis_port/qgis/wfs3"; order+=(qgis); }

# Median (p10–p90) of RUNS curl requests after WARM warm-up ones.
ms() {
  local url=$1 accept=$2
  for _ in $(seq 1 "$warm"); do curl -s -o /dev/null -H "Accept: $accept" "$url"; done
  for _ in $(seq 1 "$runs"); do curl -s -o /dev/null -H "Accept: $accept" -w '%{time_total}\n' "$url"; done |
    awk '{print $1*1000}' | sort -g | awk '{a[NR]=$1} END{printf "%.2f (%.2f–%.2f)", a[int((NR+1)/2)], a[int(NR*0.1)+1], a[int(NR*0.9)]}'
}

id=$((n / 2))
mbox=${BBOXES#*M=}; mbox=${mbox%%;*}
for name in "${order[@]}"; do
  base=${bases[$name]}
  echo "## $name: $base"
  # Ours is .NET: tiered JIT needs 40+ requests on a path before it is measured (STACK-FACTS); the peers are C/C++.
  # Bboxes get 150: after 40 + 40 (S, then M) the background compiler still took 33–114 ms CPU a 992-feature request
  # on 2 cores (perf: its thread 79 % of the server's CPU), steady (~9 ms) only from about the 120th (BENCHMARKS, session 8).
  warm=3; pg=(WARMUP=5)
  [ "$name" = ours ] && { warm=40; pg=(WARMUP=150 PGURI="$pguri" PG_PROPS="$props"); }
  [ "$name" = embedded ] && { warm=40; pg=(WARMUP=150); }
  # Every server gets one concurrent turn first: our first concurrent turn after sequential warm-up had a p99 of
  # 0.7–1.2 s against 0.14–0.19 s for the turns after it (docs/BENCHMARKS.md, session 13; among its costs, the pool
  # growing from one PostgreSQL connection to WRK_CONNS, each new backend planning its first statements cold).
  wrk -t2 -c"$WRK_CONNS" -d"${WRK_WARM:-5s}" -H 'Accept: application/geo+json' "$base/collections/parcels/items?bbox=$mbox&limit=20000" >/dev/null
  env "${pg[@]}" "$peers/bench-oapif.sh" "$base" parcels
  code=$(curl -s -o "$work/$name-item.json" -w '%{http_code}' -H 'Accept: application/geo+json' "$base/collections/parcels/items/$id")
  echo "items/$id: HTTP $code $(wc -c < "$work/$name-item.json") B, $(ms "$base/collections/parcels/items/$id" 'application/geo+json') ms"
  code=$(curl -s -o "$work/$name-page.json" -w '%{http_code}' -H 'Accept: application/geo+json' "$base/collections/parcels/items?limit=10")
  echo "items?limit=10: HTTP $code, $(ms "$base/collections/parcels/items?limit=10" 'application/geo+json') ms"
  code=$(curl -s -o "$work/$name-collections.json" -w '%{http_code}' -H 'Accept: application/json' "$base/collections")
  echo "/collections: HTTP $code, $(ms "$base/collections" 'application/json') ms"
  curl -s -o "$work/$name-M.json" -H 'Accept: application/geo+json, application/json' "$base/collections/parcels/items?bbox=$(tr ';' '\n' <<<"$BBOXES" | sed -n 's/^M=//p')&limit=20000"
done
echo "# done $(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg); 990-feature answers kept in $work/*-M.json"
