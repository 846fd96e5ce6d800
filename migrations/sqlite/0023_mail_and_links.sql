-- Mail the portal sends: written in the same transaction as what it tells of, then sent by
-- the mailer through SMTP (GOODFAITH_SMTP_URL). Without SMTP the rows wait here and admins (in
-- demo mode everyone) read them on the Mail page: no mail is ever lost. A failed attempt is
-- retried with backoff; next_attempt_at is NULL once the mail is sent or given up.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    to_address      TEXT    NOT NULL,
    to_user_id      INTEGER REFERENCES users (id),
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    body_html       TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    sent_at         INTEGER,
    last_error      TEXT    NOT NULL DEFAULT ''
);
-- The mailer's work: mail still to send, oldest due first.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

-- One-time links sent by mail: a password reset (15 minutes) or an invitation (72 hours).
-- Only a SHA-256 of the link's secret is stored. A link works once: used_at is set in the
-- transaction that acts on it, and a newer link of the same kind to the same address voids
-- the older (revoked_at). An invitation carries the account to create when it is accepted.
CREATE TABLE one_time_links (
    id           INTEGER PRIMARY KEY,
    purpose      TEXT    NOT NULL CHECK (purpose IN ('password_reset', 'invitation')),
    token_hash   TEXT    NOT NULL UNIQUE,
    email        TEXT    NOT NULL,
    user_id      INTEGER REFERENCES users (id),
    display_name TEXT    NOT NULL DEFAULT '',
    role         TEXT,
    brand_id     INTEGER REFERENCES brands (id),
    seller_id    INTEGER REFERENCES sellers (id),
    brand_admin  INTEGER NOT NULL DEFAULT 0,
    created_by   INTEGER REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,
    revoked_at   INTEGER
);
-- Pending invitations of a brand, and the links of one address (voiding the older).
CREATE INDEX one_time_links_by_brand ON one_time_links (brand_id, purpose);
CREATE INDEX one_time_links_by_email ON one_time_links (email, purpose);

-- Brand admins: brand staff who may also manage their brand's people (invite, change roles,
-- deactivate) and its API tokens.
ALTER TABLE users ADD COLUMN brand_admin INTEGER NOT NULL DEFAULT 0;
