-- The marketplace connection's way out: integration keys for the marketplace's systems, the
-- webhook endpoint the outbox is delivered to, and the delivery state of every outbox row.
--
-- The outbox now also carries seller suspensions and their end (listing_id, brand_id and
-- item_id are empty for those, seller_id names the seller), so the table is rebuilt: SQLite
-- cannot change a column's NOT NULL or a CHECK in place.

-- A marketplace system's key: acts for the marketplace (the events feed, listing ingest), not
-- for a brand. Only a SHA-256 of the secret is stored, as for brand tokens.
CREATE TABLE marketplace_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    key_hash     TEXT    NOT NULL UNIQUE,
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER,
    revoked_by   INTEGER REFERENCES users (id)
);

-- The one webhook endpoint (id 1). The signing secret is kept as it is because every delivery
-- is signed with it; during a rotation the previous secret signs too, until previous_until.
CREATE TABLE webhook_endpoint (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    url             TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    previous_secret TEXT,
    previous_until  INTEGER,
    updated_by      INTEGER REFERENCES users (id),
    updated_at      INTEGER NOT NULL
);

CREATE TABLE marketplace_outbox_new (
    id              INTEGER PRIMARY KEY,
    event           TEXT    NOT NULL CHECK (event IN ('listing.removed', 'listing.restored',
                                                      'seller.suspended', 'seller.reinstated')),
    listing_id      INTEGER REFERENCES listings (id),
    brand_id        INTEGER REFERENCES brands (id),
    item_id         INTEGER REFERENCES report_items (id),
    seller_id       INTEGER REFERENCES sellers (id),
    -- For seller.suspended: when the suspension ends.
    until_at        INTEGER,
    created_at      INTEGER NOT NULL,
    -- pending until delivered, or failed once retries ran out (an admin may redeliver).
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    -- A dispatcher working on the row holds it until then; one that died lets it go.
    lease_until     INTEGER,
    last_attempt_at INTEGER,
    -- The last attempt: the HTTP status (NULL when no answer came), the signing headers sent,
    -- and the answer's first kilobyte or the transport error.
    last_status     INTEGER,
    last_request    TEXT,
    last_response   TEXT,
    delivered_at    INTEGER
);
INSERT INTO marketplace_outbox_new (id, event, listing_id, brand_id, item_id, created_at, state,
                                    delivered_at)
    SELECT id, event, listing_id, brand_id, item_id, created_at,
           CASE WHEN delivered_at IS NULL THEN 'pending' ELSE 'delivered' END, delivered_at
    FROM marketplace_outbox;
DROP TABLE marketplace_outbox;
ALTER TABLE marketplace_outbox_new RENAME TO marketplace_outbox;
-- Serves the dispatcher: pending rows due, in order.
CREATE INDEX marketplace_outbox_due ON marketplace_outbox (next_attempt_at, id) WHERE state = 'pending';
-- Serves "in order per listing (and seller)": is an earlier row of the same listing pending?
CREATE INDEX marketplace_outbox_pending_listing ON marketplace_outbox (listing_id, id)
    WHERE state = 'pending' AND listing_id IS NOT NULL;
CREATE INDEX marketplace_outbox_pending_seller ON marketplace_outbox (seller_id, id)
    WHERE state = 'pending' AND seller_id IS NOT NULL;
-- Serves the Integration page's filters.
CREATE INDEX marketplace_outbox_by_state ON marketplace_outbox (state, id);
CREATE INDEX marketplace_outbox_by_listing ON marketplace_outbox (listing_id, id);

-- What the demo's built-in receiver received, shown on the Integration page (demo mode only).
CREATE TABLE demo_webhook_receipts (
    id          INTEGER PRIMARY KEY,
    webhook_id  TEXT    NOT NULL,
    event       TEXT    NOT NULL,
    verified    TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    received_at INTEGER NOT NULL
);
