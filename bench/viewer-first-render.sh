#!/usr/bin/env bash
# Time to the viewer's first complete render on loopback: builds in Release, starts the service on the embedded
# store, opens the viewer in headless chromium RUNS times (fresh cache each time) and prints each time and the median.
# Usage: bench/viewer-first-render.sh [runs]   (default 10; results go into docs/BENCHMARKS.md by hand)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
runs=${1:-10}
port=5181
"$repo/scripts/install-test-tools.sh"
dotnet build -c Release -v quiet -nologo src/Geo.Api >/dev/null
dotnet build -c Release -v quiet -nologo bench/ViewerFirstRender >/dev/null

(cd src/Geo.Api && exec dotnet bin/Release/net10.0/Geo.Api.dll --urls "http://127.0.0.1:$port" --environment Production) >/tmp/viewer-bench-service.log 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.2
done

echo "machine: $(nproc) cores, $(uname -m), $(chromium --version 2>/dev/null | head -1)"
dotnet bench/ViewerFirstRender/bin/Release/net10.0/ViewerFirstRender.dll "http://127.0.0.1:$port/" "$runs"
