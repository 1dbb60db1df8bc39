#!/usr/bin/env bash
# Runs every test against real services (and the gis-data generator's Python unit tests, the viewer's ESLint and vitest): installs what is missing (PostGIS, GDAL; Node.js, chromium and fonts for
# the viewer), starts a private PostGIS cluster, runs the whole solution's tests (the viewer's in headless chromium),
# prints "N passed, N failed" and stops the cluster again. Screenshots land in artifacts/screenshots/.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
results="$repo/artifacts/test-results"
rm -rf "$results"

command -v dotnet >/dev/null || { echo "test: the .NET 10 SDK (dotnet) is needed; see README.md" >&2; exit 1; }

echo "== tools"
"$repo/scripts/install-test-tools.sh"

echo "== PostGIS"
GEO_TEST_PG=$("$repo/scripts/postgis-start.sh")
export GEO_TEST_PG
trap '"$repo/scripts/postgis-stop.sh" 2>/dev/null' EXIT

echo "== tests"
status=0
dotnet test Kaizhou.slnx --logger "trx" --results-directory "$results" "$@" || status=$?

# dotnet's own summary is per assembly; CI reads one line for the whole run.
passed=0 failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
done

# The gis-data generator's own unit tests (standard library only), counted in the same line.
echo "== gis-data generator tests"
mkdir -p "$results"
pylog="$results/python-unittest.log"
python3 -m unittest discover -s gis-data/tools/tests -t gis-data/tools >"$pylog" 2>&1 || status=1
cat "$pylog"
pyran=$(sed -nE 's/^Ran ([0-9]+) tests? in .*/\1/p' "$pylog")
pyfailed=0
for kind in failures errors; do
  n=$(sed -nE "s/^FAILED \(.*$kind=([0-9]+).*/\1/p" "$pylog")
  pyfailed=$((pyfailed + ${n:-0}))
done
if [ -z "$pyran" ]; then pyran=0; pyfailed=$((pyfailed + 1)); status=1; fi
passed=$((passed + pyran - pyfailed))
failed=$((failed + pyfailed))

# The viewer's lint (one check: clean or not) and its vitest unit tests, counted in the same line.
echo "== viewer lint and unit tests"
viewer="$repo/src/Geo.Viewer"
[ -d "$viewer/node_modules" ] || (cd "$viewer" && npm ci --no-audit --no-fund)
if (cd "$viewer" && npx eslint .); then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
junit="$results/vitest.xml"
(cd "$viewer" && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$junit") || status=1
# The first element, <testsuites name=… tests="N" failures="F" errors="E" …>, holds the run's totals.
if counters=$(grep -o -m1 '<testsuites [^>]*>' "$junit" 2>/dev/null); then
  total=$(sed -E 's/.* tests="([0-9]+)".*/\1/' <<<"$counters")
  vfailed=$(( $(sed -E 's/.* failures="([0-9]+)".*/\1/' <<<"$counters") + $(sed -E 's/.* errors="([0-9]+)".*/\1/' <<<"$counters") ))
  passed=$((passed + total - vfailed))
  failed=$((failed + vfailed))
else
  failed=$((failed + 1)); status=1
fi

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "test: no test ran" >&2
  status=1
fi

# The count is the last line printed, so stop the cluster first.
"$repo/scripts/postgis-stop.sh" 2>/dev/null
trap - EXIT
echo "$passed passed, $failed failed"
exit "$status"
