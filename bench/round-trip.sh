#!/usr/bin/env bash
# Where the time of items/{id} goes, in one run, turns alternating: the database round trip alone (pgbench, prepared,
# and bench/RoundTrip: Npgsql as the service uses it, async and sync), over TCP and over the cluster's unix socket;
# the service's items/{id} (one server per connection string given); and bench/RequestFloor (a bare ASP.NET Core app
# answering the same bytes from memory). Servers are timed two ways: a new curl process and connection per request
# (as bench/peers.sh), and RUNS requests over one kept-alive connection. Every lookup asks for a random id (cold).
# Per turn: lookups, mean and median ms, the client's CPU ms a lookup (pgbench, RoundTrip; for servers, the server's)
# and the cluster's (postmaster and backends, exited ones included), with the load average.
#   bench/round-trip.sh PGDATA SERVER...
#     PGDATA   the cluster's data directory (its port and socket directory are read from postmaster.pid)
#     SERVER   name|Geo.Api folder|connection string, e.g. "tcp|src/Geo.Api/bin/Release/net10.0|Host=127.0.0.1;Port=…"
# Env: ROUNDS=3, SECONDS_RAW=8 (pgbench and RoundTrip turns), RUNS=300 (requests a server turn), MAX_ID=1000000,
#      RAW=1 (0: servers only), ITEM_PATH (default /ogcapi/collections/parcels/items/{id}; {id} the random id, e.g.
#      items/100000{id} for ids that do not exist), PORT_FLOOR=5391, PORT_SERVERS="5392 5393 …".
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
pgdata=$1; shift
item_default='/ogcapi/collections/parcels/items/{id}'
item_path=${ITEM_PATH:-$item_default}; rounds=${ROUNDS:-3}; seconds=${SECONDS_RAW:-8}; runs=${RUNS:-300}; max_id=${MAX_ID:-1000000}
port=$(sed -n 4p "$pgdata/postmaster.pid"); socket=$(sed -n 5p "$pgdata/postmaster.pid"); postmaster=$(head -n 1 "$pgdata/postmaster.pid")
hz=$(getconf CLK_TCK)
read -r -a server_ports <<<"${PORT_SERVERS:-5392 5393 5394 5395}"
pids=(); tmp=$(mktemp -d)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

