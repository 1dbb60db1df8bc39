-- Every change of data_version (0004: bumped by the statement triggers of every collection table, and by hand after a
-- change they do not see, such as a table replaced) notifies channel data_version, delivered to listeners when the
-- changing transaction commits (PostgreSQL folds a transaction's repeats into one). A running service listens, and so
-- learns of a write made anywhere (another instance, psql, QGIS, an import) without asking on every request: it keeps
-- items/{id} answers read at one data version (KeptItems) and answers from them while it has heard of no other.
CREATE FUNCTION notify_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('data_version', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER data_version_notify AFTER UPDATE ON data_version FOR EACH STATEMENT EXECUTE FUNCTION notify_data_version();
