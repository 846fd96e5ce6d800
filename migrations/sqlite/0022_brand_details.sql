-- Brands are created and kept by platform admins: the brand's contact (who the marketplace
-- writes to about the programme), and deactivation. A deactivated brand's staff cannot sign in
-- or use its API tokens, and it files nothing; its reports, decisions and trail stay.
-- Reactivating clears both columns; the audit trail keeps the history.
ALTER TABLE brands ADD COLUMN contact_name       TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN contact_email      TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN deactivated_at     INTEGER;
ALTER TABLE brands ADD COLUMN deactivated_reason TEXT NOT NULL DEFAULT '';
