-- Signed-in sessions, shared by every server instance. `data` is the session's JSON.
CREATE TABLE sessions (
    id         TEXT   NOT NULL PRIMARY KEY,
    data       TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
-- Serves the periodic sweep of expired sessions.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
