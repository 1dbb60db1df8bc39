#!/usr/bin/env bash
# Soak: wrk on loopback, 16 connections for 60 s over a mix of OGC API items and search, planning analyses and
# indicator writes (bench/soak.lua), against a Release build on PostGIS. Samples the service's RSS every 5 s, counts
# answers by status, and afterwards looks up every acknowledged (201) indicator write in PostGIS, row by row.
#   bench/soak.sh                 plain soak: expects only 2xx answers
#   bench/soak.sh --restart       PostGIS is stopped 20 s in and started again 8 s later, under the load: expects no
#                                 5xx but 503, the same service process answering afterwards, and no acknowledged
#                                 write missing
# Needs wrk (Debian: apt-get install -y wrk). Uses a PostGIS cluster of its own (GEO_PG_DIR below), so stopping it
# disturbs no test. Settings: SOAK_SECONDS (60), SOAK_CONNECTIONS (16), BENCH_PORT (5293). docs/BENCHMARKS.md keeps results.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
restart=false
[ "${1:-}" = --restart ] && restart=true
seconds=${SOAK_SECONDS:-60}
connections=${SOAK_CONNECTIONS:-16}
port=${BENCH_PORT:-5293}
base="http://127.0.0.1:$port"
out=$(mktemp -d /tmp/kaizhou-soak.XXXXXX)
export SOAK_OUT=$out

# A cluster of the soak's own, on the first free port from 55600.
export GEO_PG_DIR=/tmp/kaizhou-soak-pg
if [ ! -f "$GEO_PG_DIR/port" ]; then
  for candidate in $(seq 55600 55699); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then export GEO_PG_PORT=$candidate; break; fi
  done
fi
admin=$("$repo/scripts/postgis-start.sh")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
export GEO_PG_PORT=$pg_port
db=bench_soak
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"

echo "== building and importing gis-data"
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
"$api" import "$repo/gis-data" --connection "$connection" | tail -n 1
# Indicator writes need an editor's account (issue 12): one made for the run, its personal token sent by soak.lua.
printf '%s\n' "soak-$(date +%s%N)" | "$api" users add soak --role editor --connection "$connection" >/dev/null
export SOAK_TOKEN=$("$api" users token soak --label soak --connection "$connection" | tail -n 1)

echo "== serving from PostGIS on $base"
ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning "$api" --urls "$base" >"$out/service.log" 2>&1 &
server=$!
sampler=
trap 'kill $server $sampler 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done

# Warm-up: one short run of the same mix, so tiered JIT has promoted the hot paths before memory is measured.
wrk -t2 -c4 -d5s -s "$repo/bench/soak.lua" "$base" >/dev/null
rm -f "$out"/acks-*.tsv

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status"; }
echo "server RSS after warm-up: $(rss) MiB"
( for _ in $(seq 1 $(( seconds / 5 + 4 ))); do sleep 5; printf '%s %s\n' "$(date +%s)" "$(rss)"; done ) >"$out/rss.log" &
sampler=$!

if $restart; then
  ( sleep 20; echo "== $(date +%T) stopping PostGIS"; "$repo/scripts/postgis-stop.sh"; sleep 8
    echo "== $(date +%T) starting PostGIS"; "$repo/scripts/postgis-start.sh" >/dev/null 2>&1 ) &
  restarter=$!
fi

echo "== wrk: $connections connections, ${seconds} s"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$repo/bench/soak.lua" "$base" | tee "$out/wrk.txt"
$restart && wait "$restarter"
kill "$sampler" 2>/dev/null || true

echo "== server RSS every 5 s (MiB): $(awk '{printf "%s ", $2}' "$out/rss.log")"
echo "   min $(sort -n -k2 "$out/rss.log" | head -n1 | cut -d' ' -f2), max $(sort -n -k2 "$out/rss.log" | tail -n1 | cut -d' ' -f2), end $(rss)"

failed=0
statuses=$(grep '^statuses:' "$out/wrk.txt")
bad=$(tr ' ' '\n' <<<"${statuses#statuses:}" | awk -F= -v restart="$restart" \
  '$1 != "" && !($1 >= 200 && $1 < 300) && !(restart == "true" && $1 == 503) {print}')
[ -z "$bad" ] || { echo "FAIL: answers the run does not allow: $bad"; failed=1; }
grep -q 'Socket errors' "$out/wrk.txt" && { echo "FAIL: wrk reports socket errors"; failed=1; }

# The same process answers after the load (and after the restart): recovery without restarting the service.
kill -0 "$server" || { echo "FAIL: the service process is gone"; failed=1; }
after=$(curl -s -o /dev/null -w '%{http_code}' "$base/ogcapi/collections/projects/items?limit=1")
echo "after the run: items answer $after from the same process (pid $server)"
[ "$after" = 200 ] || failed=1

# Every acknowledged write, row by row: same sequence, indicator, value and note in indicator_actuals.
cat "$out"/acks-*.tsv >"$out/acks.tsv"
missing=$(sql -d "$db" <<SQL
CREATE TEMP TABLE acks (seq bigint, indicator_id bigint, value double precision, note text);
\copy acks FROM '$out/acks.tsv'
SELECT count(*) FROM acks a
WHERE NOT EXISTS (SELECT 1 FROM indicator_actuals r
                  WHERE r.seq = a.seq AND r.indicator_id = a.indicator_id AND r.value = a.value AND r.note = a.note);
SQL
)
rows=$(sql -d "$db" -c "SELECT count(*) FROM indicator_actuals WHERE note LIKE 'soak %'")
echo "acknowledged writes: $(wc -l <"$out/acks.tsv"), missing from PostGIS: $missing; soak rows in PostGIS: $rows"
[ "$missing" = 0 ] || failed=1

echo "results in $out"
[ "$failed" = 0 ] && echo "== PASS" || { echo "== FAIL"; exit 1; }
