-- The append-only audit trail: every state change writes one row in the same transaction.
-- Nothing here is ever updated or deleted.

CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    occurred_at  INTEGER NOT NULL,
    actor_id     INTEGER REFERENCES users (id),
    action       TEXT    NOT NULL,
    subject_type TEXT    NOT NULL,
    subject_id   INTEGER NOT NULL,
    brand_id     INTEGER REFERENCES brands (id),
    detail       TEXT    NOT NULL DEFAULT ''
);
-- Serves a subject's timeline (a listing's or a report item's history).
CREATE INDEX audit_events_by_subject ON audit_events (subject_type, subject_id, id);
-- Serves a brand's activity history.
CREATE INDEX audit_events_by_brand ON audit_events (brand_id, id);

CREATE TRIGGER audit_events_are_append_only_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_are_append_only_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
