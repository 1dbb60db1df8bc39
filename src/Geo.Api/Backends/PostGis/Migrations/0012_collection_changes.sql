-- Where each edit made through the service changed a collection: the lon/lat envelope of the geometry before and
-- after, under the collection's counter (collection_versions, 0011) that the edit's one statement moved it to. What
-- was made of a collection at one version (its generalised and merged tiles) and lies away from every change logged
-- since is kept at the next: one edited parcel re-makes the tiles around it, not the district's. A write not logged
-- here (psql, QGIS, an import) leaves a counter without its row, and then everything is made again. The editor keeps
-- the last 1,000 rows per collection. All four bounds null: no geometry was written or removed.
CREATE TABLE collection_changes (
    collection text   NOT NULL,
    counter    bigint NOT NULL,
    min_x      double precision,
    min_y      double precision,
    max_x      double precision,
    max_y      double precision,
    PRIMARY KEY (collection, counter),
    CHECK ((min_x IS NULL) = (min_y IS NULL) AND (min_x IS NULL) = (max_x IS NULL) AND (min_x IS NULL) = (max_y IS NULL))
);
