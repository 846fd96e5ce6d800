-- Notifications: the bell's list of what happened to someone, derived from the audit trail by
-- the notifier (so no use case has to remember to notify, and a notification exists exactly
-- when its change committed). `dedupe` names what the notification is about ("report:12"), so
-- a kind is told once per thing per person, whichever instance derives it. `mailed` is 0 while
-- a digest may still carry it, 1 once mailed or not to be mailed.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT    NOT NULL,
    dedupe     TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    link       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    mailed     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (user_id, kind, dedupe)
);
-- The bell: one person's newest, and their unread count.
CREATE INDEX notifications_by_user ON notifications (user_id, id);
-- The digest: notifications still waiting for one.
CREATE INDEX notifications_to_digest ON notifications (user_id, created_at) WHERE mailed = 0;

-- How each person wants each kind by mail; no row: at once.
CREATE TABLE notification_prefs (
    user_id  INTEGER NOT NULL REFERENCES users (id),
    kind     TEXT    NOT NULL,
    delivery TEXT    NOT NULL CHECK (delivery IN ('immediately', 'digest', 'off')),
    PRIMARY KEY (user_id, kind)
);

-- How far the notifier has read the audit trail (one row). Starting from the trail's end,
-- a new portal does not notify about its own history.
CREATE TABLE notifier_cursor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id INTEGER NOT NULL
);
INSERT INTO notifier_cursor (id, last_event_id) SELECT 1, COALESCE(MAX(id), 0) FROM audit_events;
