#!/usr/bin/env bash
# Benchmark: paging a large PostGIS collection through the OGC API in pages of 10,000 features.
# Proves that a page is streamed as it is read (server memory stays flat whatever the table size) and measures time.
#   bench/ogcapi-items.sh [rows]     (default 200000 synthetic parcels added to gis-data's)
# Prints one line per page and a summary; docs/BENCHMARKS.md keeps the results.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-200000}
port=${BENCH_PORT:-5291}
base="http://127.0.0.1:$port"

db=bench_items
# shellcheck source=bench/synthetic-parcels.sh
source "$repo/bench/synthetic-parcels.sh"

echo "== serving from PostGIS on $base"
ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning "$api" --urls "$base" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
hwm() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
curl -sf "$base/ogcapi/collections/parcels/items?limit=10" >/dev/null
echo "server RSS after start: $(( $(rss) / 1024 )) MiB"

url="$base/ogcapi/collections/parcels/items?limit=10000"
pages=0 features=0 start=$(date +%s.%N)
while [ -n "$url" ]; do
  t0=$(date +%s.%N)
  body=$(curl -sf -H 'Accept-Encoding: identity' "$url")
  t1=$(date +%s.%N)
  returned=$(grep -o '"numberReturned":[0-9]*' <<<"$body" | cut -d: -f2)
  pages=$((pages + 1)); features=$((features + returned))
  printf 'page %3d: %5d features, %6.0f KiB, %5.0f ms, server RSS %4d MiB\n' "$pages" "$returned" \
    "$(( ${#body} / 1024 ))" "$(echo "($t1 - $t0) * 1000" | bc)" "$(( $(rss) / 1024 ))"
  url=$(grep -o '"href":"[^"]*","rel":"next"' <<<"$body" | sed -E 's/"href":"([^"]*)".*/\1/' | sed 's/\\u0026/\&/g' || true)
done
total=$(echo "$(date +%s.%N) - $start" | bc)
echo "== $features features in $pages pages, $(printf '%.1f' "$total") s ($(printf '%.0f' "$(echo "$features / $total" | bc -l)") features/s); server peak RSS $(( $(hwm) / 1024 )) MiB"
