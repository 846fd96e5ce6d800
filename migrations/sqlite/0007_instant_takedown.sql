-- Joint-Force instant takedown: items removed inside the brand's own request, and the outbox
-- the marketplace integration reads to take listings down (and put them back) on its side.
ALTER TABLE report_items ADD COLUMN instant INTEGER NOT NULL DEFAULT 0 CHECK (instant IN (0, 1));

CREATE TABLE marketplace_outbox (
    id           INTEGER PRIMARY KEY,
    event        TEXT    NOT NULL CHECK (event IN ('listing.removed', 'listing.restored')),
    listing_id   INTEGER NOT NULL REFERENCES listings (id),
    brand_id     INTEGER NOT NULL REFERENCES brands (id),
    item_id      INTEGER NOT NULL REFERENCES report_items (id),
    created_at   INTEGER NOT NULL,
    delivered_at INTEGER
);
-- Serves the integration's poll: undelivered events in order.
CREATE INDEX marketplace_outbox_pending ON marketplace_outbox (id) WHERE delivered_at IS NULL;
-- Serves the takedown page: a brand's recent instant takedowns.
CREATE INDEX report_items_instant ON report_items (brand_id, decided_at) WHERE instant = 1;
