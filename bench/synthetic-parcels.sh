# Sourced by the benchmarks that page, describe or export a large PostGIS collection (ogcapi-items.sh,
# ogcapi-metadata.sh, export-snapshot.sh):
# starts the private cluster, makes database $db afresh, builds the Release service, imports gis-data and adds $rows
# synthetic parcels (10 m squares on a grid over the city, ids from 1,000,000). Sets pg_port, connection and api.
# Expects repo, db and rows to be set.
admin=$("$repo/scripts/postgis-start.sh")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"

echo "== building and importing gis-data"
dotnet build "$repo/src/Geo.Api" -c Release -v q -nologo >/dev/null
api="$repo/src/Geo.Api/bin/Release/net10.0/Geo.Api"
"$api" import "$repo/gis-data" --connection "$connection" | tail -n 1

echo "== adding $rows synthetic parcels (10 m squares on a grid over the city)"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -d "$db" <<SQL
INSERT INTO parcels (id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative)
SELECT 1000000 + i,
       ST_Multi(ST_MakeEnvelope(108.30 + (i % 1000) * 0.0002, 31.10 + (i / 1000) * 0.0002,
                                108.30 + (i % 1000) * 0.0002 + 0.0001, 31.10 + (i / 1000) * 0.0002 + 0.0001, 4490)),
       '0701', '城镇住宅用地', 100, '500154001', NULL, 'benchmark row', 'schematic', true
FROM generate_series(0, $rows - 1) AS i;
VACUUM ANALYZE parcels;
SQL
