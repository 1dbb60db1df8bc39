-- A version of the collections' contents for HTTP ETags: an epoch that changes when the database is created anew,
-- and a counter bumped by every statement that writes a collection table (import, or an edit made by hand).
CREATE TABLE data_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch     uuid   NOT NULL DEFAULT gen_random_uuid(),
    counter   bigint NOT NULL DEFAULT 0
);
INSERT INTO data_version DEFAULT VALUES;

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET counter = counter + 1;
    RETURN NULL;
END;
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['projects', 'zones', 'district', 'townships', 'parcels', 'relocation_flows', 'constraints',
                             'facilities', 'indicators', 'policies', 'reforms', 'milestones']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()',
                       t || '_data_version', t);
    END LOOP;
END;
$$;
