-- Listings and sellers as the marketplace names them: its own ids (what brands type and
-- paste), a version so an older update never overwrites a newer one, the listing's address
-- and picture, and whether the marketplace has ended it. Listings made before the
-- marketplace sent its own (seed data) take their portal id as theirs.
ALTER TABLE sellers ADD COLUMN external_id TEXT;
ALTER TABLE sellers ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
UPDATE sellers SET external_id = CAST(id AS TEXT);
CREATE UNIQUE INDEX sellers_by_external_id ON sellers (external_id);

ALTER TABLE listings ADD COLUMN external_id TEXT;
ALTER TABLE listings ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE listings ADD COLUMN url TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN image_url TEXT NOT NULL DEFAULT '';
-- The marketplace's own state of the listing, apart from the portal's decisions (status):
-- an ended listing is no longer for sale, so there is nothing to report or take down.
ALTER TABLE listings ADD COLUMN market_status TEXT NOT NULL DEFAULT 'live'
    CHECK (market_status IN ('live', 'ended'));
ALTER TABLE listings ADD COLUMN updated_at BIGINT;
UPDATE listings SET external_id = CAST(id AS TEXT);
-- Serves every typed listing reference, and ingest's upsert.
CREATE UNIQUE INDEX listings_by_external_id ON listings (external_id);
