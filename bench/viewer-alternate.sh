#!/usr/bin/env bash
# Two builds of the viewer against one running server, visited alternately (issue 12's zoom-13 view with the 1M
# parcels on, then off): each round runs bench/ViewerFirstRender for A on, A off, B on, B off, VISITS measured visits
# each after one unmeasured, the builds' index.html and /assets/* routed in with --assets (`vite build --outDir DIR` of
# each commit). Start the server first (bench/viewer-scale.sh with KEEP_PG=1 leaves the table).
#   bench/viewer-alternate.sh LABEL_A DIR_A LABEL_B DIR_B      settings: PORT=5397 ROUNDS=3 VISITS=3 CENTER=108.41,31.2 ZOOM=13 (or district)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5397}; rounds=${ROUNDS:-3}; visits=${VISITS:-3}; center=${CENTER:-108.41,31.2}; zoom=${ZOOM:-13}
harness="$repo/bench/ViewerFirstRender/bin/Release/net10.0/ViewerFirstRender.dll"
[ -f "$harness" ] || dotnet build "$repo/bench/ViewerFirstRender" -c Release -v q -nologo >/dev/null
# ZOOM=district: the viewer's own first view, the whole district fitted (no centre or zoom in the address).
view="c=$center&z=$zoom&"; [ "$zoom" = district ] && view=""
base="http://127.0.0.1:$port/?testHooks#${view}l=district"
for round in $(seq 1 "$rounds"); do
  for arm in "$1 $2" "$3 $4"; do
    read -r label dir <<<"$arm"
    for parcels in on off; do
      layers=zones,constraints,townships,relocation_flows,projects; [ "$parcels" = on ] && layers="parcels,$layers"
      echo "### round $round $label parcels-$parcels load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%T)"
      dotnet "$harness" "$base,$layers" "$visits" --pan --assets "$dir" | grep '^run ' || true
    done
  done
done
