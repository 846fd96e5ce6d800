-- The public transparency figures (DSA Arts. 15 and 24) as running counts: per UTC day, a
-- metric ('notice', 'decided', 'review_time', …) and a key ('joint_force:counterfeit', …), the
-- number. A year's figures sum a few thousand rows, however many items were decided.
--
-- They are kept by the figures job, which reads the audit trail past its cursor (as the
-- notifier does), not by triggers: an instant takedown's transaction writes nothing more, and
-- on PostgreSQL no platform-wide row is locked by every decision. Seeded history, which has
-- no audit trail, is counted by a recount (`db::transparency::recount`).
CREATE TABLE transparency_counts (
    day    INTEGER NOT NULL,
    metric TEXT    NOT NULL,
    key    TEXT    NOT NULL,
    tally  INTEGER NOT NULL,
    PRIMARY KEY (day, metric, key)
) WITHOUT ROWID;

-- The last audit event the figures job has counted.
CREATE TABLE transparency_cursor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id INTEGER NOT NULL
);
INSERT INTO transparency_cursor (id, last_event_id) VALUES (1, 0);

-- A statement of reasons and the figures ask whether an item came from an inquiry.
CREATE INDEX inquiries_by_item ON inquiries (item_id) WHERE item_id IS NOT NULL;
