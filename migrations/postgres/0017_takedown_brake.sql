-- The brake on instant takedown. Each brand counts the listings it took down in the current
-- clock hour and UTC day (the window's start and the count), so the cap is one conditional
-- update of the brand's row inside the takedown's transaction, not a count per request.
-- `takedown_cap_alerted_at` is when the brand's manager was last told it reached a cap.
ALTER TABLE brands ADD COLUMN takedown_hour_start     BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE brands ADD COLUMN takedown_hour_count     BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE brands ADD COLUMN takedown_day_start      BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE brands ADD COLUMN takedown_day_count      BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE brands ADD COLUMN takedown_cap_alerted_at BIGINT;

-- A strike from an instant takedown rests on the brand's word alone: it is shown to the
-- seller but counts towards suspension only once a person confirms it (an account manager,
-- directly or by confirming one of that brand's takedowns of the seller in audit, or by
-- upholding the removal after a counter-notice). Strikes from reviewed removals are
-- confirmed when they are given.
ALTER TABLE strikes ADD COLUMN confirmed BIGINT NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1));
-- Serves the count of a seller's strikes that count (every takedown asks it): the count is
-- read from this index alone, without visiting each strike's row for `confirmed`.
CREATE INDEX strikes_counted ON strikes (seller_id, struck_at) WHERE lifted_at IS NULL AND confirmed = 1;
-- Serves the managers' list of strikes waiting for confirmation.
CREATE INDEX strikes_unconfirmed ON strikes (seller_id) WHERE confirmed = 0 AND lifted_at IS NULL;
