-- A county's parcels for the viewer's large-layer test: @n parcels tessellating the district (EPSG:4490), replacing
-- the sample's. A grid over the district's box, each inner vertex jittered by up to ±30 % of a cell from an integer
-- hash of its grid position, so neighbours share vertices exactly (no gaps, no overlaps); cells whose centre is in
-- the district are kept, numbered 1.. row by row from the south-west. Classes: 12×12-cell patches of one 三调 class
-- with 30 % of parcels on their own class (@codes/@names: the catalog's land-use list); township codes by coarse
-- blocks. Everything derives from hashes of grid positions, so every run writes the same parcels.
-- Adapted from /work/shared/bench-peers/gen-parcels.sql; temporary tables so the planner joins the vertices by hash.

-- 10 % more cells than the district's share of its box needs, so @n centres fall inside; cells near-square in metres.
CREATE TEMP TABLE dims AS
WITH box AS (
  SELECT ST_XMin(g) AS x0, ST_YMin(g) AS y0, ST_XMax(g) - ST_XMin(g) AS w, ST_YMax(g) - ST_YMin(g) AS h,
         ST_Area(g) / ST_Area(ST_Envelope(g)) AS fill
  FROM (SELECT ST_Union(geom) AS g FROM district) AS d),
grid AS (SELECT box.*, ceil(sqrt(@n / fill * 1.1 * w * cos(radians(y0 + h / 2)) / h))::int AS nc FROM box)
SELECT grid.*, ceil(@n / fill * 1.1 / nc)::int AS nr FROM grid;

-- A cell is kept when its centre is in the district: each row's centre line cut by the district gives the spans of
-- columns inside (one intersection per row instead of one point-in-polygon test per cell).
CREATE TEMP TABLE kept AS
WITH spans AS (
  SELECT r, ST_XMin(span.geom) AS x1, ST_XMax(span.geom) AS x2
  FROM dims, generate_series(0, nr - 1) AS r,
       (SELECT ST_Union(geom) AS g FROM district) AS d,
       ST_Dump(ST_Intersection(d.g, ST_SetSRID(ST_MakeLine(ST_MakePoint(x0 - 1, y0 + h * (r + 0.5) / nr), ST_MakePoint(x0 + w + 1, y0 + h * (r + 0.5) / nr)), 4490))) AS span)
SELECT col, spans.r, row_number() OVER (ORDER BY spans.r, col) AS k
FROM dims, spans, generate_series(ceil((x1 - x0) * nc / w - 0.5)::int, floor((x2 - x0) * nc / w - 0.5)::int) AS col
WHERE col BETWEEN 0 AND nc - 1;
DELETE FROM kept WHERE k > @n;
ANALYZE kept;

CREATE TEMP TABLE v AS
SELECT i, j,
  round((x0 + w * (i + CASE WHEN i IN (0, nc) THEN 0 ELSE 0.6 * ((hashint8extended(i::bigint * 1000003 + j, 42) & 16777215) / 16777216.0 - 0.5) END) / nc) * 1e7) / 1e7 AS x,
  round((y0 + h * (j + CASE WHEN j IN (0, nr) THEN 0 ELSE 0.6 * ((hashint8extended(i::bigint * 1000003 + j, 43) & 16777215) / 16777216.0 - 0.5) END) / nr) * 1e7) / 1e7 AS y
FROM dims, generate_series(0, nc) AS i, generate_series(0, nr) AS j;
ANALYZE v;

-- Loaded without the spatial index, which is built once afterwards (faster than growing it row by row).
DELETE FROM parcels;
DROP INDEX parcels_geom_idx;

WITH cell AS (
  SELECT k, col, r, ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[
      ST_MakePoint(a.x, a.y), ST_MakePoint(b.x, b.y), ST_MakePoint(c.x, c.y), ST_MakePoint(e.x, e.y), ST_MakePoint(a.x, a.y)])), 4490) AS poly,
    1 + floor(cardinality(@codes::text[]) * CASE WHEN (hashint8extended(k, 44) & 16777215) / 16777216.0 < 0.7
      THEN (hashint8extended((r / 12) * 1000003 + col / 12, 45) & 16777215) / 16777216.0
      ELSE (hashint8extended(k, 46) & 16777215) / 16777216.0 END)::int AS class
  FROM kept
  JOIN v a ON a.i = col AND a.j = r
  JOIN v b ON b.i = col + 1 AND b.j = r
  JOIN v c ON c.i = col + 1 AND c.j = r + 1
  JOIN v e ON e.i = col AND e.j = r + 1),
townships AS (SELECT array_agg(code ORDER BY code) AS codes FROM townships)
INSERT INTO parcels (id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative)
SELECT k, ST_Multi(poly), (@codes::text[])[class], (@names::text[])[class], ST_Area(poly::geography),
       codes[1 + ((col / 25) * 7 + (r / 25) * 3) % cardinality(codes)], NULL,
       'generated test parcels (Geo.Viewer.Tests/Data/large-parcels.sql)', 'schematic', true
FROM cell, townships;

CREATE INDEX parcels_geom_idx ON parcels USING gist (geom);
ANALYZE parcels;
