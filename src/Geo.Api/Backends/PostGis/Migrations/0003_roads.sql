-- An optional road network for 一刻钟生活圈 distances by road. Empty until staff load one (e.g. with ogr2ogr); while it
-- is empty, distances are straight lines. Lines must be split (noded) where roads join, as pgRouting expects.
-- pgRouting is created only where the Debian package postgresql-15-pgrouting is installed, so this runs everywhere.
CREATE TABLE roads (
    id   bigint PRIMARY KEY,
    geom geometry(LineString, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    name text
);

CREATE INDEX roads_geom_idx ON roads USING gist (geom);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') THEN
        CREATE EXTENSION IF NOT EXISTS pgrouting;
    END IF;
END;
$$;
