-- Sellers' side of notice and action: counter-notices against removals, the brand's
-- response, the account manager's decision, and repeat-infringer strikes and suspensions.

-- A seller's appeal against one removed report item (DSA Art. 20; DMCA §512(g)).
CREATE TABLE counter_notices (
    id                  INTEGER PRIMARY KEY,
    item_id             INTEGER NOT NULL REFERENCES report_items (id),
    listing_id          INTEGER NOT NULL REFERENCES listings (id),
    seller_id           INTEGER NOT NULL REFERENCES sellers (id),
    brand_id            INTEGER NOT NULL REFERENCES brands (id),
    filed_by            INTEGER NOT NULL REFERENCES users (id),
    ground              TEXT    NOT NULL
                                CHECK (ground IN ('genuine', 'licensed', 'different_mark', 'other')),
    statement           TEXT    NOT NULL,
    contact_name        TEXT    NOT NULL,
    contact_email       TEXT    NOT NULL,
    contact_address     TEXT    NOT NULL,
    declaration         TEXT    NOT NULL,
    signature           TEXT    NOT NULL,
    filed_at            INTEGER NOT NULL,
    -- The brand may respond until then; after it the case is flagged "no response".
    response_due_at     INTEGER NOT NULL,
    response_kind       TEXT    CHECK (response_kind IS NULL OR response_kind IN ('evidence', 'legal_action')),
    response_text       TEXT    NOT NULL DEFAULT '',
    responded_by        INTEGER REFERENCES users (id),
    responded_at        INTEGER,
    -- Set by the hourly sweep when the window passes without a response (and audited then).
    no_response_at      INTEGER,
    status              TEXT    NOT NULL DEFAULT 'open'
                                CHECK (status IN ('open', 'restored', 'removal_stands')),
    decided_by          INTEGER REFERENCES users (id),
    decided_at          INTEGER,
    decision_note       TEXT    NOT NULL DEFAULT ''
);
-- One open counter-notice per listing, even when two submissions race.
CREATE UNIQUE INDEX counter_notices_one_open ON counter_notices (listing_id) WHERE status = 'open';
CREATE UNIQUE INDEX counter_notices_by_item ON counter_notices (item_id);
-- Serves the appeals queue and a brand's "awaiting your response" count.
CREATE INDEX counter_notices_open_by_brand ON counter_notices (brand_id, filed_at) WHERE status = 'open';

-- Files attached to a counter-notice by the seller or to the brand's response.
CREATE TABLE counter_notice_files (
    counter_notice_id INTEGER NOT NULL REFERENCES counter_notices (id),
    file_id           INTEGER NOT NULL REFERENCES files (id) UNIQUE,
    party             TEXT    NOT NULL CHECK (party IN ('seller', 'brand')),
    PRIMARY KEY (counter_notice_id, file_id)
);

-- One strike per removal that stands; lifted when the removal is undone (restored,
-- overturned, retracted). Active strikes in the trailing window decide suspension.
CREATE TABLE strikes (
    item_id     INTEGER PRIMARY KEY REFERENCES report_items (id),
    seller_id   INTEGER NOT NULL REFERENCES sellers (id),
    listing_id  INTEGER NOT NULL REFERENCES listings (id),
    struck_at   INTEGER NOT NULL,
    lifted_at   INTEGER,
    lifted_why  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX strikes_active ON strikes (seller_id, struck_at) WHERE lifted_at IS NULL;

-- A suspended seller's live listings are hidden from marketplace pages until then.
ALTER TABLE sellers ADD COLUMN suspended_until   INTEGER;
ALTER TABLE sellers ADD COLUMN suspension_reason TEXT NOT NULL DEFAULT '';
-- 1 when the strikes rule suspended the seller (lifted again if a strike goes); 0 for admins.
ALTER TABLE sellers ADD COLUMN suspended_by_rule INTEGER NOT NULL DEFAULT 0;
