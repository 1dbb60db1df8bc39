#!/usr/bin/env bash
# Benchmark: a 1,000,000-feature GBK shapefile of tessellated parcels (the peers' generator,
# /work/shared/bench-peers/gen-parcels.sql, or GEN_PARCELS_SQL) imported into PostGIS by our CLI `import --collection
# parcels` and, in the same run, by `ogr2ogr -f PostgreSQL` into another table of the same database. Wall time and peak
# RSS of each come from /usr/bin/time -v. Generated files live in BENCH_DIR (default /tmp/bench-import), never in git;
# the shapefile is kept there and reused by the next run (delete the folder to regenerate).
#   GEO_PG_PORT=… bench/import-shapefile.sh [N=1000000]      results in docs/BENCHMARKS.md
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
generator=${GEN_PARCELS_SQL:-/work/shared/bench-peers/gen-parcels.sql}
work=${BENCH_DIR:-/tmp/bench-import}
shp=$work/parcels-$n.shp
admin=$("$repo/scripts/postgis-start.sh")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
db=bench_import
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -q "$@"; }
pg="PG:host=127.0.0.1 port=$pg_port user=postgres dbname=$db"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
mkdir -p "$work"

sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
"$api" import "$repo/gis-data" --connection "$connection" | tail -n 1

if [ ! -s "$shp" ]; then
  # The generator tiles a rectangle round the district; 44 % of it lies inside 开州区 and an import refuses rows wholly
  # outside, so tile 2.5 n and keep the first n that touch the district. The parcels as staff receive them: a GBK
  # (CP936) shapefile whose fields are the catalog's, cut to DBF's 10 characters.
  sql -d "$db" -v n="$((n * 5 / 2))" -v table=parcels_gen -f "$generator" >/dev/null
  ogr2ogr -f "ESRI Shapefile" "$shp" "$pg" -nln "parcels-$n" -lco ENCODING=CP936 -sql "
    SELECT CASE g.land_use WHEN '耕地' THEN '0103' WHEN '园地' THEN '0201' WHEN '林地' THEN '0301' WHEN '草地' THEN '0404'
             WHEN '建设用地' THEN '0701' WHEN '水域' THEN '1101' WHEN '交通运输用地' THEN '1003' ELSE '1206' END AS land_use_c,
           g.land_use, g.area_m2,
           coalesce(t.code, CASE g.township WHEN '镇安镇' THEN '500154008' WHEN '白泉乡' THEN '500154127' END) AS township_c,
           g.geom
    FROM parcels_gen g LEFT JOIN townships t ON t.name = g.township
    WHERE EXISTS (SELECT 1 FROM district d WHERE ST_Intersects(d.geom, g.geom)) ORDER BY g.id LIMIT $n"
  sql -d "$db" -c "DROP TABLE parcels_gen"
fi
ls -l "${shp%.shp}".* | awk '{s += $5} END {printf "shapefile: %d features, %.0f MB (.shp .shx .dbf .prj .cpg)\n", '"$n"', s / 1048576}'
cat "${shp%.shp}.cpg"; echo

measure() { # label, command…: wall seconds and peak RSS from GNU time
  local label=$1; shift
  /usr/bin/time -v -o "$work/time-$label.txt" "$@" >"$work/out-$label.txt" 2>"$work/err-$label.txt" \
    || { echo "$label failed:"; tail -n 5 "$work/out-$label.txt" "$work/err-$label.txt"; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time-$label.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time-$label.txt")
  echo "$label: ${wall} s wall, peak RSS ${rss} MB"
}

sql -d "$db" -c "VACUUM ANALYZE"
measure ours "$api" import "$shp" --collection parcels --connection "$connection" \
  --map land_use_c=land_use_code --map township_c=township_code \
  --set source=synthetic --set location_precision=schematic --set illustrative=true
tail -n 1 "$work/out-ours.txt"
# GDAL's defaults for a new PostgreSQL table (COPY, the GiST index built after the rows), in one transaction as ours is.
measure ogr2ogr ogr2ogr -f PostgreSQL "$pg" "$shp" -nln parcels_ogr -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom -gt unlimited
# Ours goes into a live table (with its PK, CHECKs and GiST index; 1M rows into 94 are built beside it and swapped in,
# PostGisTableRebuild); GDAL appending the same way: an empty table with its GiST index first, then -append by COPY.
ogr2ogr -f PostgreSQL "$pg" "$shp" -nln parcels_ogr_append -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom -where "FID < 0"
if [ "$(sql -d "$db" -Atc "SELECT count(*) FROM pg_indexes WHERE tablename = 'parcels_ogr_append' AND indexdef LIKE '%gist%'")" = 0 ]; then
  sql -d "$db" -c "CREATE INDEX ON parcels_ogr_append USING gist (geom)"
fi
measure ogr2ogr-append ogr2ogr -append -f PostgreSQL "$pg" "$shp" -nln parcels_ogr_append -nlt PROMOTE_TO_MULTI -gt unlimited --config PG_USE_COPY YES
for table in parcels parcels_ogr parcels_ogr_append; do
  # Same rows in each: count, 地类 text and area per 地类 (ours filtered to the imported rows).
  echo "$table: $(sql -d "$db" -Atc "SELECT string_agg(land_use || ' ' || n || ' ' || a, ', ' ORDER BY land_use) FROM (SELECT land_use, count(*) n, round(sum(area_m2)) a FROM $table $([ $table = parcels ] && echo "WHERE source = 'synthetic'") GROUP BY 1) t")"
done
sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
