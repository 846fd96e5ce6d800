-- Statements of reasons for the EU DSA Transparency Database (Art. 24(5)): one per decision that
-- restricts a listing (a removal on review, an instant takedown, a counterfeit answer to an
-- inquiry, an audit confirming a takedown) and one per restoration that lifts it.
--
-- Rows are written by triggers, in the transaction of the decision: the outbox row of a removal
-- or restoration, or an audit's confirmation. So a statement exists exactly when its decision
-- committed, no use case has to remember it, and an instant takedown pays no extra round trip.
-- The statement's text is built from the decision's rows when it is sent or exported; this row
-- holds where its submission stands.
CREATE TABLE dsa_statements (
    id              INTEGER PRIMARY KEY,
    decision        TEXT    NOT NULL
                            CHECK (decision IN ('removal', 'restoration', 'audit_confirmation')),
    item_id         INTEGER NOT NULL REFERENCES report_items (id),
    listing_id      INTEGER NOT NULL REFERENCES listings (id),
    decided_at      INTEGER NOT NULL,
    -- pending until the database accepts it; failed once retries ran out (an admin may resend).
    state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'submitted', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    -- A dispatcher sending the row holds it until then; one that died lets it go.
    lease_until     INTEGER,
    last_attempt_at INTEGER,
    last_error      TEXT,
    -- The database's id for the statement, once accepted.
    tdb_id          TEXT,
    submitted_at    INTEGER
);
-- Serves the dispatcher: pending statements, due first.
CREATE INDEX dsa_statements_due ON dsa_statements (next_attempt_at, id) WHERE state = 'pending';
-- Serves the export and the admin's list by date.
CREATE INDEX dsa_statements_by_date ON dsa_statements (decided_at, id);
-- Serves the admin's list by state.
CREATE INDEX dsa_statements_by_state ON dsa_statements (state, id);
-- Finds the removal a restoration or an audit's confirmation follows.
CREATE INDEX dsa_statements_by_item ON dsa_statements (item_id, id);

CREATE TRIGGER dsa_statement_of_outbox AFTER INSERT ON marketplace_outbox
WHEN NEW.event IN ('listing.removed', 'listing.restored') AND NEW.item_id IS NOT NULL
BEGIN
    INSERT INTO dsa_statements (decision, item_id, listing_id, decided_at)
    VALUES (CASE NEW.event WHEN 'listing.removed' THEN 'removal' ELSE 'restoration' END,
            NEW.item_id, NEW.listing_id, NEW.created_at);
END;

CREATE TRIGGER dsa_statement_of_audit AFTER UPDATE OF status ON takedown_audits
WHEN NEW.status = 'confirmed' AND OLD.status <> 'confirmed'
BEGIN
    INSERT INTO dsa_statements (decision, item_id, listing_id, decided_at)
    SELECT 'audit_confirmation', NEW.item_id, i.listing_id, NEW.decided_at
    FROM report_items i WHERE i.id = NEW.item_id;
END;

-- Decisions made before this migration get their statements too, waiting to be sent.
INSERT INTO dsa_statements (decision, item_id, listing_id, decided_at)
SELECT CASE event WHEN 'listing.removed' THEN 'removal' ELSE 'restoration' END,
       item_id, listing_id, created_at
FROM marketplace_outbox
WHERE event IN ('listing.removed', 'listing.restored') AND item_id IS NOT NULL
ORDER BY id;
INSERT INTO dsa_statements (decision, item_id, listing_id, decided_at)
SELECT 'audit_confirmation', a.item_id, i.listing_id, a.decided_at
FROM takedown_audits a JOIN report_items i ON i.id = a.item_id
WHERE a.status = 'confirmed'
ORDER BY a.decided_at;
