-- Edits through OGC API – Features Part 4 (issue 13). Each editable table gets a version (1 as imported, one more per
-- edit: the item's strong ETag), and every accepted edit leaves its row in feature_history, which, like audit_log,
-- refuses UPDATE, DELETE and TRUNCATE: a delete removes the feature from its table and the map, never from its history.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['projects', 'zones', 'parcels', 'relocation_flows', 'constraints', 'facilities']
    LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1)', t);
    END LOOP;
END;
$$;

CREATE TABLE feature_history (
    seq        bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    user_name  text,
    collection text NOT NULL,
    feature_id bigint NOT NULL,
    version    bigint NOT NULL,
    operation  text NOT NULL CHECK (operation IN ('create', 'replace', 'delete')),
    -- The feature after the edit as GeoJSON in EPSG:4490 (x = longitude); null for a delete.
    feature    jsonb,
    UNIQUE (collection, feature_id, version)
);

CREATE FUNCTION feature_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'feature_history is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER feature_history_no_update_delete BEFORE UPDATE OR DELETE ON feature_history
    FOR EACH ROW EXECUTE FUNCTION feature_history_append_only();

CREATE TRIGGER feature_history_no_truncate BEFORE TRUNCATE ON feature_history
    FOR EACH STATEMENT EXECUTE FUNCTION feature_history_append_only();
