-- Staff accounts (issue 13), their personal tokens, and the audit trail of every write.
-- Names are stored normalized (lower case, checked by the service); password hashes are ASP.NET Core Identity's;
-- tokens are kept only as their SHA-256. The stamp changes with the password or when the account is disabled, which
-- ends the sessions opened before.
CREATE TABLE users (
    name          text PRIMARY KEY CHECK (char_length(name) BETWEEN 1 AND 64 AND name = lower(name)),
    role          text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    password_hash text,
    disabled      boolean NOT NULL DEFAULT false,
    stamp         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_tokens (
    token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_name  text NOT NULL REFERENCES users (name),
    label      text NOT NULL CHECK (char_length(label) <= 100),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Who did what, when. Append-only like indicator_actuals: UPDATE, DELETE and TRUNCATE are refused, so nobody can
-- rewrite the trail. user_name is plain text, not a foreign key, so a failed login under an unknown name is recorded too.
CREATE TABLE audit_log (
    seq        bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    user_name  text,
    action     text NOT NULL,
    collection text,
    target     text,
    detail     jsonb
);

CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (user_name, at);
CREATE INDEX audit_log_collection_idx ON audit_log (collection, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- ASP.NET Core Data Protection's key ring (it signs session cookies and anti-forgery tokens), shared by every service
-- process so that a session opened on one is valid on all: processes stay stateless behind a balancer without affinity.
CREATE TABLE data_protection_keys (
    id            bigserial PRIMARY KEY,
    friendly_name text NOT NULL UNIQUE,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
