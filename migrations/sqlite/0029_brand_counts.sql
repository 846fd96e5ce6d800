-- The managers' and admins' analytics: the running counts of the public figures (0028) per
-- brand, and per manager who decided, kept by the same figures job in the same transaction.
-- A brand's page reads its own rows; the analytics page reads a period's rows of the brands
-- the caller may see.
CREATE TABLE brand_counts (
    brand_id INTEGER NOT NULL,
    day      INTEGER NOT NULL,
    metric   TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    tally    INTEGER NOT NULL,
    PRIMARY KEY (brand_id, day, metric, key)
) WITHOUT ROWID;
-- Serves a period across every brand (admins).
CREATE INDEX brand_counts_by_day ON brand_counts (day, brand_id);
