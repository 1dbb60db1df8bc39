-- A version per collection beside the one of all collections (data_version): what is made from one collection alone
-- (its vector tiles, and above all the generalised tiles of a million parcels: a minute of a database core) is kept
-- while other collections are edited. The statement triggers bump both. The collection is the trigger's argument, not
-- TG_TABLE_NAME: a large import fills a shadow table carrying copies of the triggers and swaps it in under the
-- collection's name, and its rows must count for the collection. A collection never written has no row (counter 0).
CREATE TABLE collection_versions (
    collection text   PRIMARY KEY,
    counter    bigint NOT NULL
);

CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET counter = counter + 1;
    IF TG_NARGS > 0 THEN
        INSERT INTO collection_versions VALUES (TG_ARGV[0], 1)
        ON CONFLICT (collection) DO UPDATE SET counter = collection_versions.counter + 1;
    END IF;
    RETURN NULL;
END;
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['projects', 'zones', 'district', 'townships', 'parcels', 'relocation_flows', 'constraints',
                             'facilities', 'indicators', 'policies', 'reforms', 'milestones']
    LOOP
        -- Replaced in place: a DROP would hold every table ACCESS EXCLUSIVE until the migration commits.
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version(%L)',
                       t || '_data_version', t, t);
    END LOOP;
END;
$$;
