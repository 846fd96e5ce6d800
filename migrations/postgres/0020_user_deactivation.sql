-- Accounts an admin deactivated: they cannot sign in, their sessions ended when it was done,
-- and everything they did stays (reports, decisions, the audit trail name them). Reactivating
-- clears both columns; the audit trail keeps the history.
ALTER TABLE users ADD COLUMN deactivated_at     BIGINT;
ALTER TABLE users ADD COLUMN deactivated_reason TEXT NOT NULL DEFAULT '';
