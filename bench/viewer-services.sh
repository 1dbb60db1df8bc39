# Sourced by bench/viewer-after-restart.sh and bench/viewer-after-edit.sh, with $connection (the PostGIS database's
# Npgsql connection string) and $view (the viewer's permalink view) set. Builds the service and ViewerFirstRender
# (Release), starts a second, embedded service on WARM_PORT (pid $warm) on which the browser is warmed, and defines:
#   sql STATEMENT  run it on the database
#   serve LOG      start the service on the database on PORT, its TileOverviews log at Information (pid $server)
#   visit RUNS     time RUNS visits of the view with the layers on (the browser warmed on the embedded service first)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-5398}; warm_port=${WARM_PORT:-5399}; work=$(mktemp -d)
layers=district,parcels,zones,constraints,townships,relocation_flows,projects
server=""
sql() { psql -X -q "$(sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/' <<<"$connection")" -c "$1"; }
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
dotnet build "$repo/bench/ViewerFirstRender" -c Release -v q -nologo >/dev/null
cd "$repo/src/Geo.Api"
env Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Geo.Api.dll --urls "http://127.0.0.1:$warm_port" --environment Production >"$work/warm.log" 2>&1 &
warm=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$warm_port/health/ready" >/dev/null && break; sleep 0.2; done
serve() {
  env ConnectionStrings__Geo="$connection" Logging__LogLevel__Default=Warning Logging__LogLevel__Geo.Api.OgcApi.Tiles.TileOverviews=Information \
    dotnet bin/Release/net10.0/Geo.Api.dll --urls "http://127.0.0.1:$port" --environment Production >"$1" 2>&1 &
  server=$!
}
visit() {
  dotnet "$repo/bench/ViewerFirstRender/bin/Release/net10.0/ViewerFirstRender.dll" "http://127.0.0.1:$port/?testHooks#${view}l=$layers" "$1" \
    --pan --target-ms 2000 --no-settle --cold-server "http://127.0.0.1:$warm_port/?testHooks#c=108.41,31.2&z=13&l=district,zones" | grep -E "^run" || true
}
