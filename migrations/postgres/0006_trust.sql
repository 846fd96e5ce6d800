-- Trust tiers: what the rules last concluded about each brand, and admin overrides.
-- brands.tier stays the tier in force (an active override, else the computed tier), so the
-- queue and every page read one column.
ALTER TABLE brands ADD COLUMN good_faith       BIGINT  NOT NULL DEFAULT 0 CHECK (good_faith IN (0, 1));
ALTER TABLE brands ADD COLUMN computed_tier    TEXT    NOT NULL DEFAULT 'standard'
    CHECK (computed_tier IN ('standard', 'good_faith', 'joint_force'));
ALTER TABLE brands ADD COLUMN tier_reason      TEXT    NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN lockout_until    BIGINT;
ALTER TABLE brands ADD COLUMN misuse_warned_at BIGINT;
ALTER TABLE brands ADD COLUMN suspended_until  BIGINT;
ALTER TABLE brands ADD COLUMN override_tier    TEXT
    CHECK (override_tier IS NULL OR override_tier IN ('standard', 'good_faith', 'joint_force'));
ALTER TABLE brands ADD COLUMN override_reason  TEXT    NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN override_until   BIGINT;

-- Serves the figures: a brand's decided items in the trailing window, and all brands' at once.
CREATE INDEX report_items_decided ON report_items (brand_id, decided_at) WHERE decided_at IS NOT NULL;
CREATE INDEX report_items_decided_at ON report_items (decided_at) WHERE decided_at IS NOT NULL;
