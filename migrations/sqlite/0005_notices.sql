-- Notice and action: uploaded files, IP rights, reports (notices) and their items.

-- Proof documents and evidence. Bytes live in the database so every instance can serve them
-- and a backup of the database is a backup of the evidence.
CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    brand_id     INTEGER NOT NULL REFERENCES brands (id),
    uploaded_by  INTEGER NOT NULL REFERENCES users (id),
    purpose      TEXT    NOT NULL CHECK (purpose IN ('proof', 'evidence')),
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,
    data         BLOB    NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX files_by_brand ON files (brand_id, id);

CREATE TABLE ip_rights (
    id                  INTEGER PRIMARY KEY,
    brand_id            INTEGER NOT NULL REFERENCES brands (id),
    kind                TEXT    NOT NULL CHECK (kind IN ('trademark', 'copyright', 'design', 'patent')),
    registration_number TEXT    NOT NULL,
    jurisdiction        TEXT    NOT NULL,
    classes             TEXT    NOT NULL DEFAULT '',
    expires_on          TEXT,
    proof_file_id       INTEGER NOT NULL REFERENCES files (id),
    status              TEXT    NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'verified', 'rejected')),
    decision_note       TEXT    NOT NULL DEFAULT '',
    decided_by          INTEGER REFERENCES users (id),
    decided_at          INTEGER,
    created_by          INTEGER NOT NULL REFERENCES users (id),
    created_at          INTEGER NOT NULL
);
CREATE INDEX ip_rights_by_brand ON ip_rights (brand_id, id);
-- Serves the verification queue.
CREATE INDEX ip_rights_by_status ON ip_rights (status, id);

CREATE TABLE reports (
    id                 INTEGER PRIMARY KEY,
    brand_id           INTEGER NOT NULL REFERENCES brands (id),
    submitted_by       INTEGER NOT NULL REFERENCES users (id),
    ip_right_id        INTEGER NOT NULL REFERENCES ip_rights (id),
    reason             TEXT    NOT NULL,
    explanation        TEXT    NOT NULL,
    test_buy_order     TEXT    NOT NULL DEFAULT '',
    declaration        TEXT    NOT NULL,
    signature          TEXT    NOT NULL,
    -- The rejected item this report corrects, if it is a resubmission.
    resubmits_item_id  INTEGER,
    submitted_at       INTEGER NOT NULL
);
CREATE INDEX reports_by_brand ON reports (brand_id, id);

CREATE TABLE report_evidence (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    file_id   INTEGER NOT NULL REFERENCES files (id) UNIQUE,
    PRIMARY KEY (report_id, file_id)
);

CREATE TABLE report_items (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports (id),
    brand_id       INTEGER NOT NULL REFERENCES brands (id),
    -- The brand's account manager while the item is pending (kept in step by
    -- brands::assign_manager), so a manager's queue is one ordered index range.
    manager_id     INTEGER REFERENCES users (id),
    listing_id     INTEGER NOT NULL REFERENCES listings (id),
    line_text      TEXT    NOT NULL,
    note           TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'removed', 'rejected', 'withdrawn',
                                             'counter_noticed', 'restored', 'removal_stands')),
    -- Queue order, fixed at submission from the brand's tier (0 = Joint-Force first).
    priority       INTEGER NOT NULL,
    deadline_at    INTEGER NOT NULL,
    submitted_at   INTEGER NOT NULL,
    decided_by     INTEGER REFERENCES users (id),
    decided_at     INTEGER,
    rejection_code TEXT,
    decision_note  TEXT    NOT NULL DEFAULT ''
);
-- The review queue: pending items in queue order, for admins (all brands), for one manager
-- and for one brand. Partial, so decided items cost nothing.
CREATE INDEX report_items_queue ON report_items (priority, deadline_at, submitted_at, id)
    WHERE status = 'pending';
CREATE INDEX report_items_queue_by_manager
    ON report_items (manager_id, priority, deadline_at, submitted_at, id) WHERE status = 'pending';
CREATE INDEX report_items_queue_by_brand
    ON report_items (brand_id, priority, deadline_at, submitted_at, id) WHERE status = 'pending';
CREATE INDEX report_items_by_report ON report_items (report_id, id);
-- Serves "already under review" and the statement of reasons on a listing.
CREATE INDEX report_items_by_listing ON report_items (listing_id, status);
-- Serves a brand's report list and its counts per status.
CREATE INDEX report_items_by_brand ON report_items (brand_id, status, id);
-- One pending item per listing and brand, even when two reports race: the second insert fails.
CREATE UNIQUE INDEX report_items_one_pending ON report_items (brand_id, listing_id)
    WHERE status = 'pending';
