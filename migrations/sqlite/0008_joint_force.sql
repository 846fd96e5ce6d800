-- Joint-Force, the other half: audit samples of instant takedowns, authenticity inquiries,
-- and what brands maintain for the suspicion rules (reference prices, authorised sellers).

-- An instant takedown picked for the account manager's audit.
CREATE TABLE takedown_audits (
    item_id     INTEGER PRIMARY KEY REFERENCES report_items (id),
    brand_id    INTEGER NOT NULL REFERENCES brands (id),
    -- The brand's account manager when the sample was drawn.
    manager_id  INTEGER REFERENCES users (id),
    status      TEXT    NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'confirmed', 'overturned', 'retracted')),
    note        TEXT    NOT NULL DEFAULT '',
    decided_by  INTEGER REFERENCES users (id),
    decided_at  INTEGER,
    sampled_at  INTEGER NOT NULL
);
-- Serves the manager's audit queue.
CREATE INDEX takedown_audits_open ON takedown_audits (manager_id, sampled_at) WHERE status = 'open';

-- "Is this listing genuine?", asked by an account manager of a Joint-Force brand.
CREATE TABLE inquiries (
    id           INTEGER PRIMARY KEY,
    listing_id   INTEGER NOT NULL REFERENCES listings (id),
    brand_id     INTEGER NOT NULL REFERENCES brands (id),
    asked_by     INTEGER NOT NULL REFERENCES users (id),
    question     TEXT    NOT NULL,
    -- The suspicion rule that flagged the listing, if the manager started from one.
    rule         TEXT,
    status       TEXT    NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'counterfeit', 'genuine', 'unsure', 'expired')),
    comment      TEXT    NOT NULL DEFAULT '',
    answered_by  INTEGER REFERENCES users (id),
    answered_at  INTEGER,
    -- The report item a "counterfeit" answer created.
    item_id      INTEGER REFERENCES report_items (id),
    deadline_at  INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX inquiries_by_brand ON inquiries (brand_id, id);
CREATE INDEX inquiries_by_asker ON inquiries (asked_by, id);
-- A listing is asked about once at a time per brand.
CREATE UNIQUE INDEX inquiries_open_once ON inquiries (brand_id, listing_id) WHERE status = 'open';

-- Listings a brand answered "genuine" about: not asked about again.
CREATE TABLE listing_clearances (
    brand_id    INTEGER NOT NULL REFERENCES brands (id),
    listing_id  INTEGER NOT NULL REFERENCES listings (id),
    inquiry_id  INTEGER NOT NULL REFERENCES inquiries (id),
    cleared_by  INTEGER NOT NULL REFERENCES users (id),
    cleared_at  INTEGER NOT NULL,
    PRIMARY KEY (brand_id, listing_id)
);

-- A brand's product lines with their usual price, for the "price below reference" rule.
CREATE TABLE reference_prices (
    id           INTEGER PRIMARY KEY,
    brand_id     INTEGER NOT NULL REFERENCES brands (id),
    product_line TEXT    NOT NULL,
    price_cents  INTEGER NOT NULL CHECK (price_cents > 0),
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    UNIQUE (brand_id, product_line)
);

-- Sellers a brand has authorised to sell its goods.
CREATE TABLE authorised_sellers (
    brand_id    INTEGER NOT NULL REFERENCES brands (id),
    seller_id   INTEGER NOT NULL REFERENCES sellers (id),
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (brand_id, seller_id)
);

-- Serves the "seller with strikes" rule: removals per listing.
CREATE INDEX report_items_removed_by_listing ON report_items (listing_id, decided_at)
    WHERE status IN ('removed', 'counter_noticed', 'removal_stands');
