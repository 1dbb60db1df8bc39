#!/usr/bin/env bash
# Benchmark: an unfiltered CSV export of a large PostGIS collection (counted and read in one REPEATABLE READ
# snapshot) against ogr2ogr writing the same table to CSV, in the same run; then the same export while another
# session inserts rows, checking that the file holds exactly the rows counted at its start.
#   BENCH_PORT=5385 bench/export-snapshot.sh [rows]     (default 200000 synthetic parcels added to gis-data's)
# CPU figures are utime+stime from /proc (the server's delta; ogr2ogr's own), wall times are for one run each.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-200000}
port=${BENCH_PORT:-5291}
base="http://127.0.0.1:$port"
out=$(mktemp -d)

db=bench_export
# shellcheck source=bench/synthetic-parcels.sh
source "$repo/bench/synthetic-parcels.sh"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -qAt "$@"; }

ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning "$api" --urls "$base" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done
curl -sf "$base/ogcapi/collections/parcels/items?limit=10" >/dev/null

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
export_csv() {
  local c0 t0 t1 c1
  c0=$(cpu $server); t0=$(date +%s.%N)
  curl -sf -o "$out/export.csv" "$base/ogcapi/collections/parcels/export?f=csv"
  t1=$(date +%s.%N); c1=$(cpu $server)
  printf '%s: %d rows, wall %.2f s, server CPU %.2f s, load %s\n' "$1" "$(( $(wc -l <"$out/export.csv") - 1 ))" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "($c1 - $c0) / $tick" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
peer() {
  local t0 t1
  rm -f "$out/peer.csv"
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$out/time" ogr2ogr -f CSV "$out/peer.csv" "PG:host=127.0.0.1 port=$pg_port user=postgres dbname=$db" parcels -lco GEOMETRY=AS_WKT
  t1=$(date +%s.%N)
  printf 'ogr2ogr (peer): %d rows, wall %.2f s, CPU %.2f s, load %s\n' "$(( $(wc -l <"$out/peer.csv") - 1 ))" \
    "$(echo "$t1 - $t0" | bc)" "$(awk '{print $1 + $2}' "$out/time")" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "== $(sql -c 'SELECT count(*) FROM parcels') parcels; a count(*) would take: $(sql -c 'EXPLAIN ANALYZE SELECT count(*) FROM parcels' | grep 'Execution Time')"
export_csv "export (warm-up)"
peer; export_csv "export, counted in the snapshot"; peer
# The collection's metadata keeps its summary for this data version: the snapshot then uses its count.
curl -sf "$base/ogcapi/collections/parcels" >/dev/null
export_csv "export, kept count"

echo "== the same export while another session inserts 500 rows in 50 commits, starting 0.5 s after it"
before=$(sql -c 'SELECT count(*) FROM parcels')
( sleep 0.5; for i in $(seq 0 49); do
    sql -c "INSERT INTO parcels SELECT (jsonb_populate_record(p, jsonb_build_object('id', 5000000 + $i * 10 + g))).* FROM parcels p, generate_series(0, 9) g WHERE p.id = 1000000"
    sleep 0.05
  done ) &
writer=$!
export_csv "export during inserts"
wait $writer
echo "rows when the export started: $before; rows now: $(sql -c 'SELECT count(*) FROM parcels')"