# CPU ticks of the cluster: the postmaster, its exited children (cutime, cstime) and its live ones.
cluster_ticks() {
  { awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$postmaster/stat"
    for c in $(pgrep -P "$postmaster"); do awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk '{s += $1} END {print s + 0}'
}
# A client's backend ends just after the client: wait for the postmaster to have reaped it (its CPU then counts).
settled_backend() { for _ in $(seq 1 50); do [ "$(pgrep -c -P "$postmaster")" -le "$backends" ] && return; sleep 0.1; done; }
ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
per() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { printf "%.3f", t * 1000 / hz / n }'; }
load() { cut -d' ' -f1 /proc/loadavg; }
random_ids() { awk -v n="$1" -v m="$max_id" -v s="$RANDOM" 'BEGIN { srand(s); for (i = 0; i < n; i++) print int(rand() * m) + 1 }'; }

names=(); declare -A port_of pid_of
dotnet build "$repo/bench/RequestFloor" -c Release -v q -nologo >/dev/null
dotnet build "$repo/bench/RoundTrip" -c Release -v q -nologo >/dev/null
i=0
for server in "$@"; do
  IFS='|' read -r name dir connection <<<"$server"
  names+=("$name"); port_of[$name]=${server_ports[$i]}; i=$((i + 1))
  Tiles__GeneraliseAboveFeatures=100000000 ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning \
    "$dir/Geo.Api" --urls "http://127.0.0.1:${port_of[$name]}" >"$tmp/$name.log" 2>&1 &
  pid_of[$name]=$!; pids+=("$!")
done
for name in "${names[@]}"; do
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:${port_of[$name]}/health" && break; sleep 0.2; done
done
curl -sf -o "$tmp/body" -H 'Accept: application/geo+json' "http://127.0.0.1:${port_of[${names[0]}]}/ogcapi/collections/parcels/items/500000"
FLOOR_BODY="$tmp/body" ASPNETCORE_URLS="http://127.0.0.1:${PORT_FLOOR:-5391}" "$repo/bench/RequestFloor/bin/Release/net10.0/RequestFloor" >"$tmp/floor.log" 2>&1 &
pid_of[floor]=$!; pids+=("$!"); port_of[floor]=${PORT_FLOOR:-5391}
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:${port_of[floor]}/item" && break; sleep 0.2; done
for name in "${names[@]}"; do "$repo/bench/settle.sh" "${pid_of[$name]}" 600 "$pgdata"; done

# The statement the service runs for a parcel (PostGisColumns.SelectList + version), prepared.
printf '%s\n' '\set id random(1, '"$max_id"')' \
  'SELECT id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative, version FROM parcels WHERE id = :id;' >"$tmp/lookup.sql"

pgbench_turn() {
  local host=$1 c0 c1 out
  c0=$(cluster_ticks)
  out=$( { /usr/bin/time -f 'cpu %U %S' pgbench -n -M prepared -c1 -T"$seconds" -f "$tmp/lookup.sql" -h "$host" -p "$port" -U postgres kaizhou; } 2>&1)
  settled_backend; c1=$(cluster_ticks)
  local n mean cpu
  n=$(awk '/number of transactions actually processed/ {print $NF}' <<<"$out")
  mean=$(awk '/latency average/ {print $4}' <<<"$out")
  cpu=$(awk '/^cpu / {printf "%.3f", ($2 + $3) * 1000}' <<<"$out")
  echo "$n $mean - $(awk -v c="$cpu" -v n="$n" 'BEGIN { printf "%.3f", c / n }') $(per $((c1 - c0)) "$n")"
}
loop_turn() {
  local mode=$1 host=$2 c0 c1 n mean median p90 cpu
  c0=$(cluster_ticks)
  read -r n mean median p90 cpu < <("$repo/bench/RoundTrip/bin/Release/net10.0/RoundTrip" "$mode" "Host=$host;Port=$port;Username=postgres;Database=kaizhou" "$seconds" "$max_id")
  settled_backend; c1=$(cluster_ticks)
  echo "$n $mean $median $cpu $(per $((c1 - c0)) "$n")"
}
urls() { local name=$1; if [ "$name" = floor ]; then for _ in $(seq 1 "$runs"); do echo "http://127.0.0.1:${port_of[floor]}/item"; done; else random_ids "$runs" | while read -r id; do echo "http://127.0.0.1:${port_of[$name]}${item_path//'{id}'/$id}"; done; fi; }
summary() { sort -n | awk '{ t[NR] = $1 * 1000; s += t[NR] } END { printf "%d %.3f %.3f", NR, s / NR, t[int((NR + 1) / 2)] }'; }
# A new curl process and connection per request.
fresh_turn() {
  local name=$1 s0 s1 c0 c1 times
  s0=$(ticks "${pid_of[$name]}"); c0=$(cluster_ticks)
  times=$(urls "$name" | while read -r url; do curl -s -o /dev/null -H 'Accept: application/geo+json' -w '%{time_total}\n' "$url"; done | summary)
  s1=$(ticks "${pid_of[$name]}"); c1=$(cluster_ticks)
  echo "$times $(per $((s1 - s0)) "$runs") $(per $((c1 - c0)) "$runs")"
}
# One curl process, one kept-alive connection, RUNS requests.
kept_turn() {
  local name=$1 s0 s1 c0 c1 times
  urls "$name" | sed 's|.*|url = "&"\noutput = "/dev/null"|' >"$tmp/kept.cfg"
  s0=$(ticks "${pid_of[$name]}"); c0=$(cluster_ticks)
  times=$(curl -s -K "$tmp/kept.cfg" -H 'Accept: application/geo+json' -w '%{time_total}\n' | summary)
  s1=$(ticks "${pid_of[$name]}"); c1=$(cluster_ticks)
  echo "$times $(per $((s1 - s0)) "$runs") $(per $((c1 - c0)) "$runs")"
}

for name in floor "${names[@]}"; do fresh_turn "$name" >/dev/null; kept_turn "$name" >/dev/null; done
backends=$(pgrep -c -P "$postmaster")
echo "round load arm lookups mean_ms median_ms client_or_server_cpu_ms cluster_cpu_ms (a lookup)"
for round in $(seq 1 "$rounds"); do
  if [ "${RAW:-1}" = 1 ]; then
    for host in 127.0.0.1 "$socket"; do
      kind=tcp; [ "$host" = "$socket" ] && kind=unix
      echo "$round $(load) pgbench-$kind $(pgbench_turn "$host")"
      echo "$round $(load) npgsql-async-$kind $(loop_turn async "$host")"
      echo "$round $(load) npgsql-sync-$kind $(loop_turn sync "$host")"
    done
  fi
  for name in floor "${names[@]}"; do
    echo "$round $(load) $name-kept-alive $(kept_turn "$name")"
    echo "$round $(load) $name-new-curl $(fresh_turn "$name")"
  done
done
