-- The generalised tiles of the large collections (drawn from their overview, and the merged tileMatrix-12 ones: a
-- minute of a core for 1,000,000 parcels), kept so that a service started again at the same data version, from the
-- same build with the same tile settings (made_by), answers them at once. A cache derived from the collection tables:
-- the service replaces a collection's rows whole after making them; nothing else writes here, and a write here does
-- not move data_version (no trigger).
CREATE TABLE generalised_tiles (
    collection   text    NOT NULL,
    data_version text    NOT NULL,
    made_by      text    NOT NULL,
    tile_matrix  integer NOT NULL CHECK (tile_matrix BETWEEN 0 AND 24),
    tile_row     integer NOT NULL CHECK (tile_row >= 0),
    tile_col     integer NOT NULL CHECK (tile_col >= 0),
    features     integer NOT NULL CHECK (features >= 0),
    mvt          bytea   NOT NULL,
    PRIMARY KEY (collection, tile_matrix, tile_row, tile_col)
);
