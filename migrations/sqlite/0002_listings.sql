-- Marketplace listings, as supplied by the marketplace (seed data, import, ingest API).

CREATE TABLE listings (
    id          INTEGER PRIMARY KEY,
    seller_id   INTEGER NOT NULL REFERENCES sellers (id),
    title       TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    currency    TEXT    NOT NULL DEFAULT 'USD',
    status      TEXT    NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'removed', 'restored')),
    created_at  INTEGER NOT NULL
);
-- Serves the seller's home: one seller's listings, newest first.
CREATE INDEX listings_by_seller ON listings (seller_id, id);
