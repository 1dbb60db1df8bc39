-- Actual values of the 附件1 indicators, recorded with the date they refer to. Append-only: earlier values are kept,
-- so UPDATE, DELETE and TRUNCATE are refused. No foreign key to indicators, because the importer truncates and
-- reloads that table and recorded actuals must survive a re-import; the service checks the indicator id instead.
CREATE TABLE indicator_actuals (
    seq          bigserial PRIMARY KEY,
    indicator_id bigint NOT NULL,
    value        double precision NOT NULL CHECK (value = value AND value NOT IN ('Infinity', '-Infinity')),
    as_of        date NOT NULL,
    note         text,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX indicator_actuals_indicator_idx ON indicator_actuals (indicator_id, as_of, seq);

CREATE FUNCTION indicator_actuals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'indicator_actuals is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER indicator_actuals_no_update_delete BEFORE UPDATE OR DELETE ON indicator_actuals
    FOR EACH ROW EXECUTE FUNCTION indicator_actuals_append_only();

CREATE TRIGGER indicator_actuals_no_truncate BEFORE TRUNCATE ON indicator_actuals
    FOR EACH STATEMENT EXECUTE FUNCTION indicator_actuals_append_only();
