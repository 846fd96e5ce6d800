-- Tier figures (per brand: decided items in the window, grouped by status and rejection code)
-- are recomputed inside every decision and instant takedown. With an index on (brand_id,
-- decided_at) each item still cost a table lookup for its status and code: 3.6 ms per
-- takedown for a brand with 2,600 decided items, growing with every removal (bench/run.sh).
-- This index holds everything those queries read, in GROUP BY order, so they read the index
-- alone and sort nothing; report_id lets the per-reason and per-staff figures join reports
-- without visiting the item rows. Every query of the old index also filters on status.
DROP INDEX report_items_decided;
CREATE INDEX report_items_figures
    ON report_items (brand_id, status, rejection_code, decided_at, report_id)
    WHERE decided_at IS NOT NULL;
