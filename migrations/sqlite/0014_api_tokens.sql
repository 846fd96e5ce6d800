-- Brand API tokens and the answers remembered for idempotent requests.
--
-- A token acts as the staff member who made it, for their brand, within its scopes. Only a
-- SHA-256 of the secret is stored: the secret is 32 random bytes, so a slow hash would add
-- nothing but latency to every API call.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    brand_id     INTEGER NOT NULL REFERENCES brands (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL,
    -- The first characters of the secret, so people can tell their tokens apart.
    prefix       TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    -- Space-separated scope names, e.g. 'reports:read reports:write'.
    scopes       TEXT    NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    revoked_by   INTEGER REFERENCES users (id)
);
-- Serves the brand's token page.
CREATE INDEX api_tokens_by_brand ON api_tokens (brand_id, id);

-- The first answer to a POST sent with an Idempotency-Key, replayed for 24 hours to the
-- same token sending the same key with the same body. status is NULL while the first
-- request is still running, so a concurrent repeat waits for it instead of acting twice.
CREATE TABLE api_idempotency (
    token_id     INTEGER NOT NULL REFERENCES api_tokens (id),
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER,
    body         TEXT,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (token_id, idem_key)
);
-- Serves the sweep of answers older than a day.
CREATE INDEX api_idempotency_by_age ON api_idempotency (created_at);
