-- Users of the office's identity provider get a row of their own (issue 13): 'oidc:' and the provider's name for them,
-- lower case, up to 128 characters after the prefix, with no password hash. The row is what `users disable oidc:NAME`
-- changes; local account names stay 1–64 characters.
ALTER TABLE users DROP CONSTRAINT users_name_check;
ALTER TABLE users ADD CONSTRAINT users_name_check CHECK (
    name = lower(name)
    AND (char_length(name) BETWEEN 1 AND 64 OR (name LIKE 'oidc:_%' AND char_length(name) <= 133 AND password_hash IS NULL)));
